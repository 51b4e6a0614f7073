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
pseudonyms.py (`NameTable`), with the rule for a name's distinctive parts ("Fennel" for
"Project Fennel"). The model is rewritten as the last step of assembly; evidence files by
`write_renditions`:

- text is decoded with its detected encoding (a BOM, else UTF-8, else Windows-1252; see
  `text_codec`), streamed, and written back in the same encoding; bytes that do not decode
  (a stray byte in a UTF-8 memo) are carried through unchanged;
- DOCX, XLSX and other Office Open XML files have the text of their XML parts rewritten
  (office_text.py);
- anything else (PDF, pictures, other binary files, a text file with NUL bytes, an Office
  file with pictures or embedded files) cannot be rewritten, so it is withheld: a short
  note takes its place and the manifest lists it with the original's SHA-256.

A file in which no name is found goes in unchanged. Each rendition records how many names
were replaced, in all and by pseudonym (`replacements`).
"""

from __future__ import annotations

import codecs
import hashlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol

from pydantic import BaseModel

from ...errors import IntegrityError
from ...evidence.store import EvidenceStore
from ...evidence.tabular import SNIFF_BYTES, detect_encoding
from .access_views import Rendition
from .office_text import NotRewritable, is_office, rewrite_office
from .pseudonyms import NameTable
from .views import EvidenceRef, PackageModel

__all__ = ["NameTable", "pseudonymise_model", "rewrite", "text_codec", "write_renditions"]

CHUNK = 1 << 20
# The first bytes of formats that are never text (PDF, pictures, archives, OLE documents).
BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\xd0\xcf\x11\xe0",
                b"II*\x00", b"MM\x00*", b"RIFF", b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!", b"%!PS")
CONTROL = bytes(b for b in range(32) if b not in b"\t\n\r\f\v\x1b")


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


@dataclass(frozen=True)
class Rewritten:
    """A rendition written: its replacements by pseudonym, sha256 and size."""

    counts: Counter[str]
    sha256: str
    size: int

    @property
    def replaced(self) -> int:
        """Every name replaced."""
        return sum(self.counts.values())


def text_codec(path: Path) -> str | None:
    """Return the codec a file's text is read and written back with, or None for binary.

    The encoding is tabular.detect_encoding's (a BOM, else UTF-8, else Windows-1252). A
    byte-order mark is kept as text, so the rendition starts with the same one. A UTF-8
    file with a few stray bytes stays UTF-8 (the stray bytes are carried through as they are).
    """
    with path.open("rb") as handle:
        head = handle.read(SNIFF_BYTES)
    if head.startswith(BINARY_MAGIC):
        return None
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le"
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be"
    if sum(head.count(b) for b in CONTROL) > len(head) // 100 or b"\0" in head:
        return None
    found = detect_encoding(path)
    if found == "cp1252" and _mostly_utf8(head):
        return "utf-8"
    return "utf-8" if found == "utf-8-sig" else found


def _mostly_utf8(head: bytes) -> bool:
    """Say whether text that is not valid UTF-8 is UTF-8 with a few stray bytes."""
    text = head.decode("utf-8", "surrogateescape")
    stray = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    wide = sum(1 for ch in text if ord(ch) > 127) - stray
    return wide > 0 and stray <= max(2, wide // 10)


class Readable(Protocol):
    """What `rewrite` reads from: a binary file, or a checked one."""

    def read(self, size: int = -1, /) -> bytes:
        """Read up to size bytes (all when negative)."""


def rewrite(src: Readable, out: IO[bytes], table: NameTable,
            codec: str = "utf-8") -> Rewritten | None:
    """Stream text from src to out in `codec` with names replaced.

    Bytes that do not decode are carried through unchanged (UTF-16 must decode). Return
    None when the text turns out to hold NUL characters (it is binary): the caller
    discards `out`.
    """
    errors = "strict" if codec.startswith("utf-16") else "surrogateescape"
    decoder = codecs.getincrementaldecoder(codec)(errors=errors)
    encoder = codecs.getincrementalencoder(codec)(errors=errors)
    digest, size, counts = hashlib.sha256(), 0, Counter[str]()

    def texts() -> Iterator[str]:
        while piece := src.read(CHUNK):
            text = decoder.decode(piece)
            if "\0" in text:
                raise UnicodeError("NUL in text")
            yield text
        yield decoder.decode(b"", final=True)

    try:
        for text, _ in table.stream(texts(), counts):
            data = encoder.encode(text)
            digest.update(data)
            size += len(data)
            out.write(data)
    except UnicodeError:
        return None
    return Rewritten(counts, digest.hexdigest(), size)


def _renamed(path: str, tag: str, ext: str | None = None) -> str:
    """Return evidence/E-0001_x.<tag>.csv (or .<tag><ext> when the extension changes)."""
    stem, dot, suffix = path.rpartition(".")
    if not dot or "/" in suffix:
        return f"{path}.{tag}{ext or ''}"
    return f"{stem}.{tag}{ext or '.' + suffix}"


def write_renditions(store: EvidenceStore, model: PackageModel, table: NameTable,
                     folder: Path) -> tuple[PackageModel, dict[str, Path]]:
    """Write a pseudonymised rendition of every evidence file that names a client or matter.

    Files without a name go in unchanged, straight from the store. A file that cannot be
    rewritten (see the module's docstring) is withheld: a short note takes its place.
    Return the model (with the renditions' paths, hashes and sizes) and where each
    rendition's bytes are, by its sha256.
    """
    if table.pattern is None:
        return model, {}
    folder.mkdir(parents=True, exist_ok=True)
    refs: list[EvidenceRef] = []
    files: dict[str, Path] = {}
    for ref in model.evidence:
        target = folder / f"{ref.evidence_id}.rendition"
        try:
            result = _rendition(store, ref, table, target, model)
        except NotRewritable as exc:
            ref, body = _withheld(ref, str(exc))
            target.write_bytes(body)
        else:
            if result.replaced == 0:
                target.unlink(missing_ok=True)
                refs.append(ref)
                continue
            ref = _rewritten(ref, result)
        refs.append(ref)
        files[ref.sha256] = target
    return model.model_copy(update={"evidence": tuple(refs)}), files


def _rendition(store: EvidenceStore, ref: EvidenceRef, table: NameTable, target: Path,
               model: PackageModel) -> Rewritten:
    """Write one file's rendition to target; raise NotRewritable when it cannot be written.

    The original is hashed as it is read: one that is not the file collected stops the build.
    """
    path = store.blob_path(ref.sha256)
    with store.open_blob(ref.sha256) as handle:
        src = _Checked(handle, ref, path)
        if is_office(path):
            data, counts = rewrite_office(src.read_all(), table, model.built_at)
            target.write_bytes(data)
            return Rewritten(counts, hashlib.sha256(data).hexdigest(), len(data))
        codec = text_codec(path)
        if codec is None:
            src.read_all()
            raise NotRewritable("it is not a text, DOCX or XLSX file (a PDF, a picture or "
                                "another binary format)")
        with target.open("wb") as out:
            result = rewrite(src, out, table, codec)
        if result is None:
            src.read_all()
            raise NotRewritable("it holds binary data")
        src.read_all()
    return result


class _Checked:
    """Read a stored original, hashing it; at its end, stop if it is not the file collected."""

    def __init__(self, handle: IO[bytes], ref: EvidenceRef, path: Path) -> None:
        self.handle, self.ref, self.path = handle, ref, path
        self.digest = hashlib.sha256()

    def read(self, size: int = -1, /) -> bytes:
        """Read like a file; check the digest at the end of the file."""
        data = self.handle.read(size)
        self.digest.update(data)
        if not data or size < 0:
            self.check()
        return data

    def read_all(self) -> bytes:
        """Read the rest and check the digest."""
        return self.read()

    def check(self) -> None:
        """Raise IntegrityError when what was read is not the file collected."""
        if self.digest.hexdigest() != self.ref.sha256:
            raise IntegrityError(f"{self.ref.evidence_id} ({self.ref.original_name}) is not the "
                                 "file collected: its sha256 differs from the store's record",
                                 str(self.path),
                                 "run `auditpack store verify`; do not build from this store")


def _rewritten(ref: EvidenceRef, result: Rewritten) -> EvidenceRef:
    """Return the reference of a pseudonymised rendition."""
    replaced = result.replaced
    return ref.model_copy(update={
        "path": _renamed(ref.path, "pseudonymised"), "sha256": result.sha256,
        "size": result.size,
        "rendition": Rendition(kind="pseudonymised", original_sha256=ref.sha256,
                               original_size=ref.size, replaced=replaced,
                               replacements=dict(sorted(result.counts.items())),
                               note=f"{replaced} client or matter name(s) replaced by their "
                                    "pseudonyms; everything else is as collected")})


def _withheld(ref: EvidenceRef, reason: str) -> tuple[EvidenceRef, bytes]:
    """Return the note that stands in for a withheld file, and its reference."""
    body = (f"{ref.evidence_id} ({ref.original_name}) is withheld from this package.\n"
            f"It could not be checked for client and matter names: {reason}.\n"
            f"The original is kept in the firm's evidence store: sha256 {ref.sha256}, "
            f"{ref.size} bytes.\nAsk the firm to show it, or to build the package with "
            "--reveal-names.\n").encode()
    note = f"withheld: client and matter names could not be pseudonymised ({reason})"
    return ref.model_copy(update={
        "path": _renamed(ref.path, "withheld", ".txt"), "sha256": hashlib.sha256(body).hexdigest(),
        "size": len(body), "media_type": "text/plain",
        "rendition": Rendition(kind="withheld", original_sha256=ref.sha256,
                               original_size=ref.size, note=note)}), body
