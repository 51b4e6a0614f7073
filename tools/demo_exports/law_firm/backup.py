"""Calder & Whitlock: Veeam sessions and repositories."""

from __future__ import annotations

from ..common import csv_bytes, guid, rng, us_datetime
from ..credit_union.backup import Job, _veeam_runs
from .identity import LF

LF_JOBS = [
    Job("CW-DC-Daily", "Backup", (20, 30), (6, 15), "CW-VHR01 Hardened"),
    Job("CW-Servers-Daily", "Backup", (21, 0), (30, 75), "CW-VHR01 Hardened",
        failures={-19: "Error: Failed to create VM checkpoint for CW-RAL-PRT01 (0x80070020)"}),
    Job("CW-SQL-Daily", "Backup", (22, 0), (15, 35), "CW-VHR01 Hardened"),
    Job("CW-Charlotte-Daily", "Backup", (22, 30), (10, 25), "CW-VHR02 Hardened (Charlotte)"),
    Job("CW-Offsite-Copy", "BackupSync", (2, 0), (35, 90), "CW Offsite Object Storage"),
]


def lf_veeam_sessions() -> bytes:
    """Get-VBRBackupSession for the last 35 days, Export-Csv (en-US dates)."""
    r = rng(LF, "veeam-sessions")
    header = ["Name", "JobName", "JobType", "Id", "CreationTime", "EndTime", "State", "Result"]
    rows = []
    for job, start, end, result, _ in _veeam_runs(r, LF_JOBS, -35, -1):
        suffix = "Incremental" if job.kind == "Backup" and start.weekday() != 5 else "Full"
        rows.append([f"{job.name} ({suffix})" if job.kind == "Backup" else job.name, job.name, job.kind,
                     guid(r), us_datetime(start), us_datetime(end), "Stopped", result])
    return csv_bytes(header, rows, crlf=True)


def lf_veeam_repositories() -> bytes:
    """Get-VBRBackupRepository shaped by Select-Object into a flat list (Name, Type, Path, immutability)."""
    header = ["Name", "Type", "Path", "Immutable", "ImmutabilityDays"]
    rows = [["CW-VHR01 Hardened", "LinuxHardened", "/mnt/veeam/cw", "True", "14"],
            ["CW-VHR02 Hardened (Charlotte)", "LinuxHardened", "/mnt/veeam/cw-clt", "True", "14"],
            ["CW Offsite Object Storage", "AmazonS3Compatible", "cw-vbr-offsite/vbr01", "True", "30"]]
    return csv_bytes(header, rows, crlf=True)
