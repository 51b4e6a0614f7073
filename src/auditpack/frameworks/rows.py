"""Plain rows describing catalogs, requirements and links, for tables and JSON."""

from __future__ import annotations

from typing import Any

from .library import Library
from .mapping import Link
from .model import Catalog


def catalog_rows(lib: Library) -> list[dict[str, Any]]:
    """Describe every loaded catalog version."""
    return [{
        "id": c.id, "title": c.title, "version": c.version, "publisher": c.publisher,
        "license": c.license, "license_name": c.license_name or c.license[:60],
        "assessable": len(c.assessable()), "requirements": len(c.requirements),
        "origin": "built-in" if lib.is_builtin(c) else "user",
        "default": lib.defaults[c.id] == c.key,
    } for c in lib.all_catalogs()]


def requirement_rows(cat: Catalog, req_id: str | None = None) -> list[dict[str, Any]]:
    """Describe all requirements, or one requirement followed by its descendants."""
    reqs = list(cat.requirements)
    if req_id is not None:
        reqs = [r for r in reqs if req_id in _lineage(cat, r.id)]
    return [{"id": r.id, "parent": r.parent, "level": r.level, "title": r.title,
             "text": r.text, "text_source": r.text_source, "assessable": r.assessable,
             "attributes": r.attributes} for r in reqs]


def _lineage(cat: Catalog, req_id: str) -> set[str]:
    """Return a requirement's id and the ids of all its ancestors."""
    seen = {req_id}
    parent = cat.requirement(req_id).parent
    while parent is not None and parent not in seen:
        seen.add(parent)
        parent = cat.requirement(parent).parent
    return seen


def link_rows(lib: Library, links: list[Link]) -> list[dict[str, Any]]:
    """Describe crosswalk links with the linked requirement's title."""
    rows = []
    for k in links:
        target = lib.get(k.catalog).requirement(k.requirement)
        rows.append({
            "catalog": k.catalog, "id": k.requirement, "relationship": k.relationship,
            "link": "direct" if k.direct else "indirect",
            "via": ", ".join(f"{c} {r}" for c, r in k.via),
            "source": ", ".join(k.source_keys), "source_titles": list(k.sources),
            "title": target.label,
        })
    return rows
