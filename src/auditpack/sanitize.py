"""One sanitiser for every text written into a spreadsheet or document.

Spreadsheet text cells: Write text to a worksheet so that it reads back as exactly that text, markup and all.

XlsxWriter escapes the text of a cell, but for one shape: a string that starts with `<r>`
and ends with `</r>` it takes for its own rich-text XML and writes into the shared strings
part raw. Text from an export shaped like that (a device name, an account's display name)
would inject XML into the workbook, or forge a cell showing something else. Such text is
written with `write_rich_string` instead, as runs XlsxWriter escapes one by one; every
other text with `write_string`. Only XlsxWriter's public calls are used.

Every text cell of a workbook goes through `write_text`; no other module calls
`write_string` (a test keeps it so).
"""

from __future__ import annotations

import re
from typing import Any

# XML 1.0 forbids C0 controls except tab, LF and CR, lone surrogates, and U+FFFE/U+FFFF.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")


def xml_text(value: object) -> str:
    """Return text with XML-illegal characters removed."""
    return _ILLEGAL.sub("", "" if value is None else str(value))


def removed_count(value: str) -> int:
    """Count the XML-illegal characters a value holds."""
    return len(_ILLEGAL.findall(value))


def starts_like_formula(value: str) -> bool:
    """Tell whether a spreadsheet would read a value as a formula if written loosely."""
    return value.startswith(FORMULA_PREFIXES)


def looks_rich(text: str) -> bool:
    """Tell whether XlsxWriter would take a text for its own rich-text XML (`<r>...</r>`)."""
    return text.startswith("<r>") and text.endswith("</r>")


def write_text(ws: Any, row: int, col: int, text: str, style: Any) -> None:
    """Write a text cell (with a cell format) that reads back as `text`."""
    if looks_rich(text):
        # Three runs ("<", "r>", the rest: none empty, as the text is at least "<r></r>"),
        # each escaped, so the shared string holds no markup from the text itself.
        ws.write_rich_string(row, col, text[:1], text[1:3], text[3:], style)
    else:
        ws.write_string(row, col, text, style)
