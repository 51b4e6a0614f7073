"""OSCAL exports of both demo packages: schema-valid, deterministic, and saying what the package says."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from oscal_demos import ROOT_KEYS, Built

from auditpack.cli import cli
from auditpack.errors import AuditpackError
from auditpack.frameworks import load_library
from auditpack.oscal.validate import oscal_problems
from auditpack.package.render.oscal import DOCUMENTS, OscalExportBug, oscal_documents
from auditpack.package.render.oscal.document import Context, checked

LIBRARY = load_library([])  # the demos' catalogs are the built-in ones



def test_package_carries_valid_oscal_files_in_its_manifest(built: Built) -> None:
    catalogs = {f"catalogs/{f.id}.json" for f in built.model.frameworks}
    assert set(built.oscal) == set(ROOT_KEYS) | catalogs
    manifest = json.loads(built.entries["manifest.json"])
    listed = {f["path"]: f["sha256"] for f in manifest["files"]}
    sums = built.entries["SHA256SUMS"].decode()
    for name, body in built.oscal.items():
        document = json.loads(body)
        assert oscal_problems(document, next(iter(document)), name) == []
        assert listed[f"oscal/{name}"] == hashlib.sha256(body).hexdigest()
        assert f"oscal/{name}" in sums


def test_exports_are_deterministic(built: Built) -> None:
    again = oscal_documents(built.model, LIBRARY)
    assert again == oscal_documents(built.model, LIBRARY)
    assert {f"oscal/{n}": b for n, b in again.items()} == {
        n: b for n, b in built.entries.items() if n.startswith("oscal/")}


def test_cli_export_writes_the_same_files(built: Built, tmp_path: Path) -> None:
    run = CliRunner().invoke(cli, ["oscal", "export", "--workspace", str(built.root),
                                   "-o", str(tmp_path / "out")])
    assert run.exit_code == 0, run.output
    for name, body in built.oscal.items():
        assert (tmp_path / "out" / name).read_bytes() == body


def test_component_per_party_with_raci_roles(built: Built) -> None:
    comp = built.docs["component-definition.json"]
    assert [c["title"] for c in comp["components"]] == [p.name for p in built.model.parties]
    people = {p["uuid"]: p["name"] for p in comp["metadata"]["parties"] if p["type"] == "person"}
    internal = next(c for c in comp["components"]
                    if {"name": "party-kind", "value": "internal", "ns": "urn:auditpack:oscal"}
                    in c["props"])
    rows = [r for ci in internal["control-implementations"] for r in ci["implemented-requirements"]]
    assert rows
    # the first control of the first requirement: its Accountable person is named in the roles
    control_id = next(p["value"] for p in rows[0]["props"] if p["name"] == "control")
    control = built.model.control(control_id)
    roles = {r["role-id"]: [people[u] for u in r["party-uuids"]] for r in rows[0]["responsible-roles"]}
    assert control.accountable[0].name in roles["accountable"]
    assert f"{control.id} {control.title}: " in rows[0]["description"]


def test_ssp_is_the_organisation_with_statements_by_component(built: Built) -> None:
    ssp = built.docs["system-security-plan.json"]
    m = built.model
    assert ssp["system-characteristics"]["system-name"] == m.legal_name
    components = {c["uuid"]: c["title"] for c in ssp["system-implementation"]["components"]}
    reqs = ssp["control-implementation"]["implemented-requirements"]
    assert len(reqs) == sum(1 for f in m.frameworks for r in f.requirements
                            if r.status != "not_applicable")
    for req in reqs:
        assert all(b["component-uuid"] in components for b in req["by-components"])
    named = {c for r in reqs for b in r["by-components"] for c in [components[b["component-uuid"]]]}
    assert {p.name for p in m.parties if p.kind == "internal"} <= named


def test_results_observe_every_evidence_file_with_path_and_hash(built: Built) -> None:
    ar = built.docs["assessment-results.json"]
    assert ar["import-ap"]["href"] == "assessment-plan.json"
    [result] = ar["results"]
    m = built.model
    assert result["start"] == f"{m.period_start}T00:00:00Z"
    observations = result["observations"][:len(m.evidence)]  # then one per evidence need
    assert [o["title"].split()[0] for o in observations] == [e.evidence_id for e in m.evidence]
    resources = {r["uuid"]: r for r in ar["back-matter"]["resources"]}
    for obs, ref in zip(observations, m.evidence):
        evidence = obs["relevant-evidence"][0]
        props = {p["name"]: p["value"] for p in evidence["props"]}
        assert props["package-path"] == ref.path
        assert props["sha256"] == hashlib.sha256(built.entries[ref.path]).hexdigest()
        rlink = resources[evidence["href"][1:]]["rlinks"][0]
        assert rlink["href"] == f"../{ref.path}"
        assert rlink["hashes"] == [{"algorithm": "SHA-256", "value": ref.sha256}]
    assert any("expires" in o for o in observations)
    first = next(o for o in observations if "expires" in o)
    assert first["expires"] > first["collected"][:10]


def test_findings_follow_requirement_status(built: Built) -> None:
    [result] = built.docs["assessment-results.json"]["results"]
    m = built.model
    in_scope = [r for f in m.frameworks for r in f.requirements if r.status != "not_applicable"]
    findings = result["findings"]
    assert len(findings) == len(in_scope)
    states = {(next(p["value"] for p in f["props"] if p["name"] == "catalog"),
               next(p["value"] for p in f["props"] if p["name"] == "requirement")):
              f["target"]["status"]["state"] for f in findings}
    for req in in_scope:
        assert states[(req.catalog, req.id)] == ("satisfied" if req.status == "pass"
                                                 else "not-satisfied")


def test_poam_has_every_finding_with_owner_and_deadline(built: Built) -> None:
    poam = built.docs["plan-of-action-and-milestones.json"]
    m = built.model
    items = poam["poam-items"]
    assert [i["title"] for i in items] == [f"{p.id} {p.subject}" for p in m.poam]
    risks = {r["uuid"]: r for r in poam.get("risks", [])}
    for item, source in zip(items, m.poam):
        risk = risks[item["related-risks"][0]["risk-uuid"]]
        assert risk["deadline"] == f"{source.due}T00:00:00Z"
        assert {"name": "owner", "value": source.owner, "ns": "urn:auditpack:oscal"} in item["props"]


def test_an_invalid_document_is_a_bug_not_a_user_error() -> None:
    with pytest.raises(OscalExportBug, match="this is a bug"):
        checked({"assessment-results": {"uuid": "not-a-uuid"}}, "assessment-results")
    assert not issubclass(OscalExportBug, AuditpackError)  # the CLI keeps its traceback
    assert set(DOCUMENTS) == set(ROOT_KEYS)


def test_uuids_are_version_5_and_unique(built: Built) -> None:
    text = b"".join(b for n, b in built.entries.items() if n.startswith("oscal/")).decode()
    ids = re.findall(r'"uuid": "([0-9a-f-]{36})"', text)
    assert ids and all(u[14] == "5" for u in ids)
    per_doc = [re.findall(r'"uuid": "([0-9a-f-]{36})"', built.entries[f"oscal/{n}"].decode())
               for n in ROOT_KEYS]
    assert all(len(d) == len(set(d)) for d in per_doc)
    assert Context(built.model, LIBRARY).org_uuid in text


def test_law_firm_exports_name_no_matter(built: Built) -> None:
    matter_list = built.root / "exports" / "matter-list-2026-09-28.csv"
    if not matter_list.is_file():
        pytest.skip("the credit-union demo has no matters")
    with matter_list.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    secrets = {r["Matter Name"] for r in rows} | {r["Matter Number"] for r in rows}
    assert len(secrets) > 10
    for name in ROOT_KEYS:
        text = built.entries[f"oscal/{name}"].decode()
        assert [s for s in secrets if s in text] == []


def _walk(node: Any, key: str = "") -> list[tuple[str, Any]]:
    """Every (key, value) pair in a JSON tree; list items carry their list's key."""
    out: list[tuple[str, Any]] = []
    if isinstance(node, dict):
        for k, v in node.items():
            out.append((k, v))
            out.extend(_walk(v, k))
    elif isinstance(node, list):
        for v in node:
            out.extend(_walk(v, key))
    return out


def test_every_reference_resolves(built: Built) -> None:
    ssp_uuids = {v for k, v in _walk(built.docs["system-security-plan.json"]) if k == "uuid"}
    for name, doc in built.docs.items():
        pairs = _walk(doc)
        defined = {v for k, v in pairs if k == "uuid"}
        refs = [v for k, v in pairs if k in ("component-uuid", "observation-uuid", "risk-uuid")]
        refs += [u for k, v in pairs if k in ("party-uuids", "member-of-organizations") for u in v]
        refs += [v[1:] for k, v in pairs if k == "href" and str(v).startswith("#")]
        assert refs, name
        assert [r for r in refs if r not in defined] == [], name
        statements = [v for k, v in pairs if k == "implementation-statement-uuid"]
        assert all(s in ssp_uuids for s in statements)


def test_cli_export_one_framework_and_bad_date(built: Built, tmp_path: Path) -> None:
    first = built.model.frameworks[0]
    run = CliRunner().invoke(cli, ["oscal", "export", "--workspace", str(built.root),
                                   "--framework", first.id, "-o", str(tmp_path)])
    assert run.exit_code == 0, run.output
    ssp = json.loads((tmp_path / "system-security-plan.json").read_text(encoding="utf-8"))
    catalogs = {p["value"] for r in ssp["system-security-plan"]["control-implementation"][
        "implemented-requirements"] for p in r["props"] if p["name"] == "catalog"}
    assert catalogs == {first.id}
    bad = CliRunner().invoke(cli, ["oscal", "export", "--workspace", str(built.root),
                                   "--as-of", "30/09/2026", "-o", str(tmp_path / "x")])
    assert bad.exit_code == 2 and "--as-of" in bad.output
    assert not (tmp_path / "x").exists()


def test_a_clean_package_exports_valid_documents(built: Built) -> None:
    clean = built.model.model_copy(update={"poam": (), "evidence": ()})
    docs = {n: json.loads(b) for n, b in oscal_documents(clean, LIBRARY).items()}
    [item] = docs["plan-of-action-and-milestones.json"]["plan-of-action-and-milestones"]["poam-items"]
    assert item["title"] == "No open findings"
    [result] = docs["assessment-results.json"]["assessment-results"]["results"]
    assert "observations" not in result and result["findings"]


def test_findings_relate_to_the_need_observations_that_name_each_file(built: Built) -> None:
    """A finding points at its controls' need observations; each names the files it read."""
    [result] = built.docs["assessment-results.json"]["results"]
    m = built.model
    needs = {o["uuid"]: o for o in result["observations"][len(m.evidence):]}
    assert needs and all(o["props"][0]["name"] == "control" for o in needs.values())
    resources = {r["uuid"]: r for r in built.docs["assessment-results.json"]["back-matter"]
                 ["resources"]}
    for finding in result["findings"]:
        for rel in finding.get("related-observations", []):
            obs = needs[rel["observation-uuid"]]
            files = [resources[e["href"][1:]]["title"].split()[0]
                     for e in obs["relevant-evidence"]]
            control = next(p["value"] for p in obs["props"] if p["name"] == "control")
            need = next(n for n in m.control(control).needs if n.kind == next(
                p["value"] for p in obs["props"] if p["name"] == "evidence-kind"))
            assert set(files) <= set(need.evidence) and files
    failing = next(o for o in needs.values()
                   if any(p == {"name": "status", "value": "fail", "ns": "urn:auditpack:oscal"}
                          for p in o["props"]))
    assert failing["methods"] == ["TEST"] and "fail" in failing["title"]


def test_a_need_reading_many_files_names_them_by_source(built: Built) -> None:
    """Past 50 files a need observation names sources and counts; each file keeps its own."""
    from auditpack.package.render.oscal.assessment import LISTED_FILES, assessment_results
    m = built.model
    control = next(c for c in m.controls if c.needs and c.needs[0].evidence)
    ref = m.evidence_ref(control.needs[0].evidence[0])
    assert ref is not None
    many = [ref.model_copy(update={"evidence_id": f"E-{9000 + i}",
                                   "path": f"evidence/E-{9000 + i}_copy.csv"})
            for i in range(LISTED_FILES + 10)]
    need = control.needs[0].model_copy(update={"evidence": tuple(e.evidence_id for e in many)})
    changed = control.model_copy(update={"needs": (need, *control.needs[1:])})
    model = m.model_copy(update={
        "evidence": (*m.evidence, *many),
        "controls": tuple(changed if c.id == control.id else c for c in m.controls)})
    [result] = assessment_results(Context(model, LIBRARY))["assessment-results"]["results"]
    titles = {o["title"].split()[0] for o in result["observations"]}
    assert {e.evidence_id for e in many} <= titles          # one observation per file
    grouped = next(o for o in result["observations"][len(model.evidence):]
                   if o["title"].startswith(f"{control.id} {need.kind}:"))
    [entry] = grouped["relevant-evidence"]
    props = {p["name"]: p["value"] for p in entry["props"]}
    assert props == {"source": ref.source, "file-count": str(LISTED_FILES + 10)}
    assert "E-9000 to E-9059" in entry["description"]


def test_streamed_results_equal_the_whole_document_and_each_item_is_validated(
        built: Built, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Written item by item, the results are byte-for-byte the whole document's dump, and an
    invalid item deep in a long list is still caught (and nothing is left behind)."""
    from auditpack.package.render.oscal import assessment, write_oscal
    from auditpack.package.render.oscal.document import dumps
    streamed = b"".join(assessment.assessment_results_stream(Context(built.model, LIBRARY)))
    assert streamed == dumps(json.loads(streamed))
    assert json.loads(streamed)["assessment-results"]["results"][0]["observations"]
    if len(built.model.evidence) < 2:
        return
    real = assessment.observation
    second = built.model.evidence[1].evidence_id

    def broken(e: Any, expires: Any) -> dict[str, Any]:
        obs = real(e, expires)
        return {**obs, "uuid": "not-a-uuid"} if e.evidence_id == second else obs

    monkeypatch.setattr(assessment, "observation", broken)
    with pytest.raises(OscalExportBug, match=r"observations\[1\]"):
        write_oscal(tmp_path / "oscal", built.model, LIBRARY)
    assert list((tmp_path / "oscal").iterdir()) == []
