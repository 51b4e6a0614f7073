"""The built-in PCI DSS v4.0.1 catalog: ids and hierarchy from the source, titles our own."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from auditpack.frameworks import (
    builtin_catalog_path,
    builtin_crosswalk_path,
    load_catalog,
    load_crosswalk,
)
from auditpack.frameworks.model import Catalog, Requirement

REPO = Path(__file__).resolve().parents[2]
SOURCE = REPO.parent / "shared" / "sources" / "pci-dss-4.0.1" / "pcidss-4_0.yaml"

LEVELS = ("group", "principal", "section", "requirement", "sub_requirement",
          "sub_sub_requirement")
GOALS = {"goal-1": ["1", "2"], "goal-2": ["3", "4"], "goal-3": ["5", "6"],
         "goal-4": ["7", "8", "9"], "goal-5": ["10", "11"], "goal-6": ["12"]}
FUTURE_DATED = re.compile(r"best practice until its effective date", re.IGNORECASE)
SP_ONLY = re.compile(r"additional requirement for (multi-tenant )?service providers only",
                     re.IGNORECASE)
MAX_SHARED_WORDS = 7


@pytest.fixture(scope="module")
def pci() -> Catalog:
    """The packaged PCI DSS catalog."""
    return load_catalog(builtin_catalog_path("pci-dss-4.0.1"))


@pytest.fixture(scope="module")
def source() -> dict[str, dict[str, Any]]:
    """Source nodes by ref_id (skip when the shared folder is absent)."""
    if not SOURCE.is_file():
        pytest.skip(f"source data not available: {SOURCE} (sibling folder shared/ of the repo)")
    data = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    nodes = data["objects"]["framework"]["requirement_nodes"]
    return {str(n.get("ref_id") or n["urn"]): n for n in nodes}


def numbered(catalog: Catalog, dots: int) -> list[Requirement]:
    """Requirements with a numeric id with exactly `dots` dots (-1: two or more)."""
    reqs = [r for r in catalog.requirements if r.id[0].isdigit()]
    if dots < 0:
        return [r for r in reqs if r.id.count(".") >= 2]
    return [r for r in reqs if r.id.count(".") == dots]


def words(text: str) -> list[str]:
    """Lower-case words; hyphens and apostrophes split words (the stricter reading)."""
    return re.findall(r"[a-z0-9]+", text.lower())


def longest_shared_run(ours: str, theirs: str) -> int:
    """Length of the longest run of consecutive words the two texts share."""
    a, b = words(ours), words(theirs)
    best, row = 0, [0] * (len(b) + 1)
    for x in a:
        new = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                new[j] = row[j - 1] + 1
                best = max(best, new[j])
        row = new
    return best


def source_wording(node: dict[str, Any]) -> str:
    """The PCI wording of a node: its name and description."""
    return f"{node.get('name') or ''} {node.get('description') or ''}"


def ours_to_source(pci: Catalog, source: dict[str, dict[str, Any]]) -> dict[str, str]:
    """Map our ids to source keys (goal-N to the N-th unnumbered top-level node)."""
    goals = [k for k, n in source.items() if "ref_id" not in n]
    mapping = {f"goal-{i}": key for i, key in enumerate(goals, 1)}
    mapping.update({r.id: r.id for r in pci.requirements if not r.id.startswith("goal-")})
    return mapping


# --- header and counts ------------------------------------------------------------------


def test_header(pci: Catalog) -> None:
    """The header names PCI DSS v4.0.1, its licence limits and the exact source file."""
    assert (pci.id, pci.version, pci.published) == ("pci-dss-4.0.1", "4.0.1", "2024-06")
    assert pci.title == "Payment Card Industry Data Security Standard"
    assert pci.publisher == "PCI Security Standards Council"
    assert pci.source.startswith("https://") and "pcisecuritystandards.org" in pci.source
    assert "PCI Security Standards Council" in pci.license and "paraphrase" in pci.license
    assert pci.levels == LEVELS
    data = " ".join(pci.origin.data)
    assert "intuitem/ciso-assistant-community" in data
    assert "backend/library/libraries/pcidss-4_0.yaml" in data
    assert "f990d7b1b9a9f56e391acbc247c9076262a11412" in data
    assert "dbbfb727d6810df6e82a49f1d6172f4e6af4bd9a111e2ee047bda15017631e09" in data
    assert "tools/build_pci.py" in (pci.origin.notes or "")


def test_fixed_counts(pci: Catalog) -> None:
    """6 goals, 12 principal, 63 x.y, 250 deeper (205/44/1) and 42 Appendix A ids."""
    assert len(numbered(pci, 0)) == 12
    assert len(numbered(pci, 1)) == 63
    assert len(numbered(pci, -1)) == 250
    assert [len(numbered(pci, d)) for d in (2, 3, 4)] == [205, 44, 1]
    assert len([r for r in pci.requirements if r.id.startswith("A")]) == 42
    assert [r.id for r in pci.at_level("group")] == [*GOALS, "A"]
    assert len(pci.requirements) == 373


def test_counts_match_source(pci: Catalog, source: dict[str, dict[str, Any]]) -> None:
    """The same numbers, computed from the source file."""
    ref_ids = [k for k, n in source.items() if "ref_id" in n]
    digits = [i for i in ref_ids if i[0].isdigit()]
    assert len(numbered(pci, 0)) == sum(i.count(".") == 0 for i in digits)
    assert len(numbered(pci, 1)) == sum(i.count(".") == 1 for i in digits)
    assert len(numbered(pci, -1)) == sum(i.count(".") >= 2 for i in digits)
    assert len([r for r in pci.requirements if r.id.startswith("A")]) == sum(
        i.startswith("A") for i in ref_ids)
    assert len(pci.requirements) == len(source)


# --- hierarchy --------------------------------------------------------------------------


def test_ids_parents_and_order_match_source(pci: Catalog,
                                            source: dict[str, dict[str, Any]]) -> None:
    """Every source node appears once, in source order, under the source parent."""
    to_source = ours_to_source(pci, source)
    assert [to_source[r.id] for r in pci.requirements] == list(source)
    from_urn = {n["urn"]: key for key, n in source.items()}
    back = {v: k for k, v in to_source.items()}
    for req in pci.requirements:
        parent_urn = source[to_source[req.id]].get("parent_urn")
        assert req.parent == (back[from_urn[parent_urn]] if parent_urn else None), req.id


def test_goals_group_principals(pci: Catalog) -> None:
    """Principal requirements sit under their goal; appendices under Appendix A."""
    for goal, principals in GOALS.items():
        assert [r.id for r in pci.children(goal)] == principals
    assert [r.id for r in pci.children("A")] == ["A1", "A2", "A3"]
    assert [r.id for r in pci.children(None)] == [*GOALS, "A"]


def test_deepest_requirement(pci: Catalog) -> None:
    """9.5.1.2.1 is the only five-part id, under 9.5.1.2."""
    req = pci.requirement("9.5.1.2.1")
    assert (req.parent, req.level, req.assessable) == ("9.5.1.2", "sub_sub_requirement", True)
    assert [r.id for r in pci.at_level("sub_sub_requirement")] == ["9.5.1.2.1"]
    assert pci.requirement("9.5.1.2").parent == "9.5.1"


def test_levels_follow_id_depth(pci: Catalog) -> None:
    """Level is set by the number of id parts; goals and Appendix A are groups."""
    for req in pci.requirements:
        if req.level == "group":
            assert req.id.startswith("goal-") or req.id == "A"
        else:
            assert LEVELS.index(req.level) == req.id.count(".") + 1, req.id


def test_assessable(pci: Catalog) -> None:
    """Groups, principals and sections are headings; every section has children."""
    headings = {"group", "principal", "section"}
    for req in pci.requirements:
        assert req.assessable is (req.level not in headings), req.id
        if req.level in headings:
            assert pci.children(req.id), req.id
    assert len(pci.assessable()) == 250 + 42 - 1 - 3 - 8


# --- our own words ----------------------------------------------------------------------


def test_every_item_is_paraphrase(pci: Catalog) -> None:
    """Every item has our title; all wording is marked paraphrase; titles are unique."""
    for req in pci.requirements:
        assert req.text_source == "paraphrase", req.id
        assert req.title and req.title == req.title.strip() and len(req.title) <= 90, req.id
        assert req.text is None or req.text == req.text.strip(), req.id
    titles = [r.title for r in pci.requirements]
    assert len(set(titles)) == len(titles)


def test_no_copied_source_text(pci: Catalog, source: dict[str, dict[str, Any]]) -> None:
    """No title, text or attribute wording shares 8+ consecutive words with the PCI text."""
    to_source = ours_to_source(pci, source)
    for req in pci.requirements:
        theirs = source_wording(source[to_source[req.id]])
        dated = req.attributes.get("applicability", {})
        for ours in (req.title, req.text, dated.get("part"), req.attributes.get("applies_to")):
            if ours:
                run = longest_shared_run(ours, theirs)
                assert run <= MAX_SHARED_WORDS, f"{req.id}: {ours!r} shares {run} words"


def test_spot_checks(pci: Catalog) -> None:
    """A few titles an assessor would look up."""
    assert "MFA" in (pci.requirement("8.4.2").title or "")
    assert "non-console" in (pci.requirement("8.4.2").title or "")
    assert "targeted risk" in (pci.requirement("12.3.1").title or "").lower()
    assert "script" in (pci.requirement("6.4.3").title or "").lower()
    assert "DESV" in (pci.requirement("A3").title or "")


# --- attributes -------------------------------------------------------------------------


def test_applicability_matches_source(pci: Catalog, source: dict[str, dict[str, Any]]) -> None:
    """Exactly the requirements the source marks as partly future-dated carry the date."""
    expected = {k for k, n in source.items() if FUTURE_DATED.search(n.get("description") or "")}
    dated = {r.id: r.attributes["applicability"] for r in pci.requirements
             if "applicability" in r.attributes}
    assert set(dated) == expected
    for value in dated.values():
        assert value["best_practice_until"] == "2025-03-31"
        assert value["scope"] == "part" and value["part"]


def test_applicability_ids(pci: Catalog) -> None:
    """The six partly future-dated requirements (also checked without the source)."""
    dated = [r.id for r in pci.requirements if "applicability" in r.attributes]
    assert dated == ["3.2.1", "3.3.3", "3.6.1.1", "4.2.1", "12.10.5", "A3.3.1"]


def test_service_providers_only_matches_source(pci: Catalog,
                                               source: dict[str, dict[str, Any]]) -> None:
    """Flagged where the source says service providers only, and throughout Appendix A1."""
    expected = {k for k, n in source.items() if SP_ONLY.search(n.get("description") or "")}
    expected |= {r.id for r in pci.requirements if r.attributes.get("appendix") == "A1"}
    flagged = {r.id for r in pci.requirements if r.attributes.get("service_providers_only")}
    assert flagged == expected
    assert all(r.attributes["service_providers_only"] is True for r in pci.requirements
               if "service_providers_only" in r.attributes)


def test_service_provider_counts(pci: Catalog) -> None:
    """18 requirements outside A1 are for service providers only (11.4.7: multi-tenant)."""
    flagged = [r.id for r in pci.requirements if r.attributes.get("service_providers_only")
               and r.attributes.get("appendix") != "A1"]
    assert len(flagged) == 18 and {"8.2.3", "12.9.2", "A2.1.3"} <= set(flagged)
    assert "multi-tenant" in pci.requirement("11.4.7").attributes["applies_to"]
    assert "issu" in pci.requirement("3.3.3").attributes["applies_to"]


def test_appendix_attributes(pci: Catalog) -> None:
    """Appendix ids name their appendix; A3 is for designated entities only."""
    for req in pci.requirements:
        appendix = req.attributes.get("appendix")
        if req.id == "A":
            assert appendix == "A"
        elif req.id.startswith("A"):
            assert appendix == req.id.split(".")[0], req.id
            assert req.attributes["applies_to"], req.id
        else:
            assert appendix is None, req.id
    for req in pci.requirements:
        if req.attributes.get("appendix") == "A3":
            assert req.attributes["applies_to"].startswith("designated entities only")


# --- build and neighbours ---------------------------------------------------------------


def test_build_is_reproducible(source: dict[str, dict[str, Any]], tmp_path: Path) -> None:
    """tools/build_pci.py regenerates the packaged catalog byte for byte."""
    cmd = [sys.executable, "tools/build_pci.py", str(SOURCE), "--out", str(tmp_path)]
    subprocess.run(cmd, cwd=REPO, check=True, capture_output=True)
    name = "catalogs/pci-dss-4.0.1.yaml"
    packaged = REPO / "src" / "auditpack" / "frameworks" / name
    assert (tmp_path / name).read_bytes() == packaged.read_bytes()


def test_csf_crosswalk_ids_resolve(pci: Catalog) -> None:
    """Every PCI id in NIST's CSF 2.0 -> PCI DSS references exists and is assessable."""
    walk = load_crosswalk(builtin_crosswalk_path("nist-csf-2.0--pci-dss-4.0.1"))
    targets = {m.to_id for m in walk.mappings}
    assert len(targets) == 133
    assert all(pci.has(t) and pci.requirement(t).assessable for t in targets)
