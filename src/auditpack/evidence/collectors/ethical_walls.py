"""Ethical walls (from the wall management tool): one row per person on one side of a wall."""

from __future__ import annotations

from typing import Any

from ..tabular import Table
from .export import ExportCollector, Row, as_list
from .imanage_acl import lookup

SIDES = {"excluded": "excluded", "exclude": "excluded", "screened": "excluded",
         "blocked": "excluded", "deny": "excluded", "denied": "excluded",
         "included": "included", "include": "included", "allow": "included",
         "allowed": "included", "team": "included"}


class EthicalWallsCollector(ExportCollector):
    """Who is screened from (excluded) or cleared for (included) the matters behind each wall."""

    name = "ethical_walls"
    version = "1"
    kind = "ethical_walls"
    label = "an ethical wall export"
    required = ("wall", "matter", "person", "side")
    aliases = {
        "wall": ("wall_id", "Wall ID", "wall_name", "Wall", "screen_id"),
        "matter": ("matters", "Matter", "Matters", "matter_id", "Matter Number"),
        "person": ("user", "member", "login", "upn", "User", "Person", "Member"),
        "side": ("Side", "role", "wall_side", "access", "Access"),
    }

    def normalise(self, row: Row, cols: dict[str, str | None], table: Table,
                  line: int) -> dict[str, Any]:
        """Return wall_id, matters (list), person and side (excluded/included)."""
        get = row.__getitem__
        side = lookup(SIDES, get("side"), "a wall side (excluded or included)",
                      f"{table.path}:{line}")
        return {"line": line, "wall_id": get("wall") or None, "matters": as_list(get("matter")),
                "person": get("person") or None, "side": side}
