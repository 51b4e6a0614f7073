"""Microsoft Entra ID user registration details (Graph userRegistrationDetails, PowerShell or portal CSV)."""

from __future__ import annotations

from typing import Any

from ..tabular import Table
from .export import ExportCollector, Row, as_bool, as_list, as_timestamp


class EntraMfaCollector(ExportCollector):
    """Each user's MFA, SSPR and passwordless registration state, from an Entra ID export.

    Registration is not enforcement: Conditional Access policies are separate evidence.
    """

    name = "entra_mfa"
    version = "1"
    kind = "mfa_registration"
    label = "a Microsoft Entra ID user registration details export"
    required = ("userPrincipalName", "isMfaRegistered")
    aliases = {
        "userPrincipalName": ("User principal name", "UPN"),
        "isMfaRegistered": ("Multifactor authentication registered", "MFA registered",
                            "Is MFA registered"),
        "userDisplayName": ("User display name", "Display name", "displayName"),
        "userType": ("User type",),
        "isAdmin": ("Is admin", "Admin"),
        "isMfaCapable": ("Multifactor authentication capable", "MFA capable", "Is MFA capable"),
        "isPasswordlessCapable": ("Passwordless capable",),
        "isSsprRegistered": ("SSPR registered", "Self-service password reset registered"),
        "methodsRegistered": ("Methods registered",),
        "lastUpdatedDateTime": ("Last updated time", "Last updated date time"),
        "accountEnabled": ("Account enabled", "Enabled"),
    }

    def normalise(self, row: Row, cols: dict[str, str | None], table: Table,
                  line: int) -> dict[str, Any]:
        """Return upn, name, user_type, is_admin, mfa_registered, mfa_capable, … for one user."""
        where = f"{table.path}:{line}"
        get = row.__getitem__
        user_type = get("userType").casefold()
        return {
            "line": line,
            "upn": get("userPrincipalName").lower(),
            "name": get("userDisplayName"),
            "user_type": "guest" if user_type == "guest" else ("member" if user_type else None),
            "is_admin": as_bool(get("isAdmin"), where),
            "account_enabled": as_bool(get("accountEnabled"), where),
            "mfa_registered": as_bool(get("isMfaRegistered"), where),
            "mfa_capable": as_bool(get("isMfaCapable"), where),
            "passwordless_capable": as_bool(get("isPasswordlessCapable"), where),
            "sspr_registered": as_bool(get("isSsprRegistered"), where),
            "methods": as_list(get("methodsRegistered")),
            "last_updated": as_timestamp(get("lastUpdatedDateTime"), where),
        }
