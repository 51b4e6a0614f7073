"""Pause Python's cyclic garbage collector around work that builds many objects and no cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector, then restore it as it was.

    Reference counting still frees everything that is not in a cycle, which is nearly all a
    build makes. What a paused collector saves: each collection walks every live object
    again, and a build keeps hundreds of thousands alive (catalogs, controls, one item per
    evidence file, a workbook's cells) while finding almost no garbage (at 20,000 evidence
    files: 15 objects, for about 0.7 s of collections).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
