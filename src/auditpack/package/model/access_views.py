"""The package's view of the matter-access review, and of how client and matter names are shown.

Kept apart from model.py (which holds it as `PackageModel.access` and `PackageModel.names`)
so the access part can grow without touching the shared model.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Rendition(_Frozen):
    """An evidence file the package holds as a pseudonymised rendition (or withholds)."""

    kind: Literal["pseudonymised", "withheld"]
    original_sha256: str           # the stored original's digest (the store keeps it)
    original_size: int
    replaced: int = 0              # names replaced in the rendition
    replacements: dict[str, int] = Field(default_factory=dict)  # names replaced, by pseudonym
    note: str


class NamesView(_Frozen):
    """Whether client and matter names are pseudonymised in the package, and how."""

    pseudonymised: bool
    method: str
    matters: int                   # matter names (and descriptions) with a pseudonym
    clients: int                   # client names with a pseudonym
    matter_numbers_kept: bool      # False: matter numbers embed names and are replaced too


class PolicySettingView(_Frozen):
    """One setting of the matter-access policy, and where its value comes from."""

    name: str
    value: str
    source: Literal["auditpack.yaml", "default"]
    meaning: str


class AccessSourceView(_Frozen):
    """One input of the review: its kind and the evidence files it was read from."""

    kind: str
    label: str
    evidence: tuple[str, ...]
    files: tuple[str, ...]


class AccessFindingView(_Frozen):
    """One named finding with the controls it tests and their in-scope requirements."""

    category: str
    label: str
    subject: str
    person: str | None             # the person's name, when the subject is a person
    matter: str | None
    detail: str
    path: str
    controls: tuple[str, ...]
    requirements: dict[str, tuple[str, ...]] = Field(default_factory=dict)


class AccessRowView(_Frozen):
    """One person's effective access to one matter, and the finding it carries (if any)."""

    matter: str
    privileged: bool
    closed: bool
    person: str                    # the person's name ("Everyone …" for default security)
    login: str
    employment_type: str | None
    access: str
    path: str                      # the group chain, "direct", "default security …" or "break-glass …"
    finding: str | None = None     # the finding labels
    detail: str | None = None


class ProviderRowView(_Frozen):
    """A provider engineer's access to one matter, break-glass window included."""

    person: str
    login: str
    matters_reachable: int
    matter: str | None
    privileged: bool | None
    access: str
    path: str | None
    ticket: str | None = None
    window: str | None = None
    finding: str | None = None
    detail: str | None = None


class AccessView(_Frozen):
    """The matter-access review as the package shows it: policy, method, totals, findings, rows."""

    as_of: dt.date
    policy: tuple[PolicySettingView, ...]
    sources: tuple[AccessSourceView, ...]
    totals: dict[str, int]
    by_category: dict[str, int]
    category_labels: dict[str, str] = Field(default_factory=dict)
    category_controls: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    findings: tuple[AccessFindingView, ...]
    rows: tuple[AccessRowView, ...]
    rows_left_off: int             # grants in scope but beyond the sheet's cap
    row_cap: int
    providers: tuple[ProviderRowView, ...]
    providers_left_off: int
    scope: str                     # what the Access Review sheet lists, in words
