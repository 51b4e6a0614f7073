"""What `evidence list/show/history` print from evidence metadata cannot drive the terminal."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from auditpack.cli import cli

FIXTURE = Path(__file__).parent / "fixtures" / "workspace"
HOSTILE = "evil\x1b[31mRED\x1b]0;title\x07[bold]x\x9b2J\u202etxt.md"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_file_names_with_escape_codes_are_shown_escaped(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(FIXTURE, ws)
    (ws / "exports" / HOSTILE).write_text("x")
    text = (ws / "auditpack.yaml").read_text()
    (ws / "auditpack.yaml").write_text(text.replace("path: exports/IR-Plan-2026.md",
                                                    'path: "exports/*.md"'))
    code, out, err = run("collect", "--workspace", str(ws))
    assert code == 0, err
    outputs = [out]
    for args in (["evidence", "list"], ["evidence", "list", "--all"],
                 ["evidence", "history", f"ir-plan/exports/{HOSTILE}"],
                 ["evidence", "show", "E-0004"], ["evidence", "list", "--format", "json"]):
        code, out, err = run(*args, "--workspace", str(ws))
        assert code == 0, err
        outputs.append(out)
    for out in outputs:
        assert not set(out) & {"\x1b", "\x07", "\x9b", "\u202e"}, repr(out)
    table = outputs[1]
    assert "evil\\u001b[31mRED" in table.replace("\n", "") or "evil\\u001b" in table
    assert "[bold]" in outputs[3] or "[bold]" in outputs[1]  # shown as text, not as markup
    shown = json.loads(outputs[4])
    assert shown["file"] == HOSTILE  # JSON keeps the name exactly, escaped
    listed = json.loads(outputs[5])
    assert HOSTILE in {r["file"] for r in listed}
