"""The starter control library: loads cleanly, and covers every assessable requirement."""

from __future__ import annotations

import pytest

from auditpack.controls.library import load_starter_library, starter_files
from auditpack.controls.model import ControlSet
from auditpack.controls.statement import render_statement
from auditpack.frameworks import BUILTIN_CATALOGS, Library, load_library


@pytest.fixture(scope="module")
def catalogs() -> Library:
    return load_library()


@pytest.fixture(scope="module")
def library(catalogs: Library) -> ControlSet:
    return load_starter_library(catalogs)


def test_library_files_ship_in_the_package() -> None:
    assert len(starter_files()) >= 3


def test_size_and_unique_ids(library: ControlSet) -> None:
    ids = [c.id for c in library.controls]
    assert 80 <= len(ids) <= 150, len(ids)
    assert len(set(ids)) == len(ids)


def test_every_assessable_requirement_is_covered_or_organisational(
        library: ControlSet, catalogs: Library) -> None:
    satisfied = {(cat, rid) for c in library.controls for cat, ids in c.satisfies.items()
                 for rid in ids}
    exempt = {(o.catalog, o.requirement) for o in library.organisational_only}
    gaps = [f"{cat_id} {r.id} ({r.label[:60]})" for cat_id in BUILTIN_CATALOGS
            for r in catalogs.get(cat_id).assessable()
            if (cat_id, r.id) not in satisfied and (cat_id, r.id) not in exempt]
    assert gaps == [], f"{len(gaps)} requirement(s) without a starter control:\n" + "\n".join(gaps)


def test_organisational_only_entries_are_not_also_satisfied(library: ControlSet) -> None:
    satisfied = {(cat, rid) for c in library.controls for cat, ids in c.satisfies.items()
                 for rid in ids}
    both = [(o.catalog, o.requirement) for o in library.organisational_only
            if (o.catalog, o.requirement) in satisfied]
    assert both == []


def test_every_statement_renders_for_an_organisation(library: ControlSet) -> None:
    context = {"org": {"legal_name": "Harbor Point FCU", "short_name": "Harbor Point",
                       "industry": "financial", "headcount": 410, "locations": ["Portland"],
                       "regulators": ["NCUA"], "as_of": "2026-09-30"},
               "internal": "Harbor Point IT", "provider": "Northwind Managed IT",
               "security_lead": "Qualified Individual"}
    for c in library.controls:
        text = render_statement(c.statement, context, c.id)
        assert "{{" not in text and "{%" not in text and len(text) > 40, c.id


def test_every_function_has_controls_and_each_control_has_evidence(library: ControlSet) -> None:
    from auditpack.controls.vocabulary import it_functions
    used = {c.function for c in library.controls}
    assert set(it_functions()) - used == set()
    assert all(c.evidence for c in library.controls)
