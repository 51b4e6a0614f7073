"""Writing every demo's exports/ folder."""

from __future__ import annotations

from pathlib import Path

from .credit_union.build import credit_union
from .credit_union.identity import CU
from .law_firm.build import law_firm
from .law_firm.identity import LF


def write(out: Path) -> dict[str, int]:
    """Write every demo's exports/ under `out`; return the bytes written per demo."""
    sizes = {}
    for demo, build in ((CU, credit_union), (LF, law_firm)):
        files = build()
        folder = out / demo / "exports"
        folder.mkdir(parents=True, exist_ok=True)
        for stale in sorted(folder.iterdir()):   # the folder is generated: nothing else belongs there
            if stale.is_file() and stale.name not in files:
                stale.unlink()
        for name, data in sorted(files.items()):
            (folder / name).write_bytes(data)
        sizes[demo] = sum(len(b) for b in files.values())
    return sizes
