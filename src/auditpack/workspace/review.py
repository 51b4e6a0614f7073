"""Review a workspace: load and check it, then list what an examiner would write up."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from auditpack.workspace.escalation import escalation_findings
from auditpack.workspace.notifications import notification_findings
from auditpack.workspace.providers import provider_findings
from auditpack.workspace.raci import raci_findings
from auditpack.workspace.scope_decisions import scope_decision_findings
from auditpack.evidence.sources import load_sources
from auditpack.findings import Finding
from auditpack.workspace.loader import Workspace, load_workspace


@dataclass(frozen=True)
class Review:
    """A loaded workspace and its findings, most severe first."""

    workspace: Workspace
    findings: tuple[Finding, ...]


SEVERITY_ORDER = {"high": 0, "medium": 1, "low": 2}


def validate_workspace(root: Path) -> Review:
    """Load a workspace (raising on invalid input); collect RACI, escalation, provider findings."""
    ws = load_workspace(root)
    load_sources(ws)  # evidence sources are part of a valid workspace
    found = (raci_findings(ws.file, ws.active_controls()) + escalation_findings(ws.file)
             + notification_findings(ws.file) + provider_findings(ws.file)
             + scope_decision_findings(ws.file))
    found.sort(key=lambda f: SEVERITY_ORDER[f.severity])
    return Review(ws, tuple(found))
