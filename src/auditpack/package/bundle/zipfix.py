"""Make ZIP containers (our package, and the DOCX/XLSX inside it) byte-identical across builds."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

ZIP_EPOCH = dt.datetime(1980, 1, 1)  # the earliest time a ZIP entry can hold


def zip_time(when: dt.datetime) -> tuple[int, int, int, int, int, int]:
    """Return a ZIP date_time tuple (never before 1980, seconds even as ZIP stores them)."""
    when = max(when.replace(tzinfo=None), ZIP_EPOCH)
    return (when.year, when.month, when.day, when.hour, when.minute, when.second - when.second % 2)


def entry(name: str, when: dt.datetime) -> zipfile.ZipInfo:
    """Return a ZipInfo with a fixed time and fixed permissions (rw-r--r--)."""
    info = zipfile.ZipInfo(name, date_time=zip_time(when))
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o100644 << 16
    info.create_system = 3
    return info


def normalize_zip(data: bytes, when: dt.datetime) -> bytes:
    """Rewrite an OOXML container (DOCX, XLSX) with fixed entry times, its entries in order
    ([Content_Types].xml must stay first)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            dst.writestr(entry(name, when), src.read(name), compresslevel=6)
    return out.getvalue()
