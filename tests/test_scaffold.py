"""`auditpack init`: a working workspace for each industry, never over an existing one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from auditpack.errors import WorkspaceError
from auditpack.workspace.review import validate_workspace
from auditpack.workspace.scaffold import DEMOS, INDUSTRIES, copy_demo, init_workspace, slugify

DAY = dt.date(2026, 9, 30)


@pytest.mark.parametrize("industry", INDUSTRIES)
def test_init_then_validate_passes(tmp_path: Path, industry: str) -> None:
    path = init_workspace(tmp_path / "ws", industry, "Example Org & Sons", DAY)
    text = path.read_text()
    assert text.startswith("# auditpack workspace") and "# how control statements name you" in text
    review = validate_workspace(tmp_path / "ws")
    ws = review.workspace
    assert ws.file.organization.slug == "example-org-sons"
    assert ws.file.organization.industry == industry
    assert len(ws.controls.controls) > 0
    # a new workspace's only findings are the escalation paths nobody has tested yet and
    # the provider nobody has reviewed (nor recorded an assurance report for) yet
    assert {f.code for f in review.findings} == {"escalation-untested", "provider-review-missing",
                                                 "provider-assurance-missing"}
    if industry == "financial":
        assert "ftc-safeguards" in ws.file.scope.frameworks
        assert any(p.role == "Qualified Individual" for p in ws.file.parties[0].people)
    if industry == "legal":
        assert "nist-sp-800-207" in ws.file.scope.frameworks
        # PCI- and FTC-only starter controls fall outside a law firm's scope by themselves
        assert ws.out_of_scope and all(
            not set(ws.controls.by_id()[c].satisfies) & set(ws.file.scope.frameworks)
            for c in ws.out_of_scope)
        assert not set(ws.out_of_scope) & {c.id for c in ws.active_controls()}


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    init_workspace(tmp_path, "general", "Org", DAY)
    before = (tmp_path / "auditpack.yaml").read_text()
    with pytest.raises(WorkspaceError, match="already exists"):
        init_workspace(tmp_path, "financial", "Other", DAY)
    assert (tmp_path / "auditpack.yaml").read_text() == before


def test_slugify_is_ascii() -> None:
    assert slugify("Calder & Whitlock, LLP") == "calder-whitlock-llp"
    assert slugify("Ünïcode Crédit") == "n-code-cr-dit"
    assert slugify("!!!") == "organization"


@pytest.mark.parametrize("demo", DEMOS)
def test_demo_copies_and_validates_with_its_planted_findings(tmp_path: Path, demo: str) -> None:
    path = copy_demo(tmp_path / demo, demo)
    review = validate_workspace(path.parent)
    codes = {f.code for f in review.findings}
    assert review.workspace.file.raci.functions
    if demo == "credit-union":
        assert {"escalation-stale", "raci-several-accountable"} <= codes
        assert "pci-dss-4.0.1" in review.workspace.file.scope.frameworks
    else:
        assert {"escalation-untested", "raci-accountable-external"} <= codes
        assert "nist-sp-800-207" in review.workspace.file.scope.frameworks
    with pytest.raises(WorkspaceError):
        copy_demo(tmp_path / demo, demo)


@pytest.mark.parametrize("industry", INDUSTRIES)
def test_init_with_hipaa_puts_the_security_rule_in_scope_and_covers_it(
        tmp_path: Path, industry: str) -> None:
    from auditpack.workspace.coverage import coverage

    init_workspace(tmp_path / "ws", industry, "Example Health Partner", DAY, hipaa=True)
    review = validate_workspace(tmp_path / "ws")
    ws = review.workspace
    assert "hipaa-security" in ws.file.scope.frameworks
    assert "HHS OCR" in ws.file.organization.regulators
    assert {f.code for f in review.findings} == {"escalation-untested", "provider-review-missing",
                                                 "provider-assurance-missing"}
    (hipaa,) = coverage(ws, ["hipaa-security"])
    assessable = [r for r in hipaa.requirements if r.status != "not_applicable"]
    assert all(r.status in ("covered", "via_crosswalk", "organisational") for r in assessable)
    direct = [r for r in assessable if r.status == "covered"]
    assert len(direct) >= len(assessable) - 1  # all but the clearinghouse's own rule
    assert any(r.requirement == "164.308(a)(1)(ii)(A)" and r.status == "covered"
               for r in hipaa.requirements)
    plain = init_workspace(tmp_path / "plain", industry, "Example Org", DAY)
    assert "hipaa-security" not in plain.read_text()
