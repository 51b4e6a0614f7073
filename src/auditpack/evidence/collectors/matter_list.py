"""The matter list (from intake or practice management): client, matter, privilege, dates."""

from __future__ import annotations

import re
from typing import Any

from ..tabular import Table
from .export import ExportCollector, Row, as_bool, as_datetime

PRIVILEGED = {"privileged", "confidential", "restricted", "sensitive", "ethical", "wall",
              "walled", "phi", "health", "secret"}
STANDARD = {"standard", "normal", "open", "public", "internal", "general"}


def _date(value: str, where: str) -> str | None:
    """Parse a date (or a timestamp, whose date is kept); blank is unknown."""
    found = as_datetime(value, where)
    return found.date().isoformat() if found else None


class MatterListCollector(ExportCollector):
    """Each client matter: whether it is privileged or sensitive, who is responsible, open or closed."""

    name = "matter_list"
    version = "1"
    kind = "matter_list"
    label = "a matter list export"
    required = ("matter",)
    aliases = {
        "client": ("Client", "client_id", "Client Number", "client_number"),
        "matter": ("matter_id", "Matter", "Matter Number", "matter_number", "Matter ID"),
        "matter_name": ("Matter Name", "name", "description", "title"),
        "privileged": ("Privileged", "is_privileged", "restricted"),
        "sensitivity": ("Sensitivity", "security", "classification", "confidentiality"),
        "responsible_attorney": ("Responsible Attorney", "responsible_partner", "partner",
                                 "Responsible Partner", "billing_attorney"),
        "opened": ("Opened", "open_date", "opened_on", "Date Opened"),
        "closed": ("Closed", "close_date", "closed_on", "Date Closed"),
    }

    def normalise(self, row: Row, cols: dict[str, str | None], table: Table,
                  line: int) -> dict[str, Any]:
        """Return client, matter, name, privileged (bool or null), sensitivity, responsible_attorney, opened, closed."""
        where = f"{table.path}:{line}"
        get = row.__getitem__
        sensitivity = get("sensitivity").casefold() or None
        privileged = as_bool(get("privileged"), where)
        if privileged is None and sensitivity:
            words = set(re.findall(r"[a-z]+", sensitivity))   # "Confidential - PHI", "Ethical Wall"
            privileged = True if words & PRIVILEGED else False if words & STANDARD else None
        return {
            "line": line, "client": get("client") or None, "matter": get("matter") or None,
            "name": get("matter_name") or None, "privileged": privileged,
            "sensitivity": sensitivity,
            "responsible_attorney": get("responsible_attorney") or None,
            "opened": _date(get("opened"), where), "closed": _date(get("closed"), where),
        }
