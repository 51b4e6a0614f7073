"""The `auditpack` command line: parses options, prints results, maps errors to exit codes."""

from __future__ import annotations

import sys

import click

from . import __version__
from .commands.access import access
from .commands.catalog import catalog
from .commands.common import AuditpackGroup
from .commands.evidence import check_cmd, collect_cmd, evidence, store_group
from .commands.oscal import oscal_group
from .commands.package import build_cmd, keygen_cmd, verify_cmd
from .commands.requests import requests_group
from .commands.workspace import coverage_cmd, init_cmd, raci_cmd, validate_cmd


@click.group(cls=AuditpackGroup)
@click.version_option(__version__, prog_name="auditpack")
def cli() -> None:
    """Build examiner-ready compliance evidence packages."""


cli.add_command(catalog)
cli.add_command(oscal_group)
for command in (init_cmd, validate_cmd, coverage_cmd, raci_cmd, collect_cmd, check_cmd,
                evidence, store_group, access, build_cmd, verify_cmd, keygen_cmd, requests_group):
    cli.add_command(command)


def main() -> None:
    """Run the CLI; a user error exits 2 with a message, a bug keeps its traceback."""
    sys.exit(cli.main(prog_name="auditpack", standalone_mode=True))
