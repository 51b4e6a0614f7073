"""Turn an OSCAL catalog (JSON) into a catalog dict in auditpack's format.

Groups become heading requirements (levels `group`, `group-2`, ... when groups nest),
controls become requirements at level `control`, and nested controls (enhancements) at
`enhancement`, `enhancement-2`, ... with `parent` set. A control's statement parts, with
their labels ("a.", "1."), become its `text`; parameters are rendered inline as
`[Assignment: ...]` or `[Selection: ...]`. Withdrawn controls are dropped and counted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import CatalogError
from ..frameworks.cis_workbook import file_sha256
from .catalog_header import catalog_header, default_catalog_id, version_slug
from .prose import Renderer, collect_params, label, overview_text, prop_value, statement_text
from .validate import validate_oscal

HINT = ("pass an OSCAL catalog in JSON (e.g. NIST_SP-800-53_rev5_catalog.json from "
        "https://github.com/usnistgov/oscal-content)")
CSF_NS = "https://csrc.nist.gov/ns/csf"


@dataclass
class ImportStats:
    """What an import kept and dropped."""

    groups: int = 0
    controls: int = 0
    withdrawn: list[str] = field(default_factory=list)


def is_withdrawn(control: dict[str, Any], example_classes: frozenset[str] = frozenset()) -> bool:
    """Tell whether a control is withdrawn.

    OSCAL marks it with a prop status=withdrawn. NIST's CSF 2.0 OSCAL export does not: its
    withdrawn CSF 1.1 categories have an empty statement, and its withdrawn subcategories
    have no `example` parts while every active one has some. So a control is also withdrawn
    when it has neither statement text nor examples (unless a nested control is live), or
    when its class is one whose controls carry CSF examples (`example_classes`) and it has
    none.
    """
    if (prop_value(control, "status") or "").lower() == "withdrawn":
        return True
    if prop_value(control, "assessable") == "false":  # a heading auditpack wrote as a control
        return False
    parts = control.get("parts", [])
    has_statement = any(p.get("name") == "statement" and _has_prose(p) for p in parts)
    has_examples = any(p.get("name") == "example" for p in parts)
    if not has_statement and not has_examples:
        # a text-less heading that introduces live sub-controls (FTC's 314.4(c)(6)) stays
        return all(is_withdrawn(c, example_classes) for c in control.get("controls", []))
    return not has_examples and str(control.get("class", "")) in example_classes


def csf_example_classes(catalog: dict[str, Any]) -> frozenset[str]:
    """Classes of the controls that carry NIST CSF `example` parts (ns .../ns/csf)."""
    found: set[str] = set()

    def walk(nodes: Iterable[dict[str, Any]]) -> None:
        for node in nodes:
            if any(p.get("name") == "example" and str(p.get("ns", "")).startswith(CSF_NS)
                   for p in node.get("parts", [])) and "class" in node:
                found.add(str(node["class"]))
            walk(node.get("groups", []))
            walk(node.get("controls", []))

    walk([catalog])
    return frozenset(found)


def _has_prose(part: dict[str, Any]) -> bool:
    return bool(str(part.get("prose", "")).strip()) or any(_has_prose(p) for p in part.get("parts", []))


def _count_controls(control: dict[str, Any]) -> int:
    return 1 + sum(_count_controls(c) for c in control.get("controls", []))


class _Builder:
    """Walk groups and controls in document order, building requirements."""

    def __init__(self, renderer: Renderer, example_classes: frozenset[str]) -> None:
        self.renderer = renderer
        self.example_classes = example_classes
        self.requirements: list[dict[str, Any]] = []
        self.stats = ImportStats()
        self.group_depth = 0
        self.control_depth = 0
        self.classes: dict[str, set[str]] = {}

    def group(self, group: dict[str, Any], parent: str | None, depth: int) -> None:
        rid = label(group)
        self.group_depth = max(self.group_depth, depth)
        self.stats.groups += 1
        self.classes.setdefault(f"group:{depth}", set()).add(str(group.get("class", "")))
        req: dict[str, Any] = {"id": rid, "parent": parent, "level": f"group:{depth}",
                               "title": str(group.get("title", "")).strip() or rid}
        text = overview_text(group, self.renderer)
        if text:
            req.update(text=text, text_source="official")
        req.update(assessable=False, attributes={"oscal_id": group.get("id", rid)})
        if group.get("class"):
            req["attributes"]["oscal_class"] = group["class"]
        self.requirements.append(req)
        for sub in group.get("groups", []):
            self.group(sub, rid, depth + 1)
        for control in group.get("controls", []):
            self.control(control, rid, 1)

    def control(self, control: dict[str, Any], parent: str | None, depth: int) -> None:
        if is_withdrawn(control, self.example_classes):
            self.stats.withdrawn.append(label(control))
            # a withdrawn control's nested controls go with it (none do in NIST's catalogs)
            self.stats.withdrawn.extend(label(c) for c in _descendants(control))
            return
        rid = label(control)
        self.control_depth = max(self.control_depth, depth)
        self.stats.controls += 1
        self.classes.setdefault(f"control:{depth}", set()).add(str(control.get("class", "")))
        req: dict[str, Any] = {"id": rid, "parent": parent, "level": f"control:{depth}",
                               "title": str(control.get("title", "")).strip() or rid}
        self.renderer.record = []
        heading = prop_value(control, "assessable") == "false"  # auditpack's heading
        text = (overview_text if heading else statement_text)(control, self.renderer)
        params, self.renderer.record = self.renderer.record, None
        if text:
            req.update(text=text, text_source="official")
        attributes: dict[str, Any] = {"oscal_id": control["id"]}
        if params and text:
            attributes["oscal_params"] = params
        if control.get("class"):
            attributes["oscal_class"] = control["class"]
        sort_id = prop_value(control, "sort-id")
        if sort_id:
            attributes["sort_id"] = sort_id
        req.update(assessable=not heading, attributes=attributes)
        self.requirements.append(req)
        for sub in control.get("controls", []):
            self.control(sub, rid, depth + 1)


def _descendants(control: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for sub in control.get("controls", []):
        out.append(sub)
        out.extend(_descendants(sub))
    return out


def _level_names(group_depth: int, control_depth: int,
                 classes: dict[str, set[str]]) -> dict[str, str]:
    """Map internal level keys to the catalog's level names, top down.

    Nodes of one depth that share a lower-case slug `class` take it as their level name
    (800-53's groups: "family"; CSF: "function", "category", "subcategory"); otherwise
    `group`, `group-2`, ... and `control`, `enhancement`, `enhancement-2`, ...
    """
    keys = [f"group:{d}" for d in range(1, group_depth + 1)]
    keys += [f"control:{d}" for d in range(1, control_depth + 1)]
    generic = {k: ("group" if k == "group:1" else f"group-{k[6:]}") for k in keys[:group_depth]}
    for d in range(1, control_depth + 1):
        generic[f"control:{d}"] = ("control" if d == 1 else "enhancement" if d == 2
                                   else f"enhancement-{d - 1}")
    names: dict[str, str] = {}
    for key in keys:
        found = classes.get(key, set())
        only = next(iter(found)) if len(found) == 1 else ""
        usable = (re.fullmatch(r"[a-z0-9][a-z0-9._-]*", only) is not None
                  and only not in names.values() and only not in generic.values())
        names[key] = only if usable else generic[key]
    return names


def load_oscal_json(path: Path) -> Any:
    """Read a JSON file, turning decode errors into a located error."""
    path = Path(path)
    if not path.is_file():
        raise CatalogError(f"{path.name}: no such file", location=str(path), hint=HINT)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise CatalogError(f"{path.name} is not UTF-8 text: {exc}", str(path), HINT) from exc
    except json.JSONDecodeError as exc:
        raise CatalogError(f"{path.name} is not valid JSON: {exc.msg}",
                           f"{path}, line {exc.lineno}, column {exc.colno}",
                           "OSCAL XML and YAML are not read: convert the file to OSCAL JSON") from exc
    except (RecursionError, ValueError) as exc:  # nested too deep; an integer too long
        raise CatalogError(f"{path.name} cannot be read as JSON: {exc}", str(path), HINT) from None


OTHER_MODEL = {"catalog": ("profile", "profiles need --catalog ID naming an imported catalog"),
               "profile": ("catalog", "import catalogs without --catalog")}


def open_oscal(path: Path, catalog_id: str | None, model: str) -> tuple[Any, str]:
    """Check the --id, read and validate an OSCAL catalog or profile; return it and its sha256."""
    if catalog_id is not None and not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", catalog_id):
        raise CatalogError(f"catalog id {catalog_id!r} is not a lower-case slug", "--id",
                           "use lower-case letters, digits, '.', '_' and '-', e.g. nist-sp-800-53-rev5")
    sha256 = file_sha256(path) if path.is_file() else ""
    document = load_oscal_json(path)
    other, hint = OTHER_MODEL[model]
    if isinstance(document, dict) and other in document and model not in document:
        raise CatalogError(f"{path.name} is an OSCAL {other}, not a {model}", str(path), hint)
    validate_oscal(document, model, str(path), CatalogError)
    return document, sha256


def read_oscal_catalog_with_stats(path: Path, catalog_id: str | None = None,
                                  version: str | None = None) -> tuple[dict[str, Any], ImportStats]:
    """Like read_oscal_catalog, also returning what was kept and dropped."""
    path = Path(path)
    document, sha256 = open_oscal(path, catalog_id, "catalog")
    catalog = document["catalog"]
    params: dict[str, dict[str, Any]] = {}
    collect_params([catalog], params)
    builder = _Builder(Renderer(params), csf_example_classes(catalog))
    for group in catalog.get("groups", []):
        builder.group(group, None, 1)
    for control in catalog.get("controls", []):
        builder.control(control, None, 1)
    if not builder.requirements or builder.stats.controls == 0:
        raise CatalogError(f"{path.name}: the catalog has no controls that are not withdrawn",
                           str(path), HINT)
    names = _level_names(builder.group_depth, builder.control_depth, builder.classes)
    for req in builder.requirements:
        req["level"] = names[req["level"]]
    header = catalog_header(path, catalog, catalog_id or default_catalog_id(path),
                     version_slug(version or str(catalog["metadata"].get("version", "1"))),
                     sha256, builder.stats.controls,
                             len(builder.stats.withdrawn))
    data = {**header, "levels": list(names.values()), "requirements": builder.requirements}
    return data, builder.stats


def read_oscal_catalog(path: Path, catalog_id: str | None = None,
                       version: str | None = None) -> dict[str, Any]:
    """Read an OSCAL catalog (JSON) into a catalog dict in auditpack's format.

    The document is validated against the vendored OSCAL 1.1.3 catalog schema first; an
    invalid one raises a CatalogError listing every violation with its JSON path.
    `catalog_id` defaults to a slug of the file name, `version` to metadata.version.
    """
    return read_oscal_catalog_with_stats(path, catalog_id, version)[0]
