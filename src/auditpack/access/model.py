"""The matter-access policy (safe defaults), effective-access rows and findings."""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, Field

DENY, NONE, READ, WRITE, FULL = 0, 1, 2, 3, 4
# iManage (no_access/read/read_write/full) and NetDocuments (no_access/view/edit/share/admin)
LEVELS = {"no_access": DENY, "read": READ, "view": READ, "read_write": WRITE, "edit": WRITE,
          "share": WRITE, "full": FULL, "admin": FULL}
NAMES = {DENY: "no_access", NONE: "none", READ: "read", WRITE: "write", FULL: "full"}

# Each finding category, and the starter controls it tests (their `satisfies` give the SP 800-207
# tenets, CIS v8 5.x/6.x safeguards and CSF PR.AA outcomes the finding bears on).
CATEGORY_CONTROLS: dict[str, tuple[str, ...]] = {
    "provider_standing_access": ("DMS-02", "IAM-08"),
    "expired_break_glass": ("DMS-02", "IAM-08"),
    "wall_breach": ("DMS-01", "IAM-09"),
    "wall_not_included": ("DMS-01", "IAM-09"),
    "leaver_access": ("IAM-04", "DMS-01"),
    "direct_grant": ("IAM-09", "DMS-01"),
    "public_privileged_matter": ("DMS-01", "IAM-09"),
    "closed_matter_write": ("DMS-04", "DMS-01"),
}


class AccessPolicy(BaseModel):
    """`evidence.check_options.matter_access` in auditpack.yaml; every default is the safe one."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    allow_direct_grants: bool = False       # access through named groups, not user entries
    provider_types: tuple[str, ...] = ("provider_engineer",)
    unknown_matters_privileged: bool = True  # a matter missing from the list counts as privileged
    closed_matters_read_only: bool = True
    public_privileged_is_finding: bool = True
    default_security_includes_providers: bool = False  # external engineers need an explicit entry
    leaver_grace_days: int = Field(default=0, ge=0)
    # A wall with people on its included side admits only them (and `wall_admins`) to its matters.
    inclusive_walls: bool = True
    wall_admins: tuple[str, ...] = ()  # people or groups (nested) cleared for every walled matter


class AccessRow(NamedTuple):
    """One person's effective access to one matter, and the path that gives it."""

    person: str
    matter: str
    access: str
    path: tuple[str, ...]   # the groups, innermost first; () for a user entry
    folder: str | None      # the folder whose ACL gives it, None for the workspace


class AccessFinding(BaseModel):
    """One named access finding: who or which matter, what is wrong, and the group path behind it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    category: str
    subject: str
    matter: str | None = None
    detail: str
    path: tuple[str, ...] = ()
    controls: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str, str]:
        """Identify the finding across reviews (category, subject, matter)."""
        return (self.category, self.subject, self.matter or "")


class AccessReview(BaseModel):
    """The review's totals and findings (and, when kept, the explicit grants for a later diff)."""

    model_config = ConfigDict(extra="forbid")

    as_of: dt.date
    totals: dict[str, int] = Field(default_factory=dict)
    findings: list[AccessFinding] = Field(default_factory=list)
    grants: dict[str, str] | None = None   # "person\tmatter" -> access

    def by_category(self) -> dict[str, int]:
        """Count the findings per category."""
        out: dict[str, int] = {c: 0 for c in CATEGORY_CONTROLS}
        for f in self.findings:
            out[f.category] = out.get(f.category, 0) + 1
        return out
