"""Following crosswalks: direction, indirect links, weakest relationship, hop limit."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditpack.errors import CatalogError
from auditpack.frameworks import Library, load_library
from auditpack.frameworks.mapping import map_requirement

CHAIN = Path(__file__).parent / "fixtures" / "chain"


@pytest.fixture(scope="module")
def lib() -> Library:
    return load_library([CHAIN], builtin=False)


def test_direct_link_keeps_its_type_and_source(lib: Library) -> None:
    (link,) = [k for k in map_requirement(lib, "alpha", "A1") if k.direct]
    assert (link.catalog, link.requirement, link.relationship) == ("beta", "B1", "subset_of")
    assert link.sources == ("Test source one",)


def test_reverse_direction_inverts_subset(lib: Library) -> None:
    links = {(k.catalog, k.requirement): k for k in map_requirement(lib, "beta", "B1", 1)}
    assert links[("alpha", "A1")].relationship == "superset_of"
    assert links[("gamma", "G1")].relationship == "related"


def test_indirect_link_is_marked_with_weakest_relationship(lib: Library) -> None:
    links = {(k.catalog, k.requirement): k for k in map_requirement(lib, "alpha", "A1")}
    g1 = links[("gamma", "G1")]
    assert not g1.direct and g1.via == (("beta", "B1"),)
    assert g1.relationship == "related"
    assert g1.sources == ("Test source one", "Test source two")


def test_at_most_two_hops(lib: Library) -> None:
    reached = {(k.catalog, k.requirement) for k in map_requirement(lib, "alpha", "A1")}
    assert ("delta", "D1") not in reached
    assert ("alpha", "A1") not in reached
    assert {(k.catalog, k.requirement) for k in map_requirement(lib, "alpha", "A1", 1)} == {("beta", "B1")}


def test_unmapped_requirement_has_no_links(lib: Library) -> None:
    assert map_requirement(lib, "alpha", "A2") == []


def test_unknown_requirement_is_a_user_error(lib: Library) -> None:
    with pytest.raises(CatalogError, match="'A9' is not a requirement of alpha"):
        map_requirement(lib, "alpha", "A9")


def test_links_back_into_the_start_catalog_are_left_out(lib: Library) -> None:
    # G1 -> B1 -> A1 is two hops, and alpha is not gamma, so it stays; but from beta
    # nothing of beta itself may come back.
    assert all(k.catalog != "beta" for k in map_requirement(lib, "beta", "B1"))
    links = {(k.catalog, k.requirement) for k in map_requirement(lib, "gamma", "G1")}
    assert ("alpha", "A1") in links and ("delta", "D1") in links
