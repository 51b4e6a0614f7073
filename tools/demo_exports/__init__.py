"""Generator of the bundled demo workspaces' exports: vendor files and the compliance binder."""
