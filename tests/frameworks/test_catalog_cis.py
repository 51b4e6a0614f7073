"""The built-in CIS Controls v8.1 catalog (paraphrased) and the reader of CIS's workbook."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from auditpack.errors import CatalogError
from auditpack.frameworks import builtin_catalog_path, load_catalog
from auditpack.frameworks.cis_workbook import read_cis_workbook, write_catalog_yaml
from auditpack.frameworks.model import Catalog, Requirement

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "sources" / "cis-controls-v8"
WORKBOOK = SHARED / "CIS_Controls_Version_8.1_6_24_2024.xlsx"
PARAPHRASES = REPO / "tools" / "cis_paraphrases.yaml"
SKIP_REASON = f"CIS workbook not available: {WORKBOOK} (sibling folder shared/ of the repo)"
needs_workbook = pytest.mark.skipif(not WORKBOOK.is_file(), reason=SKIP_REASON)

# Verified counts, as listed in shared/sources/SOURCES.md section 4.
SAFEGUARDS_PER_CONTROL = [5, 7, 14, 12, 6, 8, 7, 12, 7, 7, 5, 8, 11, 9, 7, 14, 9, 5]
ASSET_TYPES = {"Data": 33, "Users": 29, "Devices": 25, "Software": 24, "Network": 22,
               "Documentation": 20}
FUNCTIONS = {"Protect": 78, "Govern": 26, "Detect": 22, "Identify": 15, "Respond": 6, "Recover": 6}
ROLLOVER_IDS = ["3.10", "4.10", "8.10", "13.10", "16.10"]
HEADERS = ["CIS Control", "CIS Safeguard", "Asset Type", "Security Function", "Title",
           "Description", "IG1", "IG2", "IG3"]
SHARED_RUN = 8  # a paraphrase may not share this many consecutive words with CIS's text


@pytest.fixture(scope="module")
def cis() -> Catalog:
    """The packaged CIS Controls catalog."""
    return load_catalog(builtin_catalog_path("cis-controls-v8"))


@pytest.fixture(scope="module")
def official() -> dict[str, Any]:
    """CIS's own catalog, read from the official workbook."""
    if not WORKBOOK.is_file():
        pytest.skip(SKIP_REASON)
    return read_cis_workbook(WORKBOOK)


def by_level(catalog: Catalog, level: str) -> list[Requirement]:
    """Return the requirements of one level, in catalog order."""
    return [r for r in catalog.requirements if r.level == level]


def words(text: str) -> list[str]:
    """Split text into lower-case words, ignoring punctuation."""
    return re.findall(r"[a-z0-9]+", text.lower())


def longest_shared_run(a: str, b: str) -> int:
    """Return the length of the longest run of consecutive words found in both texts."""
    left, right = words(a), words(b)
    best = 0
    previous = [0] * (len(right) + 1)
    for x in left:
        current = [0] * (len(right) + 1)
        for j, y in enumerate(right, start=1):
            if x == y:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def test_header(cis: Catalog) -> None:
    assert (cis.id, cis.version, cis.published) == ("cis-controls-v8", "8.1", "2024-06")
    assert cis.title == "CIS Critical Security Controls"
    assert cis.publisher == "Center for Internet Security"
    assert cis.source == "https://www.cisecurity.org/controls/v8-1"
    assert cis.levels == ("control", "safeguard")
    for phrase in ("CC BY-NC-ND 4.0", "paraphrase", "auditpack catalog import-cis"):
        assert phrase in cis.license
    (data,) = cis.origin.data
    assert "ravigoli25/RaviGoli" in data
    assert "28903bcab7afe3b93063470d3062f272761eee89" in data
    assert "af6504e9c60d9e6b491faccf9b776c9f337c1c7d57d742a66e1dc3369286b581" in data


def test_counts(cis: Catalog) -> None:
    controls, safeguards = by_level(cis, "control"), by_level(cis, "safeguard")
    assert [c.id for c in controls] == [str(n) for n in range(1, 19)]
    assert len(safeguards) == 153
    per_control = Counter(s.parent for s in safeguards)
    assert [per_control[c.id] for c in controls] == SAFEGUARDS_PER_CONTROL
    groups = Counter(g for s in safeguards for g in s.attributes["implementation_groups"])
    assert (groups[1], groups[2], groups[3]) == (56, 130, 153)
    assert Counter(s.attributes["asset_type"] for s in safeguards) == ASSET_TYPES
    assert Counter(s.attributes["security_function"] for s in safeguards) == FUNCTIONS


def test_hierarchy_and_order(cis: Catalog) -> None:
    expected: list[str] = []
    for number, count in enumerate(SAFEGUARDS_PER_CONTROL, start=1):
        expected += [str(number)] + [f"{number}.{i}" for i in range(1, count + 1)]
    assert [r.id for r in cis.requirements] == expected
    for req in cis.requirements:
        if req.level == "control":
            assert req.parent is None and not req.assessable and req.attributes == {}
        else:
            assert req.parent == req.id.split(".")[0] and req.assessable


def test_ids_ten_are_not_collapsed(cis: Catalog) -> None:
    ids = [r.id for r in cis.requirements]
    for rid in ROLLOVER_IDS:
        control = rid.split(".")[0]
        assert ids.index(f"{control}.9") + 1 == ids.index(rid) == ids.index(f"{control}.11") - 1
        assert cis.requirement(rid).parent == control


def test_implementation_groups_are_cumulative(cis: Catalog) -> None:
    for req in by_level(cis, "safeguard"):
        groups = req.attributes["implementation_groups"]
        assert groups in ([1, 2, 3], [2, 3], [3]), req.id


def test_every_text_is_our_paraphrase(cis: Catalog) -> None:
    ours = yaml.safe_load(PARAPHRASES.read_text(encoding="utf-8"))
    assert set(ours) == {r.id for r in cis.requirements}
    for req in cis.requirements:
        assert req.text_source == "paraphrase", req.id
        assert req.title and req.text, req.id
        assert req.text == " ".join(ours[req.id].split()), req.id
        assert "\xa0" not in req.title and req.title == req.title.strip(), req.id


@needs_workbook
def test_no_description_copies_cis(cis: Catalog, official: dict[str, Any]) -> None:
    texts = {r["id"]: r["text"] for r in official["requirements"]}
    copied = {}
    for req in cis.requirements:
        assert req.text and words(req.text) != words(texts[req.id]), req.id
        run = longest_shared_run(req.text, texts[req.id])
        if run >= SHARED_RUN:
            copied[req.id] = run
    assert not copied, f"paraphrases sharing {SHARED_RUN}+ consecutive words with CIS: {copied}"


@needs_workbook
def test_titles_and_attributes_match_workbook(cis: Catalog, official: dict[str, Any]) -> None:
    theirs = official["requirements"]
    assert [r["id"] for r in theirs] == [r.id for r in cis.requirements]
    for ours, cis_req in zip(cis.requirements, theirs):
        assert (ours.parent, ours.level, ours.title) == (
            cis_req["parent"], cis_req["level"], cis_req["title"]), ours.id
        assert ours.attributes == cis_req["attributes"], ours.id


@needs_workbook
def test_reader_gives_official_text(official: dict[str, Any]) -> None:
    assert (official["id"], official["version"]) == ("cis-controls-v8", "8.1-cis-text")
    reqs = official["requirements"]
    safeguards = [r for r in reqs if r["level"] == "safeguard"]
    assert len(safeguards) == 153 and len(reqs) == 171
    assert all(r["text_source"] == "official" and r["text"] for r in reqs)
    assert not any("\xa0" in r["text"] or "\xa0" in r["title"] for r in reqs)
    first = next(r for r in reqs if r["id"] == "1.2")
    assert first["text"].startswith("Ensure that a process exists to address unauthorized assets")
    assert [r["id"] for r in safeguards if r["id"].endswith(".10")] == ROLLOVER_IDS
    assert "CC BY-NC-ND 4.0" in official["license"] and "non-commercial" in official["license"]
    (data,) = official["origin"]["data"]
    assert WORKBOOK.name in data
    assert "af6504e9c60d9e6b491faccf9b776c9f337c1c7d57d742a66e1dc3369286b581" in data


def make_workbook(path: Path, headers: list[str], rows: list[list[Any]], skip: int = 0) -> Path:
    """Write a small .xlsx with a decoy sheet first, then headers after `skip` blank rows."""
    book = openpyxl.Workbook()
    intro = book.worksheets[0]
    intro.title = "Introduction"
    intro.append(["About this workbook"])
    sheet = book.create_sheet("Controls")
    for _ in range(skip):
        sheet.append([])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def synthetic_rows() -> list[list[Any]]:
    """One control with eleven safeguards; the tenth is stored as the number 1.1, as CIS does."""
    rows: list[list[Any]] = [
        ["1\xa0", None, None, None, "Assets\xa0", "Know your assets.", None, None, None]
    ]
    for n in range(1, 12):
        ig1 = "x" if n == 1 else None
        title, text = f" Safeguard {n} ", f"Do thing\xa0{n}."
        rows.append([1, float(f"1.{n}"), "Devices", "Identify", title, text, ig1, "x", "x"])
    return rows


def test_reader_finds_headers_by_name(tmp_path: Path) -> None:
    headers = [" cis  control", "CIS\xa0SAFEGUARD", "asset type", "Security Function", "TITLE",
               "Description", "ig1", "IG2", "IG3"]
    path = make_workbook(tmp_path / "cis.xlsx", headers, synthetic_rows(), skip=3)
    data = read_cis_workbook(path, version="8.1-test")
    ids = [r["id"] for r in data["requirements"]]
    assert ids == ["1"] + [f"1.{n}" for n in range(1, 12)]
    control, first, tenth = (data["requirements"][i] for i in (0, 1, 10))
    assert (control["title"], control["assessable"], control["parent"]) == ("Assets", False, None)
    assert (tenth["id"], tenth["title"], tenth["text"]) == ("1.10", "Safeguard 10", "Do thing 10.")
    assert first["attributes"] == {"asset_type": "Devices", "security_function": "Identify",
                                   "implementation_groups": [1, 2, 3]}
    assert tenth["attributes"]["implementation_groups"] == [2, 3]


def test_write_catalog_yaml_round_trips(tmp_path: Path) -> None:
    path = make_workbook(tmp_path / "cis.xlsx", HEADERS, synthetic_rows())
    data = read_cis_workbook(path)
    out = tmp_path / "catalogs" / "cis-controls-v8.yaml"
    write_catalog_yaml(data, out, comment="imported for a test")
    first = out.read_bytes()
    write_catalog_yaml(read_cis_workbook(path), out, comment="imported for a test")
    assert out.read_bytes() == first and first.startswith(b"# imported for a test\n")
    loaded = load_catalog(out)
    assert loaded.version == "8.1-cis-text" and loaded.requirement("1.10").text == "Do thing 10."


def test_wrong_workbook_names_file_and_missing_column(tmp_path: Path) -> None:
    headers = [h for h in HEADERS if h != "CIS Safeguard"]
    rows = [r[:1] + r[2:] for r in synthetic_rows()]
    path = make_workbook(tmp_path / "not-cis.xlsx", headers, rows)
    with pytest.raises(CatalogError) as caught:
        read_cis_workbook(path)
    assert "not-cis.xlsx" in caught.value.message
    assert "CIS Safeguard" in caught.value.message
    assert "Asset Type" not in caught.value.message
    assert caught.value.location == str(path) and caught.value.hint


def test_reordered_safeguards_are_refused(tmp_path: Path) -> None:
    rows = synthetic_rows()
    rows[2], rows[3] = rows[3], rows[2]
    path = make_workbook(tmp_path / "sorted.xlsx", HEADERS, rows)
    with pytest.raises(CatalogError, match="out of order"):
        read_cis_workbook(path)


def test_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "cis.xlsx"
    path.write_text("not a zip file", encoding="utf-8")
    with pytest.raises(CatalogError, match="cis.xlsx"):
        read_cis_workbook(path)
