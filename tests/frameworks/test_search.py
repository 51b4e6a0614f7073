"""Ranked search over requirement ids, titles and texts."""

from __future__ import annotations

from pathlib import Path

from auditpack.frameworks import load_catalog, load_library
from auditpack.frameworks.search import search, tokens

FIXTURES = Path(__file__).parent / "fixtures"


def test_tokens_keep_ids_whole_and_split_them() -> None:
    assert tokens("PR.AA-03 and 8.4.2") == ["pr.aa-03", "and", "8.4.2", "pr", "aa", "03", "8", "4", "2"]


def test_exact_id_ranks_first_and_unmatched_is_absent() -> None:
    cat = load_catalog(FIXTURES / "good.yaml")
    hits = search([cat], "A-2")
    assert hits[0].requirement.id == "A-2"
    assert search([cat], "kubernetes") == []


def test_title_words_outrank_body_words() -> None:
    cats = load_library([FIXTURES / "chain"], builtin=False).default_catalogs()
    hits = search(cats, "data")
    assert [h.requirement.id for h in hits][:1] in (["G1"], ["B1"])
    assert {h.requirement.id for h in hits} == {"A1", "B1", "G1"}
    assert hits == sorted(hits, key=lambda h: -h.score)


def test_search_finds_mfa_across_builtin_catalogs() -> None:
    hits = search(load_library().default_catalogs(), "multi-factor authentication", limit=50)
    assert {h.catalog for h in hits} >= {"ftc-safeguards", "pci-dss-4.0.1"}
