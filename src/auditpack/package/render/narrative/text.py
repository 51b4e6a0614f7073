"""The narrative's words: status and coverage labels, and how values are written out."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from ....sanitize import xml_text
from ...model.views import PersonView

WORKBOOK = "Control-Matrix.xlsx"

STATUS_LABEL = {
    "pass": "Pass", "fail": "Fail", "stale": "Stale", "missing": "Missing",
    "not_tested": "For assessor review", "not_applicable": "Not applicable",
    "out_of_scope": "Out of scope", "uncovered": "Not covered", "organisational": "Organisational",
}
STATUS_MEANING: tuple[tuple[str, str], ...] = (
    ("pass", ("The automated check ran on current evidence covering the period and found no "
              "exception.")),
    ("fail", ("The check ran and found exceptions: each is named under the control and in the "
              f"Exceptions sheet of {WORKBOOK}, and the finding is in the POA&M.")),
    ("stale", ("Evidence is on file but too old for the control's frequency at the as-of date, "
               "or it does not cover the whole period.")),
    ("missing", ("No evidence of the kind the control needs was collected (or a check lacks "
                 "one of its inputs).")),
    ("not_tested", ("Current evidence is on file but no automated check applies; it is "
                    "provided for the examiner to review.")),
)
COVERAGE_LABEL = {
    "covered": "Covered by controls", "via_crosswalk": "Covered via crosswalk",
    "organisational": "Met organisationally", "not_applicable": "Not applicable",
    "uncovered": "Not covered",
}
SEVERITY_LABEL = {"high": "High", "medium": "Medium", "low": "Low"}


def clean(value: object) -> str:
    """Sanitise any text from the model."""
    return xml_text(value)


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def long_date(day: dt.date) -> str:
    """Return 'September 30, 2026' (month names fixed, whatever the locale)."""
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def short_hash(sha256: str) -> str:
    """Return '3f2a…9c1d'."""
    return f"{sha256[:4]}…{sha256[-4:]}" if len(sha256) > 8 else sha256


def person_text(person: PersonView | None) -> str:
    """Return 'Name, Role (Party)', marking a person who has left."""
    if person is None:
        return "not assigned"
    text = f"{person.name}, {person.role} ({person.party})"
    if person.left_on:
        text += f" — left {person.left_on.isoformat()}"
    return text


def people_text(people: Sequence[PersonView]) -> str:
    """Return the people one per line, or 'not assigned'."""
    return "\n".join(person_text(p) for p in people) if people else "not assigned"


def figure_text(key: str, value: Any) -> str:
    """Return 'devices 412' or 'coverage (%) 98.5' for one figure of a check."""
    label = key.replace("_", " ")
    if label.endswith(" pct"):
        label = label[:-4] + " (%)"
    if isinstance(value, bool):
        shown = "yes" if value else "no"
    elif isinstance(value, float):
        shown = f"{value:,.1f}".rstrip("0").rstrip(".")
    elif isinstance(value, int):
        shown = f"{value:,}"
    elif isinstance(value, (list, tuple)):
        shown = ", ".join(str(v) for v in value[:5]) + (f" (+{len(value) - 5})"
                                                       if len(value) > 5 else "")
    elif isinstance(value, dict):
        shown = f"{len(value)} entries"
    else:
        shown = str(value)
    return f"{label} {shown}"


def clip(text: str, limit: int) -> str:
    """Shorten text to a limit, marking the cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def pct(value: float) -> str:
    """Return a readiness percentage without spurious decimals."""
    return f"{value:.0f}%" if abs(value - round(value)) < 0.05 else f"{value:.1f}%"


def bookmark_name(control_id: str) -> str:
    """Return a Word bookmark name for a control (letters, digits and underscores)."""
    return "ctl_" + re.sub(r"\W", "_", control_id)[:36]
