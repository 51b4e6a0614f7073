"""NetDocuments cabinet and workspace ACLs, one row per principal (an admin or API export).

Rights are View, Edit, Share, Administer and No Access, written as words ("View, Edit")
or as the API's letters, joined ("VES") or delimited ("V|E|S"); a row's access is the
highest right it lists, except that No Access wins over any other right, as it does in
NetDocuments (this departs from "take the highest", which would call a denied principal
a viewer). Client and matter names stay as exported: the package pseudonymises them later.
Unverified: the column headers (no documented export layout), and the letter "N" for
No Access.
"""

from __future__ import annotations

import re
from typing import Any

from ...errors import EvidenceError
from ..tabular import Table
from .export import ExportCollector, Row, as_bool, as_list

RANK = ("view", "edit", "share", "admin")
WORDS = {"view": "view", "edit": "edit", "share": "share", "administer": "admin",
         "admin": "admin", "administrator": "admin", "noaccess": "no_access", "none": "no_access"}
LETTERS = {"v": "view", "e": "edit", "s": "share", "a": "admin", "n": "no_access"}
PRINCIPAL_TYPES = {"user": "user", "users": "user", "group": "group", "groups": "group"}


def _token(value: str) -> str:
    """Reduce a value to lower-case letters and digits ("No Access" → "noaccess")."""
    return re.sub(r"[^0-9a-z]+", "", value.casefold())


def _rights(part: str) -> list[str] | None:
    """Read one listed right: a word, a run of letters ("VES"), or words split by spaces."""
    token = _token(part)
    if token in WORDS:
        return [WORDS[token]]
    if token and set(token) <= set(LETTERS):
        return [LETTERS[c] for c in token]
    words = [WORDS.get(_token(w)) for w in part.split()]
    return [w for w in words if w] if len(words) > 1 and all(words) else None


def access(value: str, where: str) -> str | None:
    """Reduce a cell of rights to one access: no_access, or the highest of view/edit/share/admin."""
    found: set[str] = set()
    for part in as_list(value):
        rights = _rights(part)
        if rights is None:
            raise EvidenceError(f"'{part}' is not a NetDocuments right "
                                "(View, Edit, Share, Administer, No Access)", where,
                                "fix or re-export the row")
        found.update(rights)
    if "no_access" in found:
        return "no_access"
    return max(found, key=RANK.index) if found else None


class NetDocumentsAclCollector(ExportCollector):
    """Who may open each NetDocuments cabinet or workspace, and with which rights."""

    name = "netdocuments_acl"
    version = "1"
    kind = "dms_acl"
    label = "a NetDocuments cabinet or workspace ACL export"
    required = ("cabinet", "principal", "rights")
    aliases = {
        "cabinet": ("Cabinet Name", "cabinet_name"),
        "workspace_id": ("Workspace ID", "workspaceId", "Workspace Envelope ID"),
        "workspace_name": ("Workspace Name", "workspaceName", "Workspace"),
        "principal": ("Principal Name", "principal_id", "User/Group", "User or Group", "Member",
                      "Name"),
        "principal_type": ("Principal Type", "Member Type", "Type"),
        "rights": ("Access Rights", "Access", "Permissions", "Permission"),
        "is_external": ("Is External", "External", "isExternal", "External User"),
    }

    def normalise(self, row: Row, cols: dict[str, str | None], table: Table,
                  line: int) -> dict[str, Any]:
        """Return cabinet, workspace_id, workspace_name, principal, access, … of one entry."""
        where = f"{table.path}:{line}"
        get = row.__getitem__
        kind = get("principal_type")
        principal_type = PRINCIPAL_TYPES.get(_token(kind))
        if kind and principal_type is None:
            raise EvidenceError(f"'{kind}' is not user or group", where, "fix or re-export the row")
        return {
            "line": line,
            "cabinet": get("cabinet") or None,
            "workspace_id": get("workspace_id") or None,
            "workspace_name": get("workspace_name") or None,
            "principal": get("principal") or None,
            "principal_type": principal_type,
            "access": access(get("rights"), where),
            "is_external": as_bool(get("is_external"), where),
        }
