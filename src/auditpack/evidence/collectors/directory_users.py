"""Directory users (an Entra ID user export or a plain CSV): who people are, and whether they left.

Entra's Graph export gives `id, userPrincipalName, displayName, department, employeeType,
accountEnabled, employeeLeaveDateTime` (and `onPremisesSamAccountName`, the login a DMS ACL
names); a plain CSV may say `user_id, upn, login, name, department, employment_type,
status, end_date`. Employment types are reduced to attorney, staff, contractor,
provider_engineer or other (a free-text type the export invents is kept as "other").
"""

from __future__ import annotations

import re
from typing import Any

from ...errors import EvidenceError
from ..tabular import Table
from .export import ExportCollector, Row, as_bool, as_datetime

TYPES = {"attorney": "attorney", "associate": "attorney", "counsel": "attorney",
         "lawyer": "attorney", "partner": "attorney", "timekeeper": "attorney",
         "staff": "staff", "employee": "staff", "member": "staff",
         "contractor": "contractor", "consultant": "contractor", "temp": "contractor",
         "provider": "provider_engineer", "providerengineer": "provider_engineer",
         "vendor": "provider_engineer", "msp": "provider_engineer",
         "msp engineer": "provider_engineer"}
STATUS = {"active": "active", "enabled": "active", "disabled": "disabled", "inactive": "disabled",
          "leaver": "disabled", "left": "disabled", "terminated": "disabled",
          "suspended": "disabled"}


def _token(value: str) -> str:
    """Reduce a value to lower-case letters and digits."""
    return re.sub(r"[^0-9a-z]+", "", value.casefold())


class DirectoryUsersCollector(ExportCollector):
    """The people in the directory: id, login, name, department, employment type, status, end date."""

    name = "directory_users"
    version = "1"
    kind = "user_directory"
    label = "a directory user export"
    required = ("upn",)
    aliases = {
        "user_id": ("id", "objectId", "Object ID", "user_id", "User ID"),
        "upn": ("userPrincipalName", "User Principal Name", "user_principal_name", "email", "mail",
                "user", "username"),
        "login": ("onPremisesSamAccountName", "samAccountName", "sAMAccountName", "dms_login",
                  "DMS Login", "logon"),
        "display_name": ("displayName", "Display Name", "name", "full_name"),
        "department": ("Department", "practice_group"),
        "employment_type": ("employeeType", "Employee Type", "employee_type", "type"),
        "user_type": ("userType", "User Type"),
        "account_enabled": ("accountEnabled", "Account Enabled", "enabled"),
        "status": ("Status", "account_status", "employment_status"),
        "end_date": ("employeeLeaveDateTime", "End Date", "leave_date", "termination_date",
                     "last_day"),
    }

    def normalise(self, row: Row, cols: dict[str, str | None], table: Table,
                  line: int) -> dict[str, Any]:
        """Return user_id, upn, login, name, department, employment_type, user_type, status, end_date."""
        where = f"{table.path}:{line}"
        get = row.__getitem__
        raw_type = get("employment_type")
        employment = TYPES.get(_token(raw_type), "other") if raw_type else None
        enabled = as_bool(get("account_enabled"), where)
        raw_status = get("status")
        status = STATUS.get(_token(raw_status)) if raw_status else None
        if raw_status and status is None:
            raise EvidenceError(f"'{raw_status}' is not active or disabled", where,
                                "fix or re-export the row")
        if status is None and enabled is not None:
            status = "active" if enabled else "disabled"
        end = as_datetime(get("end_date"), where)
        user_type = get("user_type").casefold() or None
        return {
            "line": line,
            "user_id": get("user_id") or None,
            "upn": get("upn") or None,
            "login": get("login") or None,
            "name": get("display_name") or None,
            "department": get("department") or None,
            "employment_type": employment,
            "user_type": user_type,
            "status": status,
            "end_date": end.date().isoformat() if end else None,
        }
