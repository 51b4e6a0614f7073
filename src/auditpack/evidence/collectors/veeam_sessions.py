"""Veeam Backup & Replication sessions (REST /api/v1/sessions flattened, or PowerShell CSV).

REST gives `id, name, sessionType, creationTime, endTime, state` and a nested `result`
(`result.result` or `result/result` once flattened, or the object's JSON/PowerShell text
in one `result` cell); PowerShell's Export-Csv gives `Id, JobName, JobType, CreationTime,
EndTime, State, Result`. Veeam writes 1900-01-01 as the end time of a session still
running: that is read as unknown. Enterprise Manager names a session
"<job>@<yyyy-mm-dd hh:mm:ss>": the suffix is dropped so the job name groups its runs.
Unverified: PowerShell's `Name` column (used only when `JobName` is absent).
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..tabular import Table
from .export import ExportCollector, Row, as_datetime

RESULTS = {"success": "success", "warning": "warning", "failed": "failed", "failure": "failed",
           "error": "failed"}
EM_SUFFIX = re.compile(r"@\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")


def session_result(value: str) -> str | None:
    """Normalise a session result to success/warning/failed/other; blank is unknown."""
    v = value.strip()
    if v.startswith("{"):
        try:
            loaded = json.loads(v)
        except json.JSONDecodeError:
            loaded = None
        if isinstance(loaded, dict):
            v = str(loaded.get("result") or "")
    elif v.startswith("@{"):
        pairs = (p.partition("=") for p in v[2:-1].split(";"))
        v = next((x.strip() for k, _, x in pairs if k.strip().casefold() == "result"), "")
    if not v:
        return None
    return RESULTS.get(v.casefold(), "other")



class VeeamSessionsCollector(ExportCollector):
    """Each backup (or other) session of Veeam Backup & Replication: job, when, and its result."""

    name = "veeam_sessions"
    version = "1"
    kind = "backup_sessions"
    label = "a Veeam Backup & Replication session list"
    required = ("JobName", "creationTime", "result")
    aliases = {
        "id": ("Session ID", "SessionId", "Uid"),
        # JobName before name: PowerShell writes both, and only JobName is the bare job
        "JobName": ("Job Name", "Job", "name", "Session Name"),
        "sessionType": ("Session Type", "JobType", "Job Type", "Type"),
        "creationTime": ("Creation Time", "Start Time", "StartTime", "Started"),
        "endTime": ("End Time", "Stop Time", "Ended"),
        "state": ("Session State",),
        "result": ("result.result", "result/result", "Session Result", "Status"),
    }

    def normalise(self, row: Row, cols: dict[str, str | None], table: Table,
                  line: int) -> dict[str, Any]:
        """Return session_id, job_name, session_type, started, ended, state, result of a session."""
        where = f"{table.path}:{line}"
        get = row.__getitem__
        state = get("state").strip()
        return {
            "line": line,
            "session_id": get("id").strip() or None,
            "job_name": EM_SUFFIX.sub("", get("JobName").strip()) or None,
            "session_type": get("sessionType").strip() or None,
            "started": as_datetime(get("creationTime"), where),
            "ended": as_datetime(get("endTime"), where),
            "state": state.casefold() if state else None,
            "result": session_result(get("result")),
        }
