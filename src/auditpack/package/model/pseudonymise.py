"""Pseudonymise client and matter names in the package: the model's text and the evidence files.

A law firm's package leaves the firm, and the names of its clients and matters are
themselves confidential. Unless the package is built with `--reveal-names`:

- every matter name (and other identifying matter text such as a description, from the
  matter list or from a DMS workspace's name) becomes ``Matter M-0001``, and every client
  name ``Client C-0001``. The numbers come from the matter numbers (and client values)
  sorted, so the same inputs always give the same pseudonyms;
- matter and client *numbers* are kept, because they do not name anyone and the firm
  needs them to answer an examiner's questions, unless one of them reads as a name (it
  holds a run of three letters, e.g. ``ACME-001``): then every matter number becomes
  ``M-0001`` as well (clients likewise);
- names of people are never replaced: the package must show who holds what.

Matching is case-insensitive, on whole words, and tolerant of the separator between the
words of a name (spaces, line breaks, ``-`` or ``_``), so a name wrapped in a Markdown
paragraph or slugged in a file name is caught too. The names and their pseudonyms are in
pseudonyms.py (`NameTable`). The model is rewritten as the last step of assembly; evidence
files are rewritten by `write_renditions`, streamed.
"""

from __future__ import annotations

import codecs
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from pydantic import BaseModel

from ...evidence.store import EvidenceStore
from .access_views import Rendition
from .pseudonyms import NameTable
from .views import EvidenceRef, PackageModel

__all__ = ["NameTable", "pseudonymise_model", "rewrite", "write_renditions"]

CHUNK = 1 << 20
# Kinds whose exports carry client or matter names: held back when they cannot be rewritten.
NAME_KINDS = frozenset({"matter_list", "dms_acl", "ethical_walls", "break_glass_register",
                        "matter_access_review"})


# ---- the model ---------------------------------------------------------------------------------


def _swap(value: Any, table: NameTable) -> Any:
    """Return the value with every string in it (dict keys too) rewritten; unchanged parts are reused.

    Only the models and containers that hold a name are copied, so the pass costs little
    memory however many rows the model has.
    """
    if isinstance(value, str):
        done = table.text(value)
        return value if done == value else done
    if isinstance(value, BaseModel):
        changed = {}
        for name in type(value).model_fields:
            old = getattr(value, name)
            new = _swap(old, table)
            if new is not old:
                changed[name] = new
        return value.model_copy(update=changed) if changed else value
    if isinstance(value, (tuple, list)):
        items = [_swap(v, table) for v in value]
        if all(a is b for a, b in zip(items, value)):
            return value
        return tuple(items) if isinstance(value, tuple) else items
    if isinstance(value, dict):
        pairs = [(_swap(k, table), _swap(v, table)) for k, v in value.items()]
        if all(k is a and v is b for (k, v), (a, b) in zip(pairs, value.items())):
            return value
        return dict(pairs)
    return value


def pseudonymise_model(model: PackageModel, table: NameTable) -> PackageModel:
    """Return the model with every client and matter name replaced, wherever it appears."""
    done: PackageModel = _swap(model, table)
    return done


# ---- evidence files ----------------------------------------------------------------------------


def _codec(head: bytes) -> str:
    """Choose the text codec from a byte-order mark (UTF-8 otherwise); the mark is kept as text."""
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le"
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be"
    return "utf-8"


def rewrite(src: IO[bytes], out: IO[bytes], table: NameTable) -> tuple[int, str, int] | None:
    """Stream text from src to out with names replaced; return (replaced, sha256, size).

    Return None when src is not text (it does not decode): the caller discards `out`.
    """
    head = src.read(CHUNK)
    decoder = codecs.getincrementaldecoder(_codec(head))(errors="strict")
    encoder = codecs.getincrementalencoder(_codec(head))()
    digest, size, replaced = hashlib.sha256(), 0, 0

    def texts() -> Iterator[str]:
        piece = head
        while piece:
            yield decoder.decode(piece)
            piece = src.read(CHUNK)
        yield decoder.decode(b"", final=True)

    try:
        for text, n in table.stream(texts()):
            replaced += n
            data = encoder.encode(text)
            digest.update(data)
            size += len(data)
            out.write(data)
    except UnicodeDecodeError:
        return None
    return replaced, digest.hexdigest(), size


def _renamed(path: str, tag: str, ext: str | None = None) -> str:
    """Return evidence/E-0001_x.<tag>.csv (or .<tag><ext> when the extension changes)."""
    stem, dot, suffix = path.rpartition(".")
    if not dot or "/" in suffix:
        return f"{path}.{tag}{ext or ''}"
    return f"{stem}.{tag}{ext or '.' + suffix}"


def write_renditions(store: EvidenceStore, model: PackageModel, table: NameTable,
                     folder: Path) -> tuple[PackageModel, dict[str, Path]]:
    """Write a pseudonymised rendition of every evidence file that names a client or matter.

    Files without a name go in unchanged, straight from the store. A file that is not text
    and is of a kind that carries names (a DMS export saved as XLSX, say) is withheld: a
    short note takes its place. Return the model (with the renditions' paths, hashes and
    sizes) and where each rendition's bytes are, by its sha256.
    """
    if table.pattern is None:
        return model, {}
    folder.mkdir(parents=True, exist_ok=True)
    refs: list[EvidenceRef] = []
    files: dict[str, Path] = {}
    for ref in model.evidence:
        target = folder / f"{ref.evidence_id}.rendition"
        with store.open_blob(ref.sha256) as src, target.open("wb") as out:
            result = rewrite(src, out, table)
        if result is None and ref.kind in NAME_KINDS:
            ref, body = _withheld(ref)
            target.write_bytes(body)
        elif result is None or result[0] == 0:
            target.unlink()
            refs.append(ref)
            continue
        else:
            replaced, sha, size = result
            ref = ref.model_copy(update={
                "path": _renamed(ref.path, "pseudonymised"), "sha256": sha, "size": size,
                "rendition": Rendition(kind="pseudonymised", original_sha256=ref.sha256,
                                       original_size=ref.size, replaced=replaced,
                                       note=f"{replaced} client or matter name(s) replaced by "
                                            "their pseudonyms; everything else is as collected")})
        refs.append(ref)
        files[ref.sha256] = target
    return model.model_copy(update={"evidence": tuple(refs)}), files


def _withheld(ref: EvidenceRef) -> tuple[EvidenceRef, bytes]:
    """Return the note that stands in for a withheld file, and its reference."""
    body = (f"{ref.evidence_id} ({ref.original_name}) is withheld from this package.\n"
            "It is not a text file, so its client and matter names could not be pseudonymised.\n"
            f"The original is kept in the firm's evidence store: sha256 {ref.sha256}, "
            f"{ref.size} bytes.\nAsk the firm to show it, or to build the package with "
            "--reveal-names.\n").encode()
    note = "not text: names could not be pseudonymised, so the file is withheld"
    return ref.model_copy(update={
        "path": _renamed(ref.path, "withheld", ".txt"), "sha256": hashlib.sha256(body).hexdigest(),
        "size": len(body), "media_type": "text/plain",
        "rendition": Rendition(kind="withheld", original_sha256=ref.sha256,
                               original_size=ref.size, note=note)}), body
