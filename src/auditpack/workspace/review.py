"""Review a workspace: load and check it, then list what an examiner would write up."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..evidence.sources import load_sources
from ..findings import Finding
from .escalation import escalation_findings
from .loader import Workspace, load_workspace
from .notifications import notification_findings
from .providers import provider_findings
from .raci import raci_findings
from .scope_decisions import scope_decision_findings


@dataclass(frozen=True)
class Review:
    """A loaded workspace and its findings, most severe first."""

    workspace: Workspace
    findings: tuple[Finding, ...]


SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


def validate_workspace(root: Path, as_of: dt.date | None = None) -> Review:
    """Load a workspace (raising on invalid input); collect RACI, escalation, provider findings
    (at `as_of` when given, else at the workspace's own as-of date)."""
    ws = load_workspace(root, as_of)
    load_sources(ws)  # evidence sources are part of a valid workspace
    found = (raci_findings(ws.file, ws.active_controls()) + escalation_findings(ws.file)
             + notification_findings(ws.file) + provider_findings(ws.file)
             + scope_decision_findings(ws.file))
    found.sort(key=lambda f: SEVERITY_ORDER[f.severity])
    return Review(ws, tuple(found))
