"""Write and read `requests/<list-id>.yaml` in a workspace, and load the built-in lists."""

from __future__ import annotations

import os
import re
import tempfile
from importlib.resources import files
from pathlib import Path

import yaml
from pydantic import ValidationError

from .. import validation
from ..errors import AuditpackError
from ..yamlfile import YamlDocument, duplicate_keys
from .model import LIST_ID, RequestList

FOLDER = "requests"
HEADER = ("# Examiner request list. Review each request's suggestions, then fill in `answer`:\n"
          "# controls / requirements / evidence_kinds, a written response, an attestation,\n"
          "# or not_applicable with the reason. Suggestions are only suggestions.\n")


def builtin_lists() -> list[str]:
    """Return the ids of the request lists shipped with auditpack."""
    folder = files("auditpack.requests") / "lists"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


def load_builtin(name: str) -> RequestList:
    """Load a built-in request list by id."""
    if name not in builtin_lists():
        raise AuditpackError(f"unknown built-in request list '{name}'", "--from",
                             f"use one of: {', '.join(builtin_lists())}")
    return _parse(validation.read_document(files("auditpack.requests") / "lists" / f"{name}.yaml"))


def list_path(root: Path, list_id: str) -> Path:
    """Return where a list lives in a workspace."""
    check_id(list_id)
    return root / FOLDER / f"{list_id}.yaml"


def check_id(list_id: str) -> None:
    """Refuse a list id that cannot be a file name."""
    if not re.match(LIST_ID, list_id):
        raise AuditpackError(f"'{list_id}' cannot be a request list id", "--id",
                             "use lower-case letters, digits, dots and dashes, e.g. ncua-2025")


def slug(text: str) -> str:
    """Turn a file name into a list id."""
    out = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return out or "requests"


def write_list(root: Path, rl: RequestList, force: bool = False) -> Path:
    """Write the list atomically; refuse to replace an existing one unless forced."""
    target = list_path(root, rl.id)
    if target.exists() and not force:
        raise AuditpackError("a request list with this id already exists", str(target),
                             "pass --force to replace it (your answers in it would be lost), "
                             "or --id to choose another id")
    target.parent.mkdir(parents=True, exist_ok=True)
    data = rl.model_dump(mode="json", exclude_none=True, exclude_defaults=False)
    text = HEADER + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    fd, tmp = tempfile.mkstemp(prefix=f".{rl.id}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def read_list(root: Path, list_id: str) -> RequestList:
    """Read a workspace's request list, with located errors."""
    path = list_path(root, list_id)
    if not path.is_file():
        raise AuditpackError(f"no request list '{list_id}'", str(path),
                             "create it with `auditpack requests import` or `requests new`")
    return _parse(validation.read_document(path))


def _parse(doc: YamlDocument) -> RequestList:
    """Validate a parsed document as a request list."""
    problems = duplicate_keys(doc.root, doc.path)
    validation.raise_if(problems, "request list", doc.path)
    try:
        rl = RequestList.model_validate(validation.jsonable(doc.data))
    except ValidationError as exc:
        validation.raise_if(validation.model_problems(doc, exc), "request list", doc.path)
        raise  # pragma: no cover
    dupes = sorted({n for n in rl.numbers() if rl.numbers().count(n) > 1})
    if dupes:
        raise AuditpackError(f"request number(s) used twice: {', '.join(dupes)}", doc.path,
                             "give each request its own number")
    return rl
