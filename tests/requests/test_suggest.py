"""Suggestion quality against a hand-made answer key over the starter library."""

from __future__ import annotations

import csv
from pathlib import Path

from auditpack.requests.model import Request
from auditpack.requests.refs import find_references
from auditpack.requests.suggest import Suggester, stem
from auditpack.workspace.loader import Workspace

KEY = Path(__file__).with_name("answer_key.csv")


def test_right_control_in_top_three_for_20_of_25(cu: Workspace) -> None:
    suggester = Suggester(cu)
    rows = list(csv.DictReader(KEY.open(encoding="utf-8"), delimiter=";"))
    assert len(rows) == 25
    misses = []
    for row in rows:
        sugs = suggester.suggest(Request(number=row["No."], text=row["Request"]))
        top = [s.id for s in sugs if s.kind == "control"][:3]
        if not set(row["Expected"].split()) & set(top):
            misses.append((row["No."], row["Expected"], top))
    assert len(misses) <= 5, misses


def test_references_found_and_boost(cu: Workspace) -> None:
    text = "Per 314.4(c)(5), PR.AA-03, CIS 6.3, PCI 8.4.2 and Req 8.4.2: show MFA."
    refs = find_references(text, cu.catalogs)
    assert refs == ["ftc-safeguards:314.4(c)(5)", "nist-csf-2.0:PR.AA-03",
                    "cis-controls-v8:6.3", "pci-dss-4.0.1:8.4.2"]
    sugs = Suggester(cu).suggest(Request(number="1", text="Provide evidence for 314.4(c)(5)."))
    top = sugs[0]
    assert top.kind == "control" and top.id == "IAM-01" and top.confident
    assert "314.4(c)(5)" in top.reason
    req = [s for s in sugs if s.kind == "requirement"][0]
    assert (req.catalog, req.id, req.reason) == ("ftc-safeguards", "314.4(c)(5)",
                                                 "cited in the request")
    assert any(s.kind == "evidence_kind" for s in sugs)


def test_unknown_reference_is_ignored(cu: Workspace) -> None:
    assert find_references("see 314.99(z) and CIS 99.9", cu.catalogs) == []
    assert find_references("314.4(c)(9)", cu.catalogs) == ["ftc-safeguards:314.4(c)"]


def test_stem() -> None:
    assert stem("backups") == stem("backup") and stem("testing") == "test"
