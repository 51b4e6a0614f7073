"""The `auditpack` command line: parses options, prints results, maps errors to exit codes.

The commands are listed here by name, with the module that holds each and its one-line
help, so that `auditpack --help` and `--version` import none of them (a test keeps the
lines equal to the commands' own help).
"""

from __future__ import annotations

import sys

import click

from . import __version__
from .commands.group import LazyGroup

COMMANDS: dict[str, tuple[str, str]] = {
    "access": ("auditpack.commands.access:access",
               "Review who can open which client matter in the DMS."),
    "build": ("auditpack.commands.package:build_cmd",
              "Build the examiner-ready package: narrative, workbook, evidence, signed "
              "manifest, ZIP."),
    "catalog": ("auditpack.commands.catalog:catalog",
                "List, show, search and cross-map the framework catalogs."),
    "check": ("auditpack.commands.evidence:check_cmd",
              "Test every control against the evidence in the store: pass, fail, stale, "
              "missing, not_tested."),
    "collect": ("auditpack.commands.evidence:collect_cmd",
                "Run the workspace's evidence collectors and record what they gather."),
    "coverage": ("auditpack.commands.workspace:coverage_cmd",
                 "Show which in-scope requirements the controls satisfy, directly or via "
                 "crosswalk."),
    "evidence": ("auditpack.commands.evidence:evidence",
                 "List and inspect the evidence in the store."),
    "init": ("auditpack.commands.workspace:init_cmd",
             "Create a commented, working workspace in DIRECTORY (never overwrites one)."),
    "keygen": ("auditpack.commands.package:keygen_cmd",
               "Write an Ed25519 key pair PREFIX.key (private) and PREFIX.pub for signing "
               "packages."),
    "oscal": ("auditpack.commands.oscal:oscal_group",
              "Export the package and the catalogs as OSCAL 1.1.3 JSON (validated), or "
              "check a file."),
    "raci": ("auditpack.commands.workspace:raci_cmd",
             "Show the RACI matrix (functions x named people) and its findings."),
    "requests": ("auditpack.commands.requests:requests_group",
                 "Answer an examiner's request list (PBC list) item by item."),
    "store": ("auditpack.commands.evidence:store_group", "Look after the evidence store."),
    "validate": ("auditpack.commands.workspace:validate_cmd",
                 "Check a workspace: every error (exit 2), then the RACI and escalation "
                 "findings."),
    "verify": ("auditpack.commands.package:verify_cmd",
               "Re-hash every file against the manifest and check the signature, offline."),
}


@click.group(cls=LazyGroup, lazy=COMMANDS)
@click.version_option(__version__, prog_name="auditpack")
def cli() -> None:
    """Build examiner-ready compliance evidence packages."""


def main() -> None:
    """Run the CLI; a user error exits 2 with a message, a bug keeps its traceback."""
    sys.exit(cli.main(prog_name="auditpack", standalone_mode=True))
