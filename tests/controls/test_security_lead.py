"""Statements name the security program's lead the way the organisation does."""

from __future__ import annotations

from pathlib import Path

from auditpack.package.model.workspace_views import security_lead, statement
from auditpack.workspace.loader import load_workspace
from auditpack.workspace.scaffold import copy_demo


def _statement(root: Path, control_id: str) -> str:
    ws = load_workspace(root)
    return statement(ws, next(c for c in ws.controls.controls if c.id == control_id))


def test_ftc_in_scope_names_the_qualified_individual(tmp_path: Path) -> None:
    root = tmp_path / "cu"
    copy_demo(root, "credit-union")
    ws = load_workspace(root)
    assert security_lead(ws.file) == "Qualified Individual"
    assert "The Qualified Individual leads a written risk assessment" in _statement(root, "RSK-01")


def test_law_firm_has_no_qualified_individual(tmp_path: Path) -> None:
    root = tmp_path / "lf"
    copy_demo(root, "law-firm")
    ws = load_workspace(root)
    assert security_lead(ws.file) == "Information Security Officer"
    for control in ws.controls.controls:
        assert "Qualified Individual" not in statement(ws, control), control.id


def test_the_workspace_title_wins(tmp_path: Path) -> None:
    root = tmp_path / "lf"
    copy_demo(root, "law-firm")
    path = root / "auditpack.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  as_of: 2026-09-30", "  as_of: 2026-09-30\n"
                                 "  security_lead: Chief Information Security Officer", 1),
                    encoding="utf-8")
    assert "The Chief Information Security Officer leads a written risk assessment" in \
        _statement(root, "RSK-01")
