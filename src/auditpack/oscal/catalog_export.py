"""Export an auditpack catalog as an OSCAL 1.1.3 catalog (JSON).

Headings at the top of the hierarchy become OSCAL groups; every other requirement becomes
a control, nested under its parent. OSCAL 1.1.3 lets a group hold sub-groups or controls,
never both, so a heading becomes a group only when its parent is a group (or the catalog)
and all its siblings are headings too: a section mixing headings and requirements (FTC's
314.3, SP 800-207's 3.1) holds them all as controls, in their published order, the
headings marked `assessable=false`. Every identifier stays as published: no synthetic
group is made. Each node keeps its official identifier in a `label` prop (the OSCAL id is
its token form, see `control_token`), its level as `class`, and its text as the
`statement` part (requirements) or `overview` part (headings), so `catalog import-oscal`
reads the same ids, texts and headings back.
"""

from __future__ import annotations

import re
from typing import Any

from ..frameworks.model import Catalog, Requirement
from ..package.render.oscal.document import checked
from .uuids import NOT_TOKEN_CHARS, control_token, is_token, stable_uuid
from .validate import OSCAL_VERSION

NS = "urn:auditpack:oscal"
CSF_NS = "https://csrc.nist.gov/ns/csf"
EPOCH = "2000-01-01T00:00:00Z"


def _timestamp(day: str) -> str | None:
    """Turn a published date ("2024-02-26") into an OSCAL date-time; None when partial."""
    return f"{day}T00:00:00Z" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", day) else None


def _class(level: str) -> str:
    token = NOT_TOKEN_CHARS.sub("-", level).strip("-")
    return token if is_token(token) else f"_{token}"


class _Writer:
    """Build groups and controls from a catalog's flat requirement list."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.children: dict[str | None, list[Requirement]] = {}
        for req in catalog.requirements:
            self.children.setdefault(req.parent, []).append(req)

    def token(self, req: Requirement) -> str:
        """The OSCAL id of a requirement."""
        oscal_id = req.attributes.get("oscal_id")
        return control_token(self.catalog.id, req.id, oscal_id if isinstance(oscal_id, str) else None)

    def _common(self, req: Requirement) -> dict[str, Any]:
        node: dict[str, Any] = {"id": self.token(req), "class": _class(req.level),
                                "title": (req.title or req.id).strip() or req.id}
        props = [{"name": "label", "value": req.id}]
        if req.text_source == "paraphrase":
            props.append({"name": "text-source", "ns": NS, "value": "paraphrase"})
        node["props"] = props
        return node

    def group(self, req: Requirement) -> dict[str, Any]:
        """A heading as an OSCAL group, with its sub-groups and controls."""
        node = self._common(req)
        if req.text:
            node["parts"] = [{"id": f"{node['id']}_ovw", "name": "overview", "prose": req.text}]
        children = self.children.get(req.id, [])
        if children and self.holds_groups(req.id):
            node["groups"] = [self.group(child) for child in children]
        elif children:
            node["controls"] = [self.control(child) for child in children]
        return node

    def control(self, req: Requirement) -> dict[str, Any]:
        """A requirement as an OSCAL control, with its nested controls."""
        node = self._common(req)
        parts: list[dict[str, Any]] = []
        if req.text and req.assessable:
            parts.append({"id": f"{node['id']}_smt", "name": "statement", "prose": req.text})
        elif req.text:
            parts.append({"id": f"{node['id']}_ovw", "name": "overview", "prose": req.text})
        if not req.assessable:
            node["props"].append({"name": "assessable", "ns": NS, "value": "false"})
        for example in req.attributes.get("examples", []) or []:
            if isinstance(example, dict) and example.get("text") and self.catalog.id == "nist-csf-2.0":
                parts.append({"id": self._part_id(node["id"], str(example.get("id", ""))),
                              "name": "example", "ns": CSF_NS, "prose": str(example["text"])})
        if parts:
            node["parts"] = parts
        nested = [self.control(child) for child in self.children.get(req.id, [])]
        if nested:
            node["controls"] = nested
        return node

    @staticmethod
    def _part_id(control_id: str, example_id: str) -> str:
        token = NOT_TOKEN_CHARS.sub("_", example_id)
        return token if is_token(token) else f"{control_id}_example_{token}"

    def holds_groups(self, parent: str | None) -> bool:
        """Tell whether a group's (or the catalog's) children are all headings, so groups."""
        return all(not child.assessable for child in self.children.get(parent, []))

    def is_group(self, req: Requirement) -> bool:
        """A heading at the top, or whose parent is a group of headings only, is a group."""
        if req.assessable:
            return False
        return req.parent is None or (self.holds_groups(req.parent)
                                      and self.is_group(self.catalog.requirement(req.parent)))


def _metadata(catalog: Catalog) -> dict[str, Any]:
    published = _timestamp(catalog.published)
    publisher = stable_uuid("catalog-publisher", catalog.publisher)
    metadata: dict[str, Any] = {"title": catalog.title.strip()}
    if published:
        metadata["published"] = published
    metadata.update({
        "last-modified": published or EPOCH,
        "version": catalog.version,
        "oscal-version": OSCAL_VERSION,
        "links": [{"href": catalog.source, "rel": "canonical"}],
        "roles": [{"id": "publisher", "title": "Publisher"}],
        "parties": [{"uuid": publisher, "type": "organization", "name": catalog.publisher.strip()}],
        "responsible-parties": [{"role-id": "publisher", "party-uuids": [publisher]}],
        "remarks": (f"Exported by auditpack from its catalog {catalog.key}. Licence: "
                    f"{catalog.license_name or ''} {catalog.license}".replace("  ", " ").strip()),
    })
    return metadata


def export_catalog(catalog: Catalog) -> dict[str, Any]:
    """Return an auditpack catalog as an OSCAL catalog document, validated against the schema."""
    writer = _Writer(catalog)
    groups, controls = [], []
    for req in writer.children.get(None, []):
        if writer.is_group(req):
            groups.append(writer.group(req))
        else:
            controls.append(writer.control(req))
    body: dict[str, Any] = {"uuid": stable_uuid("catalog", catalog.id, catalog.version),
                            "metadata": _metadata(catalog)}
    if groups:
        body["groups"] = groups
    if controls:
        body["controls"] = controls
    return checked({"catalog": body}, "catalog")
