"""NIST's CSF 2.0 OSCAL catalog, converted by us from XML to JSON, imported by import-oscal.

The fixture `fixtures/NIST_CSF_v2.0_catalog.json` was made by
`tools/oscal_xml_to_json.py` from NIST's `NIST_CSF_v2.0_catalog.xml` (usnistgov/oscal-content,
see shared/sources/SOURCES.md section 1; public domain).
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner

from auditpack.cli import cli
from auditpack.frameworks.library import load_library
from auditpack.oscal.catalog_import import read_oscal_catalog_with_stats
from auditpack.oscal.validate import oscal_problems

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
FIXTURE = HERE / "fixtures" / "NIST_CSF_v2.0_catalog.json"
XML = REPO.parent / "shared" / "sources" / "nist-csf-2.0" / "NIST_CSF_v2.0_catalog.xml"
TOOL = REPO / "tools" / "oscal_xml_to_json.py"


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("oscal_xml_to_json", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def imported() -> tuple[dict[str, Any], Any]:
    return read_oscal_catalog_with_stats(FIXTURE, catalog_id="nist-csf-oscal")


@pytest.mark.skipif(not XML.is_file() or not TOOL.is_file(),
                    reason="NIST's CSF 2.0 OSCAL XML or tools/ not beside the repo")
def test_fixture_is_the_converters_output(tmp_path: Path) -> None:
    out = tmp_path / "csf.json"
    assert _tool().main([str(XML), str(out)]) == 0
    assert out.read_bytes() == FIXTURE.read_bytes()


@pytest.mark.skipif(not TOOL.is_file(), reason="tools/ not beside the tests")
def test_converter_refuses_what_it_does_not_know(tmp_path: Path) -> None:
    xml = tmp_path / "c.xml"
    xml.write_text('<catalog xmlns="http://csrc.nist.gov/ns/oscal/1.0" uuid="x"><metadata>'
                   '<title>T</title><colour>red</colour></metadata></catalog>', encoding="utf-8")
    with pytest.raises(ValueError, match="/catalog/metadata/colour"):
        _tool().catalog_json(xml)


def test_fixture_is_a_valid_oscal_catalog() -> None:
    doc = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert oscal_problems(doc, "catalog", FIXTURE.name) == []
    assert doc["catalog"]["metadata"]["title"] == "NIST Cybersecurity Framework 2.0"


def test_withdrawn_csf_1_1_items_are_dropped_and_counted(imported: tuple[dict[str, Any], Any]) -> None:
    data, stats = imported
    subcategory = re.compile(r"^[A-Z]{2}\.[A-Z]{2}-\d{2}$")
    withdrawn_sub = [w for w in stats.withdrawn if subcategory.match(w)]
    withdrawn_cat = [w for w in stats.withdrawn if not subcategory.match(w)]
    # The issue counts the 79 withdrawn CSF 1.1 subcategories. The XML also keeps the 12
    # CSF 1.1 categories that 2.0 withdrew (ID.BE, ID.GV, ID.RM, ID.SC, PR.AC, PR.IP, PR.MA,
    # PR.PT, DE.DP, RS.IM, RS.RP, RC.IM), each with an empty statement: 91 dropped in all.
    # 185 subcategory controls - 79 = 106, the CSF 2.0 count.
    assert len(withdrawn_sub) == 79
    assert sorted(withdrawn_cat) == sorted(["ID.BE", "ID.GV", "ID.RM", "ID.SC", "PR.AC", "PR.IP",
                                            "PR.MA", "PR.PT", "DE.DP", "RS.IM", "RS.RP", "RC.IM"])
    assert len(stats.withdrawn) == 91
    assert "ID.AM-06" in withdrawn_sub and "PR.AC-01" in withdrawn_sub
    levels = [r["level"] for r in data["requirements"]]
    assert (levels.count("function"), levels.count("category"), levels.count("subcategory")) == \
        (6, 22, 106)


def test_kept_items_match_our_builtin_catalog(imported: tuple[dict[str, Any], Any]) -> None:
    data, _ = imported
    ours = load_library().get("nist-csf-2.0")
    # the same items under the same parents; NIST's XML lists a few categories in another
    # order than the CPRT export our catalog follows (GV.OV before GV.RM)
    assert sorted((r["id"], r["parent"]) for r in data["requirements"]) == sorted(
        (r.id, r.parent) for r in ours.requirements)
    # Our built-in text comes from NIST's CPRT export, which keeps one double space (in
    # PR.AA); the XML's prose is wrapped over lines, and the conversion collapses each run
    # of whitespace to one space, as XML-to-JSON converters do. Nothing else differs.
    texts = {r["id"]: r.get("text") for r in data["requirements"]}
    differ = [r.id for r in ours.requirements if texts[r.id] != r.text]
    assert differ == ["PR.AA"]
    assert all(texts[r.id] == " ".join((r.text or "").split()) for r in ours.requirements)
    assert data["publisher"] == "National Institute of Standards and Technology"


def test_cli_installs_the_converted_catalog(tmp_path: Path) -> None:
    run = CliRunner().invoke(cli, ["catalog", "import-oscal", str(FIXTURE), "--id", "csf-oscal",
                                   "--catalog-dir", str(tmp_path)])
    assert run.exit_code == 0, run.output
    # 22 categories and 106 subcategories are OSCAL controls; the 6 functions are groups
    assert "installed csf-oscal 1.0.0 (128 requirements from controls, 6 groups; " \
        "91 withdrawn dropped)" in run.output
    cat = load_library([tmp_path]).get("csf-oscal")
    assert len(cat.at_level("subcategory")) == 106 and not cat.has("ID.BE-01")
