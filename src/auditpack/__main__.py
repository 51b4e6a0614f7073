"""`python -m auditpack` runs the command line."""

from .cli import main

main()
