"""Find the request-number, text, due, area and reference columns of a request list.

Header synonyms (matched case-, space-, underscore-, dash- and dot-insensitively):

- number: no, #, number, request no, request #, request number, request id, req no, req #,
  item, item no, item #, ref, ref no, ref #, pbc no, pbc #, index, id
- text: request, request text, request description, description, item requested,
  requested item, requested information, information requested, document request,
  documents requested, documentation requested, requirement, details
- due: due, due date, date due, deadline, requested by, needed by, target date, response due
- area: area, category, section, domain, topic, subject, audit area, functional area, process
- refs: framework, framework reference, framework ref, citation, regulation, regulatory
  reference, rule, rule reference, control reference, mapping, authority, cfr
"""

from __future__ import annotations

import datetime as dt
import re
import string

from ..errors import AuditpackError
from ..evidence.tabular import header_key

ROLES = ("number", "text", "due", "area", "refs")
SYNONYMS: dict[str, frozenset[str]] = {role: frozenset(header_key(s) for s in names) for role, names in {
    "number": ["no", "#", "number", "request no", "request #", "request number", "request id",
               "req no", "req #", "item", "item no", "item #", "ref", "ref no", "ref #",
               "pbc no", "pbc #", "index", "id"],
    "text": ["request", "request text", "request description", "description", "item requested",
             "requested item", "requested information", "information requested",
             "document request", "documents requested", "documentation requested",
             "requirement", "details"],
    "due": ["due", "due date", "date due", "deadline", "requested by", "needed by",
            "target date", "response due"],
    "area": ["area", "category", "section", "domain", "topic", "subject", "audit area",
             "functional area", "process"],
    "refs": ["framework", "framework reference", "framework ref", "citation", "regulation",
             "regulatory reference", "rule", "rule reference", "control reference", "mapping",
             "authority", "cfr"],
}.items()}
NUMBER = re.compile(r"^[A-Za-z]{0,8}[-\s]?\d+(?:[.\-]\d+)*[a-z]?(?:\s?\([A-Za-z0-9]{1,4}\))*$")
DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%d.%m.%Y", "%Y/%m/%d", "%d-%b-%Y",
                "%B %d, %Y", "%b %d, %Y")
COLUMNS_HINT = "say which column is which: --columns number=A,text=C,due=E (letters or header names)"


def role_of(header: str) -> str | None:
    """Return the role a header names, if it is one of the synonyms."""
    key = header_key(header)
    return next((role for role in ROLES if key in SYNONYMS[role]), None)


def letter_index(letters: str) -> int | None:
    """Turn a column letter (A, C, AA) into a 0-based index, or None when it is not one."""
    if not letters.isalpha() or len(letters) > 3 or not letters.isupper():
        return None
    index = 0
    for ch in letters:
        index = index * 26 + string.ascii_uppercase.index(ch) + 1
    return index - 1


def parse_columns(spec: str) -> dict[str, str]:
    """Parse `number=A,text=Request` into {role: column}; raise on an unknown role."""
    out: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        role, sep, column = part.partition("=")
        role = role.strip().lower()
        if not sep or role not in ROLES or not column.strip():
            raise AuditpackError(f"cannot read '{part}' in --columns", "--columns",
                                 f"write ROLE=COLUMN pairs; roles: {', '.join(ROLES)}")
        out[role] = column.strip()
    if "text" not in out and "number" not in out:
        raise AuditpackError("--columns names neither the number nor the text column",
                             "--columns", COLUMNS_HINT)
    return out


def resolve_columns(spec: dict[str, str], header: list[str], where: str) -> dict[str, int]:
    """Map each role of --columns to a column index, by letter or by header name."""
    out: dict[str, int] = {}
    keys = [header_key(h) for h in header]
    for role, column in spec.items():
        if header_key(column) in keys:
            out[role] = keys.index(header_key(column))
        elif (index := letter_index(column)) is not None:
            out[role] = index
        else:
            raise AuditpackError(f"--columns {role}={column}: no such column", where,
                                 f"use a column letter or one of: {', '.join(h for h in header if h)}")
    return out


def detect_columns(header: list[str], rows: list[list[str]], where: str) -> dict[str, int]:
    """Find each role's column by header synonyms, then by content; raise when unsure."""
    found: dict[str, list[int]] = {role: [] for role in ROLES}
    for i, name in enumerate(header):
        role = role_of(name)
        if role:
            found[role].append(i)
    for role in ("text", "number"):
        if len(found[role]) > 1:
            names = " and ".join(f"'{header[i]}' ({_letter(i)})" for i in found[role])
            raise AuditpackError(f"two columns could hold the request {role}: {names}", where,
                                 COLUMNS_HINT)
    out = {role: idx[0] for role, idx in found.items() if idx}
    used = set(out.values())
    free = [i for i in range(len(header)) if i not in used]
    if "number" not in out:
        numeric = [i for i in free if _share(rows, i, lambda v: bool(NUMBER.match(v))) >= 0.8]
        if len(numeric) == 1:
            out["number"] = numeric[0]
            free.remove(numeric[0])
    if "text" not in out:
        long = sorted((i for i in free if _avg_len(rows, i) >= 25), key=lambda i: -_avg_len(rows, i))
        if not long:
            raise AuditpackError("no request-text column found", where, COLUMNS_HINT)
        if len(long) > 1 and _avg_len(rows, long[1]) >= 0.6 * _avg_len(rows, long[0]):
            raise AuditpackError(f"columns {_letter(long[0])} and {_letter(long[1])} could both "
                                 "hold the request text", where, COLUMNS_HINT)
        out["text"] = long[0]
        free.remove(long[0])
    if "due" not in out:
        dated = [i for i in free if _share(rows, i, lambda v: parse_date(v) is not None) >= 0.8]
        if len(dated) == 1:
            out["due"] = dated[0]
    if "number" not in out:
        raise AuditpackError("no request-number column found", where,
                             "add a column such as 'Request #' or " + COLUMNS_HINT)
    return out


def _letter(index: int) -> str:
    """Turn a 0-based column index into its letter."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = string.ascii_uppercase[rem] + out
    return out


def _values(rows: list[list[str]], i: int) -> list[str]:
    """Return the non-blank values of column i."""
    return [r[i].strip() for r in rows if i < len(r) and r[i].strip()]


def _share(rows: list[list[str]], i: int, test: object) -> float:
    """Return the share of column i's values that pass a test."""
    values = _values(rows, i)
    if not values or not callable(test):
        return 0.0
    return sum(1 for v in values if test(v)) / len(values)


def _avg_len(rows: list[list[str]], i: int) -> float:
    """Return the mean length of column i's values."""
    values = _values(rows, i)
    return sum(len(v) for v in values) / len(values) if values else 0.0


def parse_date(value: str) -> str | None:
    """Return an ISO date for the usual spellings of a date, or None."""
    value = value.strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$", value):
        value = value[:10]
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None
