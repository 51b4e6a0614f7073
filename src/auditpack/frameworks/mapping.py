"""Follow crosswalks from one requirement to the requirements of other catalogs."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ..errors import CatalogError
from .library import Library
from .model import RELATIONSHIP_STRENGTH

INVERSE = {"subset_of": "superset_of", "superset_of": "subset_of"}
MAX_HOPS = 2

Node = tuple[str, str]  # (catalog id, requirement id)


@dataclass(frozen=True)
class Edge:
    """One step: to a requirement, with the relationship read from the step's start."""

    to: Node
    relationship: str
    source: str
    source_title: str


@dataclass(frozen=True)
class Link:
    """A requirement reached from the start, directly or through others."""

    catalog: str
    requirement: str
    relationship: str
    direct: bool
    via: tuple[Node, ...]
    sources: tuple[str, ...]
    source_keys: tuple[str, ...]


def graph(lib: Library) -> dict[Node, list[Edge]]:
    """Build edges in both directions (a reversed subset is a superset)."""
    out: dict[Node, list[Edge]] = defaultdict(list)
    for cw in lib.crosswalks:
        for m in cw.mappings:
            title = cw.sources[m.source].title
            a, b = (cw.from_catalog, m.from_id), (cw.to_catalog, m.to_id)
            out[a].append(Edge(b, m.relationship, m.source, title))
            out[b].append(Edge(a, INVERSE.get(m.relationship, m.relationship), m.source, title))
    return out


def _weakest(relationships: list[str]) -> str:
    """Return the weakest relationship of a path (ties keep the first)."""
    return min(relationships, key=lambda r: RELATIONSHIP_STRENGTH[r])


def map_requirement(lib: Library, catalog_id: str, req_id: str,
                    max_hops: int = MAX_HOPS) -> list[Link]:
    """Return the requirements of other catalogs linked to one, within `max_hops` steps."""
    catalog = lib.get(catalog_id)
    if not catalog.has(req_id):
        raise CatalogError(f"'{req_id}' is not a requirement of {catalog.id}", "requirement id",
                           f"see `auditpack catalog show {catalog.id}`")
    edges = graph(lib)
    start: Node = (catalog.id, req_id)
    best: dict[Node, Link] = {}
    frontier: list[tuple[Node, list[Edge]]] = [(start, [])]
    for _ in range(max_hops):
        nxt: list[tuple[Node, list[Edge]]] = []
        for node, path in frontier:
            for edge in edges.get(node, []):
                if edge.to == start or any(e.to == edge.to for e in path):
                    continue
                steps = path + [edge]
                if edge.to[0] != catalog.id:  # siblings in the start's own catalog are noise
                    _keep(best, _link(steps))
                nxt.append((edge.to, steps))
        frontier = nxt
    return sorted(best.values(), key=lambda k: (not k.direct, k.catalog, _natural(k.requirement)))


def _link(steps: list[Edge]) -> Link:
    """Describe the end of a path of steps."""
    end = steps[-1].to
    return Link(catalog=end[0], requirement=end[1],
                relationship=_weakest([s.relationship for s in steps]),
                direct=len(steps) == 1, via=tuple(s.to for s in steps[:-1]),
                sources=tuple(dict.fromkeys(s.source_title for s in steps)),
                source_keys=tuple(dict.fromkeys(s.source for s in steps)))


def _keep(best: dict[Node, Link], link: Link) -> None:
    """Keep the better link to a node: direct first, then the stronger relationship."""
    node = (link.catalog, link.requirement)
    old = best.get(node)
    rank = (link.direct, RELATIONSHIP_STRENGTH[link.relationship], -len(link.via))
    if old is None or rank > (old.direct, RELATIONSHIP_STRENGTH[old.relationship], -len(old.via)):
        best[node] = link


def _natural(req_id: str) -> list[tuple[int, int | str]]:
    """Sort key that puts 3.2 before 3.10."""
    return [(0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"(\d+)", req_id) if p]
