"""Vendor exports (CSV or XLSX): keep the file as it came, and store its rows normalised as JSON lines."""

from __future__ import annotations

import datetime as dt
import glob
import json
import mimetypes
import os
import tempfile
from abc import abstractmethod
from collections.abc import Callable, Iterator
from operator import itemgetter
from pathlib import Path, PurePosixPath
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from ...errors import EvidenceError
from ..tabular import Table, header_key, open_rows
from .archive import extract_member, safe_members
from .base import RECORDS_MEDIA_TYPE, Artifact, CollectContext, Collector, SourceSpec

TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm")


# Columns every export has: matching only these says nothing about which export it is.
GENERIC_COLUMNS = frozenset({"id", "name", "status", "summary", "type", "title", "description"})


class ExportOptions(BaseModel):
    """Where the export is: a file, or a glob, relative to the workspace."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    path: str


class ExportCollector(Collector):
    """Base for export parsers: detect the format by its headers, then normalise each row."""

    Options = ExportOptions
    label: ClassVar[str]
    required: ClassVar[tuple[str, ...]]
    aliases: ClassVar[dict[str, tuple[str, ...]]] = {}

    def collect(self, spec: SourceSpec, options: Any, ctx: CollectContext) -> list[Artifact]:
        """Store each matching file (or each table inside a ZIP) and its normalised records."""
        artifacts: list[Artifact] = []
        for path in self.files(options.path, ctx):
            if path.suffix.lower() == ".zip":
                artifacts.extend(self.collect_zip(path, spec, ctx, len(artifacts)))
            else:
                artifacts.extend(self.collect_file(path, spec, ctx, len(artifacts)))
        return artifacts

    def collect_zip(self, path: Path, spec: SourceSpec, ctx: CollectContext,
                    offset: int) -> list[Artifact]:
        """Check a ZIP export is safe, keep it whole, and normalise each CSV/XLSX inside it."""
        members = [m for m in safe_members(path) if not m.is_dir()
                   and PurePosixPath(m.filename).suffix.lower() in TABLE_SUFFIXES]
        if not members:
            raise EvidenceError("the archive holds no .csv or .xlsx file", str(path),
                                "point the source at the export itself")
        zip_sha, zip_size = ctx.store.put_file(path)
        rel = str(path.relative_to(ctx.workspace.resolve()))
        out = [Artifact(zip_sha, zip_size, self.meta(
            spec, ctx, original_name=path.name, media_type="application/zip",
            parameters={"path": rel, "members": [m.filename for m in members]}))]
        for n, info in enumerate(members):
            fd, tmp_name = tempfile.mkstemp(dir=ctx.store.tmp, suffix=PurePosixPath(info.filename).suffix)
            try:
                with os.fdopen(fd, "wb") as tmp:
                    for chunk in extract_member(path, info):
                        tmp.write(chunk)
                table, rows = open_rows(Path(tmp_name), f"{path}!{info.filename}")
                records = self.records(table, rows, spec, ctx, f"{spec.id}/records" if n == 0
                                       else f"{spec.id}/records/{info.filename}",
                                       info.filename, {"path": rel, "member": info.filename},
                                       f"@{offset}")
            finally:
                os.unlink(tmp_name)
            out.append(records)
        return out

    def files(self, pattern: str, ctx: CollectContext) -> list[Path]:
        """Resolve the path or glob inside the workspace; none found is an error."""
        base = ctx.inside(pattern if not glob.has_magic(pattern) else ".", "path")
        if not glob.has_magic(pattern):
            if not base.is_file():
                raise EvidenceError("export not found", str(base),
                                    "check the source's path (relative to the workspace)")
            return [base]
        found = sorted(Path(p) for p in glob.glob(str(ctx.workspace / pattern), recursive=True))
        found = [ctx.inside(str(p.relative_to(ctx.workspace)), "path") for p in found
                 if p.is_file()]
        if not found:
            raise EvidenceError(f"no file matches '{pattern}'", "path",
                                "check the source's path (relative to the workspace)")
        return found

    def column(self, table: Table, name: str) -> str | None:
        """Return the normalised key under which a logical column appears, if any (memoised)."""
        cache = self.__dict__.setdefault("_columns", {})
        key = (id(table), name)
        if key not in cache:
            cache[key] = next((header_key(c) for c in (name, *self.aliases.get(name, ()))
                               if header_key(c) in table.keys), None)
        found: str | None = cache[key]
        return found

    def check_format(self, table: Table) -> dict[str, str]:
        """Map each required column to its key, or explain why this is not the right export."""
        keys = {name: self.column(table, name) for name in self.required}
        missing = [n for n, k in keys.items() if k is None]
        if missing:
            found = ", ".join(table.headers[:12]) + (" …" if len(table.headers) > 12 else "")
            distinctive = [n for n, k in keys.items() if k is not None
                           and header_key(n) not in GENERIC_COLUMNS]
            if distinctive:
                message = f"looks like {self.label} but lacks column {', '.join(missing)}"
            else:
                message = f"is not {self.label} (columns found: {found})"
            raise EvidenceError(message, str(table.path),
                                f"export it with the columns: {', '.join(self.required)}")
        return {n: k for n, k in keys.items() if k is not None}

    def collect_file(self, path: Path, spec: SourceSpec, ctx: CollectContext,
                     offset: int) -> list[Artifact]:
        """Store the raw export, check its format, and store the normalised records."""
        table, rows = open_rows(path)
        rel = str(path.relative_to(ctx.workspace.resolve()))
        records = self.records(table, rows, spec, ctx, f"{spec.id}/records", path.name,
                               {"path": rel}, f"@{offset}")
        raw_sha, raw_size = ctx.store.put_file(path)
        media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        raw = Artifact(raw_sha, raw_size, self.meta(
            spec, ctx, original_name=path.name, media_type=media,
            parameters=records.meta.parameters, record_count=records.meta.record_count))
        return [raw, records]

    def records(self, table: Table, rows: Iterator[tuple[int, list[str]]],
                spec: SourceSpec, ctx: CollectContext, source_id: str, name: str,
                params: dict[str, Any], derived_from: str) -> Artifact:
        """Check the table's format and store its rows, normalised, as JSON lines."""
        required = self.check_format(table)
        cols = {name: self.column(table, name) for name in self.aliases}
        cols.update(required)
        count = 0

        def lines() -> Iterator[bytes]:
            nonlocal count
            # resolve each logical column to its position once per file, then pick every
            # row's cells in one call: per-cell lookups cost more than parsing the CSV
            found = [(n, table.keys.index(k)) for n, k in cols.items() if k is not None]
            names = [n for n, _ in found]
            pick = _picker([i for _, i in found])
            normalise, strip = self.normalise, str.strip
            batch: list[str] = []
            for line, fields in rows:
                row = Row(zip(names, map(strip, pick(fields))))
                row.fields = fields
                batch.append(dumps(normalise(row, cols, table, line)))
                if len(batch) >= 2048:  # write in blocks: per-line writes cost more than parsing
                    count += len(batch)
                    yield ("\n".join(batch) + "\n").encode()
                    batch = []
            if batch:
                count += len(batch)
                yield ("\n".join(batch) + "\n").encode()

        rec_sha, rec_size = ctx.store.put_stream(lines())
        params = {**params, "format": self.label, "encoding": table.encoding}
        return Artifact(rec_sha, rec_size, self.meta(
            spec, ctx, source_id=source_id, original_name=f"{PurePosixPath(name).stem}.records.jsonl",
            media_type=RECORDS_MEDIA_TYPE, parameters=params, record_count=count,
            derived_from=derived_from))

    @abstractmethod
    def normalise(self, row: Row, cols: dict[str, str | None], table: Table,
                  line: int) -> dict[str, Any]:
        """Turn one row into a typed record (the raw file is kept as it came, beside it).

        `row` maps each logical column to its trimmed cell ('' when the export lacks it);
        `cols` maps every logical column (required ones and those with aliases) to the
        header key it was found under, or None when the export does not have it.
        """


class Row(dict[str, str]):
    """One row of an export: each logical column's cell, trimmed; '' for any other name.

    `fields` holds the row's cells as read, in the order of the table's `keys`, for a
    collector that looks at columns beyond its logical ones.
    """

    __slots__ = ("fields",)
    fields: list[str]

    def __missing__(self, key: str) -> str:
        return ""


def _picker(positions: list[int]) -> Callable[[list[str]], tuple[str, ...]]:
    """Return a function that takes the cells at `positions` from a row, in one call."""
    if len(positions) == 1:
        only = positions[0]
        return lambda fields: (fields[only],)
    pick: Callable[[list[str]], tuple[str, ...]] = itemgetter(*positions)
    return pick


def _json_default(value: object) -> str:
    """Serialise dates and datetimes as ISO 8601."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")


# The JSON of one record: default separators, non-ASCII kept, dates ISO; records keep the
# field order their collector writes (fixed), so no key sorting is needed. One encoder is
# made here and reused for every row.
dumps = json.JSONEncoder(ensure_ascii=False, default=_json_default).encode


_TRUE = ("true", "yes", "1", "y", "enabled", "on")
_FALSE = ("false", "no", "0", "n", "disabled", "off")
_UNKNOWN = ("", "null", "none", "n/a")
# every spelling looked up as written first (lower, UPPER, Capitalised); others are folded
BOOLEANS: dict[str, bool | None] = {
    spelling: meaning for words, meaning in ((_TRUE, True), (_FALSE, False), (_UNKNOWN, None))
    for word in words for spelling in (word, word.upper(), word.capitalize())}


def as_bool(value: str, where: str) -> bool | None:
    """Parse an export's boolean (true/false, yes/no, 1/0; blank is unknown)."""
    try:
        return BOOLEANS[value]
    except KeyError:
        pass
    v = value.strip().casefold()
    if v in BOOLEANS:
        return BOOLEANS[v]
    raise EvidenceError(f"'{value}' is not true or false", where, "fix or re-export the row")


NO_DATE_BEFORE = dt.datetime(1901, 1, 1)
NULL_DATES = ("null", "none", "never", "n/a")


def as_datetime(value: str, where: str) -> dt.datetime | None:
    """Parse an ISO 8601 (or 'YYYY-MM-DD HH:MM:SS', or M/D/YYYY) timestamp; blank is unknown."""
    v = value.strip()
    if not v:
        return None
    try:
        moment = dt.datetime.fromisoformat(v.replace("Z", "+00:00"))
    except ValueError:  # no null word is ISO 8601, so they are looked at only here
        if v.casefold() in NULL_DATES:
            return None
        found = _us_moment(v)
        if found is None:
            raise EvidenceError(f"'{value}' is not a date and time", where,
                                "fix or re-export the row") from None
        moment = found
    # .NET-based exports (Veeam, HaloPSA…) write 1900-01-01 or 0001-01-01 for "no date";
    # the wall-clock time is before NO_DATE_BEFORE exactly when its year is
    return None if moment.year < NO_DATE_BEFORE.year else moment


def as_timestamp(value: str, where: str) -> str | None:
    """Parse a timestamp as `as_datetime` does and return it as ISO 8601 text, as stored."""
    v = value.strip()
    # "YYYY-MM-DDTHH:MM:SSZ", which APIs write on every row: once the parser accepts it,
    # its ISO form is the same digits with +00:00, so it need not be formatted again
    if (len(v) == 20 and v[19] == "Z" and v[10] == "T" and v[4] == v[7] == "-"
            and v[13] == v[16] == ":"):
        utc = v[:19] + "+00:00"
        try:
            if dt.datetime.fromisoformat(utc).year >= NO_DATE_BEFORE.year:
                return utc
        except ValueError:
            pass  # the general path names the error
    moment = as_datetime(value, where)
    return None if moment is None else moment.isoformat()


def _us_moment(v: str) -> dt.datetime | None:
    """Parse the US formats PSA screen exports use; None when none fits."""
    for fmt in ("%m/%d/%Y %H:%M:%S", "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p",
                "%m/%d/%Y %H:%M", "%m/%d/%Y"):
        try:
            return dt.datetime.strptime(v, fmt)
        except ValueError:
            continue
    return None


def as_int(value: str, where: str) -> int | None:
    """Parse an integer; blank is unknown."""
    v = value.strip().replace(",", "")
    if not v:
        return None
    try:
        return int(float(v))
    except ValueError:
        raise EvidenceError(f"'{value}' is not a number", where, "fix or re-export the row") from None


def as_list(value: str) -> list[str]:
    """Split a multi-valued cell (JSON array, or ; , | separated)."""
    v = value.strip()
    if not v:
        return []
    if v.startswith("["):
        simple = _simple_string_array(v)
        if simple is not None:
            return simple
        try:
            loaded = json.loads(v)
            if isinstance(loaded, list):
                return [str(x) for x in loaded]
        except json.JSONDecodeError:
            pass
    for sep in (";", "|", ","):
        if sep in v:
            return [p.strip() for p in v.split(sep) if p.strip()]
    return [v]


def _simple_string_array(v: str) -> list[str] | None:
    """Read a JSON array of plain strings without the JSON parser; None when it is not one.

    Exports write method lists like ["a", "b"] (or ["a","b"]) on every row. With no
    backslash and no control character inside, and no quote in any piece once split on
    the separator, the pieces are exactly the strings JSON would read.
    """
    if len(v) < 4 or not v.startswith('["') or not v.endswith('"]'):
        return None
    body = v[2:-2]
    if "\\" in body or not body.isprintable():
        return None
    if '"' not in body:
        return [body]
    parts = body.split('", "') if '", "' in body else body.split('","')
    return None if any('"' in part for part in parts) else parts
