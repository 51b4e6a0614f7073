"""Escalation rules: levels present, tested within 12 months, routed to current people."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from auditpack.workspace.escalation import escalation_findings, months_before
from auditpack.workspace.model import WorkspaceFile

Factory = Callable[..., WorkspaceFile]


def codes(wsf: WorkspaceFile) -> list[str]:
    return sorted(f.code for f in escalation_findings(wsf))


def test_fixture_paths_are_clean(make_wsf: Factory) -> None:
    assert codes(make_wsf()) == []


def test_months_before_handles_month_ends() -> None:
    assert months_before(dt.date(2026, 9, 30), 12) == dt.date(2025, 9, 30)
    assert months_before(dt.date(2024, 2, 29), 12) == dt.date(2023, 2, 28)
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)


def test_never_tested_and_stale(make_wsf: Factory) -> None:
    def change(data: dict[str, Any]) -> None:
        data["escalation"][0]["last_tested"] = None
        data["escalation"][1]["last_tested"] = "2025-09-29"
        data["escalation"][2]["last_tested"] = "2025-09-30"  # exactly 12 months: still fine
    found = escalation_findings(make_wsf(change))
    assert [(f.code, f.subject.split()[1]) for f in found] == [
        ("escalation-untested", "P1"), ("escalation-stale", "P2")]
    assert "2025-09-29" in found[1].message


def test_missing_level(make_wsf: Factory) -> None:
    def change(data: dict[str, Any]) -> None:
        del data["escalation"][3]
    assert codes(make_wsf(change)) == ["escalation-missing"]


def test_route_to_nobody_or_to_a_leaver(make_wsf: Factory) -> None:
    def change(data: dict[str, Any]) -> None:
        data["escalation"][0]["route"][1]["to"] = "msp"
        data["parties"][0]["people"][0]["until"] = "2026-01-31"
    found = codes(make_wsf(change))
    assert "escalation-unresolved" in found and "escalation-person-left" in found


def test_route_times_going_backwards(make_wsf: Factory) -> None:
    def change(data: dict[str, Any]) -> None:
        data["escalation"][0]["route"][1]["within_minutes"] = 5
    assert codes(make_wsf(change)) == ["escalation-route-order"]


def test_test_date_after_as_of(make_wsf: Factory) -> None:
    def change(data: dict[str, Any]) -> None:
        data["escalation"][0]["last_tested"] = "2026-10-15"
    assert codes(make_wsf(change)) == ["escalation-test-after-as-of"]
