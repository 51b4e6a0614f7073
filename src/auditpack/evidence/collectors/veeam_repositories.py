"""Veeam Backup & Replication repositories and their immutability (REST flattened, or a flat CSV).

REST (/api/v1/backupInfrastructure/repositories) puts a hardened repository's setting
at `repository.makeRecentBackupsImmutableDays` and an object storage's at
`bucket.immutability.isEnabled / daysCount` (`container.` for Azure); flattened with
`.` or `/`, or unprefixed. Unverified: the flat CSV (`Name, Type, Path, Immutable,
ImmutabilityDays`) — no Veeam tool writes it as such; it is what a PowerShell
Select-Object over Get-VBRBackupRepository is usually shaped into.

A repository is immutable when the export says so (`isEnabled`, `Immutable`), or,
without such a flag, when it keeps recent backups immutable for more than 0 days. An
explicit "not enabled" wins over a day count, since object storage may keep its count
while immutability is off (unverified). `immutable_days` is the day count as exported.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ..tabular import Table, header_key
from .export import ExportCollector, Row, as_bool, as_int


def _nested(*paths: str) -> tuple[str, ...]:
    """Return each REST path flattened with `.` and with `/` (headers ignore case and dots)."""
    return tuple(dict.fromkeys(p.replace(".", sep) for p in paths for sep in (".", "/")))


@cache
def _keys(names: tuple[str, ...]) -> tuple[str, ...]:
    """Return the header keys of column names, once."""
    return tuple(dict.fromkeys(header_key(n) for n in names))


@cache
def _positions(keys: tuple[str, ...], names: tuple[str, ...]) -> tuple[int, ...]:
    """Return where the columns of these names are in a table's header, in the names' order."""
    return tuple(keys.index(k) for k in _keys(names) if k in keys)


FLAG = ("Immutable", *_nested("immutability.isEnabled", "bucket.immutability.isEnabled",
                              "container.immutability.isEnabled",
                              "repository.useImmutableBackups", "useImmutableBackups"),
        "Immutability Enabled", "IsImmutabilityEnabled")
DAYS = ("ImmutabilityDays", *_nested("makeRecentBackupsImmutableDays",
                                     "repository.makeRecentBackupsImmutableDays",
                                     "immutability.daysCount", "bucket.immutability.daysCount",
                                     "container.immutability.daysCount"),
        "Immutable Days", "Immutability Period", "ImmutabilityPeriod")
PATH = ("path", *_nested("repository.path", "share.sharePath"), "FriendlyPath", "Folder")
BUCKET = _nested("bucket.bucketName", "container.containerName", "bucketName", "containerName")
FOLDER = _nested("bucket.folderName", "container.folderName", "folderName")


class VeeamRepositoriesCollector(ExportCollector):
    """Each backup repository of Veeam Backup & Replication, and whether it is immutable."""

    name = "veeam_repositories"
    version = "1"
    kind = "backup_immutability"
    label = "a Veeam Backup & Replication repository list"
    # "Immutable" stands for any immutability column: a repository list without one is no use
    required = ("name", "Immutable")
    aliases = {
        "name": ("Repository", "Repository Name"),
        "Immutable": FLAG[1:] + DAYS,
        "type": ("Repository Type", "Kind"),
    }

    def normalise(self, row: Row, cols: dict[str, str | None], table: Table,
                  line: int) -> dict[str, Any]:
        """Return repository, type, immutable, immutable_days, path for one repository."""
        where = f"{table.path}:{line}"
        get = row.__getitem__
        def first(names: tuple[str, ...]) -> str:
            # a REST export mixing kinds has several such columns, each blank on other kinds
            cells = row.fields
            return next((v for v in (cells[i].strip() for i in _positions(table.keys, names))
                         if v), "")

        flag = as_bool(first(FLAG), where)
        days = as_int(first(DAYS), where)
        immutable = flag if flag is not None else (days is not None and days > 0)
        # object storage has no path: where it writes is its bucket (or container) and folder
        path = first(PATH) or "/".join(p for p in (first(BUCKET), first(FOLDER).strip("/")) if p)
        return {
            "line": line,
            "repository": get("name").strip() or None,
            "type": get("type").strip() or None,
            "immutable": immutable,
            "immutable_days": days,
            "path": path or None,
        }
