"""Directory group membership, one row per edge (group → member user or member group)."""

from __future__ import annotations

from typing import Any

from ...errors import EvidenceError
from ..tabular import Table
from .export import ExportCollector, Row


def member_type(value: str, where: str) -> str | None:
    """Read a member type: user or group (Graph's "#microsoft.graph.group" too); blank is unknown."""
    v = value.strip().casefold()
    if not v:
        return None
    if "group" in v:
        return "group"
    if "user" in v or v in ("person", "member", "account"):
        return "user"
    raise EvidenceError(f"'{value}' is not user or group", where, "fix or re-export the row")


class DirectoryGroupsCollector(ExportCollector):
    """Who (user or group) is a direct member of which group: nesting is resolved by the review."""

    name = "directory_groups"
    version = "1"
    kind = "group_membership"
    label = "a directory group membership export"
    required = ("group", "member")
    aliases = {
        # the account name first: a DMS ACL names a group by it, not by its display name
        "group": ("groupMailNickname", "groupSamAccountName", "group_name", "Group Name", "Group",
                  "groupDisplayName", "groupId", "group_id"),
        "member": ("member_name", "Member", "memberUserPrincipalName", "memberMailNickname",
                   "member_id", "memberId", "userPrincipalName"),
        "member_type": ("memberType", "Member Type", "@odata.type", "objectType", "member_kind"),
    }

    def normalise(self, row: Row, cols: dict[str, str | None], table: Table,
                  line: int) -> dict[str, Any]:
        """Return group, member and member_type (user/group, or null when the export omits it)."""
        get = row.__getitem__
        return {"line": line, "group": get("group") or None, "member": get("member") or None,
                "member_type": member_type(get("member_type"), f"{table.path}:{line}")}
