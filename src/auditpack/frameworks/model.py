"""Pydantic models of a framework catalog and of a crosswalk between two catalogs."""

from __future__ import annotations

from functools import cached_property
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

TextSource = Literal["official", "paraphrase"]
Relationship = Literal["equal", "subset_of", "superset_of", "intersects_with", "related"]

# Weakest last: used to rate an indirect link by the weakest step on its path.
RELATIONSHIP_STRENGTH: dict[str, int] = {
    "equal": 4, "subset_of": 3, "superset_of": 3, "intersects_with": 2, "related": 1,
}


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Origin(_Frozen):
    """Where a catalog's content came from."""

    document: str
    data: tuple[str, ...] = ()
    notes: str | None = None


class Requirement(_Frozen):
    """One requirement (or heading) of a catalog, under its official identifier."""

    id: str
    parent: str | None = None
    level: str
    title: str | None = None
    text: str | None = None
    text_source: TextSource | None = None
    assessable: bool = True
    attributes: dict[str, Any] = Field(default_factory=dict)

    @property
    def label(self) -> str:
        """Return the title, or the text when there is no title."""
        return self.title or self.text or self.id


class Catalog(_Frozen):
    """One framework version: header, citation and a flat list of requirements."""

    id: str
    title: str
    version: str
    publisher: str
    published: str
    source: str
    license: str
    license_name: str | None = None
    origin: Origin
    description: str | None = None
    levels: tuple[str, ...]
    requirements: tuple[Requirement, ...]

    @cached_property
    def _index(self) -> dict[str, Requirement]:
        return {r.id: r for r in self.requirements}

    @property
    def key(self) -> str:
        """Return 'id@version', unique among loaded catalogs."""
        return f"{self.id}@{self.version}"

    def requirement(self, req_id: str) -> Requirement:
        """Return the requirement with this id, or raise KeyError."""
        return self._index[req_id]

    def has(self, req_id: str) -> bool:
        """Tell whether the catalog has a requirement with this id."""
        return req_id in self._index

    def children(self, req_id: str | None) -> list[Requirement]:
        """Return the direct children of a requirement (top level for None), in order."""
        return [r for r in self.requirements if r.parent == req_id]

    def at_level(self, level: str) -> list[Requirement]:
        """Return the requirements at one level of the hierarchy, in order."""
        return [r for r in self.requirements if r.level == level]

    def assessable(self) -> list[Requirement]:
        """Return the requirements an assessor tests (not pure headings)."""
        return [r for r in self.requirements if r.assessable]


class CrosswalkSource(_Frozen):
    """Who published a set of mappings."""

    title: str
    url: str | None = None
    notes: str | None = None


class Mapping(_Frozen):
    """One typed link: from_id <relationship> to_id."""

    from_id: str
    to_id: str
    relationship: Relationship
    source: str
    rationale: str | None = None


class Crosswalk(_Frozen):
    """Typed links between the requirements of two catalogs."""

    id: str
    title: str
    description: str | None = None
    from_catalog: str
    to_catalog: str
    sources: dict[str, CrosswalkSource]
    mappings: tuple[Mapping, ...]
