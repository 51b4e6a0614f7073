"""Harbor Point FCU: Veeam jobs, sessions and repositories."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from ..common import EDT, at, csv_bytes, guid, iso_local, rng
from .identity import CU


@dataclass
class Job:
    """A Veeam job: its name, type, nightly start (local time), repository and usual duration."""

    name: str
    kind: str
    start: tuple[int, int]
    minutes: tuple[int, int]
    repository: str
    failures: dict[int, str] = field(default_factory=dict)   # day offset: error message
    warnings: dict[int, str] = field(default_factory=dict)


def _veeam_runs(r: random.Random, jobs: list[Job], first: int, last: int) -> list[tuple[Job, dt.datetime, dt.datetime, str, str]]:
    """Each job's nightly sessions from `first` to `last` (day offsets), in start order."""
    runs = []
    for offset in range(first, last + 1):
        for job in jobs:
            hh, mm = job.start
            start = at(offset, hh, mm, r.randint(0, 30), tz=EDT) + dt.timedelta(seconds=r.randint(0, 20))
            if hh < 12:  # copy jobs start after midnight: the run belongs to the next day
                start += dt.timedelta(days=1)
            if offset in job.failures:
                result, message = "Failed", job.failures[offset]
                end = start + dt.timedelta(minutes=r.randint(2, 9), seconds=r.randint(0, 59))
            else:
                result = "Warning" if offset in job.warnings or r.random() < 0.03 else "Success"
                message = job.warnings.get(offset, "") if result == "Warning" else ""
                if result == "Warning" and not message:
                    message = r.choice([
                        "Processing {vm} Warning: Changed block tracking cannot be enabled: checkpoint exists",
                        "Processing {vm} Warning: Unable to truncate Microsoft SQL Server transaction logs",
                        "Processing {vm} Warning: Guest processing skipped (guest OS is not reachable)"])
                end = start + dt.timedelta(minutes=r.randint(*job.minutes), seconds=r.randint(0, 59))
            runs.append((job, start, end, result, message))
    runs.sort(key=lambda item: item[1])
    return runs


CU_JOBS = [
    Job("HPFCU Domain Controllers", "BackupJob", (21, 0), (9, 22), "HPFCU-VHR01 Hardened"),
    Job("HPFCU File and Print", "BackupJob", (21, 30), (25, 70), "HPFCU-VHR01 Hardened",
        warnings={-17: "Processing HPFCU-FS01 Warning: Changed block tracking cannot be enabled: checkpoint exists"}),
    Job("HPFCU SQL Servers", "BackupJob", (22, 0), (18, 40), "HPFCU-VHR01 Hardened",
        failures={-25: "Error: Processing HPFCU-SQL01 Error: VSSControl: Failed to prepare guest for hot backup. Error code: 0x800423f4"}),
    Job("HPFCU Application Servers", "BackupJob", (22, 30), (20, 55), "HPFCU-VHR01 Hardened"),
    Job("HPFCU Loan Imaging", "BackupJob", (23, 0), (60, 140), "LEGACY-NAS01",
        failures={-2: "Error: Not enough free space on repository LEGACY-NAS01: 12.4 GB free, 186.0 GB required",
                  -1: "Error: Not enough free space on repository LEGACY-NAS01: 11.9 GB free, 186.0 GB required"},
        warnings={-4: "Repository LEGACY-NAS01 is running low on free space (4% free)",
                  -3: "Repository LEGACY-NAS01 is running low on free space (2% free)"}),
    Job("HPFCU Branch Servers", "BackupJob", (23, 30), (12, 35), "HPFCU-VHR01 Hardened",
        failures={-16: "Error: Failed to connect to BWK-SRV01.corp.harborpointfcu.example: The RPC server is unavailable"}),
    Job("HPFCU Offsite Copy", "BackupCopyJob", (1, 0), (40, 120), "Offsite Object Storage"),
]


def cu_veeam_sessions() -> bytes:
    """Veeam B&R REST GET /api/v1/sessions (backup and backup copy jobs, last 35 days), flattened."""
    r = rng(CU, "veeam-sessions")
    header = ["id", "name", "jobId", "sessionType", "creationTime", "endTime", "state",
              "progressPercent", "result.result", "result.message", "result.isCanceled", "usn"]
    job_ids = {job.name: guid(r) for job in CU_JOBS}
    rows = []
    usn = 2_118_400
    for job, start, end, result, message in _veeam_runs(r, CU_JOBS, -35, -1):
        usn += r.randint(3, 40)
        vm = r.choice(["HPFCU-FS01", "HPFCU-APP02", "HPFCU-RDS01", "HPFCU-SQL02", "SPT-SRV01"])
        rows.append([guid(r), job.name, job_ids[job.name], job.kind, iso_local(start, r),
                     iso_local(end, r), "Stopped", "100" if result != "Failed" else str(r.randint(1, 15)),
                     result, message.replace("{vm}", vm), "false", str(usn)])
    return csv_bytes(header, rows)


def cu_veeam_repositories() -> bytes:
    """Veeam B&R REST GET /api/v1/backupInfrastructure/repositories, flattened."""
    r = rng(CU, "veeam-repos")
    header = ["id", "name", "description", "type", "hostId", "repository.path",
              "repository.makeRecentBackupsImmutableDays", "share.sharePath", "bucket.bucketName",
              "bucket.folderName", "bucket.immutability.isEnabled", "bucket.immutability.daysCount"]
    rows = [
        [guid(r), "HPFCU-VHR01 Hardened", "Hardened Linux repository, head office (XFS, single-use credentials)",
         "LinuxHardened", guid(r), "/mnt/veeam/hpfcu", "14", "", "", "", "", ""],
        [guid(r), "HPFCU-VHR02 Hardened", "Hardened Linux repository, Westbrook DR rack",
         "LinuxHardened", guid(r), "/mnt/veeam/hpfcu-dr", "14", "", "", "", "", ""],
        [guid(r), "Offsite Object Storage", "S3-compatible object storage with object lock (offsite copies)",
         "S3Compatible", "", "", "", "", "hpfcu-vbr-offsite", "vbr01/", "true", "30"],
        # PLANTED: the legacy NAS share still takes the Loan Imaging job and keeps nothing immutable
        [guid(r), "LEGACY-NAS01", "Legacy NAS share (Loan Imaging only; to be retired)", "Smb", "",
         "", "", r"\\hpfcu-nas01.corp.harborpointfcu.example\veeam$", "", "", "", ""],
    ]
    return csv_bytes(header, rows)
