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
    assert 80 <= len(ids) <= 170, len(ids)
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


def test_hipaa_topics_have_their_own_controls(library: ControlSet) -> None:
    """Each Security Rule topic the generic library does not reach has a HIPAA control."""
    by_req: dict[str, set[str]] = {}
    for c in library.controls:
        for rid in c.satisfies.get("hipaa-security", ()):
            by_req.setdefault(rid, set()).add(c.id)
    expected = {
        "164.308(b)(3)": "HIP-01",          # business associate agreements
        "164.314(a)(2)(i)(C)": "HIP-01",    # BA reports incidents and breaches
        "164.308(a)(7)(ii)(C)": "HIP-02",   # emergency mode operation plan
        "164.308(a)(7)(ii)(D)": "HIP-03",   # contingency plan testing and revision
        "164.310(a)(2)(i)": "HIP-04",       # facility access in contingencies
        "164.310(d)(2)(ii)": "HIP-05",      # media re-use
        "164.312(a)(2)(ii)": "HIP-06",      # emergency access procedure
        "164.312(b)": "HIP-07",             # audit controls
        "164.312(d)": "HIP-08",             # person or entity authentication
    }
    missing = {rid: ctl for rid, ctl in expected.items() if ctl not in by_req.get(rid, set())}
    assert missing == {}


def test_hipaa_organisational_only_is_the_clearinghouse_alone(library: ControlSet) -> None:
    exempt = [(o.requirement, o.reason) for o in library.organisational_only
              if o.catalog == "hipaa-security"]
    assert [rid for rid, _ in exempt] == ["164.308(a)(4)(ii)(A)"]
    assert "clearinghouse" in exempt[0][1]
