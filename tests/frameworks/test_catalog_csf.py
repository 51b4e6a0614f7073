"""The built-in NIST CSF 2.0 catalog and its two NIST informative-reference crosswalks."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from auditpack.frameworks import (
    builtin_catalog_path,
    builtin_crosswalk_path,
    load_catalog,
    load_crosswalk,
)
from auditpack.frameworks.model import Catalog, Crosswalk

REPO = Path(__file__).resolve().parents[2]
SOURCES = REPO.parent / "shared" / "sources"
SOURCE = SOURCES / "nist-csf-2.0" / "csf-export.json"

FUNCTIONS = ["GV", "ID", "PR", "DE", "RS", "RC"]
CATEGORIES = [
    "GV.OC", "GV.RM", "GV.RR", "GV.PO", "GV.OV", "GV.SC", "ID.AM", "ID.RA", "ID.IM",
    "PR.AA", "PR.AT", "PR.DS", "PR.PS", "PR.IR", "DE.CM", "DE.AE",
    "RS.MA", "RS.AN", "RS.CO", "RS.MI", "RC.RP", "RC.CO",
]
# crosswalk id -> (CPRT provenance document, mappings, distinct CSF ids, distinct target ids)
CROSSWALKS = {
    "nist-csf-2.0--cis-controls-v8": ("CIS-Controls-8.1-to-CSF-v2.0", 62, 48, 49),
    "nist-csf-2.0--pci-dss-4.0.1": ("PCI-DSS-4.0.1-to-CSF-v2.0", 551, 101, 133),
}
PARTY_LABELS = {"first": "1st", "third": "3rd"}


@pytest.fixture(scope="module")
def csf() -> Catalog:
    """The packaged CSF 2.0 catalog."""
    return load_catalog(builtin_catalog_path("nist-csf-2.0"))


@pytest.fixture(scope="module")
def export() -> dict[str, Any]:
    """The CPRT export the catalog was built from (skip when the shared folder is absent)."""
    if not SOURCE.is_file():
        pytest.skip(f"source data not available: {SOURCE} (sibling folder shared/ of the repo)")
    data = json.loads(SOURCE.read_text(encoding="utf-8"))
    elements: dict[str, Any] = data["response"]["elements"]
    return elements


def load_walk(crosswalk_id: str) -> Crosswalk:
    """Load one packaged crosswalk."""
    return load_crosswalk(builtin_crosswalk_path(crosswalk_id))


def ids_at(catalog: Catalog, level: str) -> list[str]:
    """The ids of one level, in catalog order."""
    return [r.id for r in catalog.at_level(level)]


def source_elements(export: dict[str, Any], kind: str) -> dict[str, dict[str, Any]]:
    """Source elements of one type, by identifier."""
    return {e["element_identifier"]: e for e in export["elements"] if e["element_type"] == kind}


def projection_pairs(export: dict[str, Any]) -> list[tuple[str, str]]:
    """The (parent, child) projection relationships of the source."""
    return [(r["source_element_identifier"], r["dest_element_identifier"])
            for r in export["relationships"] if r["relationship_identifier"] == "projection"]


def natural_key(ident: str) -> tuple[int, ...]:
    """Numeric sort key for dotted ids such as 3.10 or 12.3.4."""
    return tuple(int(part) for part in ident.split("."))


# --- header and structure -------------------------------------------------------------


def test_header(csf: Catalog) -> None:
    """The header names the framework version and cites the exact source file."""
    assert (csf.id, csf.version, csf.published) == ("nist-csf-2.0", "2.0", "2024-02-26")
    assert csf.publisher == "National Institute of Standards and Technology"
    assert csf.source == "https://doi.org/10.6028/NIST.CSWP.29"
    assert csf.levels == ("function", "category", "subcategory")
    data = " ".join(csf.origin.data)
    assert "e54e7e75f86101d5d03faad607d7fc828a55a2ad" in data
    assert "14dac38e7e4c2f4dca9536784b07e0d7d4f3fc6c42399141058cbeeb171299cc" in data
    assert "tools/build_csf.py" in (csf.origin.notes or "")


def test_level_counts(csf: Catalog) -> None:
    """CSF 2.0 has 6 functions, 22 categories and 106 subcategories."""
    counts = {level: len(csf.at_level(level)) for level in csf.levels}
    assert counts == {"function": 6, "category": 22, "subcategory": 106}
    assert len(csf.requirements) == 134


def test_official_order(csf: Catalog) -> None:
    """Functions and categories are in CSF order; parents come before their children."""
    assert ids_at(csf, "function") == FUNCTIONS
    assert ids_at(csf, "category") == CATEGORIES
    seen: set[str | None] = {None}
    for req in csf.requirements:
        assert req.parent in seen, f"{req.id} comes before its parent {req.parent}"
        seen.add(req.id)


def test_subcategories_numbered_in_order(csf: Catalog) -> None:
    """Within each category, subcategories follow their numbers (gaps are CSF 1.1 withdrawals)."""
    for cat in CATEGORIES:
        subs = [r.id for r in csf.children(cat)]
        assert subs, cat
        assert all(s.startswith(cat + "-") for s in subs)
        numbers = [int(s.split("-")[1]) for s in subs]
        assert numbers == sorted(set(numbers)), cat


def test_hierarchy_links(csf: Catalog) -> None:
    """Every category sits under its function and every subcategory under its category."""
    assert csf.requirement("PR.AA-01").parent == "PR.AA"
    assert csf.requirement("PR.AA").parent == "PR"
    assert csf.requirement("PR").parent is None
    for req in csf.at_level("category"):
        assert req.parent == req.id.split(".")[0]
    for req in csf.at_level("subcategory"):
        assert req.parent == req.id.split("-")[0]


def test_kinds_of_requirement(csf: Catalog) -> None:
    """Headings are not assessable and have titles; subcategories are assessable, untitled."""
    for req in csf.requirements:
        assert req.text_source == "official"
        assert req.text and req.text == req.text.strip()
        if req.level == "subcategory":
            assert req.assessable is True and req.title is None
        else:
            assert req.assessable is False and req.title


def test_spot_checks(csf: Catalog) -> None:
    """A few statements, verbatim (straight apostrophes and the source's double space kept)."""
    gv = csf.requirement("GV")
    assert gv.title == "GOVERN"
    assert gv.text == ("The organization's cybersecurity risk management strategy, expectations, "
                       "and policy are established, communicated, and monitored")
    assert csf.requirement("GV.OC").title == "Organizational Context"
    assert csf.requirement("GV.OC-01").text == (
        "The organizational mission is understood and informs cybersecurity risk management")
    pr_aa = csf.requirement("PR.AA")
    assert pr_aa.title == "Identity Management, Authentication, and Access Control"
    assert "hardware and  managed" in (pr_aa.text or "")
    assert csf.requirement("RC.CO-04").text == (
        "Public updates on incident recovery are shared using approved methods and messaging")


# --- attributes -------------------------------------------------------------------------


def test_examples(csf: Catalog) -> None:
    """363 implementation examples, each under its own subcategory, numbered 1..363 in order."""
    examples = [ex for r in csf.at_level("subcategory") for ex in r.attributes["examples"]]
    assert len(examples) == 363
    assert [int(ex["id"].rsplit(".", 1)[1]) for ex in examples] == list(range(1, 364))
    for req in csf.at_level("subcategory"):
        assert req.attributes["examples"], req.id
        assert all(ex["id"].startswith(req.id + ".") for ex in req.attributes["examples"])
    first = csf.requirement("GV.OC-01").attributes["examples"]
    assert first == [{"id": "GV.OC-01.001", "text": (
        "Share the organization's mission (e.g., through vision and mission statements, "
        "marketing, and service strategies) to provide a basis for identifying risks that may "
        "impede that mission")}]
    assert all(not r.attributes for r in csf.requirements if r.level != "subcategory")


def test_risk_party(csf: Catalog) -> None:
    """1st/3rd-party tags: 103 subcategories tagged, 125 tags; three have none."""
    tags = {r.id: r.attributes["risk_party"] for r in csf.at_level("subcategory")
            if "risk_party" in r.attributes}
    assert len(tags) == 103
    assert sum(map(len, tags.values())) == 125
    assert all(t in (["1st"], ["3rd"], ["1st", "3rd"]) for t in tags.values())
    assert tags["GV.OC-01"] == ["1st"]
    assert tags["GV.OC-02"] == ["1st", "3rd"]
    assert tags["GV.OC-05"] == ["3rd"]
    assert {"ID.RA-07", "ID.RA-10", "PR.IR-04"}.isdisjoint(tags)


# --- fidelity to the source -------------------------------------------------------------


@pytest.mark.parametrize("level", ["function", "category", "subcategory"])
def test_texts_match_source(csf: Catalog, export: dict[str, Any], level: str) -> None:
    """Every statement (and heading title) equals the source's, byte for byte."""
    source = source_elements(export, level)
    ours = csf.at_level(level)
    assert {r.id for r in ours} == set(source)
    for req in ours:
        assert req.text == source[req.id]["text"], req.id
        if level != "subcategory":
            assert req.title == source[req.id]["title"], req.id


def test_order_matches_source_projections(csf: Catalog, export: dict[str, Any]) -> None:
    """Children appear in the order of the source's projection relationships."""
    kids: dict[str, list[str]] = defaultdict(list)
    for parent, child in projection_pairs(export):
        kids[parent].append(child)
    for req in csf.requirements:
        if req.level != "subcategory":
            assert [c.id for c in csf.children(req.id)] == kids[req.id], req.id


def test_examples_match_source(csf: Catalog, export: dict[str, Any]) -> None:
    """Each subcategory's examples are exactly its source examples, verbatim."""
    source = source_elements(export, "implementation_example")
    kids: dict[str, list[str]] = defaultdict(list)
    for parent, child in projection_pairs(export):
        if child in source:
            kids[parent].append(child)
    for req in csf.at_level("subcategory"):
        expected = [{"id": i, "text": source[i]["text"]} for i in kids[req.id]]
        assert req.attributes["examples"] == expected, req.id


def test_risk_party_matches_source(csf: Catalog, export: dict[str, Any]) -> None:
    """Risk-party tags are the source's subcategory -> party projections."""
    expected: dict[str, set[str]] = defaultdict(set)
    for parent, child in projection_pairs(export):
        if child in PARTY_LABELS:
            expected[parent].add(PARTY_LABELS[child])
    ours = {r.id: set(r.attributes["risk_party"]) for r in csf.at_level("subcategory")
            if "risk_party" in r.attributes}
    assert ours == dict(expected)


def test_build_is_reproducible(export: dict[str, Any], tmp_path: Path) -> None:
    """tools/build_csf.py regenerates the packaged files byte for byte."""
    cmd = [sys.executable, "tools/build_csf.py", str(SOURCE), "--out", str(tmp_path)]
    subprocess.run(cmd, cwd=REPO, check=True, capture_output=True)
    packaged = REPO / "src" / "auditpack" / "frameworks"
    names = ["catalogs/nist-csf-2.0.yaml", *(f"crosswalks/{c}.yaml" for c in CROSSWALKS)]
    for name in names:
        assert (tmp_path / name).read_bytes() == (packaged / name).read_bytes(), name


# --- crosswalks -------------------------------------------------------------------------


@pytest.mark.parametrize("crosswalk_id", sorted(CROSSWALKS))
def test_crosswalk_shape(csf: Catalog, crosswalk_id: str) -> None:
    """Counts, relationship type, source key, CSF ids and order of one crosswalk."""
    _, count, from_count, to_count = CROSSWALKS[crosswalk_id]
    walk = load_walk(crosswalk_id)
    assert walk.from_catalog == "nist-csf-2.0"
    pairs = [(m.from_id, m.to_id) for m in walk.mappings]
    assert len(pairs) == len(set(pairs)) == count
    assert len({f for f, _ in pairs}) == from_count
    assert len({t for _, t in pairs}) == to_count
    assert {m.relationship for m in walk.mappings} == {"related"}
    assert {m.source for m in walk.mappings} == set(walk.sources)
    assert all(csf.has(f) for f, _ in pairs)
    position = {r.id: i for i, r in enumerate(csf.requirements)}
    assert pairs == sorted(pairs, key=lambda p: (position[p[0]], natural_key(p[1])))


def test_cis_ids_are_strings_as_published() -> None:
    """CIS safeguard ids keep their second number (3.10 is not 3.1)."""
    walk = load_walk("nist-csf-2.0--cis-controls-v8")
    assert walk.to_catalog == "cis-controls-v8"
    targets = {m.to_id for m in walk.mappings}
    assert {"3.10", "3.11", "3.12", "8.11"} <= targets
    assert all(re.fullmatch(r"(1[0-8]|[1-9])\.\d{1,2}", t) for t in targets)
    assert ("ID.AM-01", "1.1") in {(m.from_id, m.to_id) for m in walk.mappings}


def test_pci_ids() -> None:
    """PCI DSS ids are dotted requirement numbers; the duplicated source pair appears once."""
    walk = load_walk("nist-csf-2.0--pci-dss-4.0.1")
    assert walk.to_catalog == "pci-dss-4.0.1"
    assert all(re.fullmatch(r"\d{1,2}(\.\d+){1,4}", m.to_id) for m in walk.mappings)
    pairs = [(m.from_id, m.to_id) for m in walk.mappings]
    assert pairs.count(("GV.SC-09", "12.3.4")) == 1


@pytest.mark.parametrize("crosswalk_id", sorted(CROSSWALKS))
def test_crosswalk_matches_source(export: dict[str, Any], crosswalk_id: str) -> None:
    """The mappings are exactly the distinct CSF -> target pairs of the CPRT provenance doc."""
    provenance = CROSSWALKS[crosswalk_id][0]
    rels = [r for r in export["relationships"] if r["provenance_doc_identifier"] == provenance]
    assert rels and all(r["source_doc_identifier"] == "CSF_2_0_0" for r in rels)
    expected = {(r["source_element_identifier"], r["dest_element_identifier"]) for r in rels}
    walk = load_walk(crosswalk_id)
    assert len(walk.mappings) == len(expected)
    assert {(m.from_id, m.to_id) for m in walk.mappings} == expected
