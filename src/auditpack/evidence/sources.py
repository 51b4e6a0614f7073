"""The workspace's evidence sources, checked against the collectors and the controls."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from .. import validation
from ..controls.vocabulary import evidence_kinds
from ..errors import Problem, WorkspaceError
from ..workspace.loader import Workspace
from ..yamlfile import Key
from .collectors.base import Collector, SourceSpec
from .registry import collectors

SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


@dataclass(frozen=True)
class Source:
    """A checked source: its spec, its collector, and the collector's parsed options."""

    spec: SourceSpec
    collector: type[Collector]
    options: BaseModel


def load_sources(ws: Workspace) -> list[Source]:
    """Check every `evidence.sources` entry; raise one error listing every problem."""
    raw: list[dict[str, Any]] = list(ws.file.evidence.sources)
    problems: list[Problem] = []
    sources: list[Source] = []
    seen: set[str] = set()
    for i, entry in enumerate(raw):
        at: list[Key] = ["evidence", "sources", i]
        source, found = _one(ws, entry, at, seen)
        problems.extend(found)
        if source is not None:
            sources.append(source)
            seen.add(source.spec.id)
    validation.raise_if(problems, "workspace", ws.doc.path, WorkspaceError)
    return sources


def _one(ws: Workspace, entry: dict[str, Any], at: list[Key],
         seen: set[str]) -> tuple[Source | None, list[Problem]]:
    """Check one source entry."""
    doc = ws.doc
    try:
        spec = SourceSpec.model_validate(validation.jsonable(entry))
    except ValidationError as exc:
        return None, [Problem(e["msg"], doc.where(at + [str(k) for k in e["loc"]]),
                              "see the evidence sources in docs/workspace-format.md")
                      for e in exc.errors()]
    problems: list[Problem] = []
    if not SLUG.match(spec.id) or spec.id in seen:
        problems.append(Problem(f"source id '{spec.id}' is not a unique lower-case slug",
                                doc.where(at + ["id"]), "give each source its own id"))
    known = collectors()
    if spec.collector not in known:
        return None, problems + [Problem(f"unknown collector '{spec.collector}'",
                                         doc.where(at + ["collector"]),
                                         f"use one of: {', '.join(sorted(known))}")]
    cls = known[spec.collector]
    problems.extend(_reference_problems(ws, spec, at))
    try:
        options = cls.Options.model_validate(spec.options())
    except ValidationError as exc:
        return None, problems + [Problem(_option_message(e), doc.where(at + [str(k) for k in e["loc"]]),
                                         f"see the options of the {cls.name} collector")
                                 for e in exc.errors()]
    return (None if problems else Source(spec, cls, options)), problems


def _reference_problems(ws: Workspace, spec: SourceSpec, at: list[Key]) -> list[Problem]:
    """Check controls, party, kind and period of a source."""
    doc = ws.doc
    out: list[Problem] = []
    ids = set(ws.controls.by_id())
    for k, cid in enumerate(spec.controls):
        if cid not in ids:
            out.append(Problem(f"unknown control '{cid}'", doc.where(at + ["controls", k]),
                               "use the id of a starter or workspace control"))
    parties = {p.id for p in ws.file.parties}
    if spec.supplied_by is not None and spec.supplied_by not in parties:
        out.append(Problem(f"unknown party '{spec.supplied_by}'", doc.where(at + ["supplied_by"]),
                           f"use one of: {', '.join(sorted(parties))}"))
    if spec.kind is not None and spec.kind not in evidence_kinds():
        out.append(Problem(f"unknown evidence kind '{spec.kind}'", doc.where(at + ["kind"]),
                           "use a kind from controls/evidence_kinds.yaml"))
    if spec.period_start and spec.period_end and spec.period_start > spec.period_end:
        out.append(Problem("period_start is after period_end", doc.where(at + ["period_start"]),
                           "swap the dates"))
    return out


def _option_message(error: Any) -> str:
    """Say what is wrong with a collector option in plain words."""
    name = ".".join(str(k) for k in error["loc"])
    if error["type"] == "extra_forbidden":
        return f"unknown option '{name}'"
    if error["type"] == "missing":
        return f"missing option '{name}'"
    return f"option '{name}': {error['msg']}"
