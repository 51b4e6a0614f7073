"""`python -m auditpack` runs the command line."""

from auditpack.cli import main

main()
