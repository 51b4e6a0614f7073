"""The examiner-ready package: assemble the model, render the documents, bundle, deliver.

`build.build_package` runs the pipeline; `model/`, `render/` and `bundle/` hold its stages.
"""
