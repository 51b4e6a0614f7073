"""One sanitiser for every text written into a spreadsheet or document."""

from __future__ import annotations

import re

# XML 1.0 forbids C0 controls except tab, LF and CR, lone surrogates, and U+FFFE/U+FFFF.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def xml_text(value: object) -> str:
    """Return text with XML-illegal characters removed."""
    return _ILLEGAL.sub("", "" if value is None else str(value))


def removed_count(value: str) -> int:
    """Count the XML-illegal characters a value holds."""
    return len(_ILLEGAL.findall(value))


def cell_text(value: object) -> str:
    """Return text safe for a cell. Write it with write_string so it is never a formula."""
    return xml_text(value)


def starts_like_formula(value: str) -> bool:
    """Tell whether a spreadsheet would read a value as a formula if written loosely."""
    return value.startswith(FORMULA_PREFIXES)
