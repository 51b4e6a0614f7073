"""Pseudonymise the text of Office Open XML files (DOCX, XLSX, PPTX) in place.

Every XML part of the container is rewritten: the text of every element and every attribute
value (document, headers and footers, footnotes, comments, shared strings, inline strings,
sheet names, document properties, hyperlink targets…). Word splits a paragraph into runs,
so the text of a paragraph (``w:p``, ``a:p``) or a string item (``si``, ``is``) is matched as
one string and each replacement is written into the run where the name starts; the rest of
the name is removed from the runs it spilled into. Parts the match does not touch are kept
byte for byte; the container is written with fixed entry times (zipfix.py), in its order.

The part-level rewrite works on the XML's tokens (tags, text, comments), after the part is
checked as well-formed by expat (a DOCTYPE is refused), so nothing but the text and the
attribute values changes. A container holding anything that is not XML (pictures, embedded
files, macros) cannot be pseudonymised: `NotRewritable` says why and the file is withheld.
The first page's thumbnail (docProps/thumbnail.*) is a picture of text that is rewritten,
so it is dropped with its relationship instead.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Collection
from pathlib import Path
from xml.parsers import expat

from ..bundle.zipfix import entry
from .pseudonyms import NameTable

MAX_PART = 256 << 20   # an XML part larger than this is not rewritten (the file is withheld)
XML_PARTS = (".xml", ".rels", ".vml")
# Binary parts that hold no document content: printer settings (a DEVMODE) and embedded,
# obfuscated fonts. They go in as they are.
KEPT = re.compile(r"(^|/)printerSettings/printerSettings\d+\.bin$|\.odttf$", re.I)
PARAGRAPHS = frozenset({"p", "si", "is"})
# Within a paragraph these end a word: breaks and tabs, and the edges of deleted text, field
# codes and phonetic guides (their text is rewritten too, but is not part of the next word).
BREAKS = frozenset({"tab", "ptab", "br", "cr"})
APART = frozenset({"delText", "instrText", "delInstrText", "rPh"})
SEPARATOR = -1   # a group's stand-in for a break: "\n" in the paragraph's text, never written
TOKEN = re.compile(r"<!--.*?-->|<\?.*?\?>|<!\[CDATA\[.*?\]\]>|<!|"
                   r"<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>|[^<]+", re.S)
ATTRIBUTE = re.compile(r"""(\s[^\s=/>]+\s*=\s*)(?:"([^"]*)"|'([^']*)')""")
RELATIONSHIP = re.compile(r"""<Relationship\b(?:[^>"']|"[^"]*"|'[^']*')*>""")


class NotRewritable(Exception):
    """The file cannot be pseudonymised; the message says why (it goes into the note)."""


def is_office(path: Path) -> bool:
    """Say whether a file is an Office Open XML container (a ZIP with [Content_Types].xml)."""
    try:
        with path.open("rb") as handle:
            if handle.read(4) != b"PK\x03\x04":
                return False
        with zipfile.ZipFile(path) as archive:
            return "[Content_Types].xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def rewrite_office(data: bytes, table: NameTable, when: dt.datetime) -> tuple[bytes, Counter[str]]:
    """Return the container with every name replaced, and the replacements by pseudonym."""
    counts: Counter[str] = Counter()
    out = io.BytesIO()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as src, \
                zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            names = src.namelist()
            if len(set(names)) != len(names):
                raise NotRewritable("it holds two entries of the same name")
            dropped = _thumbnails(src)
            for info in src.infolist():
                if info.filename in dropped or info.is_dir():
                    continue
                if KEPT.search(info.filename):
                    dst.writestr(entry(info.filename, when), src.read(info), compresslevel=6)
                    continue
                if not info.filename.lower().endswith(XML_PARTS):
                    raise NotRewritable(f"it embeds {info.filename}, whose content cannot be "
                                        "pseudonymised")
                if info.file_size > MAX_PART:
                    raise NotRewritable(f"its part {info.filename} is too large to pseudonymise")
                body = src.read(info)
                new = rewrite_part(body, info.filename, table, counts, dropped)
                dst.writestr(entry(info.filename, when), new, compresslevel=6)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
        raise NotRewritable(f"it is not a readable Office file ({exc})") from None
    return out.getvalue(), counts


def _thumbnails(src: zipfile.ZipFile) -> set[str]:
    """Return the thumbnail parts the package's relationships point to (they are dropped)."""
    if "_rels/.rels" not in src.namelist():
        return set()
    rels = src.read("_rels/.rels").decode("utf-8", "replace")
    found = set()
    for tag in RELATIONSHIP.findall(rels):
        kind, target = _attr(tag, "Type"), _attr(tag, "Target")
        if kind.endswith("/thumbnail") and target:
            found.add(target.lstrip("/"))
    return found & set(src.namelist())


def _attr(tag: str, name: str) -> str:
    """Return an attribute's value in a tag ('' when absent)."""
    for m in ATTRIBUTE.finditer(tag):
        if m.group(1).strip().rstrip("=").strip() == name:
            return html.unescape(m.group(2) if m.group(2) is not None else m.group(3))
    return ""


def _check(body: bytes, name: str) -> None:
    """Refuse a part that is not well-formed XML or that declares a DOCTYPE."""
    parser = expat.ParserCreate()

    def refuse(*_: object) -> None:
        raise NotRewritable(f"its part {name} declares a DOCTYPE")

    parser.StartDoctypeDeclHandler = refuse
    try:
        parser.Parse(body, True)
    except expat.ExpatError as exc:
        raise NotRewritable(f"its part {name} is not well-formed XML ({exc})") from None


def rewrite_part(body: bytes, name: str, table: NameTable, counts: Counter[str],
                 dropped: Collection[str] = ()) -> bytes:
    """Return one XML part with the names in its text and attribute values replaced."""
    _check(body, name)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise NotRewritable(f"its part {name} is not UTF-8 XML") from None
    tokens = TOKEN.findall(text)
    if "".join(tokens) != text or "<!" in tokens or any(t.startswith("<![CDATA[") for t in tokens):
        raise NotRewritable(f"its part {name} has markup that cannot be rewritten safely")
    new = "".join(_rewrite_tokens(tokens, table, counts, dropped))
    return body if new == text else new.encode("utf-8")


def _rewrite_tokens(tokens: list[str], table: NameTable, counts: Counter[str],
                    dropped: Collection[str]) -> list[str]:
    """Rewrite the text (a paragraph's text as one string) and the attributes of each tag."""
    out = list(tokens)
    group: list[int] = []
    depth = 0   # paragraphs open around the current token
    for i, tok in enumerate(tokens):
        if not tok.startswith("<"):
            group.append(i)
            if depth == 0:
                _paragraph(out, group, table, counts)
            continue
        if tok.startswith(("<!--", "<?")):
            continue
        closing, local = tok.startswith("</"), _local(tok)
        if not closing:
            if dropped and local == "Relationship" and _attr(tok, "Target").lstrip("/") in dropped:
                out[i] = ""
                continue
            if dropped and local == "Override" and _attr(tok, "PartName").lstrip("/") in dropped:
                out[i] = ""
                continue
            out[i] = _attributes(tok, table, counts)
        if depth and (local in BREAKS or local in APART):
            group.append(SEPARATOR)
        if local in PARAGRAPHS and not tok.endswith("/>"):
            depth += -1 if closing else 1
            if depth == 0:
                _paragraph(out, group, table, counts)
    _paragraph(out, group, table, counts)
    return out


def _local(tag: str) -> str:
    """Return a tag's local name (w:p -> p)."""
    m = re.match(r"</?([^\s/>]+)", tag)
    return m.group(1).rsplit(":", 1)[-1] if m else ""


def _attributes(tag: str, table: NameTable, counts: Counter[str]) -> str:
    """Return a tag with the names in its attribute values replaced."""
    def swap(m: re.Match[str]) -> str:
        quote = '"' if m.group(2) is not None else "'"
        raw = m.group(2) if m.group(2) is not None else m.group(3)
        value = html.unescape(raw)
        spans = table.spans(value)
        if not spans:
            return m.group(0)
        counts.update(new for _, _, new in spans)
        done = _splice([value], spans)[0]
        escaped = done.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        escaped = escaped.replace(quote, "&quot;" if quote == '"' else "&apos;")
        return f"{m.group(1)}{quote}{escaped}{quote}"

    return ATTRIBUTE.sub(swap, tag)


def _paragraph(out: list[str], group: list[int], table: NameTable, counts: Counter[str]) -> None:
    """Replace the names in a paragraph's text tokens (one string), then empty the group."""
    if not group:
        return
    texts = ["\n" if i == SEPARATOR else html.unescape(out[i]) for i in group]
    spans = table.spans("".join(texts))
    if spans:
        counts.update(new for _, _, new in spans)
        for i, old, new in zip(group, texts, _splice(texts, spans)):
            if new != old and i != SEPARATOR:
                out[i] = new.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    group.clear()


def _splice(texts: list[str], spans: list[tuple[int, int, str]]) -> list[str]:
    """Apply replacements over pieces of one string: each goes where its match starts, and
    the matched text is removed from every piece it covers."""
    joined, out, start = "".join(texts), [], 0
    for text in texts:
        end = start + len(text)
        pieces, pos = [], start
        for s, e, new in spans:
            if e <= start or s >= end:
                continue
            if s >= start:
                pieces += [joined[pos:s], new]
            pos = max(pos, min(e, end))
        pieces.append(joined[pos:end])
        out.append("".join(pieces))
        start = end
    return out
