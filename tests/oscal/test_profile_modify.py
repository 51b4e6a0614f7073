"""Profiles: merge (as-is, flat, custom, combine) and modify (set-parameters, alters)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from auditpack.frameworks import load_catalog
from auditpack.frameworks.library import install_user_catalog
from auditpack.oscal.catalog_import import read_oscal_catalog
from auditpack.oscal.profile_import import resolve_profile

HERE = Path(__file__).resolve().parent
MINI = HERE / "fixtures" / "mini-catalog.json"
PROFILE = HERE / "fixtures" / "mini-baseline_profile.json"
SP800_53 = HERE.parents[1].parent / "shared" / "sources" / "nist-sp-800-53-rev5" / \
    "NIST_SP-800-53_rev5_catalog.json"


@pytest.fixture
def mini(tmp_path: Path) -> Any:
    return load_catalog(install_user_catalog(read_oscal_catalog(MINI), tmp_path / "base"))


def _profile(tmp_path: Path, **body: Any) -> Path:
    doc = json.loads(PROFILE.read_text(encoding="utf-8"))
    doc["profile"].pop("merge")
    doc["profile"]["imports"] = [{"href": "#x", "include-controls": [
        {"with-ids": ["ac-1", "ac-1.1", "ir-1"]}]}]
    doc["profile"].update(body)
    path = tmp_path / "p_profile.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _texts(data: dict[str, Any]) -> dict[str, str | None]:
    return {r["id"]: r.get("text") for r in data["requirements"]}


def test_set_parameters_render_the_values_in_the_text(mini: Any, tmp_path: Path) -> None:
    path = _profile(tmp_path, modify={"set-parameters": [
        {"param-id": "ac-1_prm_1", "values": ["the CISO", "the board"]},
        {"param-id": "ac-1_prm_3", "label": "the audit committee"},
        {"param-id": "ac-1.1_prm_1", "values": ["daily"]},
        {"param-id": "zz-9_prm_1", "values": ["unused"]}]})
    data, stats = resolve_profile(path, mini, catalog_id="set")
    texts = _texts(data)
    assert texts["AC-1"] == ("a. Give the policy to the CISO, the board; and\nb. Review it:\n"
                             "1. [Selection (one or more): yearly; after an incident]; and\n"
                             "2. with [Assignment: the audit committee].")
    assert texts["AC-1(1)"] == "Review access daily."
    assert (stats.mods.params_set, stats.mods.insertions) == (3, 3)
    assert stats.mods.unapplied == ["set-parameters for 1 parameter(s) not in any selected "
                                    "statement (zz-9_prm_1)"]
    assert "Applied: set-parameters (3 parameters, 3 insertions)." in data["origin"]["notes"]
    load_catalog(install_user_catalog(data, tmp_path / "out"))


def test_set_parameter_replaces_only_its_own_insertion(tmp_path: Path) -> None:
    """Two parameters that read the same ("organization-defined roles"): only the one set changes."""
    doc = json.loads(MINI.read_text(encoding="utf-8"))
    params = doc["catalog"]["groups"][0]["controls"][0]["params"]
    params[2] = {"id": "ac-1_prm_3", "label": "organization-defined roles"}
    source = tmp_path / "twin_catalog.json"
    source.write_text(json.dumps(doc), encoding="utf-8")
    cat = load_catalog(install_user_catalog(read_oscal_catalog(source), tmp_path / "base"))
    path = _profile(tmp_path, modify={"set-parameters": [
        {"param-id": "ac-1_prm_3", "values": ["the internal auditor"]}]})
    text = _texts(resolve_profile(path, cat, catalog_id="twin")[0])["AC-1"] or ""
    assert "a. Give the policy to [Assignment: organization-defined roles]; and" in text
    assert text.endswith("2. with the internal auditor.")


def test_merge_flat_keeps_only_the_selected(mini: Any, tmp_path: Path) -> None:
    path = _profile(tmp_path, merge={"flat": {}})
    path_doc = json.loads(path.read_text(encoding="utf-8"))
    path_doc["profile"]["imports"][0]["include-controls"] = [{"with-ids": ["ac-1.1", "ir-1"]}]
    path.write_text(json.dumps(path_doc), encoding="utf-8")
    data, stats = resolve_profile(path, mini, catalog_id="flat")
    assert [(r["id"], r["parent"]) for r in data["requirements"]] == [
        ("AC-1(1)", None), ("ir-1", None)]
    assert stats.context == 0 and stats.mods.applied == ["merge.flat"]
    load_catalog(install_user_catalog(data, tmp_path / "out"))


def test_merge_as_is_keeps_the_hierarchy_and_unsupported_merges_are_reported(
        mini: Any, tmp_path: Path) -> None:
    data, stats = resolve_profile(_profile(tmp_path, merge={"as-is": True}), mini, catalog_id="a")
    assert [r["id"] for r in data["requirements"]] == ["ac", "AC-1", "AC-1(1)", "ir", "ir-1"]
    assert stats.mods.applied == ["merge.as-is"]
    custom = {"combine": {"method": "keep"}, "custom": {}}
    data, stats = resolve_profile(_profile(tmp_path, merge=custom), mini, catalog_id="c")
    assert [r["id"] for r in data["requirements"]] == ["ac", "AC-1", "AC-1(1)", "ir", "ir-1"]
    assert len(stats.mods.unapplied) == 2
    assert "Not applied: merge.combine keep" in data["origin"]["notes"]


def test_alters_add_and_remove_parts(mini: Any, tmp_path: Path) -> None:
    alters = [
        {"control-id": "ir-1", "adds": [
            {"position": "ending", "parts": [
                {"id": "ir-1_smt.c", "name": "item", "props": [{"name": "label", "value": "c."}],
                 "prose": "Report to {{ insert: param, ac-1_prm_1 }} within 72 hours."}]},
            {"parts": [{"id": "ir-1_fr_gdn", "name": "guidance", "prose": "Use the runbook."}],
             "props": [{"name": "priority", "value": "P1"}]}]},
        {"control-id": "ac-1.1", "removes": [{"by-name": "statement"}, {"by-name": "assessment"}]},
        {"control-id": "ac-1", "adds": [{"position": "starting", "parts": [
            {"name": "statement", "prose": "Overall:"}]}]},
        {"control-id": "zz-9", "removes": [{"by-id": "zz-9_smt"}]},
    ]
    path = _profile(tmp_path, modify={"set-parameters": [
        {"param-id": "ac-1_prm_1", "values": ["the CISO"]}], "alters": alters})
    data, stats = resolve_profile(path, mini, catalog_id="alt")
    reqs = {r["id"]: r for r in data["requirements"]}
    assert reqs["ir-1"]["text"] == "Respond to incidents.\nc. Report to the CISO within 72 hours."
    assert reqs["ir-1"]["attributes"]["profile_parts"] == [
        {"id": "ir-1_fr_gdn", "name": "guidance", "class": None, "ns": None,
         "text": "Use the runbook."}]
    assert reqs["ir-1"]["attributes"]["profile_props"] == {"priority": "P1"}
    assert "text" not in reqs["AC-1(1)"]
    assert reqs["AC-1"]["text"].startswith("Overall:\na. Give the policy to the CISO; and")
    assert stats.mods.alters == 3
    assert [u.split(" (")[0] for u in stats.mods.unapplied] == [
        "alters[1] removal in ac-1.1", "alters[3] for zz-9"]
    load_catalog(install_user_catalog(data, tmp_path / "out"))


@pytest.mark.skipif(not SP800_53.is_file(), reason="NIST SP 800-53 rev5 OSCAL catalog not available")
def test_800_53_frequency_parameters_are_set_one_by_one(tmp_path: Path) -> None:
    """AC-1 has two parameters that both read '[Assignment: organization-defined frequency]'."""
    cat = load_catalog(install_user_catalog(read_oscal_catalog(SP800_53), tmp_path / "base"))
    before = cat.requirement("AC-1").text or ""
    assert before.count("[Assignment: organization-defined frequency]") == 2
    path = _profile(tmp_path, modify={"set-parameters": [
        {"param-id": "ac-1_prm_6", "values": ["annually"]}]})
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["profile"]["imports"] = [{"href": "#x", "include-controls": [{"with-ids": ["ac-1"]}]}]
    path.write_text(json.dumps(doc), encoding="utf-8")
    after = _texts(resolve_profile(path, cat, catalog_id="ac1")[0])["AC-1"] or ""
    assert after.count("[Assignment: organization-defined frequency]") == 1
    assert "1. Policy [Assignment: organization-defined frequency]" in after
    assert "2. Procedures annually" in after
