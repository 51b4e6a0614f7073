"""Resolve an OSCAL profile (JSON) against an imported catalog into a scoped catalog.

The selection (`include-all`, `include-controls` and `exclude-controls` with `with-ids`,
`matching` patterns and `with-child-controls`) is resolved against the one catalog named
with `--catalog` (an import's `href` is not followed); then `merge` and `modify`
(parameter settings, alterations) are applied as far as auditpack's catalog model allows
(see `profile_modify`).
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import CatalogError, Problem
from ..frameworks.model import Catalog, Requirement
from .catalog_header import date_prefix, publisher_name, slugify, source_url, version_slug
from .catalog_import import open_oscal
from .profile_modify import Modifications, merge_structure, modify
from .validate import OSCAL_VERSION


@dataclass
class ProfileStats:
    """What a profile selected from its catalog."""

    selected: int = 0
    context: int = 0  # unselected ancestors kept so that every parent exists
    excluded: int = 0
    mods: Modifications = field(default_factory=Modifications)


def default_profile_id(path: Path) -> str:
    """The id from the file name: NIST_SP-800-53_rev5_MODERATE-baseline_profile.json ->
    nist-sp-800-53-rev5-moderate-baseline."""
    return slugify(re.sub(r"[-_ ]?profile$", "", path.stem, flags=re.IGNORECASE))


def _oscal_id(req: Requirement) -> str:
    return str(req.attributes.get("oscal_id", req.id))


class _Index:
    """Look up a catalog's controls by OSCAL id (or, for non-OSCAL catalogs, by id)."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.controls = [r for r in catalog.requirements if r.assessable]
        self.by_key: dict[str, Requirement] = {}
        for req in self.controls:
            self.by_key.setdefault(_oscal_id(req).lower(), req)
            self.by_key.setdefault(req.id.lower(), req)
        self.children: dict[str | None, list[Requirement]] = {}
        for req in catalog.requirements:
            self.children.setdefault(req.parent, []).append(req)

    def descendants(self, req: Requirement) -> list[Requirement]:
        out: list[Requirement] = []
        for child in self.children.get(req.id, []):
            if child.assessable:
                out.append(child)
            out.extend(self.descendants(child))
        return out

    def select(self, selector: dict[str, Any], where: str,
               problems: list[Problem]) -> set[str]:
        """The requirement ids chosen by one include-controls / exclude-controls entry."""
        chosen: list[Requirement] = []
        for n, cid in enumerate(selector.get("with-ids", [])):
            req = self.by_key.get(str(cid).lower())
            if req is None:
                problems.append(Problem(f"control '{cid}' is not in catalog {self.catalog.key}",
                                        f"{where}.with-ids[{n}]",
                                        "import the catalog this profile was written for"))
            else:
                chosen.append(req)
        for match in selector.get("matching", []):
            pattern = str(match.get("pattern", ""))
            chosen += [r for r in self.controls
                       if fnmatch.fnmatchcase(_oscal_id(r), pattern)]
        if selector.get("with-child-controls") == "yes":
            chosen += [d for r in list(chosen) for d in self.descendants(r)]
        return {r.id for r in chosen}


def resolve_profile(path: Path, catalog: Catalog, catalog_id: str | None = None,
                    version: str | None = None) -> tuple[dict[str, Any], ProfileStats]:
    """Read an OSCAL profile and select its controls from `catalog` into a catalog dict."""
    path = Path(path)
    document, sha256 = open_oscal(path, catalog_id, "profile")
    profile = document["profile"]
    index = _Index(catalog)
    stats = ProfileStats()
    problems: list[Problem] = []
    selected: set[str] = set()
    excluded: set[str] = set()
    for i, imp in enumerate(profile["imports"]):
        where = f"{path} $.profile.imports[{i}]"
        if "include-all" in imp:
            selected |= {r.id for r in index.controls}
        for j, sel in enumerate(imp.get("include-controls", [])):
            selected |= index.select(sel, f"{where}.include-controls[{j}]", problems)
        for j, sel in enumerate(imp.get("exclude-controls", [])):
            excluded |= index.select(sel, f"{where}.exclude-controls[{j}]", problems)
    if problems:
        raise CatalogError(f"{len(problems)} control(s) of the profile are not in {catalog.key}",
                           str(path), "pass the catalog the profile was written for with --catalog",
                           problems=problems)
    stats.excluded = len(selected & excluded)
    selected -= excluded
    if not selected:
        raise CatalogError(f"{path.name} selects no control of {catalog.key}", str(path),
                           "check the profile's include-controls against the catalog's ids")
    parents = {r.id: r.parent for r in catalog.requirements}
    keep: set[str] = set()
    for rid in selected:
        cur: str | None = rid
        while cur is not None and cur not in keep:
            keep.add(cur)
            cur = parents[cur]
    requirements: list[dict[str, Any]] = []
    context: set[str] = set()
    for req in catalog.requirements:
        if req.id not in keep:
            continue
        item = req.model_dump(mode="json", exclude_none=True)
        item["parent"] = req.parent
        if req.assessable and req.id not in selected:
            item["assessable"] = False
            context.add(req.id)
        requirements.append(item)
    stats.selected = len(selected)
    requirements = merge_structure(requirements, profile.get("merge"), selected, stats.mods)
    stats.context = sum(1 for r in requirements if r["id"] in context)
    modify(requirements, profile.get("modify"), stats.mods)
    return _header(path, profile, catalog, catalog_id, version, sha256, stats) | {
        "levels": list(catalog.levels), "requirements": requirements}, stats


def _header(path: Path, profile: dict[str, Any], catalog: Catalog, catalog_id: str | None,
            version: str | None, sha256: str, stats: ProfileStats) -> dict[str, Any]:
    metadata = profile["metadata"]
    title = str(metadata["title"]).strip()
    notes = (f"Resolved by auditpack catalog import-oscal --catalog {catalog.key} (validated "
             f"against the OSCAL {OSCAL_VERSION} profile schema): {stats.selected} controls "
             f"selected, {stats.excluded} excluded, {stats.context} unselected parent(s) kept "
             "as non-assessable context. The profile's include-controls/exclude-controls "
             "are applied; its import hrefs are not followed.")
    if stats.mods.applied:
        notes += f" Applied: {'; '.join(stats.mods.applied)}."
    if stats.mods.unapplied:
        notes += f" Not applied: {'; '.join(stats.mods.unapplied)}."
    return {
        "id": catalog_id or default_profile_id(path),
        "title": title,
        "version": version_slug(version or str(metadata.get("version", catalog.version))),
        "publisher": publisher_name(metadata) or catalog.publisher,
        "published": (date_prefix(metadata.get("published")) or date_prefix(metadata.get("last-modified"))
                      or catalog.published),
        "source": source_url(profile) or catalog.source,
        "license_name": catalog.license_name or "as the catalog",
        "license": catalog.license,
        "origin": {
            "document": (f"{title}, version {metadata.get('version', '?')}, last modified "
                         f"{metadata.get('last-modified', '?')}; controls from "
                         f"{catalog.title} {catalog.version}"),
            "data": [(f"{path.name}: OSCAL profile (oscal-version "
                      f"{metadata.get('oscal-version', '?')}, uuid {profile.get('uuid', '?')}), "
                      f"sha256 {sha256}"),
                     *(f"catalog {catalog.key}: {d}" for d in catalog.origin.data)],
            "notes": notes,
        },
    }
