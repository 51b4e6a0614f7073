"""Start-up stays light: `auditpack --help` lists every command without importing any of them."""

from __future__ import annotations

import subprocess
import sys

import click
from click.testing import CliRunner

from auditpack.cli import COMMANDS, cli

HEAVY = ("pydantic", "jsonschema", "docx", "xlsxwriter", "openpyxl", "rich", "yaml")
LOADED_BY = """
import contextlib, io, sys
from auditpack.cli import cli
try:
    with contextlib.redirect_stdout(io.StringIO()):
        cli.main(sys.argv[1:], prog_name="auditpack")
except SystemExit:
    pass
print("\\n".join(sorted(sys.modules)))
"""


def modules_loaded_by(*args: str) -> list[str]:
    """Return the modules a fresh Python holds after running the CLI with these arguments."""
    out = subprocess.run([sys.executable, "-c", LOADED_BY, *args], capture_output=True,
                         text=True, check=True)
    return out.stdout.split()


def heavy(modules: list[str]) -> list[str]:
    """Return the modules that belong to a heavy dependency."""
    return [m for m in modules if m.split(".")[0] in HEAVY]


def test_help_and_version_import_no_heavy_dependency_and_no_command() -> None:
    for arg in ("--help", "--version"):
        modules = modules_loaded_by(arg)
        assert "click" in modules and "auditpack.cli" in modules
        assert heavy(modules) == [], arg
        assert [m for m in modules if m.startswith("auditpack.commands.")] == \
            ["auditpack.commands.group"], arg


def test_a_command_s_help_imports_its_module_only() -> None:
    modules = modules_loaded_by("keygen", "--help")
    assert "auditpack.commands.package" in modules
    assert "auditpack.commands.catalog" not in modules


def test_help_lists_every_command_with_its_own_first_line() -> None:
    result = CliRunner().invoke(cli, ["--help"], terminal_width=200)
    assert result.exit_code == 0
    for name, (_, line) in COMMANDS.items():
        assert f"  {name} " in result.stdout and line in result.stdout, name


def test_each_listed_line_is_the_command_s_own_help() -> None:
    ctx = click.Context(cli)
    for name, (_, line) in COMMANDS.items():
        command = cli.get_command(ctx, name)
        assert command is not None and command.name == name
        assert (command.help or "").splitlines()[0] == line, name


def test_a_command_s_own_help_is_complete() -> None:
    result = CliRunner().invoke(cli, ["build", "--help"])
    assert result.exit_code == 0
    assert "--copy-per-request" in result.stdout and "--no-cache" in result.stdout
    assert "Build the examiner-ready package" in result.stdout


def test_an_unknown_command_is_refused_with_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["bulid"])
    assert result.exit_code == 2 and "No such command 'bulid'" in result.stderr
