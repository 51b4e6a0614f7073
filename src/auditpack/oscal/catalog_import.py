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
from .validate import OSCAL_VERSION, validate_oscal

HINT = ("pass an OSCAL catalog in JSON (e.g. NIST_SP-800-53_rev5_catalog.json from "
        "https://github.com/usnistgov/oscal-content)")
FALLBACK_SOURCE = "https://pages.nist.gov/OSCAL/"
INSERT = re.compile(r"\{\{\s*insert:\s*param,\s*([^\s}]+)\s*\}\}")
CSF_NS = "https://csrc.nist.gov/ns/csf"
NIST = "National Institute of Standards and Technology"
NIST_LICENSE = ("US Government work (NIST), not subject to copyright in the United States; "
                "the official text may be copied freely.")


@dataclass
class ImportStats:
    """What an import kept and dropped."""

    groups: int = 0
    controls: int = 0
    withdrawn: list[str] = field(default_factory=list)


def _prop(node: dict[str, Any], name: str) -> str | None:
    """Return the value of a node's first prop with this name."""
    for prop in node.get("props", []):
        if prop.get("name") == name:
            return str(prop.get("value"))
    return None


def _label(node: dict[str, Any]) -> str:
    """The published identifier: the `label` prop when present, else the OSCAL id.

    A label with spaces is a caption, not an identifier (CSF's "Business Environment
    (ID.BE)"), so the OSCAL id is used then.
    """
    label = (_prop(node, "label") or "").strip()
    return label if label and not any(ch.isspace() for ch in label) else str(node["id"])


def _collect_params(nodes: Iterable[dict[str, Any]], out: dict[str, dict[str, Any]]) -> None:
    """Index every param of every group and control (OSCAL param ids are document-wide)."""
    for node in nodes:
        for param in node.get("params", []):
            out[param["id"]] = param
        _collect_params(node.get("groups", []), out)
        _collect_params(node.get("controls", []), out)


class _Renderer:
    """Render prose with parameter insertions made readable."""

    def __init__(self, params: dict[str, dict[str, Any]]) -> None:
        self.params = params
        # while set, each top-level insertion is recorded in text order as {id, text}, so a
        # profile's set-parameters can later replace exactly that span (see profile_modify)
        self.record: list[dict[str, str]] | None = None

    def prose(self, text: str, depth: int = 0) -> str:
        def insert(match: re.Match[str]) -> str:
            rendered = self.param(match.group(1), depth)
            if depth == 0 and self.record is not None:
                self.record.append({"id": match.group(1), "text": rendered})
            return rendered

        return INSERT.sub(insert, text).strip()

    def param(self, param_id: str, depth: int = 0) -> str:
        param = self.params.get(param_id)
        if param is None or depth > 5:
            return f"[Assignment: {param_id}]"
        select = param.get("select")
        if select is not None:
            choices = "; ".join(self.prose(str(c), depth + 1) for c in select.get("choice", []))
            many = " (one or more)" if select.get("how-many") == "one-or-more" else ""
            return f"[Selection{many}: {choices}]"
        if param.get("label"):
            return f"[Assignment: {self.prose(str(param['label']), depth + 1)}]"
        guidelines = [self.prose(str(g.get("prose", "")), depth + 1)
                      for g in param.get("guidelines", [])]
        if any(guidelines):
            return f"[Assignment: {' '.join(g for g in guidelines if g)}]"
        return f"[Assignment: {param_id}]"

    def part_lines(self, part: dict[str, Any]) -> list[str]:
        """A part's own prose (prefixed by its label) followed by its item sub-parts."""
        lines: list[str] = []
        text = self.prose(str(part.get("prose", "")))
        label = _prop(part, "label")
        if text or label:
            lines.append(" ".join(x for x in (label, text) if x))
        for sub in part.get("parts", []):
            if sub.get("name") in ("item", "statement"):
                lines.extend(self.part_lines(sub))
        return lines


def _statement(node: dict[str, Any], renderer: _Renderer) -> str:
    """The official text of a control: its statement part(s), recursively, one item a line."""
    lines: list[str] = []
    for part in node.get("parts", []):
        if part.get("name") == "statement":
            lines.extend(renderer.part_lines(part))
    return "\n".join(lines)


def _overview(node: dict[str, Any], renderer: _Renderer) -> str:
    """The text of a group: its overview or statement parts, if any."""
    lines: list[str] = []
    for part in node.get("parts", []):
        if part.get("name") in ("overview", "statement"):
            lines.extend(renderer.part_lines(part))
    return "\n".join(lines)


def is_withdrawn(control: dict[str, Any], example_classes: frozenset[str] = frozenset()) -> bool:
    """Tell whether a control is withdrawn.

    OSCAL marks it with a prop status=withdrawn. NIST's CSF 2.0 OSCAL export does not: its
    withdrawn CSF 1.1 categories have an empty statement, and its withdrawn subcategories
    have no `example` parts while every active one has some. So a control is also withdrawn
    when it has neither statement text nor examples (unless a nested control is live), or
    when its class is one whose controls carry CSF examples (`example_classes`) and it has
    none.
    """
    if (_prop(control, "status") or "").lower() == "withdrawn":
        return True
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

    def __init__(self, renderer: _Renderer, example_classes: frozenset[str]) -> None:
        self.renderer = renderer
        self.example_classes = example_classes
        self.requirements: list[dict[str, Any]] = []
        self.stats = ImportStats()
        self.group_depth = 0
        self.control_depth = 0
        self.classes: dict[str, set[str]] = {}

    def group(self, group: dict[str, Any], parent: str | None, depth: int) -> None:
        rid = _label(group)
        self.group_depth = max(self.group_depth, depth)
        self.stats.groups += 1
        self.classes.setdefault(f"group:{depth}", set()).add(str(group.get("class", "")))
        req: dict[str, Any] = {"id": rid, "parent": parent, "level": f"group:{depth}",
                               "title": str(group.get("title", "")).strip() or rid}
        text = _overview(group, self.renderer)
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
            self.stats.withdrawn.append(_label(control))
            # a withdrawn control's nested controls go with it (none do in NIST's catalogs)
            self.stats.withdrawn.extend(_label(c) for c in _descendants(control))
            return
        rid = _label(control)
        self.control_depth = max(self.control_depth, depth)
        self.stats.controls += 1
        self.classes.setdefault(f"control:{depth}", set()).add(str(control.get("class", "")))
        req: dict[str, Any] = {"id": rid, "parent": parent, "level": f"control:{depth}",
                               "title": str(control.get("title", "")).strip() or rid}
        self.renderer.record = []
        text = _statement(control, self.renderer)
        params, self.renderer.record = self.renderer.record, None
        if text:
            req.update(text=text, text_source="official")
        attributes: dict[str, Any] = {"oscal_id": control["id"]}
        if params and text:
            attributes["oscal_params"] = params
        if control.get("class"):
            attributes["oscal_class"] = control["class"]
        sort_id = _prop(control, "sort-id")
        if sort_id:
            attributes["sort_id"] = sort_id
        req.update(assessable=True, attributes=attributes)
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


def slugify(text: str) -> str:
    """Make a catalog id (lower-case slug) from a file name or title."""
    slug = re.sub(r"[^a-z0-9.]+", "-", text.lower()).strip("-.")
    return slug or "oscal-catalog"


def default_catalog_id(path: Path) -> str:
    """The id from the file name: NIST_SP-800-53_rev5_catalog.json -> nist-sp-800-53-rev5."""
    stem = re.sub(r"[-_ ]?catalog$", "", path.stem, flags=re.IGNORECASE)
    return slugify(stem)


def _version(raw: str) -> str:
    version = re.sub(r"[^A-Za-z0-9._+-]+", "-", raw.strip()).strip("-._+")
    return version or "1"


def _date(value: Any) -> str | None:
    match = re.match(r"^\d{4}(-\d{2}(-\d{2})?)?", str(value or ""))
    return match.group(0) if match else None


def _resolve_href(href: str, catalog: dict[str, Any]) -> str | None:
    """An http(s) URL for a link, following '#uuid' into the back-matter resources."""
    if href.startswith(("http://", "https://")):
        return href
    if href.startswith("#"):
        for res in catalog.get("back-matter", {}).get("resources", []):
            if res.get("uuid") == href[1:]:
                for rlink in res.get("rlinks", []):
                    if str(rlink.get("href", "")).startswith(("http://", "https://")):
                        return str(rlink["href"])
    return None


def _source(catalog: dict[str, Any]) -> str | None:
    links = catalog["metadata"].get("links", [])
    ranked = sorted(links, key=lambda link: {"canonical": 0, "alternate": 1}.get(link.get("rel"), 2))
    for link in ranked:
        url = _resolve_href(str(link.get("href", "")), catalog)
        if url:
            return url
    return None


def _publisher(metadata: dict[str, Any]) -> str | None:
    parties = {p.get("uuid"): p for p in metadata.get("parties", [])}
    by_role = {r.get("role-id"): r.get("party-uuids", []) for r in metadata.get("responsible-parties", [])}
    for role in ("publisher", "creator", "author", "contact"):
        names = [str(parties[u]["name"]) for u in by_role.get(role, [])
                 if u in parties and parties[u].get("name")]
        if names:
            return "; ".join(names)
    return None


def _is_nist(catalog: dict[str, Any], source: str | None) -> bool:
    if source and "nist.gov" in source:
        return True
    return NIST in json.dumps(catalog["metadata"].get("parties", []))


def _header(path: Path, catalog: dict[str, Any], catalog_id: str, version: str,
            sha256: str, stats: ImportStats) -> dict[str, Any]:
    metadata = catalog["metadata"]
    title = str(metadata["title"]).strip()
    source = _source(catalog)
    nist = _is_nist(catalog, source)
    publisher = _publisher(metadata) or (NIST if nist else "Unknown (not stated in the OSCAL metadata)")
    published = _date(metadata.get("published")) or _date(metadata.get("last-modified")) or "1970"
    if nist:
        license_name, license_text = "Public domain (US Government work)", NIST_LICENSE
    else:
        license_name = "publisher's terms"
        license_text = (f"The official text is {publisher}'s, under that publisher's terms. "
                        "It was imported by `auditpack catalog import-oscal` from the user's own "
                        "copy of the OSCAL catalog, for the user's own use; check those terms "
                        "before redistributing it.")
    notes = (f"Imported by auditpack catalog import-oscal (validated against the OSCAL "
             f"{OSCAL_VERSION} catalog schema). {stats.controls} controls kept, "
             f"{len(stats.withdrawn)} withdrawn dropped. Ids are the OSCAL `label` props where "
             "present, else the OSCAL ids (kept in attributes.oscal_id); statement parts are "
             "joined one item a line with their labels; parameters are rendered inline.")
    if source is None:
        notes += " The OSCAL metadata names no web source; `source` points at the OSCAL site."
    return {
        "id": catalog_id,
        "title": title,
        "version": version,
        "publisher": publisher,
        "published": published,
        "source": source or FALLBACK_SOURCE,
        "license_name": license_name,
        "license": license_text,
        "origin": {
            "document": (f"{title}, version {metadata.get('version', '?')}, last modified "
                         f"{metadata.get('last-modified', '?')}"),
            "data": [(f"{path.name}: OSCAL catalog (oscal-version "
                      f"{metadata.get('oscal-version', '?')}, uuid {catalog.get('uuid', '?')}), "
                      f"sha256 {sha256}")],
            "notes": notes,
        },
    }


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
    _collect_params([catalog], params)
    builder = _Builder(_Renderer(params), csf_example_classes(catalog))
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
    header = _header(path, catalog, catalog_id or default_catalog_id(path),
                     _version(version or str(catalog["metadata"].get("version", "1"))),
                     sha256, builder.stats)
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
