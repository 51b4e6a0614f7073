"""Notification clocks: owned by a current internal person whom the escalation route reaches."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from auditpack.package.model.assemble import assemble_model
from auditpack.package.render.narrative import render_docx
from auditpack.workspace.loader import load_workspace
from auditpack.workspace.model import Notification, WorkspaceFile
from auditpack.workspace.notifications import deadline_text, notification_findings
from auditpack.workspace.scaffold import copy_demo


def _demo(tmp_path: Path, demo: str) -> WorkspaceFile:
    copy_demo(tmp_path / demo, demo)
    return load_workspace(tmp_path / demo).file


def _only(wsf: WorkspaceFile, *clocks: Notification) -> WorkspaceFile:
    return wsf.model_copy(update={"notifications": clocks})


def test_demos_route_every_clock_to_its_owner(tmp_path: Path) -> None:
    for demo in ("credit-union", "law-firm"):
        wsf = _demo(tmp_path, demo)
        assert wsf.notifications and notification_findings(wsf) == [], demo


def test_deadlines_read_as_an_examiner_says_them() -> None:
    def clock(hours: int | None, words: str | None = None) -> Notification:
        return Notification(regulator="X", trigger="t", owner="o", within_hours=hours,
                            deadline=words)
    assert deadline_text(clock(72)) == "72 hours"
    assert deadline_text(clock(720)) == "30 days"
    assert deadline_text(clock(None, "without unreasonable delay")) == \
        "without unreasonable delay"


def test_each_broken_clock_is_a_named_finding(tmp_path: Path) -> None:
    wsf = _demo(tmp_path, "credit-union")
    ncua = wsf.notifications[0]
    # the Help Desk Lead is on no P1 route; the SOC Lead is the provider's
    found = notification_findings(_only(wsf, ncua.model_copy(update={"owner": "ben-lindqvist"})))
    assert {f.code for f in found} == {"notification-unrouted", "notification-ftc-missing"}
    unrouted = next(f for f in found if f.code == "notification-unrouted")
    assert unrouted.subject == "notification NCUA (12 CFR 748.1(c))"
    assert "no escalation route for P1 reaches" in unrouted.message
    found = notification_findings(_only(wsf, *wsf.notifications[1:],
                                        ncua.model_copy(update={"owner": "msp:SOC Lead"})))
    assert [f.code for f in found] == ["notification-owner-external"]
    assert "Hannah Cho of Northwind Managed IT" in found[0].message
    found = notification_findings(_only(wsf, *wsf.notifications[1:],
                                        ncua.model_copy(update={"owner": "derek-shaw"})))
    assert {f.code for f in found} == {"notification-owner-left", "notification-unrouted"}
    found = notification_findings(_only(wsf, *wsf.notifications[1:],
                                        ncua.model_copy(update={"owner": "msp:Auditor"})))
    assert [f.code for f in found] == ["notification-owner-unresolved"]


def test_the_narrative_lists_each_clock_with_its_route(tmp_path: Path) -> None:
    root = tmp_path / "lf"
    copy_demo(root, "law-firm")
    assembled = assemble_model(root)
    try:
        model = assembled.model
    finally:
        assembled.close()
    clients = next(n for n in model.notifications if n.rule and "Outside-counsel" in n.rule)
    assert clients.deadline == "48 hours" and clients.owner == "Julian Okoro"
    assert clients.reached_by == ("P1", "P2")
    with zipfile.ZipFile(io.BytesIO(render_docx(model))) as docx:
        xml = docx.read("word/document.xml").decode()
    assert "Regulatory and contractual notification deadlines" in xml
    assert "45 CFR 164.410(b)" in xml and "60 days" in xml
