"""Scope decisions (exclusions, not-applicable controls) carry a named, dated approval."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from auditpack.package.model.assemble import assemble_model
from auditpack.package.render.narrative import render_docx
from auditpack.workspace.loader import load_workspace
from auditpack.workspace.model import WorkspaceFile
from auditpack.workspace.scaffold import copy_demo
from auditpack.workspace.scope_decisions import scope_decision_findings


def _cu(tmp_path: Path) -> WorkspaceFile:
    copy_demo(tmp_path / "cu", "credit-union")
    return load_workspace(tmp_path / "cu").file


def _approve(wsf: WorkspaceFile, control: str, **update: object) -> WorkspaceFile:
    items = tuple(n.model_copy(update=update) if n.control == control else n
                  for n in wsf.controls.not_applicable)
    controls = wsf.controls.model_copy(update={"not_applicable": items})
    return wsf.model_copy(update={"controls": controls})


def test_demo_decisions_are_approved(tmp_path: Path) -> None:
    assert scope_decision_findings(_cu(tmp_path)) == []


def test_each_weak_approval_is_a_named_finding(tmp_path: Path) -> None:
    wsf = _cu(tmp_path)
    cases = {
        "scope-decision-unapproved": {"approved_by": None},
        "scope-approver-unresolved": {"approved_by": "msp:Auditor"},
        "scope-approver-external": {"approved_by": "hannah-cho"},
        "scope-approver-left": {"approved_by": "derek-shaw", "approved_on": dt.date(2026, 6, 1)},
        "scope-approval-after-as-of": {"approved_on": dt.date(2026, 10, 5)},
    }
    for code, update in cases.items():
        found = scope_decision_findings(_approve(wsf, "GOV-10", **update))
        assert [f.code for f in found] == [code], code
        assert found[0].subject == "not applicable GOV-10"
    (unapproved,) = scope_decision_findings(wsf.model_copy(update={"scope": wsf.scope.model_copy(
        update={"exclusions": (wsf.scope.exclusions[0].model_copy(
            update={"approved_on": None}),)})}))
    assert unapproved.subject == "exclusion pci-dss-4.0.1 6.2"


def test_the_narrative_names_who_approved_each_decision(tmp_path: Path) -> None:
    copy_demo(tmp_path / "cu", "credit-union")
    assembled = assemble_model(tmp_path / "cu")
    try:
        model = assembled.model
    finally:
        assembled.close()
    gov10 = next(n for n in model.not_applicable if n.control == "GOV-10")
    assert gov10.approved == "Carla Mendes (Compliance Officer), 2026-01-20"
    assert model.exclusions[0].approved == \
        "Priya Natarajan (Information Security Officer), 2026-01-20"
    with zipfile.ZipFile(io.BytesIO(render_docx(model))) as docx:
        xml = docx.read("word/document.xml").decode()
    assert "Carla Mendes (Compliance Officer), 2026-01-20" in xml
    assert xml.count("Priya Natarajan (Information Security Officer), 2026-01-20") >= 4
