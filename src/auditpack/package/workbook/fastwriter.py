"""XlsxWriter with its hot loops replaced, writing the same bytes XlsxWriter itself writes.

A large package writes a few hundred thousand plain cells. XlsxWriter spends most of its
time on generic per-cell work we never need (A1 argument parsing, per-attribute escaping,
several regular expressions per shared string) and on compressing parts that
`normalize_zip` then decompresses and compresses again. These subclasses take a short cut
for the plain cases only and leave everything else to XlsxWriter:

- `FastWorksheet`: `write_string`/`write_number`/`write_datetime`/`write_url` with (row,
  col) numbers store cells as XlsxWriter's own methods do; `_calculate_spans` and
  `_write_rows` write `<row>` and `<c>` elements as XlsxWriter does (cells without a format
  or of other types, comments and constant_memory mode go through XlsxWriter's code).
- `FastSharedStrings`: writes `<si>` for strings needing no escape, whitespace attribute or
  rich text handling directly; the others through XlsxWriter's `_write_si`.
- `FastWorkbook`: hands the package's parts (name, bytes) to the caller instead of zipping
  them, so the container is compressed once, by `zipfix`'s rules.

They rely on XlsxWriter internals (as of 3.x): `supported()` checks they are there, and
the caller falls back to stock XlsxWriter otherwise. Tests compare both byte for byte.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from io import BytesIO, StringIO
from typing import Any

from xlsxwriter import worksheet as _worksheet
from xlsxwriter.packager import Packager
from xlsxwriter.sharedstrings import SharedStrings
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

try:
    from xlsxwriter.url import Url, UrlTypes
except ImportError:  # pragma: no cover - XlsxWriter before 3.2 keeps links otherwise
    Url = UrlTypes = None

_StringCell: Any = getattr(_worksheet, "CellStringTuple", None)
_NumberCell: Any = getattr(_worksheet, "CellNumberTuple", None)
_DatetimeCell: Any = getattr(_worksheet, "CellDatetimeTuple", None)
_FAST_CELLS = ("String", "Number", "Datetime")  # the cell kinds `_write_rows` writes itself
_UNSET: Any = object()  # an argument not given

# A shared string XlsxWriter writes other than as <si><t>text</t></si> (escapes aside) has a
# control character or a literal _xHHHH_ (escaped), leading or trailing whitespace
# (xml:space="preserve"; `\s` is `str.isspace`) or is rich text (<r>...</r>).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\ufffe\uffff]")
# A relative path whose external: link XlsxWriter's Url leaves as is but for / -> \ (nothing
# to %-escape, no anchor, no leading ./ or drive). A one-character path is left to
# XlsxWriter, whose Url fails on it (IndexError, as of 3.3).
_PLAIN_PATH = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_./-]+")
EXTERNAL = "external:"


def _plain_url(link: str, path: str, text: str) -> Any:
    """Return the Url XlsxWriter makes of `external:path` shown as `text`, for a plain path."""
    url = Url.__new__(Url)
    windows = path.replace("/", "\\")
    url.__dict__.update(_link_type=UrlTypes.EXTERNAL, _original_url=link, _link=windows,
                        _relationship_link=windows, _text=text, _tip="", _anchor="",
                        _is_object_link=False, _rel_index=0)
    return url


def _url_shortcut_works() -> bool:
    """Tell whether `_plain_url` makes what XlsxWriter's Url does (its fields as of 3.2)."""
    if Url is None:
        return False
    try:
        for path in ("evidence/E-0001_users.csv", "a-b/c_d/e.f.jsonl", "ab"):
            stock = Url(EXTERNAL + path)
            stock._text = path
            if vars(stock) != vars(_plain_url(EXTERNAL + path, path, path)):
                return False
    except Exception:  # noqa: BLE001 - any change in Url: use XlsxWriter's own code
        return False
    return True


_URL_SHORTCUT = _url_shortcut_works()


def supported() -> bool:
    """Tell whether the installed XlsxWriter has the internals these classes build on."""
    cell_types = (_StringCell, _NumberCell, _DatetimeCell)
    if any(t is None or t.__name__ not in _FAST_CELLS for t in cell_types):
        return False
    sheet_methods = ("_write_rows", "_calculate_spans", "_write_row", "_write_empty_row",
                     "_write_cell", "_write_string", "_write_url", "_convert_date_time",
                     "_assemble_xml_file")
    return (all(callable(getattr(Worksheet, m, None)) for m in sheet_methods)
            and callable(getattr(Workbook, "_get_packager", None))
            and callable(getattr(Packager, "_create_package", None))
            and callable(getattr(Packager, "_filename", None))
            and callable(getattr(Packager, "_write_shared_strings_file", None))
            and callable(getattr(SharedStrings, "_write_sst_strings", None))
            and callable(getattr(SharedStrings, "_write_si", None)))


def looks_rich(string: object) -> bool:
    """Tell whether XlsxWriter would take a text for its own rich-text XML (`<r>...</r>`).

    XlsxWriter writes such a shared string into the part raw, unescaped: text from the
    evidence shaped like that would inject XML into the workbook.
    """
    return type(string) is str and string.startswith("<r>") and string.endswith("</r>")


class SafeWorksheet(Worksheet):  # type: ignore[misc]
    """A worksheet that writes text looking like rich-text XML as the text it is."""

    def write_string(self, row: Any, col: Any = _UNSET, string: Any = _UNSET,
                     cell_format: Any = _UNSET, *more: Any, **kwargs: Any) -> Any:
        """Write a string cell; `<r>...</r>` as escaped runs (at least three) showing the same text."""
        if looks_rich(string) and not more and not kwargs:
            fmt = [] if cell_format is _UNSET or cell_format is None else [cell_format]
            return self.write_rich_string(row, col, string[:1], string[1:3], string[3:], *fmt)
        given = [a for a in (row, col, string, cell_format) if a is not _UNSET]
        return super().write_string(*given, *more, **kwargs)


class SafeWorkbook(Workbook):  # type: ignore[misc]
    """Stock XlsxWriter but for `SafeWorksheet` (used when the fast classes cannot be)."""

    worksheet_class = SafeWorksheet


class FastWorksheet(SafeWorksheet):
    """A worksheet that stores and writes plain cells without XlsxWriter's generic steps."""

    dim_rowmin: int | None  # the used range, kept by XlsxWriter's _check_dimensions
    dim_rowmax: int | None
    dim_colmin: int | None
    dim_colmax: int | None

    def __init__(self) -> None:
        super().__init__()
        self._serials: dict[dt.date, float] = {}  # dates and datetimes as Excel numbers

    def _plain(self, row: object, col: object) -> bool:
        """Tell whether a cell at (row, col) may take the short cut (else XlsxWriter's code)."""
        return (type(row) is int and type(col) is int and not self.constant_memory
                and 0 <= row < self.xls_rowmax and 0 <= col < self.xls_colmax)

    def _extend(self, row: int, col: int) -> None:
        """Widen the sheet's dimensions to a cell, as `_check_dimensions` does."""
        if self.dim_rowmin is None or row < self.dim_rowmin:
            self.dim_rowmin = row
        if self.dim_rowmax is None or row > self.dim_rowmax:
            self.dim_rowmax = row
        if self.dim_colmin is None or col < self.dim_colmin:
            self.dim_colmin = col
        if self.dim_colmax is None or col > self.dim_colmax:
            self.dim_colmax = col

    def write_string(self, row: Any, col: Any = _UNSET, string: Any = _UNSET,
                     cell_format: Any = _UNSET, *more: Any, **kwargs: Any) -> Any:
        """Store a string cell (see Worksheet.write_string); the hot path of the workbook."""
        if (type(row) is int and type(col) is int and type(string) is str
                and cell_format is not _UNSET and not more and not kwargs
                and not self.constant_memory and 0 <= row < self.xls_rowmax
                and 0 <= col < self.xls_colmax and not looks_rich(string)
                and len(string) <= self.xls_strmax // 2):  # longer: XlsxWriter's UTF-16 check
            self._extend(row, col)
            # As SharedStringTable._get_shared_string_index:
            strings = self.str_table
            index = strings.string_table.get(string)
            if index is None:
                index = strings._get_shared_string_index(string)
            else:
                strings.count += 1
            self.table[row][col] = _StringCell(index, cell_format)
            return 0
        given = [a for a in (row, col, string, cell_format) if a is not _UNSET]
        return super().write_string(*given, *more, **kwargs)

    def _assemble_xml_file(self) -> None:
        """Write the sheet's XML, then drop its cells: nothing reads them afterwards."""
        super()._assemble_xml_file()
        self.table.clear()
        self.hyperlinks.clear()

    def write_number(self, row: Any, col: Any = None, *args: Any, **kwargs: Any) -> Any:
        """Store a number cell (see Worksheet.write_number)."""
        if (len(args) == 2 and not kwargs and self._plain(row, col)
                and type(args[0]) in (int, float) and math.isfinite(args[0])):
            self._extend(row, col)
            self.table[row][col] = _NumberCell(args[0], args[1])
            return 0
        return super().write_number(row, col, *args, **kwargs)

    def write_datetime(self, row: Any, col: Any = None, *args: Any, **kwargs: Any) -> Any:
        """Store a date or datetime cell (see Worksheet.write_datetime)."""
        if (len(args) == 2 and not kwargs and self._plain(row, col) and args[1] is not None
                and type(args[0]) in (dt.date, dt.datetime)):
            self._extend(row, col)
            number = self._serials.get(args[0])
            if number is None:
                number = self._serials[args[0]] = self._convert_date_time(args[0])
            self.table[row][col] = _DatetimeCell(number, args[1])
            return 0
        return super().write_datetime(row, col, *args, **kwargs)

    def write_url(self, row: Any, col: Any = None, *args: Any, **kwargs: Any) -> Any:
        """Store a hyperlink (see Worksheet.write_url); a plain `external:` path directly."""
        if not (type(row) is int and type(col) is int):
            return super().write_url(row, col, *args, **kwargs)
        if (_URL_SHORTCUT and len(args) == 2 and kwargs.keys() == {"string"}
                and self._plain(row, col) and not self.ignore_write_string
                and self.hlink_count < 65_530):
            link, text = args[0], kwargs["string"]
            if (type(link) is str and type(text) is str and args[1] is not None
                    and link.startswith(EXTERNAL)
                    and len(link) <= min(self.max_url_length, Url.MAX_URL_LEN)
                    and _PLAIN_PATH.fullmatch(link, len(EXTERNAL))):
                url = _plain_url(link, link[len(EXTERNAL):], text)
                self.hlink_count += 1
                self.write_string(row, col, text, args[1])
                self.hyperlinks[row][col] = url
                return 0
        return self._write_url(row, col, *args, **kwargs)

    def _calculate_spans(self) -> None:
        """Set each 16-row block's span of used columns, as XlsxWriter does."""
        first, last = self.dim_rowmin, self.dim_rowmax
        if self.comments or first is None or last is None:
            super()._calculate_spans()
            return
        spans: dict[int, str] = {}
        low: int | None = None
        high = 0
        table = self.table
        for row in range(first, last + 1):
            cells = table.get(row)
            if cells:
                left, right = min(cells), max(cells)
                if low is None:
                    low, high = left, right
                else:
                    low, high = min(low, left), max(high, right)
            if (row + 1) % 16 == 0 or row == last:
                if low is not None:
                    spans[row // 16] = f"{low + 1}:{high + 1}"
                    low = None
        self.row_spans = spans

    def _write_rows(self) -> None:
        """Write the <row> elements and their cells, as XlsxWriter does."""
        first, last, right = self.dim_rowmin, self.dim_rowmax, self.dim_colmax
        if self.comments or first is None or last is None or right is None:
            super()._write_rows()
            return
        self._calculate_spans()
        table, row_info, spans = self.table, self.row_info, self.row_spans
        write = self.fh.write
        names = [xl_col_to_name(col) for col in range(right + 1)]
        styles: dict[int, str] = {}  # id(format) -> ' s="index"'
        string_cell, number_cell, datetime_cell = _StringCell, _NumberCell, _DatetimeCell
        for row in range(first, last + 1):
            cells = table.get(row)
            info = row_info.get(row)
            if not cells:
                if info is not None:
                    self._write_empty_row(row, spans.get(row // 16), info)
                continue
            self._write_row(row, spans.get(row // 16), info)
            number = row + 1
            for col in sorted(cells):
                cell = cells[col]
                kind = type(cell)
                fmt = cell.format
                if fmt is None:
                    self._write_cell(row, col, cell)
                elif kind is string_cell:
                    style = styles.get(id(fmt))
                    if style is None:
                        style = styles[id(fmt)] = f' s="{fmt._get_xf_index()}"'
                    write(f'<c r="{names[col]}{number}"{style} t="s"><v>{cell.string}</v></c>')
                elif kind is number_cell or kind is datetime_cell:
                    style = styles.get(id(fmt))
                    if style is None:
                        style = styles[id(fmt)] = f' s="{fmt._get_xf_index()}"'
                    write(f'<c r="{names[col]}{number}"{style}><v>{cell.number:.16G}</v></c>')
                else:
                    self._write_cell(row, col, cell)
            write("</row>")


class FastSharedStrings(SharedStrings):  # type: ignore[misc]
    """The shared strings part, plain strings written directly."""

    def _write_sst_strings(self) -> None:
        write, special, control = self.fh.write, self._write_si, _CONTROL.search
        for string in self.string_table.string_array:
            if (not string or string[0].isspace() or string[-1].isspace() or "_x" in string
                    or string.startswith("<r>") or control(string)):
                special(string)
                continue
            if "&" in string or "<" in string or ">" in string:
                string = string.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            write(f"<si><t>{string}</t></si>")


class PartsPackager(Packager):  # type: ignore[misc]
    """A packager that leaves the workbook its parts (in `parts`) instead of a ZIP of them."""

    def _write_shared_strings_file(self) -> None:
        if not self.workbook.str_table.count:
            return
        sst = FastSharedStrings()
        sst.string_table = self.workbook.str_table
        sst._set_xml_writer(self._filename("xl/sharedStrings.xml"))
        sst._assemble_xml_file()

    def _filename(self, xml_filename: str) -> Any:
        self._seal()  # the part before is whole: each is written in one go, in turn
        return super()._filename(xml_filename)

    def _seal(self) -> None:
        """Keep the last part's UTF-8 bytes instead of its text (half the memory or less)."""
        if self.filenames and isinstance(self.filenames[-1][0], StringIO):
            text, name, _ = self.filenames[-1]
            self.filenames[-1] = (BytesIO(text.getvalue().encode("utf-8")), name, True)
            text.close()

    def _create_package(self) -> list[Any]:
        parts = super()._create_package()
        self._seal()
        self.workbook.parts.extend(parts)
        return []  # nothing for XlsxWriter to zip


class FastWorkbook(Workbook):  # type: ignore[misc]
    """An in-memory workbook that gives its parts back unzipped (see `package_parts`)."""

    worksheet_class = FastWorksheet

    def __init__(self, options: dict[str, Any]) -> None:
        super().__init__(BytesIO(), {**options, "in_memory": True})
        self.parts: list[tuple[Any, str, bool]] = []  # (StringIO or BytesIO, name, binary)

    def _get_packager(self) -> Any:
        return PartsPackager()

    def package_parts(self) -> list[tuple[str, bytes]]:
        """Close the workbook; return its parts (name, bytes) in the order XlsxWriter zips them."""
        self.close()
        parts = [(name, data.getvalue() if binary else data.getvalue().encode("utf-8"))
                 for data, name, binary in self.parts]
        # The workbook and its sheets refer to each other, so only the cyclic GC would free
        # them, walking every cell first: drop the cells now, while nothing needs them.
        self.parts.clear()
        for sheet in self.worksheets():
            sheet.table.clear()
            sheet.hyperlinks.clear()
        return parts
