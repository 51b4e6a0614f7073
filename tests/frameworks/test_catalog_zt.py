"""The built-in NIST SP 800-207 (Zero Trust Architecture) catalog and our crosswalk to CSF 2.0."""

from __future__ import annotations

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
from auditpack.frameworks.model import Catalog, Crosswalk

REPO = Path(__file__).resolve().parents[2]
SOURCES = REPO.parent / "shared" / "sources"
SOURCE = SOURCES / "nist-sp-800-207" / "sp800-207-structure.yaml"

TENETS = {
    "2.1-1": "All data sources and computing services are considered resources.",
    "2.1-2": "All communication is secured regardless of network location.",
    "2.1-3": "Access to individual enterprise resources is granted on a per-session basis.",
    "2.1-4": ("Access to resources is determined by dynamic policy—including the observable state of "
              "client identity, application/service, and the requesting asset—and may include other "
              "behavioral and environmental attributes."),
    "2.1-5": ("The enterprise monitors and measures the integrity and security posture of all owned and "
              "associated assets."),
    "2.1-6": ("All resource authentication and authorization are dynamic and strictly enforced before "
              "access is allowed."),
    "2.1-7": ("The enterprise collects as much information as possible about the current state of assets, "
              "network infrastructure and communications and uses it to improve its security posture."),
}
CORE = {"3.1-PE": "Policy engine", "3.1-PA": "Policy administrator", "3.1-PEP": "Policy enforcement point"}
DATA_SOURCES = [f"3.1-DS-{n}" for n in range(1, 9)]
APPROACHES = ["3.1.1", "3.1.2", "3.1.3"]
ALL_IDS = ["2.1", *TENETS, "3.1", *CORE, *DATA_SOURCES, *APPROACHES]


@pytest.fixture(scope="module")
def zt() -> Catalog:
    """The packaged SP 800-207 catalog."""
    return load_catalog(builtin_catalog_path("nist-sp-800-207"))


@pytest.fixture(scope="module")
def csf() -> Catalog:
    """The packaged CSF 2.0 catalog, target of the crosswalk."""
    return load_catalog(builtin_catalog_path("nist-csf-2.0"))


@pytest.fixture(scope="module")
def walk() -> Crosswalk:
    """Our SP 800-207 to CSF 2.0 crosswalk."""
    return load_crosswalk(builtin_crosswalk_path("nist-sp-800-207--nist-csf-2.0"))


@pytest.fixture(scope="module")
def source() -> dict[str, Any]:
    """The SP 800-207 transcription (skip when the shared folder is absent)."""
    if not SOURCE.is_file():
        pytest.skip(f"source data not available: {SOURCE} (sibling folder shared/ of the repo)")
    data: dict[str, Any] = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    return data


def test_header(zt: Catalog) -> None:
    """The header names SP 800-207 and cites the transcription."""
    assert (zt.id, zt.version, zt.published) == ("nist-sp-800-207", "final", "2020-08")
    assert zt.publisher == "National Institute of Standards and Technology"
    assert zt.source == "https://doi.org/10.6028/NIST.SP.800-207"
    assert zt.levels == ("section", "element")
    assert "sp800-207-structure.yaml" in " ".join(zt.origin.data)
    assert zt.origin.notes and "not transcribed" in zt.origin.notes


def test_ids_and_hierarchy(zt: Catalog) -> None:
    """Two section headings with their elements, in order."""
    assert [r.id for r in zt.requirements] == ALL_IDS
    assert [r.id for r in zt.children(None)] == ["2.1", "3.1"]
    assert [r.id for r in zt.children("2.1")] == list(TENETS)
    assert [r.id for r in zt.children("3.1")] == [*CORE, *DATA_SOURCES, *APPROACHES]
    assert zt.requirement("2.1").title == "Tenets of Zero Trust"
    assert zt.requirement("3.1").title == "ZTA Logical Components"
    assert not zt.requirement("2.1").assessable and not zt.requirement("3.1").assessable


def test_seven_tenets_verbatim(zt: Catalog) -> None:
    """The seven tenets, official and assessable, with exact texts."""
    for rid, text in TENETS.items():
        req = zt.requirement(rid)
        assert (req.text, req.text_source, req.assessable) == (text, "official", True), rid
        assert req.title and req.attributes["kind"] == "tenet"


def test_core_components(zt: Catalog) -> None:
    """PE, PA and PEP carry their official names and our paraphrased descriptions."""
    for rid, name in CORE.items():
        req = zt.requirement(rid)
        assert (req.title, req.text_source, req.assessable) == (name, "paraphrase", True), rid
        assert req.text and req.attributes == {"kind": "core_component",
                                               "abbreviation": rid.split("-", 1)[1]}


def test_data_sources_and_approaches(zt: Catalog) -> None:
    """Eight paraphrased, assessable data sources; three non-assessable deployment approaches."""
    for rid in DATA_SOURCES:
        req = zt.requirement(rid)
        assert req.text and req.text_source == "paraphrase" and req.assessable, rid
    for rid in APPROACHES:
        req = zt.requirement(rid)
        assert req.text is None and not req.assessable and req.title, rid


def test_matches_source(zt: Catalog, source: dict[str, Any]) -> None:
    """Tenet texts, component names, data sources and approaches equal the transcription."""
    assert {str(t["id"]): " ".join(t["text"].split()) for t in source["tenets"]} == TENETS
    parts = source["logical_components"]
    assert {f"3.1-{c['abbr']}": c["name"] for c in parts["core"]} == CORE
    assert [zt.requirement(rid).title for rid in DATA_SOURCES] == parts["data_sources"]
    assert [zt.requirement(rid).title for rid in APPROACHES] == source["deployment_approaches"]


def test_build_is_reproducible(source: dict[str, Any], tmp_path: Path) -> None:
    """tools/build_zt.py regenerates the packaged catalog byte for byte."""
    out = tmp_path / "nist-sp-800-207.yaml"
    subprocess.run([sys.executable, "tools/build_zt.py", str(SOURCE), str(out)],
                   cwd=REPO, check=True, capture_output=True)
    packaged = REPO / "src" / "auditpack" / "frameworks" / "catalogs" / "nist-sp-800-207.yaml"
    assert out.read_bytes() == packaged.read_bytes()


# --- crosswalk to CSF 2.0 ----------------------------------------------------------------


def test_crosswalk_covers_tenets_and_components(zt: Catalog, walk: Crosswalk) -> None:
    """All seven tenets, PE/PA/PEP and every other assessable element are mapped."""
    assert (walk.from_catalog, walk.to_catalog) == ("nist-sp-800-207", "nist-csf-2.0")
    mapped = {m.from_id for m in walk.mappings}
    assert set(TENETS) <= mapped and set(CORE) <= mapped
    assert mapped == {r.id for r in zt.assessable()}


def test_mappings_are_typed_and_explained(walk: Crosswalk) -> None:
    """Our own source, a set-theory type and a rationale on every row; no pair twice."""
    assert list(walk.sources) == ["auditpack"]
    for m in walk.mappings:
        assert m.relationship in {"equal", "subset_of", "superset_of", "intersects_with"}, m
        assert m.source == "auditpack" and m.rationale, m
    pairs = [(m.from_id, m.to_id) for m in walk.mappings]
    assert len(pairs) == len(set(pairs))


def test_csf_ids_resolve(csf: Catalog, walk: Crosswalk) -> None:
    """Every to_id is a CSF 2.0 subcategory."""
    for m in walk.mappings:
        assert csf.has(m.to_id) and csf.requirement(m.to_id).level == "subcategory", m.to_id
