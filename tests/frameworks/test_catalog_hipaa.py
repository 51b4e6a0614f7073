"""The built-in HIPAA Security Rule catalog (45 CFR 164 subpart C) and its derived CSF 2.0 crosswalk."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from auditpack.frameworks import builtin_catalog_path, builtin_crosswalk_path, load_catalog
from auditpack.frameworks import load_crosswalk, load_library
from auditpack.frameworks.mapping import map_requirement
from auditpack.frameworks.model import Catalog, Crosswalk

REPO = Path(__file__).resolve().parents[2]
SOURCES = REPO.parent / "shared" / "sources"
XML = SOURCES / "hipaa-security-rule" / "title-45-part-164-subpart-c-2026-03-13.xml"
OLIR = SOURCES / "hipaa-security-rule" / "sp800-66r2-olir-cprt-extraction.json"
CSF_EXPORT = SOURCES / "nist-csf-2.0" / "csf-export.json"
SECTIONS = ["164.302", "164.304", "164.306", "164.308", "164.310", "164.312", "164.314",
            "164.316", "164.318"]
# section -> (standards, required specifications, addressable specifications), SOURCES.md section 9
COUNTS = {"164.308": (9, 10, 11), "164.310": (4, 2, 6), "164.312": (5, 2, 5),
          "164.314": (2, 7, 0), "164.316": (2, 3, 0)}
# Texts copied from the eCFR by hand, independent of the build tool.
TEXTS = {
    "164.308(a)(1)": "Implement policies and procedures to prevent, detect, contain, and correct "
                     "security violations.",
    "164.308(a)(3)(ii)(B)": "Implement procedures to determine that the access of a workforce member "
                            "to electronic protected health information is appropriate.",
    "164.308(a)(5)(ii)(A)": "Periodic security updates.",
    "164.310(d)(2)(ii)": "Implement procedures for removal of electronic protected health information "
                         "from electronic media before the media are made available for re-use.",
    "164.312(a)(2)(iii)": "Implement electronic procedures that terminate an electronic session after "
                          "a predetermined time of inactivity.",
    "164.314(a)(2)(i)(C)": "Report to the covered entity any security incident of which it becomes "
                           "aware, including breaches of unsecured protected health information as "
                           "required by § 164.410.",
    "164.316(b)(2)(i)": "Retain the documentation required by paragraph (b)(1) of this section for 6 "
                        "years from the date of its creation or the date when it last was in effect, "
                        "whichever is later.",
}


@pytest.fixture(scope="module")
def hipaa() -> Catalog:
    return load_catalog(builtin_catalog_path("hipaa-security"))


@pytest.fixture(scope="module")
def walk() -> Crosswalk:
    return load_crosswalk(builtin_crosswalk_path("hipaa-security--nist-csf-2.0"))


@pytest.fixture(scope="module")
def xml_sections() -> dict[str, ET.Element]:
    """The eCFR XML's sections by number (skip when the shared folder is absent)."""
    if not XML.is_file():
        pytest.skip(f"source data not available: {XML} (sibling folder shared/ of the repo)")
    root = ET.parse(XML).getroot()
    return {d.get("N") or "": d for d in root.iter("DIV8")}


def flat(element: ET.Element) -> str:
    return " ".join("".join(element.itertext()).replace("$(", "(").split())


def specs(catalog: Catalog, section: str) -> list[Any]:
    return [r for r in catalog.at_level("implementation_specification")
            if r.id.startswith(section + "(")]


# --- structure, ids and flags -----------------------------------------------------------


def test_header_cites_the_ecfr_source(hipaa: Catalog) -> None:
    assert hipaa.id == "hipaa-security" and hipaa.license_name.startswith("Public domain")
    assert hipaa.publisher == "US Department of Health and Human Services"
    assert any("4d5050e9e1cf9b3b8d9d2d10ad8906e86b86ee3bbd206933b304d70a55954f71" in d
               for d in hipaa.origin.data)
    assert list(hipaa.levels) == ["section", "standard", "implementation_specification", "element"]


def test_sections_standards_and_specifications_per_section(hipaa: Catalog) -> None:
    assert [r.id for r in hipaa.at_level("section")] == SECTIONS
    assert len(hipaa.at_level("standard")) == 22
    for section, (standards, required, addressable) in COUNTS.items():
        found = [r for r in hipaa.at_level("standard") if r.parent == section]
        flags = Counter(r.attributes["implementation"] for r in specs(hipaa, section))
        assert (len(found), flags["required"], flags["addressable"]) == \
            (standards, required, addressable), section
    assert len(hipaa.at_level("implementation_specification")) == 46


def test_ids_are_cfr_citations_and_specs_sit_under_their_standard(hipaa: Catalog) -> None:
    ids = [r.id for r in hipaa.requirements]
    assert all(re.fullmatch(r"164\.3\d\d(\([a-z]\)|\(\d+\)|\([ivx]+\)|\([A-Z]\))*", i) for i in ids)
    assert "164.308(a)(1)(ii)(A)" in ids and "164.308(b)(3)" in ids and "164.308(b)(4)" not in ids
    for spec in hipaa.at_level("implementation_specification"):
        assert hipaa.requirement(spec.parent or "").level == "standard", spec.id
        assert spec.assessable and spec.text


def test_workforce_clearance_is_addressable_as_the_section_says(hipaa: Catalog) -> None:
    """Appendix A's matrix drops the (A); the section text is the authority."""
    clearance = hipaa.requirement("164.308(a)(3)(ii)(B)")
    assert clearance.title == "Workforce clearance procedure"
    assert clearance.attributes["implementation"] == "addressable"
    assert hipaa.requirement("164.312(a)(2)(ii)").attributes["implementation"] == "required"


def test_texts_are_the_official_texts(hipaa: Catalog) -> None:
    for rid, text in TEXTS.items():
        req = hipaa.requirement(rid)
        assert (req.text, req.text_source) == (text, "official"), rid
    assert hipaa.requirement("164.308(a)(5)(ii)(A)").attributes["lead_in"] == "Implement:"


def test_context_sections_are_not_assessable(hipaa: Catalog) -> None:
    for sid in ("164.302", "164.304", "164.306", "164.318"):
        section = hipaa.requirement(sid)
        assert not section.assessable and section.text, sid
    assert "Security incident means the attempted or successful unauthorized access" in (hipaa.requirement("164.304").text or "")


# --- against the eCFR XML ----------------------------------------------------------------


def test_every_text_is_in_its_xml_section(hipaa: Catalog, xml_sections: dict[str, ET.Element]) -> None:
    for req in hipaa.requirements:
        section = req.id.split("(")[0]
        paragraphs = [flat(p) for p in xml_sections[section].findall("P")]
        if req.level == "section" and req.id in ("164.302", "164.304", "164.306", "164.318"):
            assert req.text == " ".join(paragraphs), req.id
        elif req.text:
            assert any(req.text in p for p in paragraphs), req.id


def test_flags_match_the_xml_headings(hipaa: Catalog, xml_sections: dict[str, ET.Element]) -> None:
    """Each section's (Required)/(Addressable) italic headings, counted straight from the XML."""
    for section in ("164.308", "164.310", "164.312", "164.316"):
        heads = ["".join(i.itertext()) for p in xml_sections[section].findall("P")
                 for i in p.findall("I")]
        xml_flags = Counter(m.lower() for h in heads
                            for m in re.findall(r"\((Required|Addressable)\)", h))
        ours = Counter(r.attributes["implementation"] for r in specs(hipaa, section))
        assert ours == xml_flags, section


def test_appendix_matrix_has_the_known_gap(xml_sections: dict[str, ET.Element]) -> None:
    root = ET.parse(XML).getroot()
    rows = [flat(tr) for tr in root.iter("TR") if "Workforce Clearance" in flat(tr)]
    assert rows and "(A)" not in rows[0]


def test_build_is_reproducible(xml_sections: dict[str, ET.Element], tmp_path: Path) -> None:
    """tools/build_hipaa.py regenerates both packaged files byte for byte."""
    subprocess.run([sys.executable, "tools/build_hipaa.py", str(SOURCES), str(tmp_path)],
                   cwd=REPO, check=True, capture_output=True)
    packaged = REPO / "src" / "auditpack" / "frameworks"
    for name in ("catalogs/hipaa-security.yaml", "crosswalks/hipaa-security--nist-csf-2.0.yaml"):
        assert (tmp_path / name).read_bytes() == (packaged / name).read_bytes(), name


# --- crosswalk to CSF 2.0 ------------------------------------------------------------------


def test_crosswalk_rows_are_derived_and_untyped(walk: Crosswalk) -> None:
    assert (walk.from_catalog, walk.to_catalog) == ("hipaa-security", "nist-csf-2.0")
    assert list(walk.sources) == ["nist-derived"]
    assert {m.relationship for m in walk.mappings} == {"related"}
    assert all((m.rationale or "").startswith("Derived: NIST SP 800-66r2 links ") for m in walk.mappings)
    assert len(walk.mappings) == 960
    assert len({m.from_id for m in walk.mappings}) == 68
    assert len({m.to_id for m in walk.mappings}) == 93


def test_every_standard_reaches_a_csf_subcategory() -> None:
    lib = load_library()
    csf = lib.get("nist-csf-2.0")
    for standard in lib.get("hipaa-security").at_level("standard"):
        reached = [link for link in map_requirement(lib, "hipaa-security", standard.id, max_hops=1)
                   if link.catalog == "nist-csf-2.0"
                   and csf.requirement(link.requirement).level == "subcategory"]
        assert reached, standard.id


def test_mapped_ids_exist_in_both_catalogs(walk: Crosswalk, hipaa: Catalog) -> None:
    csf = load_catalog(builtin_catalog_path("nist-csf-2.0"))
    assert all(hipaa.has(m.from_id) and csf.has(m.to_id) for m in walk.mappings)
    assert {"164.308(b)(3)", "164.310(a)(1)", "164.316(b)(1)"} <= {m.from_id for m in walk.mappings}


def test_crosswalk_is_the_chain_of_the_two_nist_mappings(walk: Crosswalk) -> None:
    """Recompute the chain from the sources, with CPRT ids renamed to CFR citations."""
    if not (OLIR.is_file() and CSF_EXPORT.is_file()):
        pytest.skip("source data not available under ../shared/sources")
    renamed = {"164.308(b)(4)": "164.308(b)(3)", "164.310(a)": "164.310(a)(1)",
               "164.310(d)": "164.310(d)(1)", "164.312(a)": "164.312(a)(1)",
               "164.312(c)": "164.312(c)(1)", "164.314(a)": "164.314(a)(1)",
               "164.314(b)": "164.314(b)(1)", "164.316(b)": "164.316(b)(1)"}
    rows = json.loads(OLIR.read_text(encoding="utf-8"))["rows"]
    export = json.loads(CSF_EXPORT.read_text(encoding="utf-8"))["response"]["elements"]
    successors: dict[str, set[str]] = {}
    for rel in export["relationships"]:
        if rel["provenance_doc_identifier"].strip() == "CSFv1.1-to-CSFv2.0":
            successors.setdefault(rel["dest_element_identifier"].strip(), set()).add(
                rel["source_element_identifier"].strip())
    expected = {(renamed.get(r["security_rule_element"], r["security_rule_element"]), v2)
                for r in rows if r["set"] == "CSF v1.1"
                for v2 in successors.get(r["target_id"], set())}
    assert {(m.from_id, m.to_id) for m in walk.mappings} == expected
