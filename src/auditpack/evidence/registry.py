"""Find collectors through the `auditpack.collectors` entry points (built-ins included)."""

from __future__ import annotations

from functools import cache
from importlib.metadata import entry_points

from ..errors import EvidenceError
from .collectors.base import Collector

GROUP = "auditpack.collectors"


@cache
def collectors() -> dict[str, type[Collector]]:
    """Load every registered collector; its name must equal its entry-point and module name."""
    found: dict[str, type[Collector]] = {}
    for ep in sorted(entry_points(group=GROUP), key=lambda e: e.name):
        cls = ep.load()
        module = cls.__module__.rsplit(".", 1)[-1]
        if not (isinstance(cls, type) and issubclass(cls, Collector)):
            raise EvidenceError(f"entry point '{ep.name}' is not a Collector", ep.value,
                                "point it at a subclass of auditpack's Collector")
        if not (cls.name == ep.name == module):
            raise EvidenceError(
                f"collector identity differs: entry point '{ep.name}', name '{cls.name}', "
                f"module '{module}'", ep.value,
                "give the entry point, the class's `name` and the module the same name")
        found[ep.name] = cls
    return found


def get_collector(name: str) -> type[Collector]:
    """Return the collector class registered under `name`."""
    known = collectors()
    if name not in known:
        raise EvidenceError(f"unknown collector '{name}'", "collector",
                            f"use one of: {', '.join(sorted(known))}")
    return known[name]
