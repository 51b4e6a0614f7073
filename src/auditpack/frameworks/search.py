"""Rank requirements across catalogs by how well their id, title and text match a query."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from .model import Catalog, Requirement

_WORD = re.compile(r"[a-z0-9]+(?:[.\-][a-z0-9]+)*")
TITLE_WEIGHT = 3  # a word in the title says more than a word in the body
K1, B = 1.2, 0.75  # the usual BM25 constants


@dataclass(frozen=True)
class Hit:
    """One requirement that matches a query, with its score."""

    catalog: str
    requirement: Requirement
    score: float


def tokens(text: str) -> list[str]:
    """Split text into lower-case words, keeping ids such as pr.aa-01 or 8.4.2 whole."""
    words = _WORD.findall(text.lower())
    parts = [p for w in words if not w.isalnum() for p in re.split(r"[.\-]", w) if p]
    return words + parts


def _document(req: Requirement) -> Counter[str]:
    """Count the weighted terms of one requirement."""
    terms: Counter[str] = Counter(tokens(req.id))
    for word in tokens(req.title or ""):
        terms[word] += TITLE_WEIGHT
    terms.update(tokens(req.text or ""))
    return terms


def search(catalogs: list[Catalog], query: str, limit: int = 20) -> list[Hit]:
    """Return the best-matching requirements, an exact id match first."""
    q = list(dict.fromkeys(tokens(query)))
    if not q:
        return []
    docs = [(c.id, r, _document(r)) for c in catalogs for r in c.requirements]
    avg = sum(sum(d.values()) for _, _, d in docs) / max(len(docs), 1)
    df = Counter(t for _, _, d in docs for t in set(d) if t in q)
    hits = []
    for cat_id, req, doc in docs:
        score = bm25(q, doc, df, len(docs), avg)
        if req.id.lower() == query.strip().lower():
            score += 1000.0
        if score > 0:
            hits.append(Hit(cat_id, req, round(score, 4)))
    hits.sort(key=lambda h: -h.score)
    return hits[:limit]


def bm25(q: list[str], doc: Counter[str], df: Counter[str], n: int, avg: float) -> float:
    """Score one document against the query terms."""
    length = sum(doc.values())
    score = 0.0
    for term in q:
        tf = doc.get(term, 0)
        if tf:
            idf = math.log(1 + (n - df[term] + 0.5) / (df[term] + 0.5))
            score += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * length / avg))
    return score
