"""The built-in FTC Safeguards Rule catalog (16 CFR part 314) and our crosswalk to CSF 2.0."""

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
from auditpack.frameworks.model import Catalog, Crosswalk

REPO = Path(__file__).resolve().parents[2]
SOURCES = REPO.parent / "shared" / "sources"
SOURCE = SOURCES / "ftc-safeguards" / "standards-for-safeguarding-customer-information.yaml"

SECTIONS = ["314.1", "314.2", "314.3", "314.4", "314.5", "314.6"]
ELEMENTS = [f"314.4({letter})" for letter in "abcdefghij"]
# Every paragraph of § 314.4, in the rule's order.
PARAGRAPHS_314_4 = [
    "314.4",
    "314.4(a)", "314.4(a)(1)", "314.4(a)(2)", "314.4(a)(3)",
    "314.4(b)", "314.4(b)(1)", "314.4(b)(1)(i)", "314.4(b)(1)(ii)", "314.4(b)(1)(iii)", "314.4(b)(2)",
    "314.4(c)", "314.4(c)(1)", "314.4(c)(1)(i)", "314.4(c)(1)(ii)", "314.4(c)(2)", "314.4(c)(3)",
    "314.4(c)(4)", "314.4(c)(5)", "314.4(c)(6)", "314.4(c)(6)(i)", "314.4(c)(6)(ii)", "314.4(c)(7)",
    "314.4(c)(8)",
    "314.4(d)", "314.4(d)(1)", "314.4(d)(2)", "314.4(d)(2)(i)", "314.4(d)(2)(ii)",
    "314.4(e)", "314.4(e)(1)", "314.4(e)(2)", "314.4(e)(3)", "314.4(e)(4)",
    "314.4(f)", "314.4(f)(1)", "314.4(f)(2)", "314.4(f)(3)",
    "314.4(g)",
    "314.4(h)", "314.4(h)(1)", "314.4(h)(2)", "314.4(h)(3)", "314.4(h)(4)", "314.4(h)(5)",
    "314.4(h)(6)", "314.4(h)(7)",
    "314.4(i)", "314.4(i)(1)", "314.4(i)(2)",
    "314.4(j)", "314.4(j)(1)", "314.4(j)(1)(i)", "314.4(j)(1)(ii)", "314.4(j)(1)(iii)",
    "314.4(j)(1)(iv)", "314.4(j)(1)(v)", "314.4(j)(1)(vi)", "314.4(j)(2)",
]
PARAGRAPHS_314_3 = ["314.3", "314.3(a)", "314.3(b)", "314.3(b)(1)", "314.3(b)(2)", "314.3(b)(3)"]
# § 314.6 exempts 314.4(b)(1), (d)(2), (h) and (i); the exemption covers their sub-paragraphs.
EXEMPT_ROOTS = ["314.4(b)(1)", "314.4(d)(2)", "314.4(h)", "314.4(i)"]
EXEMPT = [
    "314.4(b)(1)", "314.4(b)(1)(i)", "314.4(b)(1)(ii)", "314.4(b)(1)(iii)",
    "314.4(d)(2)", "314.4(d)(2)(i)", "314.4(d)(2)(ii)",
    "314.4(h)", "314.4(h)(1)", "314.4(h)(2)", "314.4(h)(3)", "314.4(h)(4)", "314.4(h)(5)",
    "314.4(h)(6)", "314.4(h)(7)",
    "314.4(i)", "314.4(i)(1)", "314.4(i)(2)",
]
# Paragraphs that only introduce sub-paragraphs: a title in our words, no text.
NO_TEXT_314_4 = ["314.4(c)(6)", "314.4(d)"]
NOTIFICATION = [p for p in PARAGRAPHS_314_4 if p.startswith("314.4(j)")]
TYPED = {"equal", "subset_of", "superset_of", "intersects_with"}


@pytest.fixture(scope="module")
def ftc() -> Catalog:
    """The packaged FTC Safeguards catalog."""
    return load_catalog(builtin_catalog_path("ftc-safeguards"))


@pytest.fixture(scope="module")
def csf() -> Catalog:
    """The packaged CSF 2.0 catalog, target of the crosswalk."""
    return load_catalog(builtin_catalog_path("nist-csf-2.0"))


@pytest.fixture(scope="module")
def walk() -> Crosswalk:
    """Our FTC Safeguards to CSF 2.0 crosswalk."""
    return load_crosswalk(builtin_crosswalk_path("ftc-safeguards--nist-csf-2.0"))


@pytest.fixture(scope="module")
def source_nodes() -> list[dict[str, Any]]:
    """The CISO Assistant library nodes (skip when the shared folder is absent)."""
    if not SOURCE.is_file():
        pytest.skip(f"source data not available: {SOURCE} (sibling folder shared/ of the repo)")
    data = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    nodes: list[dict[str, Any]] = data["objects"]["framework"]["requirement_nodes"]
    return nodes


def citation(ref_id: str) -> str:
    """Convert the library's '§ 314.4.c.1' to '314.4(c)(1)'."""
    parts = ref_id.removeprefix("§ ").split(".")
    return ".".join(parts[:2]) + "".join(f"({p})" for p in parts[2:])


def squash(text: str | None) -> str | None:
    """Collapse whitespace as the builder does; None for no text."""
    return " ".join(text.split()) if text else None


def source_texts(nodes: list[dict[str, Any]]) -> dict[str, str | None]:
    """Map each citation id to its source text; § 314.4 takes its unnumbered introductory node."""
    texts = {citation(n["ref_id"]): squash(n.get("description"))
             for n in nodes if str(n.get("ref_id", "")).startswith("§ ")}
    intros = [n for n in nodes if n.get("ref_id") is None]
    assert len(intros) == 1 and intros[0]["parent_urn"].endswith("314.4")
    texts["314.4"] = squash(intros[0]["description"])
    return texts


def ids_under(cat: Catalog, root: str) -> list[str]:
    """Return root and its descendants' ids, in catalog order."""
    return [r.id for r in cat.requirements if r.id == root or r.id.startswith(root + "(")]


def test_header(ftc: Catalog) -> None:
    """The header names the rule, its amendment state and the exact source file."""
    assert ftc.id == "ftc-safeguards"
    assert ftc.title == "Standards for Safeguarding Customer Information (FTC Safeguards Rule)"
    assert (ftc.version, ftc.published) == ("2024-05-13", "2023-11-13")
    assert ftc.publisher == "Federal Trade Commission"
    assert ftc.source == "https://www.ecfr.gov/current/title-16/chapter-I/subchapter-C/part-314"
    assert "public domain" in ftc.license or "not subject to copyright" in ftc.license
    data = " ".join(ftc.origin.data)
    assert "intuitem/ciso-assistant-community" in data
    assert "f990d7b1b9a9f56e391acbc247c9076262a11412" in data
    assert "d38d062e9e145063acd6029620b7b0fc8f52956a047eaec27e91516c48b27017" in data
    assert ftc.origin.notes and "eCFR XML" in ftc.origin.notes and "whitespace" in ftc.origin.notes


def test_sections(ftc: Catalog) -> None:
    """Sections 314.1-314.6 are the top level, in order."""
    assert [r.id for r in ftc.children(None)] == SECTIONS
    assert all(r.level == "section" and r.parent is None for r in ftc.children(None))


def test_every_314_4_paragraph(ftc: Catalog) -> None:
    """§ 314.4 has exactly the expected paragraphs, in order."""
    assert ids_under(ftc, "314.4") == PARAGRAPHS_314_4
    assert ids_under(ftc, "314.3") == PARAGRAPHS_314_3


def test_elements_and_safeguards(ftc: Catalog) -> None:
    """Ten elements (a)-(j); eight safeguards (c)(1)-(c)(8)."""
    assert [r.id for r in ftc.children("314.4")] == ELEMENTS
    assert [r.id for r in ftc.children("314.4(c)")] == [f"314.4(c)({n})" for n in range(1, 9)]
    assert [r.id for r in ftc.children("314.4(j)(1)")] == [
        f"314.4(j)(1)({n})" for n in ("i", "ii", "iii", "iv", "v", "vi")]


def test_hierarchy(ftc: Catalog) -> None:
    """Parents come first; the parent and level follow from the citation form."""
    levels = list(ftc.levels)
    assert levels == ["section", "paragraph", "clause", "subclause", "item"]
    seen: set[str | None] = {None}
    for req in ftc.requirements:
        assert req.parent in seen, req.id
        seen.add(req.id)
        assert re.fullmatch(r"314\.[1-6](\([a-zA-Z0-9]+\))*", req.id), req.id
        assert req.level == levels[req.id.count("(")], req.id
        expected_parent = req.id.rsplit("(", 1)[0] if "(" in req.id else None
        assert req.parent == expected_parent, req.id


def test_titles_texts_and_assessability(ftc: Catalog) -> None:
    """Every entry has a title; texts are official; obligations in 314.3(a) and 314.4 are assessable."""
    for req in ftc.requirements:
        assert req.title, req.id
        assert (req.text_source == "official") == bool(req.text), req.id
        in_elements = req.id.startswith("314.4(")
        assert req.assessable == (bool(req.text) and (in_elements or req.id == "314.3(a)")), req.id
    assert [r.id for r in ftc.requirements if r.id.startswith("314.4") and not r.text] == NO_TEXT_314_4
    assert not ftc.requirement("314.5").assessable and not ftc.requirement("314.6").assessable


def test_spot_checks(ftc: Catalog) -> None:
    """A few titles and texts, verbatim."""
    assert ftc.requirement("314.4(a)").title == "Qualified Individual"
    assert ftc.requirement("314.4(c)(5)").title == "Multi-factor authentication"
    assert ftc.requirement("314.4(c)(5)").text == (
        "Implement multi-factor authentication for any individual accessing any information system, "
        "unless your Qualified Individual has approved in writing the use of reasonably equivalent or "
        "more secure access controls;")
    assert ftc.requirement("314.4(c)(7)").text == "Adopt procedures for change management; and"
    assert ftc.requirement("314.5").text == "Section 314.4(j) is effective as of May 13, 2024."
    assert ftc.requirement("314.6").text == (
        "Section 314.4(b)(1), (d)(2), (h), and (i) do not apply to financial institutions that maintain "
        "customer information concerning fewer than five thousand consumers.")
    assert ftc.requirement("314.2(a)").text.startswith("Authorized user means any employee")


def test_small_institution_exemption(ftc: Catalog) -> None:
    """Exactly the paragraphs § 314.6 names, and their sub-paragraphs, carry the exemption."""
    text = ftc.requirement("314.6").text or ""
    named = re.match(r"Section (314\.4)(\(.+?) do not apply", text)
    assert named
    roots = [named[1] + ref for ref in re.split(r",\s*(?:and\s+)?", named[2])]
    assert roots == EXEMPT_ROOTS
    flagged = [r.id for r in ftc.requirements if r.attributes.get("small_institution_exempt")]
    assert flagged == EXEMPT
    assert sorted({i for root in roots for i in ids_under(ftc, root)}) == sorted(EXEMPT)
    for rid in EXEMPT:
        assert ftc.requirement(rid).attributes["exemption"] == "314.6"
    assert all("exemption" not in r.attributes for r in ftc.requirements if r.id not in EXEMPT)


def test_effective_date(ftc: Catalog) -> None:
    """§ 314.4(j) and its sub-paragraphs are effective from 13 May 2024; nothing else is dated."""
    dated = {r.id: r.attributes["effective"] for r in ftc.requirements if "effective" in r.attributes}
    assert dated == {rid: "2024-05-13" for rid in NOTIFICATION}


def test_texts_match_source(ftc: Catalog, source_nodes: list[dict[str, Any]]) -> None:
    """Every id is in the source and every text equals the source's, whitespace collapsed."""
    texts = source_texts(source_nodes)
    assert [r.id for r in ftc.requirements] == list(texts)
    assert {r.id: r.text for r in ftc.requirements} == texts


def test_exemption_matches_source(source_nodes: list[dict[str, Any]]) -> None:
    """The source's § 314.6 names the same four paragraphs as this test."""
    text = next(n["description"] for n in source_nodes if n.get("ref_id") == "§ 314.6")
    assert text.startswith("Section 314.4(b)(1), (d)(2), (h), and (i) do not apply")


def test_build_is_reproducible(source_nodes: list[dict[str, Any]], tmp_path: Path) -> None:
    """tools/build_ftc.py regenerates the packaged catalog byte for byte."""
    out = tmp_path / "ftc-safeguards.yaml"
    subprocess.run([sys.executable, "tools/build_ftc.py", str(SOURCE), str(out)],
                   cwd=REPO, check=True, capture_output=True)
    packaged = REPO / "src" / "auditpack" / "frameworks" / "catalogs" / "ftc-safeguards.yaml"
    assert out.read_bytes() == packaged.read_bytes()


# --- crosswalk to CSF 2.0 ----------------------------------------------------------------


def test_crosswalk_header(walk: Crosswalk) -> None:
    """Our own mapping, declared as such."""
    assert (walk.from_catalog, walk.to_catalog) == ("ftc-safeguards", "nist-csf-2.0")
    assert list(walk.sources) == ["auditpack"]
    assert "not an official NIST or FTC mapping" in walk.sources["auditpack"].title


def test_every_assessable_paragraph_is_mapped(ftc: Catalog, walk: Crosswalk) -> None:
    """Each assessable 314.4 paragraph (and 314.3(a)) has at least one CSF mapping."""
    mapped = {m.from_id for m in walk.mappings}
    assessable = [r.id for r in ftc.assessable()]
    assert [rid for rid in PARAGRAPHS_314_4 if rid not in NO_TEXT_314_4 and rid != "314.4"] == [
        rid for rid in assessable if rid.startswith("314.4")]
    assert [rid for rid in assessable if rid not in mapped] == []
    assert sorted(mapped - set(assessable)) == []


def test_mappings_are_typed_and_explained(walk: Crosswalk) -> None:
    """Every row has a set-theory type, our source and a rationale; no pair twice."""
    for m in walk.mappings:
        assert m.relationship in TYPED, m
        assert m.source == "auditpack", m
        assert m.rationale and len(m.rationale.split()) >= 5, m
    pairs = [(m.from_id, m.to_id) for m in walk.mappings]
    assert len(pairs) == len(set(pairs))


def test_csf_ids_resolve(csf: Catalog, ftc: Catalog, walk: Crosswalk) -> None:
    """Every to_id is a CSF 2.0 subcategory and every from_id an FTC paragraph."""
    for m in walk.mappings:
        assert ftc.has(m.from_id), m.from_id
        assert csf.has(m.to_id), m.to_id
        assert csf.requirement(m.to_id).level == "subcategory", m.to_id
