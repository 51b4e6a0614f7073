"""iManage Work workspace and folder security, one row per ACL entry (a REST or report export).

An entry is `id, name, type (user/group), access / access_level, sid, is_external`
beside its workspace's `default_security` and security-policy `allow_list` /
`deny_list` (ethical walls; multi-valued cells). Client and matter names stay as
exported: the package pseudonymises them later. The principal is the entry's id (the
login or group id), or its name when the export has no id.
Unverified: the report-style headers ("Workspace ID", "Access Level", …), the legacy
numeric rights 0-3 (imRightNone … imRightAll), and "inherit" as a folder's default
security (kept as "inherit"; the record fields list only public/private/view).
"""

from __future__ import annotations

import re
from typing import Any

from ...errors import EvidenceError
from ..tabular import Table
from .export import ExportCollector, Row, as_bool, as_list

ACCESS = {
    "noaccess": "no_access", "none": "no_access", "read": "read", "readonly": "read",
    "readwrite": "read_write", "full": "full", "fullaccess": "full", "all": "full",
    "0": "no_access", "1": "read", "2": "read_write", "3": "full",
}
DEFAULT_SECURITY = {"public": "public", "private": "private", "view": "view",
                    "inherit": "inherit", "inherited": "inherit"}
PRINCIPAL_TYPES = {"user": "user", "users": "user", "group": "group", "groups": "group"}


def _token(value: str) -> str:
    """Reduce a value to lower-case letters and digits ("Read/Write" → "readwrite")."""
    return re.sub(r"[^0-9a-z]+", "", value.casefold())


def lookup(table: dict[str, str], value: str, what: str, where: str) -> str | None:
    """Map an enumerated value to its normal form; blank is unknown, anything else an error."""
    if not value.strip():
        return None
    found = table.get(_token(value))
    if found is None:
        raise EvidenceError(f"'{value}' is not {what}", where, "fix or re-export the row")
    return found


class IManageAclCollector(ExportCollector):
    """Who may open each iManage workspace or folder, and its ethical-wall lists."""

    name = "imanage_acl"
    version = "1"
    kind = "dms_acl"
    label = "an iManage Work security (ACL) export"
    required = ("workspace_id", "principal", "access_level")
    aliases = {
        "library": ("Library", "database"),
        "workspace_id": ("Workspace ID", "workspaceId"),
        "workspace_name": ("Workspace Name", "workspaceName"),
        "folder_id": ("Folder ID", "folderId"),
        # the id first: a login is stable where a display name is not
        "principal": ("id", "entry_id", "Entry ID", "User ID", "Group ID", "User/Group ID",
                      "name", "entry_name", "Entry Name", "User/Group"),
        "entry_name": ("name", "Entry Name", "Display Name", "User/Group"),
        "type": ("entry_type", "Entry Type", "Principal Type", "User/Group Type"),
        "access_level": ("access", "Access Level", "Access Right"),
        "is_external": ("Is External", "External", "isExternal"),
        "default_security": ("Default Security", "defaultSecurity"),
        "allow_list": ("Allow List", "allowList", "Allowed"),
        "deny_list": ("Deny List", "denyList", "Denied"),
    }

    def normalise(self, row: Row, cols: dict[str, str | None], table: Table,
                  line: int) -> dict[str, Any]:
        """Return library, workspace_id, …, principal, access, allow_list, deny_list."""
        where = f"{table.path}:{line}"
        get = row.__getitem__
        return {
            "line": line,
            "library": get("library") or None,
            "workspace_id": get("workspace_id") or None,
            "workspace_name": get("workspace_name") or None,
            "folder_id": get("folder_id") or None,
            "principal": get("principal") or get("entry_name") or None,
            "principal_type": lookup(PRINCIPAL_TYPES, get("type"), "user or group", where),
            "access": lookup(ACCESS, get("access_level"),
                             "an iManage access level (No Access, Read, Read/Write, Full Access)",
                             where),
            "is_external": as_bool(get("is_external"), where),
            "default_security": lookup(DEFAULT_SECURITY, get("default_security"),
                                       "a default security (public, private, view)", where),
            "allow_list": as_list(get("allow_list")),
            "deny_list": as_list(get("deny_list")),
        }
