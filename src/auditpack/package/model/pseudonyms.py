"""The pseudonyms of client and matter names: which names the package hides, and what each becomes.

Every matter name (and other identifying matter text such as a description, from the matter
list or from a DMS workspace's name) becomes ``Matter M-0001``, and every client name
``Client C-0001``; the numbers come from the matter numbers (and client values) sorted, so
the same inputs always give the same pseudonyms. Matter and client numbers are kept unless
one of them reads as a name (a run of three letters). Matching is case-insensitive, on whole
words, and tolerant of the separator between a name's words. pseudonymise.py applies the
table to the model and the evidence files.
"""

from __future__ import annotations

import html
import json
import re
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
        for variant in (name, json.dumps(name)[1:-1], name.replace('"', '""'), html.escape(name)):
            self.terms.setdefault(_norm(variant), pseudonym)

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
        keys = [k for k in self.terms if k]
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
        return self.terms.get(_norm(match.group(0)), match.group(0))

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

    def stream(self, chunks: Iterable[str]) -> Iterator[tuple[str, int]]:
        """Rewrite streamed text; yield (text, names replaced) pieces, holding back a tail."""
        assert self.pattern is not None
        carry = ""
        for chunk in chunks:
            buf = carry + chunk
            cut = max(0, len(buf) - self.overlap)
            out, pos, n = [], 0, 0
            for m in self.pattern.finditer(buf):
                if m.start() >= cut:
                    break
                out += [buf[pos:m.start()], self._swap(m)]
                pos, n = m.end(), n + 1
            keep = max(pos, cut)
            out.append(buf[pos:keep])
            carry = buf[keep:]
            yield "".join(out), n
        if carry:
            done, count = self.pattern.subn(self._swap, carry)
            yield done, count

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
                      + "people's names are shown. Evidence files that held names are included as "
                      "pseudonymised renditions; manifest.json gives each one's original SHA-256, "
                      "and the firm keeps the originals in its evidence store.")
        else:
            method = ("Client and matter names are shown as they are (built with --reveal-names): "
                      "do not let this package leave the firm.")
        return NamesView(pseudonymised=pseudonymised, method=method, matters=matters,
                         clients=clients, matter_numbers_kept=self.numbers_kept)


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
