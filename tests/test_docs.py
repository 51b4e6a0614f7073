"""The README stays true: its commands exist, CI runs its test command, every command is documented."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from auditpack.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def _commands(group: click.Group, prefix: str = "auditpack") -> list[tuple[str, click.Command]]:
    """Walk the command tree, returning (full name, command) pairs (loading lazy commands)."""
    out: list[tuple[str, click.Command]] = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        cmd = group.get_command(ctx, name)
        assert cmd is not None, name
        full = f"{prefix} {name}"
        out.append((full, cmd))
        if isinstance(cmd, click.Group):
            out.extend(_commands(cmd, full))
    return out


def test_every_command_has_help_text() -> None:
    missing = [name for name, cmd in _commands(cli) if not (cmd.help or "").strip()]
    assert missing == []


@pytest.mark.skipif(not README.exists(), reason="README.md is not beside the tests")
def test_every_command_is_in_the_readme() -> None:
    text = README.read_text(encoding="utf-8")
    leaves = [n for n, c in _commands(cli) if not isinstance(c, click.Group)]
    assert leaves, "no commands found"
    assert [n for n in leaves if f"`{n}" not in text] == []


@pytest.mark.skipif(not README.exists(), reason="README.md is not beside the tests")
def test_readme_opens_with_main_and_test_commands_and_ci_runs_the_test_command() -> None:
    head = README.read_text(encoding="utf-8").splitlines()[:12]
    main = [line for line in head if "auditpack " in line and "pip install" in line]
    tests = [line for line in head if "pytest" in line]
    assert main and tests
    test_cmd = tests[0].split("&&")[-1].strip()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_cmd in ci.splitlines()
