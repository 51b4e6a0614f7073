"""What the package says: its model, assembled from the workspace, the store and the catalogs.

`assemble.assemble_model` checks the workspace, runs the checks and describes everything
in a `views.PackageModel`, which the renderers read and nothing else.
"""
