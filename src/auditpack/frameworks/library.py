"""The set of catalogs and crosswalks in use: the built-ins plus the user's own folders."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from ..errors import AuditpackError, CatalogError, Problem
from ..yamlfile import YamlDocument
from .loader import load_catalog, raise_if, read_crosswalk
from .model import Catalog, Crosswalk

BUILTIN_CATALOGS = ("ftc-safeguards", "nist-csf-2.0", "cis-controls-v8", "hipaa-security",
                    "pci-dss-4.0.1", "nist-sp-800-207")
DEFAULT_CATALOG_DIR = Path("catalogs")


def _data_dir(name: str) -> Traversable:
    return files(__package__) / name


def builtin_catalog_path(catalog_id: str) -> Traversable:
    """Return the packaged file of a built-in catalog."""
    return _data_dir("catalogs") / f"{catalog_id}.yaml"


def builtin_crosswalk_path(crosswalk_id: str) -> Traversable:
    """Return the packaged file of a built-in crosswalk."""
    return _data_dir("crosswalks") / f"{crosswalk_id}.yaml"


def _yaml_files(folder: Traversable) -> list[Traversable]:
    """List the YAML files of a folder, sorted by name (so loading is deterministic)."""
    if not folder.is_dir():
        return []
    return sorted((f for f in folder.iterdir()
                   if f.is_file() and f.name.endswith((".yaml", ".yml"))), key=lambda f: f.name)


@dataclass
class Library:
    """Catalogs keyed by 'id@version', the default version per id, and crosswalks."""

    catalogs: dict[str, Catalog] = field(default_factory=dict)
    defaults: dict[str, str] = field(default_factory=dict)
    builtin_keys: set[str] = field(default_factory=set)
    crosswalks: list[Crosswalk] = field(default_factory=list)

    def get(self, ref: str) -> Catalog:
        """Return a catalog by 'id' (its default version) or 'id@version'."""
        key = ref if "@" in ref else self.defaults.get(ref, "")
        if key not in self.catalogs:
            known = ", ".join(sorted(self.defaults))
            raise CatalogError(f"unknown catalog '{ref}'", "catalog id",
                               f"use one of: {known} (see `auditpack catalog list`)")
        return self.catalogs[key]

    def default_catalogs(self) -> list[Catalog]:
        """Return the default version of every catalog id, sorted by id."""
        return [self.catalogs[self.defaults[i]] for i in sorted(self.defaults)]

    def all_catalogs(self) -> list[Catalog]:
        """Return every loaded catalog version, sorted by key."""
        return [self.catalogs[k] for k in sorted(self.catalogs)]

    def is_builtin(self, catalog: Catalog) -> bool:
        """Tell whether a catalog ships with auditpack."""
        return catalog.key in self.builtin_keys


def _add_catalog(lib: Library, cat: Catalog, where: str, builtin: bool) -> Problem | None:
    """Add a catalog; a second file with the same id and version is a problem."""
    if cat.key in lib.catalogs:
        hint = ("declare a different `version` for your own copy"
                if cat.key in lib.builtin_keys else "remove one of the two files")
        return Problem(f"catalog '{cat.id}' version '{cat.version}' is already loaded"
                       + (" (built in)" if cat.key in lib.builtin_keys else ""), where, hint)
    lib.catalogs[cat.key] = cat
    if builtin:
        lib.builtin_keys.add(cat.key)
        lib.defaults.setdefault(cat.id, cat.key)
    else:
        # a user's own version (e.g. licensed official text) is preferred over the built-in
        lib.defaults[cat.id] = cat.key
    return None


def _crosswalk_problems(lib: Library, cw: Crosswalk, doc: YamlDocument) -> list[Problem]:
    """Resolve every id of a crosswalk against the default catalogs it names."""
    problems: list[Problem] = []
    ends: dict[str, Catalog] = {}
    for side in ("from_catalog", "to_catalog"):
        ref = getattr(cw, side)
        if ref not in lib.defaults:
            problems.append(Problem(f"unknown catalog '{ref}'", doc.where([side]),
                                    "load that catalog or fix the id"))
        else:
            ends[side] = lib.get(ref)
    for i, m in enumerate(cw.mappings):
        for side, attr in (("from_catalog", "from_id"), ("to_catalog", "to_id")):
            cat = ends.get(side)
            req_id = getattr(m, attr)
            if cat is not None and not cat.has(req_id):
                problems.append(Problem(f"'{req_id}' is not a requirement of {cat.id}",
                                        doc.where(["mappings", i, attr]),
                                        "fix the id (see `auditpack catalog show`)"))
    return problems


def _user_sources(dirs: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """List user catalog files and crosswalk files (under `crosswalks/`) of each folder."""
    cats: list[Path] = []
    walks: list[Path] = []
    for d in dirs:
        if d.is_dir():
            cats.extend(Path(str(f)) for f in _yaml_files(d))
            walks.extend(Path(str(f)) for f in _yaml_files(d / "crosswalks"))
    return cats, walks


@functools.cache
def _builtins() -> Library:
    """Load the built-in catalogs and crosswalks, checking every id; once per process.

    They are package data and frozen models: each `load_library` copies this library's
    tables and shares the catalogs themselves.
    """
    lib = Library()
    for src in _yaml_files(_data_dir("catalogs")):
        problem = _add_catalog(lib, load_catalog(src), str(src), True)
        raise_if([problem] if problem else [], "catalog folder", "built-ins")
    for walk in _yaml_files(_data_dir("crosswalks")):
        cw, doc = read_crosswalk(walk)
        raise_if(_crosswalk_problems(lib, cw, doc), "crosswalk", str(walk))
        lib.crosswalks.append(cw)
    return lib


def load_library(catalog_dirs: Iterable[Path] = (), builtin: bool = True) -> Library:
    """Load the built-in catalogs and crosswalks, then each user folder, checking all ids."""
    base = _builtins() if builtin else Library()
    lib = Library(dict(base.catalogs), dict(base.defaults), set(base.builtin_keys),
                  list(base.crosswalks))
    problems: list[Problem] = []
    dirs = list(catalog_dirs)
    user_cats, user_walks = _user_sources(dirs)
    for src in user_cats:
        problem = _add_catalog(lib, load_catalog(src), str(src), False)
        if problem:
            problems.append(problem)
    raise_if(problems, "catalog folder", ", ".join(map(str, dirs)) or "built-ins")
    for walk in user_walks:
        cw, doc = read_crosswalk(walk)
        raise_if(_crosswalk_problems(lib, cw, doc), "crosswalk", str(walk))
        lib.crosswalks.append(cw)
    return lib


def install_user_catalog(data: dict[str, Any], folder: Path, force: bool = False) -> Path:
    """Write a catalog into a user folder, validated first; never leave a bad or partial file."""
    from .cis_workbook import write_catalog_yaml

    target = folder / f"{data['id']}-{data['version']}.yaml"
    if target.exists() and not force:
        raise AuditpackError("catalog already installed", str(target), "pass --force to replace it")
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f".{target.name}.partial"
    write_catalog_yaml(data, partial)
    try:
        cat = load_catalog(partial)
        existing = [p for p in folder.glob("*.y*ml") if p != target]
        others = [load_catalog(p) for p in existing]
        if any(o.key == cat.key for o in others):
            raise CatalogError(f"catalog {cat.key} is already in another file of {folder}",
                               str(folder), "remove the other file first")
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target
