"""The shipped vocabularies: IT functions and evidence kinds."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

import yaml
from pydantic import BaseModel, ConfigDict


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ItFunction(_Frozen):
    """An IT function that a RACI row and each control belong to."""

    id: str
    title: str
    description: str
    regulatory: bool


class EvidenceKind(_Frozen):
    """A kind of evidence, its suggested collectors and the check that tests it."""

    id: str
    title: str
    collectors: tuple[str, ...]
    check: str | None = None


def _data(name: str) -> object:
    text = (files(__package__) / name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


@cache
def it_functions() -> dict[str, ItFunction]:
    """Return the IT functions by id, in their shipped order."""
    data = _data("functions.yaml")
    assert isinstance(data, dict)
    return {f["id"]: ItFunction.model_validate(f) for f in data["functions"]}


@cache
def evidence_kinds() -> dict[str, EvidenceKind]:
    """Return the evidence kinds by id."""
    data = _data("evidence_kinds.yaml")
    assert isinstance(data, dict)
    return {k["id"]: EvidenceKind.model_validate(k) for k in data["kinds"]}
