"""`auditpack catalog import-oscal`: OSCAL catalogs (JSON) into user catalogs."""

from __future__ import annotations

import copy
import hashlib
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from auditpack.cli import cli
from auditpack.errors import CatalogError
from auditpack.frameworks import load_catalog
from auditpack.frameworks.library import install_user_catalog, load_library
from auditpack.oscal.catalog_import import read_oscal_catalog, read_oscal_catalog_with_stats
from auditpack.oscal.profile_import import resolve_profile
from auditpack.oscal.validate import oscal_problems

HERE = Path(__file__).resolve().parent
MINI = HERE / "fixtures" / "mini-catalog.json"
SOURCES = Path(__file__).resolve().parents[2].parent / "shared" / "sources"
SP800_53 = SOURCES / "nist-sp-800-53-rev5" / "NIST_SP-800-53_rev5_catalog.json"
needs_800_53 = pytest.mark.skipif(
    not SP800_53.is_file(),
    reason=f"NIST SP 800-53 rev5 OSCAL catalog not available: {SP800_53} "
           "(sibling folder shared/ of the repo)")


# ---------------------------------------------------------------- hand-written fixture

def _mini_expected() -> dict[str, Any]:
    sha = hashlib.sha256(MINI.read_bytes()).hexdigest()
    return {
        "id": "mini",
        "title": "Mini Security Catalog",
        "version": "1.2",
        "publisher": "Example Standards Body",
        "published": "2024-03-01",
        "source": "https://example.org/mini-catalog",
        "license_name": "publisher's terms",
        "license": ("The official text is Example Standards Body's, under that publisher's "
                    "terms. It was imported by `auditpack catalog import-oscal` from the user's "
                    "own copy of the OSCAL catalog, for the user's own use; check those terms "
                    "before redistributing it."),
        "origin": {
            "document": "Mini Security Catalog, version 1.2, last modified 2024-05-02T10:00:00Z",
            "data": [("mini-catalog.json: OSCAL catalog (oscal-version 1.1.3, uuid "
                      f"5f1e9d3c-2b7a-4c1e-9f0a-1a2b3c4d5e6f), sha256 {sha}")],
            "notes": ("Imported by auditpack catalog import-oscal (validated against the OSCAL "
                      "1.1.3 catalog schema). 3 controls kept, 2 withdrawn dropped. Ids are the "
                      "OSCAL `label` props where present, else the OSCAL ids (kept in "
                      "attributes.oscal_id); statement parts are joined one item a line with "
                      "their labels; parameters are rendered inline."),
        },
        "levels": ["domain", "control", "enhancement"],
        "requirements": [
            {"id": "ac", "parent": None, "level": "domain", "title": "Access",
             "assessable": False, "attributes": {"oscal_id": "ac", "oscal_class": "domain"}},
            {"id": "AC-1", "parent": "ac", "level": "control", "title": "Access Policy",
             "text": ("a. Give the policy to [Assignment: organization-defined roles]; and\n"
                      "b. Review it:\n"
                      "1. [Selection (one or more): yearly; after an incident]; and\n"
                      "2. with [Assignment: a reviewer named by the board]."),
             "text_source": "official", "assessable": True,
             "attributes": {"oscal_id": "ac-1", "sort_id": "ac-01", "oscal_params": [
                 {"id": "ac-1_prm_1", "text": "[Assignment: organization-defined roles]"},
                 {"id": "ac-1_prm_2", "text": "[Selection (one or more): yearly; after an incident]"},
                 {"id": "ac-1_prm_3", "text": "[Assignment: a reviewer named by the board]"}]}},
            {"id": "AC-1(1)", "parent": "AC-1", "level": "enhancement",
             "title": "Automated Review", "text": "Review access [Selection: daily; weekly].",
             "text_source": "official", "assessable": True,
             "attributes": {"oscal_id": "ac-1.1", "oscal_params": [
                 {"id": "ac-1.1_prm_1", "text": "[Selection: daily; weekly]"}]}},
            {"id": "ir", "parent": None, "level": "domain", "title": "Incidents",
             "text": "Handling incidents.", "text_source": "official", "assessable": False,
             "attributes": {"oscal_id": "ir", "oscal_class": "domain"}},
            {"id": "ir-1", "parent": "ir", "level": "control", "title": "Incident Response",
             "text": "Respond to incidents.", "text_source": "official", "assessable": True,
             "attributes": {"oscal_id": "ir-1"}},
        ],
    }


def test_mini_catalog_exact_output() -> None:
    data, stats = read_oscal_catalog_with_stats(MINI)
    assert data == _mini_expected()
    # AC-2 is marked withdrawn; ir-2 has an empty statement and no examples (CSF style)
    assert stats.withdrawn == ["AC-2", "ir-2"]
    assert (stats.groups, stats.controls) == (2, 3)


def test_mini_catalog_id_and_version_overrides_and_loads(tmp_path: Path) -> None:
    data = read_oscal_catalog(MINI, catalog_id="example-mini", version="1.2 draft")
    assert (data["id"], data["version"]) == ("example-mini", "1.2-draft")
    target = install_user_catalog(data, tmp_path)
    cat = load_catalog(target)
    assert cat.requirement("AC-1(1)").parent == "AC-1"
    assert load_library([tmp_path]).get("example-mini").has("ir-1")


def test_bad_id_is_refused() -> None:
    with pytest.raises(CatalogError, match="slug"):
        read_oscal_catalog(MINI, catalog_id="Bad Id")


# ---------------------------------------------------------------- invalid input

def test_invalid_document_gives_every_violation_with_its_json_path(tmp_path: Path) -> None:
    doc = json.loads(MINI.read_text(encoding="utf-8"))
    bad = copy.deepcopy(doc)
    bad["catalog"]["groups"][0]["controls"][0]["id"] = "ac 1"      # not a token
    del bad["catalog"]["metadata"]["title"]                          # required
    bad["catalog"]["groups"][1]["colour"] = "red"                    # unknown field
    path = tmp_path / "bad-catalog.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        read_oscal_catalog(path)
    err = info.value
    assert "OSCAL 1.1.3 catalog schema violation" in err.message
    assert err.location == str(path)
    where = [p.location for p in err.problems]
    assert f"{path} $.catalog.groups[0].controls[0].id" in where
    assert f"{path} $.catalog.metadata" in where
    assert f"{path} $.catalog.groups[1]" in where
    assert not list(tmp_path.glob("*.yaml"))


def test_unicode_token_patterns_validate() -> None:
    """`\\p{L}` in OSCAL's token pattern: a non-ASCII letter is a valid id, a space is not."""
    doc = json.loads(MINI.read_text(encoding="utf-8"))
    doc["catalog"]["groups"][1]["id"] = "sécurité"
    assert oscal_problems(doc, "catalog", "x") == []
    doc["catalog"]["groups"][1]["id"] = "9 lives"
    assert [p.location for p in oscal_problems(doc, "catalog", "x")] == ["x $.catalog.groups[1].id"]


def test_not_json_and_profile_are_located(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"catalog": \n  {,}', encoding="utf-8")
    with pytest.raises(CatalogError) as info:
        read_oscal_catalog(path)
    assert info.value.location == f"{path}, line 2, column 4"
    profile = tmp_path / "profile.json"
    profile.write_text('{"profile": {}}', encoding="utf-8")
    with pytest.raises(CatalogError, match="profile"):
        read_oscal_catalog(profile)


# ---------------------------------------------------------------- CLI

def test_cli_installs_counts_and_refuses_to_overwrite(tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["catalog", "import-oscal", str(MINI), "--catalog-dir", str(tmp_path)]
    first = runner.invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert "installed mini 1.2 (3 requirements from controls, 2 groups; 2 withdrawn dropped)" \
        in first.output
    again = runner.invoke(cli, args)
    assert again.exit_code == 2
    assert "--force" in again.output
    forced = runner.invoke(cli, [*args, "--force", "--id", "mini"])
    assert forced.exit_code == 0, forced.output
    assert [p.name for p in tmp_path.iterdir()] == ["mini-1.2.yaml"]


# ---------------------------------------------------------------- NIST SP 800-53 rev5

@pytest.fixture(scope="module")
def sp800_53() -> tuple[dict[str, Any], Any]:
    return read_oscal_catalog_with_stats(SP800_53)


def _oscal_counts() -> tuple[int, int, int, int]:
    catalog = json.loads(SP800_53.read_text(encoding="utf-8"))["catalog"]
    base = [c for g in catalog["groups"] for c in g["controls"]]
    enh = [e for c in base for e in c.get("controls", [])]
    withdrawn = [c for c in base + enh
                 if {"name": "status", "value": "withdrawn"} in c.get("props", [])]
    return len(catalog["groups"]), len(base), len(enh), len(withdrawn)


@needs_800_53
def test_800_53_counts(sp800_53: tuple[dict[str, Any], Any]) -> None:
    data, stats = sp800_53
    assert _oscal_counts() == (20, 322, 867, 182)
    levels = Counter(r["level"] for r in data["requirements"])
    assert data["levels"] == ["family", "control", "enhancement"]
    assert levels["family"] == 20
    assert levels["control"] + levels["enhancement"] == 1189 - 182 == 1007
    assert stats.controls == 1007 and len(stats.withdrawn) == 182
    assert "AC-13" in stats.withdrawn  # withdrawn, incorporated into AC-2 and AU-6
    assert data["version"] == "5.0.1" and data["published"] == "2021-06-08"
    assert data["source"] == "https://doi.org/10.6028/NIST.SP.800-53r5"
    assert data["license_name"] == "Public domain (US Government work)"
    assert "95e025bfdc248269efb10ee2621b7a211116a2ef3a82f39676f7c5eb9c8acb64" \
        in data["origin"]["data"][0]


@needs_800_53
def test_800_53_requirements(sp800_53: tuple[dict[str, Any], Any]) -> None:
    reqs = {r["id"]: r for r in sp800_53[0]["requirements"]}
    assert reqs["AC-2(1)"]["parent"] == "AC-2"
    assert reqs["AC-2"]["parent"] == "ac"
    assert reqs["AC-2(1)"]["text"] == ("Support the management of system accounts using "
                                       "[Assignment: organization-defined automated mechanisms].")
    assert reqs["AC-2(2)"]["text"].startswith("Automatically [Selection: remove; disable] ")
    assert "[Selection (one or more): Organization-level; Mission/business process-level; " \
        "System-level]" in reqs["AC-1"]["text"]
    assert "\nd. Specify:\n1. Authorized users of the system;\n" in reqs["AC-2"]["text"]
    assert all("{{" not in r.get("text", "") for r in reqs.values())
    assert all(r["text_source"] == "official" for r in reqs.values() if "text" in r)


@needs_800_53
def test_800_53_installs_and_loads_quickly(sp800_53: tuple[dict[str, Any], Any],
                                           tmp_path: Path) -> None:
    start = time.perf_counter()
    target = install_user_catalog(sp800_53[0], tmp_path)
    cat = load_catalog(target)
    assert cat.requirement("AC-2(1)").parent == "AC-2"
    lib = load_library([tmp_path])
    assert lib.get("nist-sp-800-53-rev5").version == "5.0.1"
    assert not lib.is_builtin(lib.get("nist-sp-800-53-rev5"))
    assert time.perf_counter() - start < 20


# ---------------------------------------------------------------- NIST CSF 2.0 style

CSF = "https://csrc.nist.gov/ns/csf"


def _csf_control(cid: str, cls: str, statement: str, examples: int = 0,
                 children: list[dict[str, Any]] | None = None,
                 label: str | None = None) -> dict[str, Any]:
    parts: list[dict[str, Any]] = [{"id": f"{cid}_statement", "name": "statement"}]
    if statement:
        parts[0]["prose"] = statement
    parts += [{"id": f"{cid}.{n:03}", "name": "example", "ns": CSF, "prose": f"Example {n}"}
              for n in range(1, examples + 1)]
    control: dict[str, Any] = {"id": cid, "class": cls, "title": cid,
                               "props": [{"name": "label", "value": label or cid}],
                               "parts": parts}
    if children:
        control["controls"] = children
    return control


def test_csf_style_withdrawn_items_are_dropped(tmp_path: Path) -> None:
    """NIST's CSF 2.0 OSCAL export marks no withdrawn status: an empty category statement,
    or a subcategory without examples, is a withdrawn CSF 1.1 item (SOURCES.md section 1)."""
    doc = {"catalog": {
        "uuid": "1c0b1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d",
        "metadata": {"title": "CSF style", "last-modified": "2024-02-26T00:00:00Z",
                     "version": "2.0", "oscal-version": "1.1.3"},
        "groups": [{"id": "ID", "class": "function", "title": "IDENTIFY", "controls": [
            _csf_control("ID.AM", "category", "Assets are managed.", label="Asset Management (ID.AM)",
                         children=[_csf_control("ID.AM-01", "subcategory", "Inventories.", 2),
                                   _csf_control("ID.AM-06", "subcategory", "Old roles.")]),
            _csf_control("ID.BE", "category", "", label="Business Environment (ID.BE)",
                         children=[_csf_control("ID.BE-01", "subcategory", "Old role.")]),
        ]}],
    }}
    path = tmp_path / "csf_catalog.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    data, stats = read_oscal_catalog_with_stats(path, catalog_id="csf-style")
    assert data["levels"] == ["function", "category", "subcategory"]
    assert [(r["id"], r["parent"]) for r in data["requirements"]] == [
        ("ID", None), ("ID.AM", "ID"), ("ID.AM-01", "ID.AM")]
    assert stats.withdrawn == ["ID.AM-06", "ID.BE", "ID.BE-01"]
    install_user_catalog(data, tmp_path / "cats")


# ---------------------------------------------------------------- profiles

PROFILE = HERE / "fixtures" / "mini-baseline_profile.json"


@pytest.fixture
def mini_catalog(tmp_path: Path) -> Any:
    return load_catalog(install_user_catalog(read_oscal_catalog(MINI), tmp_path / "base"))


def _profile(tmp_path: Path, imports: list[dict[str, Any]]) -> Path:
    doc = json.loads(PROFILE.read_text(encoding="utf-8"))
    doc["profile"]["imports"] = imports
    path = tmp_path / "p_profile.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_profile_selects_controls_and_keeps_their_parents(mini_catalog: Any,
                                                          tmp_path: Path) -> None:
    data, stats = resolve_profile(PROFILE, mini_catalog)
    assert (data["id"], data["version"], data["title"]) == ("mini-baseline", "1.0", "Mini Baseline")
    rows = [(r["id"], r["parent"], r["assessable"]) for r in data["requirements"]]
    assert rows == [("ac", None, False), ("AC-1", "ac", False), ("AC-1(1)", "AC-1", True),
                    ("ir", None, False), ("ir-1", "ir", True)]
    assert (stats.selected, stats.context, stats.excluded) == (2, 1, 0)
    assert (stats.mods.applied, stats.mods.unapplied) == (["merge.as-is"], [])
    assert data["requirements"][2]["text"] == "Review access [Selection: daily; weekly]."
    assert data["levels"] == ["domain", "control", "enhancement"]
    assert data["license"] == mini_catalog.license
    load_catalog(install_user_catalog(data, tmp_path / "scoped"))


def test_profile_include_all_exclude_matching_and_children(mini_catalog: Any,
                                                          tmp_path: Path) -> None:
    path = _profile(tmp_path, [{"href": "#x", "include-all": {},
                                "exclude-controls": [{"matching": [{"pattern": "ir-*"}]}]}])
    data, stats = resolve_profile(path, mini_catalog, catalog_id="no-ir")
    assert [r["id"] for r in data["requirements"]] == ["ac", "AC-1", "AC-1(1)"]
    assert stats.excluded == 1
    path = _profile(tmp_path, [{"href": "#x", "include-controls": [
        {"with-ids": ["ac-1"], "with-child-controls": "yes"}]}])
    data, _ = resolve_profile(path, mini_catalog, catalog_id="ac")
    assert [(r["id"], r["assessable"]) for r in data["requirements"]] == [
        ("ac", False), ("AC-1", True), ("AC-1(1)", True)]


def test_profile_unknown_control_is_located(mini_catalog: Any, tmp_path: Path) -> None:
    path = _profile(tmp_path, [{"href": "#x", "include-controls": [{"with-ids": ["zz-9"]}]}])
    with pytest.raises(CatalogError) as info:
        resolve_profile(path, mini_catalog)
    assert [p.location for p in info.value.problems] == [
        f"{path} $.profile.imports[0].include-controls[0].with-ids[0]"]


def test_profile_invalid_is_located(mini_catalog: Any, tmp_path: Path) -> None:
    path = _profile(tmp_path, [{"include-all": {}}])  # href is required
    with pytest.raises(CatalogError) as info:
        resolve_profile(path, mini_catalog)
    assert f"{path} $.profile.imports[0]" in [p.location for p in info.value.problems]


def test_cli_profile(tmp_path: Path) -> None:
    runner = CliRunner()
    base = runner.invoke(cli, ["catalog", "import-oscal", str(MINI), "--catalog-dir", str(tmp_path)])
    assert base.exit_code == 0, base.output
    scoped = runner.invoke(cli, ["catalog", "import-oscal", str(PROFILE), "--catalog", "mini",
                                 "--catalog-dir", str(tmp_path)])
    assert scoped.exit_code == 0, scoped.output
    assert "installed mini-baseline 1.0 (2 requirements selected from mini@1.2, 0 excluded)" \
        in scoped.output
    wrong = runner.invoke(cli, ["catalog", "import-oscal", str(PROFILE),
                                "--catalog-dir", str(tmp_path), "--force"])
    assert wrong.exit_code == 2 and "--catalog" in wrong.output
    assert load_library([tmp_path]).get("mini-baseline").requirement("ir-1").assessable


@needs_800_53
def test_800_53_profile(sp800_53: tuple[dict[str, Any], Any], tmp_path: Path) -> None:
    cat = load_catalog(install_user_catalog(sp800_53[0], tmp_path))
    path = _profile(tmp_path, [{"href": "#x", "include-controls": [
        {"with-ids": ["ac-1", "ac-2"], "with-child-controls": "yes"}],
        "exclude-controls": [{"with-ids": ["ac-2.1"]}]}])
    data, stats = resolve_profile(path, cat, catalog_id="ac-slice")
    kept = [r["id"] for r in data["requirements"] if r["assessable"]]
    live_enh = [r.id for r in cat.requirements if r.parent == "AC-2"]
    assert kept == ["AC-1", "AC-2", *[e for e in live_enh if e != "AC-2(1)"]]
    assert stats.excluded == 1
