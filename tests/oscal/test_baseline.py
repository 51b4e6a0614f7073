"""The package's baseline: its catalogs as OSCAL and the profile the SSP imports."""

from __future__ import annotations

import json
from typing import Any

from oscal_demos import Built

from auditpack.frameworks import load_library
from auditpack.oscal.validate import oscal_problems
from auditpack.package.render.oscal.baseline import framework_catalog
from auditpack.package.render.oscal.document import requirement_token


def _ids(nodes: list[dict[str, Any]]) -> set[str]:
    """Every control id in a tree of groups and controls."""
    out: set[str] = set()
    for node in nodes:
        out |= {str(c["id"]) for c in node.get("controls", [])}
        out |= _ids(node.get("controls", [])) | _ids(node.get("groups", []))
    return out


def test_the_ssp_imports_the_profile_shipped_beside_it(built: Built) -> None:
    assert built.docs["system-security-plan.json"]["import-profile"] == {"href": "profile.json"}
    imports = built.docs["profile.json"]["imports"]
    assert [i["href"] for i in imports] == [f"catalogs/{f.id}.json" for f in built.model.frameworks]
    assert all(i["href"] in built.oscal for i in imports)
    for framework in built.model.frameworks:
        catalog = json.loads(built.oscal[f"catalogs/{framework.id}.json"])["catalog"]
        assert catalog["metadata"]["version"] == framework.version


def test_the_profile_selects_the_requirements_in_scope_and_excludes_the_rest(built: Built) -> None:
    profile = built.docs["profile.json"]
    ssp_ids = [r["control-id"] for r in built.docs["system-security-plan.json"][
        "control-implementation"]["implemented-requirements"]]
    selected, excluded = [], []
    for imp, framework in zip(profile["imports"], built.model.frameworks):
        in_scope = [requirement_token(r) for r in framework.requirements
                    if r.status != "not_applicable"]
        out = [requirement_token(r) for r in framework.requirements if r.status == "not_applicable"]
        assert imp["include-controls"] == [{"with-ids": in_scope}]
        assert imp.get("exclude-controls", [{"with-ids": []}]) == [{"with-ids": out}]
        catalog = json.loads(built.oscal[imp["href"]])["catalog"]
        controls = _ids([catalog])
        assert set(in_scope) | set(out) <= controls  # every id it names is in the catalog
        selected += in_scope
        excluded += out
    assert ssp_ids == selected
    if excluded:  # the credit union leaves out PCI's service-provider requirements, CIS IG3
        remarks = profile["metadata"]["remarks"]
        assert "Excluded as not applicable" in remarks and "cis-controls-v8 1.5" in remarks


def test_the_component_definition_points_at_the_shipped_catalogs(built: Built) -> None:
    sources = {ci["source"] for c in built.docs["component-definition.json"]["components"]
               for ci in c.get("control-implementations", [])}
    assert sources and sources <= {n for n in built.oscal if n.startswith("catalogs/")}


def test_a_workspace_catalog_is_exported_whole_from_the_workspace_library(built: Built) -> None:
    """The export takes each catalog from the library the package was assembled with: a
    workspace's own catalog is written whole (headings and all), like a built-in one."""
    library = load_library([])
    framework = built.model.frameworks[0]
    own = library.get(f"{framework.id}@{framework.version}").model_copy(
        update={"id": "my-own", "version": "3"})
    library.catalogs[own.key] = own
    document = framework_catalog(framework.model_copy(update={"id": "my-own", "version": "3"}),
                                 library)
    assert oscal_problems(document, "catalog", "my-own") == []
    assert document["catalog"]["metadata"]["version"] == "3"
    original = framework_catalog(framework, load_library([]))
    ids = _ids([document["catalog"]]) | _ids(document["catalog"].get("groups", []))
    same = _ids([original["catalog"]]) | _ids(original["catalog"].get("groups", []))
    assert same >= {requirement_token(r) for r in framework.requirements}
    assert len(ids) == len(same) > 0  # every heading and requirement, as for the built-in
