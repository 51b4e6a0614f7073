"""Find exact regulatory references in request text and resolve them to catalog requirements."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..errors import AuditpackError
from ..frameworks import Library

# (catalog id, pattern whose group 1 is the requirement id as the catalog writes it)
PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ftc-safeguards", re.compile(r"(?<![\d.])(314\.\d+(?:\s?\([a-z0-9]{1,5}\))*)", re.I)),
    ("nist-csf-2.0", re.compile(r"\b((?:GV|ID|PR|DE|RS|RC)\.[A-Z]{2}(?:-\d{2})?)\b")),
    ("cis-controls-v8", re.compile(
        r"\bCIS(?:\s+Controls?)?(?:\s+v8(?:\.1)?)?(?:\s+(?:Safeguard|Control))?\s*#?\s*"
        r"(\d{1,2}(?:\.\d{1,2})?)\b", re.I)),
    ("pci-dss-4.0.1", re.compile(
        r"\b(?:PCI(?:[\s-]*DSS)?(?:\s*v?4\.0(?:\.1)?)?(?:\s+Req(?:uirement)?\.?)?|Req(?:uirement)?\.?)"
        r"\s*#?\s*(\d{1,2}(?:\.\d{1,2}){0,3})\b", re.I)),
)


def _norm(catalog: str, raw: str) -> str:
    """Write a found id the way the catalog spells it."""
    raw = re.sub(r"\s+", "", raw)
    return raw.lower() if catalog == "ftc-safeguards" else raw


def find_references(text: str, library: Library) -> list[str]:
    """Return the 'catalog:requirement' references in text that exist in the library."""
    found: list[str] = []
    for catalog, pattern in PATTERNS:
        try:
            cat = library.get(catalog)
        except (AuditpackError, KeyError):
            continue
        for match in pattern.finditer(text):
            rid = _norm(catalog, match.group(1))
            while rid and not cat.has(rid) and rid.endswith(")"):
                rid = rid[: rid.rfind("(")]  # 314.4(c)(9) -> 314.4(c)
            if rid and cat.has(rid):
                found.append(f"{catalog}:{rid}")
    return list(dict.fromkeys(found))


def split_reference(ref: str) -> tuple[str, str]:
    """Split 'catalog:requirement' into its two parts."""
    catalog, _, rid = ref.partition(":")
    return catalog, rid


def unknown_references(refs: Iterable[str], library: Library) -> list[str]:
    """Return the references that name no requirement of a loaded catalog."""
    bad: list[str] = []
    for ref in refs:
        catalog, rid = split_reference(ref)
        try:
            ok = library.get(catalog).has(rid)
        except (AuditpackError, KeyError):
            ok = False
        if not ok:
            bad.append(ref)
    return bad
