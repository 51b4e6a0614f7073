"""Where each request's folder goes in the package: `requests/<number>_<slug>`, safe and unique.

The request list's view gives each request its folder (requests_view.py); the folders and
their indexes are written by request_folders.py.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .evidence_files import ascii_slug

FOLDER = "requests"
MAX_NUMBER = 24              # characters of the request number in a folder name
MAX_SLUG = 40                # characters of the request text's slug


def safe_number(number: str) -> str:
    """Return a request number as a safe, ASCII path component ('IT-4(b)' -> 'IT-4-b')."""
    plain = unicodedata.normalize("NFKD", number).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9.-]+", "-", plain)
    text = re.sub(r"\.{2,}", ".", text)          # never '..', even inside a name
    text = re.sub(r"-{2,}", "-", text).strip(".-")  # no leading dot, no trailing dot or dash
    return text[:MAX_NUMBER].rstrip(".-") or "request"


def _slug(text: str) -> str:
    """Return the request text as a slug of at most MAX_SLUG characters, cut between words."""
    slug = ascii_slug(text, 10 * MAX_SLUG)
    if len(slug) <= MAX_SLUG:
        return slug
    cut = slug[: MAX_SLUG + 1].rsplit("-", 1)[0]
    return cut if len(cut) >= MAX_SLUG // 2 else slug[:MAX_SLUG].rstrip("-")


def folder_names(requests: Iterable[tuple[str, str]]) -> list[str]:
    """Return `requests/<number>_<slug>` for each (number, text), unique ignoring case."""
    used: set[str] = set()
    out = []
    for number, text in requests:
        base = f"{safe_number(number)}_{_slug(text)}"
        name, k = base, 2
        while name.casefold() in used:
            name, k = f"{base}-{k}", k + 1
        used.add(name.casefold())
        out.append(f"{FOLDER}/{name}")
    return out
