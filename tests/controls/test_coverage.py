"""Coverage of the fixture workspace: direct, via crosswalk, not applicable (and why), uncovered."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditpack.workspace.coverage import FrameworkCoverage, RequirementCoverage, coverage
from auditpack.workspace.loader import Workspace, load_workspace

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "workspace"


@pytest.fixture(scope="module")
def ws() -> Workspace:
    return load_workspace(FIXTURE)


@pytest.fixture(scope="module")
def result(ws: Workspace) -> dict[str, FrameworkCoverage]:
    return {fc.catalog: fc for fc in coverage(ws)}


def row(result: dict[str, FrameworkCoverage], cat: str, req: str) -> RequirementCoverage:
    (found,) = [r for r in result[cat].requirements if r.requirement == req]
    return found


def test_one_entry_per_framework_in_scope_with_consistent_counts(
        ws: Workspace, result: dict[str, FrameworkCoverage]) -> None:
    assert list(result) == list(ws.file.scope.frameworks)
    for fc in result.values():
        assert sum(fc.counts.values()) == len(ws.catalogs.get(fc.catalog).assessable())
        assert fc.in_scope == fc.counts["covered"] + fc.counts["via_crosswalk"] + \
            fc.counts["organisational"] + fc.counts["uncovered"]


def test_direct_coverage_names_the_control(result: dict[str, FrameworkCoverage]) -> None:
    r = row(result, "ftc-safeguards", "314.4(c)(5)")
    assert (r.status, r.controls) == ("covered", ("TV-IAM-01",))
    assert row(result, "cis-controls-v8", "6.3").status == "covered"


def test_not_applicable_control_gives_its_reason(result: dict[str, FrameworkCoverage]) -> None:
    r = row(result, "cis-controls-v8", "5.4")
    assert r.status == "not_applicable" and r.controls == ("TV-IAM-02",)
    assert r.reason and "No privileged accounts are shared" in r.reason


def test_scope_rules(ws: Workspace, result: dict[str, FrameworkCoverage]) -> None:
    cis = ws.catalogs.get("cis-controls-v8")
    above_ig1 = next(r for r in cis.assessable() if 1 not in r.attributes["implementation_groups"])
    r = row(result, "cis-controls-v8", above_ig1.id)
    assert r.status == "not_applicable" and "implementation group 1" in (r.reason or "")
    assert "No cardholder data environment" in (row(result, "pci-dss-4.0.1", "9.4.1").reason or "")
    pci = ws.catalogs.get("pci-dss-4.0.1")
    sp_only = next(r for r in pci.assessable() if r.attributes.get("service_providers_only")
                   and r.attributes.get("appendix") is None)
    assert "service providers only" in (row(result, "pci-dss-4.0.1", sp_only.id).reason or "")
    a1 = next(r for r in pci.assessable() if r.attributes.get("appendix") == "A1")
    assert row(result, "pci-dss-4.0.1", a1.id).status == "not_applicable"


def test_via_crosswalk_is_marked_with_the_path(ws: Workspace,
                                               result: dict[str, FrameworkCoverage]) -> None:
    pci_links = [m.to_id for cw in ws.catalogs.crosswalks if cw.to_catalog == "pci-dss-4.0.1"
                 for m in cw.mappings if m.from_id == "PR.AA-03"]
    assert pci_links
    rows = [row(result, "pci-dss-4.0.1", rid) for rid in pci_links]
    via = [r for r in rows if r.status == "via_crosswalk"]
    assert via, [r.status for r in rows]
    assert all(r.controls == ("TV-IAM-01",) for r in via)
    assert all("nist-csf-2.0 PR.AA-03 (related)" in r.via for r in via)


def test_uncovered_is_uncovered(result: dict[str, FrameworkCoverage]) -> None:
    r = row(result, "ftc-safeguards", "314.4(a)")
    assert (r.status, r.controls) == ("uncovered", ())
