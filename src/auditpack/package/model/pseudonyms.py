"""The pseudonyms of client and matter names: which names the package hides, and what each becomes.

Every matter name (and other identifying matter text such as a description, from the matter
list or from a DMS workspace's name) becomes ``Matter M-0001``, and every client name
``Client C-0001``; the numbers come from the matter numbers (and client values) sorted, so
the same inputs always give the same pseudonyms. Matter and client numbers are kept unless
one of them reads as a name (a run of three letters). Matching is case-insensitive, on whole
words, and tolerant of the separator between a name's words. pseudonymise.py applies the
table to the model and the evidence files.

A name's distinctive part is replaced too, because people write "Fennel is on hold" for
"Project Fennel" and "Acme Holdings" for "Acme Holdings LLC":

- a generic leading word (Project, Proj., Matter, Case, Deal, Operation…) is dropped, and
  the name is also matched with that word's other spellings ("Proj. Fennel");
- a trailing legal suffix (LLC, Inc., Ltd, LLP, plc, Corp., GmbH…) and a leading "The" are
  dropped.

The part left is used only when it is distinctive: a single word needs four letters or more
and must not be in STOP_WORDS (generic words of company and matter names, and common English
words); a part of several words needs one such word. A part shared by names with different
pseudonyms becomes "Matter M-?" (or "Client C-?"). A full name always wins over a part.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ...errors import AuditpackError
from ...evidence.store import EvidenceStore
from ...evidence.tabular import open_table
from .access_views import NamesView

NAME_RUN = re.compile(r"[^\W\d_]{3,}")       # three letters in a row: the value reads as a name
SEPARATOR = re.compile(r"[\s_\-]+")
SEPARATOR_PATTERN = r"[\s_\-]{1,8}"
NAME_WORDS = frozenset({"name", "description", "desc", "title", "client", "party", "parties",
                        "caption", "subject", "adverse", "opposing", "summary", "style"})
NOT_NAME_WORDS = frozenset({"attorney", "partner", "lawyer", "responsible", "billing", "number",
                            "no", "id", "code", "date", "user", "owner", "staff", "timekeeper",
                            "originating", "opened", "closed", "sensitivity", "privileged",
                            "status", "type"})
MATTER_KEYS = ("matter", "matterid", "matternumber")
LEADS = (("Project", "Proj.", "Proj", "Prj."), ("Matter", "Mtr."), ("Case",), ("Deal",),
         ("Operation", "Op."), ("Engagement",), ("Transaction",), ("The",))
LEGAL_SUFFIXES = frozenset({
    "llc", "l.l.c.", "inc", "inc.", "incorporated", "ltd", "ltd.", "limited", "llp", "l.l.p.",
    "lp", "l.p.", "plc", "corp", "corp.", "corporation", "co", "co.", "company", "gmbh", "ag",
    "sa", "s.a.", "nv", "n.v.", "bv", "b.v.", "pty", "pc", "p.c.", "pllc", "lllp", "se"})
STOP_WORDS = frozenset("""
    project matter client case deal operation engagement transaction holdings holding group
    partners partnership associates services service systems solutions management capital
    investments investment international national global general united american first
    north south east west central new old bank trust fund funds financial insurance health
    care medical energy power water land real estate property properties development
    industries industrial technologies technology enterprises ventures company companies
    corporation limited acquisition merger sale purchase litigation dispute claim claims
    appeal review audit budget plan policy report matters clients cases deals update
    hold status note notes memo draft final with from into this that than then they them
    their there here what when where which while will would should could have been were
    does done over under about after before also only same such each other more most
    some very just like make made many much must need open closed team firm office
""".split())


def reads_as_name(value: str) -> bool:
    """Say whether a value holds a run of three letters (a name, not a number or a code)."""
    return bool(NAME_RUN.search(value))


def _norm(text: str) -> str:
    """Return a name's lookup key: lower case, separators collapsed to one space."""
    return SEPARATOR.sub(" ", text.strip().lower())


def _code(prefix: str, number: int, width: int) -> str:
    """Return e.g. M-0007."""
    return f"{prefix}-{number:0{width}d}"


@dataclass
class NameTable:
    """Every name to replace, by lookup key, and the pseudonym it becomes."""

    matters: dict[str, str] = field(default_factory=dict)   # matter number -> "M-0007"
    clients: dict[str, str] = field(default_factory=dict)   # client value -> "C-0003"
    terms: dict[str, str] = field(default_factory=dict)     # name key -> pseudonym
    parts: dict[str, str] = field(default_factory=dict)     # distinctive part key -> pseudonym
    numbers_kept: bool = True
    pattern: re.Pattern[str] | None = None
    overlap: int = 0
    _cache: dict[str, str] = field(default_factory=dict)

    # ---- building the table

    def number(self, matters: Iterable[str], clients: Iterable[str]) -> None:
        """Give each matter number and client value its pseudonym number, in sorted order."""
        ms = sorted({m.strip() for m in matters if m and m.strip()}, key=lambda v: (v.lower(), v))
        cs = sorted({c.strip() for c in clients if c and c.strip()}, key=lambda v: (v.lower(), v))
        mw, cw = max(4, len(str(len(ms)))), max(4, len(str(len(cs))))
        self.matters = {m: _code("M", i, mw) for i, m in enumerate(ms, start=1)}
        self.clients = {c: _code("C", i, cw) for i, c in enumerate(cs, start=1)}
        self.numbers_kept = not any(reads_as_name(m) for m in ms)
        if not self.numbers_kept:
            for m, code in self.matters.items():
                self.add(m, code)
        for c, code in self.clients.items():
            if reads_as_name(c):
                self.add(c, f"Client {code}")

    def add(self, name: str | None, pseudonym: str) -> None:
        """Replace a name (and its JSON, CSV and HTML spellings) with a pseudonym."""
        if not name or not reads_as_name(name):
            return
        for variant in _spellings(name):
            self.terms.setdefault(_norm(variant), pseudonym)
        for part in distinctive_parts(name):
            for variant in _spellings(part):
                key = _norm(variant)
                known = self.parts.setdefault(key, pseudonym)
                if known != pseudonym:
                    self.parts[key] = pseudonym.split("-")[0] + "-?"

    def matter_name(self, matter: str | None, name: str | None) -> None:
        """Replace a matter's name or description with the matter's pseudonym."""
        code = self.matters.get((matter or "").strip())
        if code and name:
            self.add(name, f"Matter {code}")

    def client_name(self, client: str | None) -> None:
        """Replace a client's name (a client value that reads as a name)."""
        code = self.clients.get((client or "").strip())
        if code and client and reads_as_name(client):
            self.add(client, f"Client {code}")

    def compile(self) -> None:
        """Build one case-insensitive, whole-word pattern over every name (a trie, for speed)."""
        keys = [k for k in {**self.parts, **self.terms} if k]
        if not keys:
            self.pattern = None
            return
        trie: dict[str, Any] = {}
        for k in keys:
            node = trie
            for ch in k:
                node = node.setdefault(ch, {})
            node[""] = {}
        body = _trie_pattern(trie)
        self.pattern = re.compile(rf"(?<![^\W_])(?:{body})(?![^\W_])", re.IGNORECASE)
        self.overlap = 9 * max(len(k) for k in keys) + 16
        self._cache.clear()

    # ---- using it

    def _swap(self, match: re.Match[str]) -> str:
        """Return the pseudonym of a matched name."""
        key = _norm(match.group(0))
        return self.terms.get(key) or self.parts.get(key, match.group(0))

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """Return (start, end, pseudonym) of every name in the text."""
        if self.pattern is None:
            return []
        return [(m.start(), m.end(), self._swap(m)) for m in self.pattern.finditer(text)]

    def text(self, value: str) -> str:
        """Return the text with every name replaced."""
        if self.pattern is None or not value:
            return value
        found = self._cache.get(value)
        if found is None:
            found = self.pattern.sub(self._swap, value)
            found = value if found == value else found
            if len(value) <= 200:   # labels, paths and names repeat; long details rarely do
                self._cache[value] = found
        return found

    def stream(self, chunks: Iterable[str],
               counts: Counter[str] | None = None) -> Iterator[tuple[str, int]]:
        """Rewrite streamed text; yield (text, names replaced) pieces, holding back a tail.

        `counts` (when given) counts the replacements by pseudonym.
        """
        assert self.pattern is not None
        tally: Counter[str] = Counter() if counts is None else counts
        carry = ""
        for chunk in chunks:
            buf = carry + chunk
            cut = max(0, len(buf) - self.overlap)
            out, pos, n = [], 0, 0
            for m in self.pattern.finditer(buf):
                if m.start() >= cut:
                    break
                new = self._swap(m)
                out += [buf[pos:m.start()], new]
                pos, n = m.end(), n + 1
                tally[new] += 1
            keep = max(pos, cut)
            out.append(buf[pos:keep])
            carry = buf[keep:]
            yield "".join(out), n
        if carry:
            found = self.spans(carry)
            tally.update(new for _, _, new in found)
            yield self.pattern.sub(self._swap, carry), len(found)

    def view(self, pseudonymised: bool) -> NamesView:
        """Describe the names in the package for the narrative and the manifest."""
        matters = len({v for v in self.terms.values() if v.startswith("Matter ")})
        clients = len({v for v in self.terms.values() if v.startswith("Client ")})
        if pseudonymised:
            method = ("Client and matter names are pseudonymised: each matter name or description "
                      "reads 'Matter M-nnnn' and each client name 'Client C-nnnn', numbered in the "
                      "sorted order of the matter numbers and client values, so the same inputs "
                      "give the same pseudonyms. "
                      + ("Matter and client numbers are kept (they name no one); "
                         if self.numbers_kept else
                         "Matter numbers read as names, so they are replaced by 'M-nnnn' too; ")
                      + "people's names are shown. A name's distinctive part is replaced too "
                      "('Fennel' for 'Project Fennel', 'Acme Holdings' for 'Acme Holdings LLC'). "
                      "Evidence files that held names are included as pseudonymised renditions "
                      "(text in its own encoding, and the text of DOCX and XLSX files); files "
                      "that cannot be rewritten (PDF, images, other binary files) are withheld. "
                      "manifest.json gives each one's original SHA-256, and the firm keeps the "
                      "originals in its evidence store.")
        else:
            method = ("Client and matter names are shown as they are (built with --reveal-names): "
                      "do not let this package leave the firm.")
        return NamesView(pseudonymised=pseudonymised, method=method, matters=matters,
                         clients=clients, matter_numbers_kept=self.numbers_kept)


def _spellings(name: str) -> tuple[str, ...]:
    """Return a name as written and as JSON, CSV and HTML/XML would escape it."""
    return (name, json.dumps(name)[1:-1], name.replace('"', '""'), html.escape(name),
            html.escape(name, quote=False))


def distinctive(part: str) -> bool:
    """Say whether a name's part is safe to replace on its own (see the module's docstring)."""
    words = [w.strip(".,&'") for w in part.split()]
    return any(len(w) >= 4 and w.lower() not in STOP_WORDS and reads_as_name(w) for w in words)


def distinctive_parts(name: str) -> list[str]:
    """Return the other spellings of a name that are replaced too: without a generic leading
    word (and with that word's other spellings), without a legal suffix."""
    words = name.split()
    out: list[str] = []
    first = words[0].lower() if words else ""
    lead = next((group for group in LEADS if first in (w.lower() for w in group)), None)
    if lead is not None and len(words) > 1:
        words = words[1:]
        out += [f"{spelling} {' '.join(words)}" for spelling in lead if spelling != "The"]
    while len(words) > 1 and words[-1].lower().strip(",") in LEGAL_SUFFIXES:
        words = words[:-1]
    core = " ".join(words).rstrip(",&").strip()
    if core and _norm(core) != _norm(name) and distinctive(core):
        out.append(core)
    return [p for p in out if _norm(p) != _norm(name)]


def _trie_pattern(node: dict[str, Any]) -> str:
    """Return the regular expression of a trie of name keys (longest match first)."""
    alts = [(SEPARATOR_PATTERN if ch == " " else re.escape(ch)) + _trie_pattern(node[ch])
            for ch in sorted(k for k in node if k)]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if "" in node else body


def name_table(matters: list[dict[str, Any]], workspaces: dict[str, set[str]],
               extra: Iterable[tuple[str, str, bool]] = ()) -> NameTable:
    """Build the table from matter-list records, DMS workspace names and extra matter-list text.

    `workspaces` maps a matter number to the DMS workspace names seen for it; `extra`
    holds (matter, text, is_client) from identifying columns of the raw matter list.
    """
    table = NameTable()
    table.number([str(m.get("matter") or "") for m in matters] + list(workspaces),
                 [str(m.get("client") or "") for m in matters])
    for m in matters:
        table.matter_name(m.get("matter"), m.get("name"))
        table.client_name(m.get("client"))
    for matter, names in sorted(workspaces.items()):
        for name in sorted(names):
            rest = name.replace(matter, " ").strip(" -_:()[]")
            table.matter_name(matter, rest)
    client_of = {str(m.get("matter") or "").strip(): m.get("client") for m in matters}
    for matter, text, is_client in extra:
        client = client_of.get(matter.strip())
        if is_client and client:
            table.add(text, f"Client {table.clients.get(str(client).strip(), '?')}")
        else:
            table.matter_name(matter, text)
    table.compile()
    return table


def extra_matter_text(store: EvidenceStore, sha256: str) -> list[tuple[str, str, bool]]:
    """Read identifying columns the matter-list collector does not keep from a raw CSV export."""
    try:
        table, rows = open_table(store.blob_path(sha256))
    except (AuditpackError, OSError, UnicodeError, ValueError):
        return []   # an XLSX or unreadable export: the normalised names still apply
    matter_key = next((k for k in MATTER_KEYS if k in table.keys), None)
    wanted = []
    for header, key in zip(table.headers, table.keys):
        words = set(re.findall(r"[a-z]+", header.lower()))
        if words & NAME_WORDS and not words & NOT_NAME_WORDS and key != matter_key:
            wanted.append((key, "client" in words and "matter" not in words))
    if matter_key is None or not wanted:
        return []
    out = []
    for _, row in rows:
        matter = row.get(matter_key) or ""
        out += [(matter, row[key], is_client) for key, is_client in wanted if row.get(key)]
    return out
