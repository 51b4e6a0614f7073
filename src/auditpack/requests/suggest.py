"""Rank the workspace's controls, requirements and evidence kinds for each request (BM25)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..controls.model import Control
from ..controls.vocabulary import evidence_kinds
from ..frameworks.search import bm25, tokens
from ..workspace.loader import Workspace
from .model import Request, Suggestion
from .refs import find_references, split_reference

TITLE_WEIGHT = 3
EXACT_BOOST = 8.0  # a control that satisfies the very requirement the request cites
NEAR_BOOST = 4.0  # ... or a requirement under (or above) it
CONFIDENT_SCORE = 6.0
CONFIDENT_MARGIN = 1.25
TOP_CONTROLS, TOP_REQUIREMENTS, TOP_KINDS = 5, 3, 3

STOPWORDS = frozenset(
    "a an and any are as at be been by copy copies current describe description detail "
    "details document documentation documents each evidence example examples for from have "
    "how if in including is it its list most of on or our please provide recent showing "
    "such that the their this to used was what when where whether which who with within "
    "you your".split())
SYNONYMS: dict[str, tuple[str, ...]] = {
    "mfa": ("multi", "factor", "authentication"), "2fa": ("multi", "factor"),
    "edr": ("edr", "endpoint", "detection"), "av": ("anti", "malware"),
    "antivirus": ("anti", "malware"), "pentest": ("penetration", "test"),
    "qi": ("qualified", "individual"), "ciso": ("qualified", "individual"),
    "ir": ("incident", "response"), "bcp": ("continuity", "recovery"),
    "dr": ("disaster", "recovery"), "vendor": ("provider",), "vendors": ("provider",),
    "third": ("provider",), "immutable": ("immutable", "immutability"),
    "sso": ("single", "sign"), "siem": ("siem", "log"), "pam": ("privileged", "admin"),
    "admin": ("admin", "privileged"), "privileged": ("privileged", "admin"),
}


def stem(word: str) -> str:
    """Reduce an English word to a rough stem so 'backups' meets 'backup'."""
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            return word[: -len(suffix)] + keep
    return word


def terms(text: str) -> list[str]:
    """Tokenise, drop stopwords, expand abbreviations and stem."""
    out: list[str] = []
    for word in tokens(text):
        if word in STOPWORDS:
            continue
        out.extend(stem(w) for w in (word, *SYNONYMS.get(word, ())))
    return out


@dataclass(frozen=True)
class _Doc:
    """One rankable item: what it is, its label and its weighted terms."""

    kind: str
    id: str
    catalog: str | None
    title: str
    terms: Counter[str]


def _weighted(title: str, *bodies: str) -> Counter[str]:
    """Count terms, a title word weighing more than a body word."""
    counts: Counter[str] = Counter()
    for word in terms(title):
        counts[word] += TITLE_WEIGHT
    for body in bodies:
        counts.update(terms(body))
    return counts


class Suggester:
    """Rank a workspace's controls, requirements and evidence kinds against request text."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        kinds = evidence_kinds()
        self.kind_titles = {k: v.title for k, v in kinds.items()}
        self.controls: list[Control] = ws.active_controls() or list(ws.controls.controls)
        self.control_docs = [
            _Doc("control", c.id, None, c.title,
                 _weighted(c.title, c.statement, *(self.kind_titles.get(e.kind, "")
                                                   for e in c.evidence)))
            for c in self.controls]
        in_scope = {f.split("@")[0] for f in ws.file.scope.frameworks}
        self.req_docs = [
            _Doc("requirement", r.id, cat.id, r.label, _weighted(r.title or "", r.text or ""))
            for cat in ws.catalogs.default_catalogs() if cat.id in in_scope
            for r in cat.requirements if r.assessable]

    def suggest(self, request: Request) -> list[Suggestion]:
        """Return ranked suggestions for one request (controls, then requirements, then kinds)."""
        text = " ".join(filter(None, [request.text, request.area, request.reference_text]))
        refs = list(dict.fromkeys(request.references + find_references(text, self.ws.catalogs)))
        request.references = refs
        query = list(dict.fromkeys(terms(text)))
        controls = self._rank_controls(query, refs)
        return controls + self._rank_requirements(query, refs) + self._rank_kinds(controls)

    def _rank_controls(self, query: list[str], refs: list[str]) -> list[Suggestion]:
        """Score every control by BM25 plus a boost for the references it satisfies."""
        scored = []
        for (score, matched), control in zip(_scores(query, self.control_docs), self.controls):
            boost, cited = _reference_boost(control, refs)
            total = score + boost
            if total <= 0:
                continue
            reason = "; ".join(filter(None, [f"satisfies {', '.join(cited)}" if cited else "",
                                             f"matched: {', '.join(matched[:6])}" if matched else ""]))
            scored.append(Suggestion(kind="control", id=control.id, title=control.title,
                                     score=round(total, 2), reason=reason))
        scored.sort(key=lambda s: -s.score)
        top = scored[:TOP_CONTROLS]
        if top:
            second = top[1].score if len(top) > 1 else 0.0
            cited_top = top[0].reason.startswith("satisfies")
            top[0].confident = cited_top or (top[0].score >= CONFIDENT_SCORE
                                             and top[0].score >= CONFIDENT_MARGIN * second)
        return top

    def _rank_requirements(self, query: list[str], refs: list[str]) -> list[Suggestion]:
        """List the cited requirements first, then the best BM25 matches."""
        out = []
        for ref in refs:
            catalog, rid = split_reference(ref)
            req = self.ws.catalogs.get(catalog).requirement(rid)
            out.append(Suggestion(kind="requirement", id=rid, catalog=catalog, title=req.label,
                                  score=100.0, reason="cited in the request", confident=True))
        ranked = sorted(((s, m, d) for (s, m), d in zip(_scores(query, self.req_docs),
                                                        self.req_docs) if s > 0),
                        key=lambda t: -t[0])
        for score, matched, doc in ranked:
            if len(out) >= max(TOP_REQUIREMENTS, len(refs)):
                break
            if any(s.id == doc.id and s.catalog == doc.catalog for s in out):
                continue
            out.append(Suggestion(kind="requirement", id=doc.id, catalog=doc.catalog,
                                  title=doc.title, score=round(score, 2),
                                  reason=f"matched: {', '.join(matched[:6])}"))
        return out

    def _rank_kinds(self, controls: list[Suggestion]) -> list[Suggestion]:
        """Suggest the evidence kinds the best controls ask for."""
        by_id = {c.id: c for c in self.controls}
        out: dict[str, Suggestion] = {}
        for sug in controls[:TOP_KINDS]:
            for need in by_id[sug.id].evidence:
                if need.kind not in out and len(out) < TOP_KINDS:
                    out[need.kind] = Suggestion(
                        kind="evidence_kind", id=need.kind, title=self.kind_titles.get(need.kind),
                        score=sug.score, reason=f"evidence for {sug.id}")
        return list(out.values())


def _scores(query: list[str], docs: list[_Doc]) -> list[tuple[float, list[str]]]:
    """Return each document's BM25 score and the query terms it matched."""
    if not query or not docs:
        return [(0.0, []) for _ in docs]
    avg = sum(sum(d.terms.values()) for d in docs) / len(docs)
    df = Counter(t for d in docs for t in set(d.terms) if t in query)
    return [(bm25(query, d.terms, df, len(docs), avg), [t for t in query if t in d.terms])
            for d in docs]


def _reference_boost(control: Control, refs: list[str]) -> tuple[float, list[str]]:
    """Boost a control that satisfies a cited requirement (exactly, or above or below it)."""
    boost, cited = 0.0, list[str]()
    for ref in refs:
        catalog, rid = split_reference(ref)
        mapped = control.satisfies.get(catalog, ())
        if rid in mapped:
            boost, cited = boost + EXACT_BOOST, cited + [rid]
        elif any(_related(rid, m) for m in mapped):
            boost, cited = boost + NEAR_BOOST, cited + [f"{rid} (nearby)"]
    return boost, cited


def _related(a: str, b: str) -> bool:
    """Tell whether one requirement id sits under the other (314.4(c) and 314.4(c)(5))."""
    return bool(re.match(re.escape(a) + r"[(.\-]", b) or re.match(re.escape(b) + r"[(.\-]", a))


def add_suggestions(requests: list[Request], ws: Workspace) -> int:
    """Fill in the suggestions of every request; return how many have a confident top one."""
    suggester = Suggester(ws)
    for request in requests:
        request.suggestions = suggester.suggest(request)
    return sum(1 for r in requests if r.confident)
