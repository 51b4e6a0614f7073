"""The built-in request lists load and cite only requirements that exist."""

from __future__ import annotations

import pytest

from auditpack.frameworks import load_library
from auditpack.requests.refs import unknown_references
from auditpack.requests.store import builtin_lists, load_builtin
from auditpack.requests.suggest import add_suggestions
from auditpack.workspace.loader import Workspace


def test_three_lists_shipped() -> None:
    assert builtin_lists() == ["cyber-insurance", "finra-cyber", "ftc-safeguards"]


@pytest.mark.parametrize("name", ["ftc-safeguards", "finra-cyber", "cyber-insurance"])
def test_list_loads_and_references_exist(name: str, cu: Workspace) -> None:
    rl = load_builtin(name)
    assert rl.id == name and len(rl.requests) >= 20
    assert all(r.text and r.area and r.references for r in rl.requests)
    refs = [ref for r in rl.requests for ref in r.references]
    assert unknown_references(refs, load_library([])) == []
    confident = add_suggestions(rl.requests, cu)
    assert confident >= len(rl.requests) // 2


def test_ftc_list_covers_every_element() -> None:
    refs = {ref for r in load_builtin("ftc-safeguards").requests for ref in r.references}
    for para in "abcdefghij":
        assert any(ref.startswith(f"ftc-safeguards:314.4({para})") for ref in refs), para
