"""The command groups: AuditpackError shown as a message with exit 2, commands loaded lazily.

Light on purpose (Click and the errors only): the top-level group is built on it, so
whatever it imports is paid by `auditpack --help` and `--version`.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import import_module
from typing import Any

import click

from ..errors import AuditpackError


class UserError(click.ClickException):
    """An AuditpackError on its way to the terminal: printed with its problems, exit 2."""

    exit_code = 2

    def __init__(self, error: AuditpackError) -> None:
        super().__init__(error.message)
        self.error = error

    def show(self, file: Any = None) -> None:
        """Print the error, where it is, the hint, and every listed problem."""
        from ..console import err_console

        e = self.error
        where = f"{e.location}: " if e.location else ""
        err_console.print("[bold red]error:[/] ", end="", markup=True)
        err_console.print(f"{where}{e.message}", markup=False)  # names from input: never markup
        for p in e.problems:
            err_console.print(f"  - {p}", markup=False)
        if e.hint:
            err_console.print(f"  hint: {e.hint}", markup=False)


class AuditpackGroup(click.Group):
    """A command group that turns AuditpackError into a clean message and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AuditpackError as exc:
            raise UserError(exc) from None


class LazyGroup(AuditpackGroup):
    """A group that lists its commands from a table and imports each only when it is used.

    `lazy` maps a command name to ("module:attribute", its one-line help). `--help` shows
    that line, so listing the commands imports none of them; running a command, or asking
    for its own help, imports its module.
    """

    def __init__(self, *args: Any, lazy: Mapping[str, tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            module, _, attr = self.lazy[cmd_name][0].partition(":")
            self.add_command(getattr(import_module(module), attr), cmd_name)
        return super().get_command(ctx, cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List the commands with their one-line help, as Click does, importing none."""
        listed = [(name, self.commands.get(name) or click.Command(name, help=self.lazy[name][1]))
                  for name in self.list_commands(ctx)]
        listed = [(name, cmd) for name, cmd in listed if not cmd.hidden]
        if listed:
            limit = formatter.width - 6 - max(len(name) for name, _ in listed)
            with formatter.section("Commands"):
                formatter.write_dl([(name, cmd.get_short_help_str(limit)) for name, cmd in listed])
