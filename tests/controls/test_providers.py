"""Service-provider oversight (16 CFR 314.4(f)): findings from the workspace's dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from auditpack.package.model.assemble import assemble_model
from auditpack.workspace.loader import load_workspace
from auditpack.workspace.model import Oversight, WorkspaceFile
from auditpack.workspace.providers import provider_findings
from auditpack.workspace.scaffold import copy_demo


def _file(root: Path) -> WorkspaceFile:
    return load_workspace(root).file


def _with(wsf: WorkspaceFile, party_id: str, oversight: Oversight | None) -> WorkspaceFile:
    parties = tuple(p.model_copy(update={"oversight": oversight}) if p.id == party_id else p
                    for p in wsf.parties)
    return wsf.model_copy(update={"parties": parties})


def test_demos_keep_current_oversight(tmp_path: Path) -> None:
    for demo in ("credit-union", "law-firm"):
        copy_demo(tmp_path / demo, demo)
        assert provider_findings(_file(tmp_path / demo)) == [], demo


def test_each_lapse_is_a_named_finding(tmp_path: Path) -> None:
    copy_demo(tmp_path / "cu", "credit-union")
    wsf = _file(tmp_path / "cu")  # as of 2026-09-30
    lapsed = Oversight(criticality="high", contract_end=dt.date(2026, 8, 31),
                       assurance="SOC 2 Type II", assurance_period_end=dt.date(2025, 3, 31),
                       last_review=dt.date(2025, 9, 1))
    found = {f.code: f for f in provider_findings(_with(wsf, "litware", lapsed))}
    assert set(found) == {"provider-review-stale", "provider-assurance-stale",
                          "provider-contract-expired"}
    assert found["provider-review-stale"].severity == "high"
    assert "last reviewed 2025-09-01" in found["provider-review-stale"].message
    assert "period ended 2025-03-31" in found["provider-assurance-stale"].message
    assert found["provider-contract-expired"].subject == "provider litware (Litware Core Services)"

    low = Oversight(criticality="low", last_review=dt.date(2025, 1, 10))  # 24-month cycle
    assert provider_findings(_with(wsf, "litware", low)) == []
    never = {f.code for f in provider_findings(_with(wsf, "litware",
                                                     Oversight(criticality="high")))}
    assert never == {"provider-review-missing", "provider-assurance-missing"}
    missing = provider_findings(_with(wsf, "litware", None))
    assert [f.code for f in missing] == ["provider-oversight-missing"]


def test_the_narrative_shows_oversight_and_the_poam_its_lapses(tmp_path: Path) -> None:
    import io
    import zipfile

    from auditpack.package.render.narrative import render_docx
    root = tmp_path / "cu"
    copy_demo(root, "credit-union")
    path = root / "auditpack.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "last_review: 2026-05-19", "last_review: 2025-05-19"), encoding="utf-8")
    assembled = assemble_model(root)
    try:
        model = assembled.model
    finally:
        assembled.close()
    (item,) = [p for p in model.poam if p.source == "provider"]
    assert item.subject == "provider litware (Litware Core Services)" and item.severity == "high"
    with zipfile.ZipFile(io.BytesIO(render_docx(model))) as docx:
        xml = docx.read("word/document.xml").decode()
    text = "".join(part.split(">", 1)[-1] for part in xml.split("<w:t")  # the runs' text
                   if part.startswith((">", " ")))
    assert "Independent assurance" in text and "SOC 1 Type II and SOC 2 Type II" in text
    assert "Last oversight review" in text and "2025-05-19 — Vendor review VR-2026-02" in text
