"""Backup checks: failed or missing runs in the period, and immutability."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from .base import CheckInput, check
from .model import Exception_, Outcome

# Veeam sessions that are not data backups (they would count as jobs otherwise).
NOT_BACKUP_JOBS = ("configuration", "infrastructure", "rescan", "restore", "health")


def _utc(value: str) -> dt.datetime:
    """Read a timestamp as naive UTC (REST exports carry an offset; PowerShell ones do not)."""
    when = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return when.astimezone(dt.timezone.utc).replace(tzinfo=None) if when.tzinfo else when


def _allowed_gap(starts: list[dt.datetime], floor_hours: float) -> dt.timedelta:
    """Return how long a job may go without a run: 1.5 of its usual interval, at least the floor."""
    ordered = sorted(starts)
    gaps = sorted((b - a).total_seconds() / 3600 for a, b in zip(ordered, ordered[1:]))
    usual = gaps[len(gaps) // 2] if gaps else 24.0
    return dt.timedelta(hours=max(floor_hours, 1.5 * usual))


@check("backup_success", "backup_sessions")
def backup_success(data: CheckInput) -> Outcome:
    """Every backup job's latest run succeeded, and no job missed its own schedule."""
    floor_hours = float(data.options.get("min_gap_hours", 26))
    starts: dict[str, list[dt.datetime]] = defaultdict(list)
    last: dict[str, tuple[dt.datetime, str]] = {}
    runs: dict[str, int] = defaultdict(int)
    failed: dict[str, int] = defaultdict(int)
    for rec in data.records("backup_sessions"):
        job = rec.get("job_name") or "(unnamed job)"
        started = rec.get("started")
        kind = str(rec.get("session_type") or "").casefold()
        if not started or any(k in kind for k in NOT_BACKUP_JOBS):
            continue
        when = _utc(str(started))
        starts[job].append(when)
        runs[job] += 1
        if rec.get("result") == "failed":
            failed[job] += 1
        if job not in last or when > last[job][0]:
            last[job] = (when, str(rec.get("result")))
    exceptions: list[Exception_] = []
    end_of_day = dt.datetime.combine(data.as_of, dt.time()) + dt.timedelta(days=1)
    for job, (when, result) in sorted(last.items()):
        if result == "failed":
            exceptions.append(Exception_(subject=job, category="failed",
                                         detail=f"latest run on {when:%Y-%m-%d %H:%M} UTC failed "
                                                f"({failed[job]} of {runs[job]} runs failed)"))
        allowed = _allowed_gap(starts[job], floor_hours)
        if end_of_day - when > allowed:
            exceptions.append(Exception_(subject=job, category="missing_runs",
                                         detail=f"no run since {when:%Y-%m-%d %H:%M} UTC; it "
                                                f"usually runs every {allowed / 1.5}"
                                                .replace(", 0:00:00", "")))
    total_failed = sum(failed.values())
    return Outcome(status="pass" if not exceptions and last else "fail",
                   summary=f"{len(last)} backup job(s), {sum(runs.values())} run(s), "
                           f"{total_failed} failed; {len(exceptions)} exception(s)",
                   figures={"jobs": len(last), "runs": sum(runs.values()),
                            "failed_runs": total_failed},
                   exceptions=tuple(exceptions))


@check("backup_immutability", "backup_immutability")
def backup_immutability(data: CheckInput) -> Outcome:
    """Every backup repository keeps recent backups immutable."""
    repos = 0
    exceptions: list[Exception_] = []
    for rec in data.records("backup_immutability"):
        repos += 1
        if not rec.get("immutable"):
            exceptions.append(Exception_(subject=str(rec.get("repository")), category="mutable",
                                         detail=f"{rec.get('type') or 'repository'} without "
                                                "immutability"))
    return Outcome(status="pass" if repos and not exceptions else "fail",
                   summary=f"{repos - len(exceptions)}/{repos} repositories immutable",
                   figures={"repositories": repos, "immutable": repos - len(exceptions)},
                   exceptions=tuple(exceptions))
