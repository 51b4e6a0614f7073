"""The narrative writer's core: its state, and paragraphs, headings, tables and links."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from typing import Any

from docx.document import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from ...model.views import EvidenceRef, PackageModel
from .elements import W_TYPE, W_VAL, W_W, Table, new_paragraph, new_run, to_twips
from .styles import HEAD_FILL, KEY_FILL, STATUS_COLOUR
from .text import STATUS_LABEL, bookmark_name, clean


class Writer:
    """Write the narrative into a document, chapter by chapter."""

    def __init__(self, model: PackageModel, document: Document) -> None:
        self.m = model
        self.doc = document
        body = document.element.body
        for child in list(body):  # keep only the reference's page setup
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        sect = body.find(qn("w:sectPr"))
        if sect is None:
            sect = OxmlElement("w:sectPr")
            body.append(sect)
        self.end: Any = sect
        self.base_sect: Any = copy.deepcopy(sect)
        for tag in ("w:headerReference", "w:footerReference", "w:titlePg", "w:type"):
            for element in self.base_sect.findall(qn(tag)):
                self.base_sect.remove(element)
        self.controls = {c.id: c for c in model.controls}
        self.frameworks = {f.id: f for f in model.frameworks}
        self.evidence_cache = {e.evidence_id: e for e in model.evidence}  # one lookup each
        self.printed: dict[str, str] = {}       # control id -> where it is printed in full
        self.bookmarks: dict[str, str] = {}     # control id -> bookmark name
        self.next_bookmark = 1
        self.toc: list[tuple[int, str]] = []
        self.toc_anchor: Any = None
        self.fresh_page = False                 # the next chapter starts a page anyway
        self.after_table = False                # the next paragraph follows a table
        self.chapter_no = 0
        self.section_no = 0
        self._plan_chapters()

    def _plan_chapters(self) -> None:
        """Number the chapters up front: the text refers to later ones."""
        reached = {cid for fw in self.m.frameworks for req in fw.requirements
                   if req.coverage in ("covered", "via_crosswalk") for cid in req.controls}
        self.others = [c for c in self.m.controls if c.id not in reached
                       and c.status not in ("not_applicable", "out_of_scope")]
        self.ch_raci = 3
        self.ch_fw0 = 5
        n = self.ch_fw0 + len(self.m.frameworks)
        self.ch_others = n if self.others else None
        n += 1 if self.others else 0
        self.ch_poam, self.ch_na, self.ch_signoff = n, n + 1, n + 2

    # ---- paragraphs and runs

    def para(self, text: str = "", style: str | None = None, *, bold: bool = False,
             italic: bool = False) -> Any:
        """Append a paragraph (text sanitised) to the body and return its element."""
        p = new_paragraph(style)
        if self.after_table and not (style or "").startswith("Heading"):
            p_pr = p.find(qn("w:pPr"))
            if p_pr is None:
                p_pr = OxmlElement("w:pPr")
                p.insert(0, p_pr)
            p_pr.append(OxmlElement("w:spacing", {qn("w:before"): "120"}))
        self.after_table = False
        if text:
            p.append(new_run(text, bold=bold, italic=italic))
        self.end.addprevious(p)
        return p

    @staticmethod
    def run(p: Any, text: str, *, bold: bool = False, italic: bool = False,
            colour: str | None = None, size: int | None = None) -> None:
        """Append a run of sanitised text to a paragraph element."""
        p.append(new_run(text, bold=bold, italic=italic, colour=colour, size=size))

    @staticmethod
    def status(p: Any, status: str, size: int | None = None) -> None:
        """Append a status word, bold and coloured."""
        p.append(new_run(STATUS_LABEL.get(status, status), bold=True,
                         colour=STATUS_COLOUR.get(status), size=size))

    def fmt(self, p: Any) -> Paragraph:
        """Return a python-docx proxy for the occasional paragraph formatting."""
        return Paragraph(p, self.doc)

    def heading(self, level: int, text: str, *, numbered: bool = True) -> Any:
        """Append a heading; levels 1 and 2 are numbered and listed in the contents."""
        if level == 1:
            self.chapter_no += 1
            self.section_no = 0
            text = f"{self.chapter_no}. {text}"
        elif level == 2 and numbered:
            self.section_no += 1
            text = f"{self.chapter_no}.{self.section_no} {text}"
        p = self.para(text, f"Heading{level}")
        if level <= 2:
            self.toc.append((level, clean(text)))
        return p

    def chapter(self, title: str) -> None:
        """Start a chapter, on a new page."""
        p = self.heading(1, title)
        if not self.fresh_page:
            self.fmt(p).paragraph_format.page_break_before = True
        self.fresh_page = False

    # ---- tables

    def table(self, widths: Sequence[float], header: Sequence[str] | None = None,
              *, key: bool = False, size: int | None = None) -> Table:
        """Append a table (column widths in inches) with an optional header row."""
        twips = [to_twips(w) for w in widths]
        tbl = OxmlElement("w:tbl")
        tbl_pr = OxmlElement("w:tblPr")
        tbl_pr.append(OxmlElement("w:tblStyle", {W_VAL: "AuditTable"}))
        tbl_pr.append(OxmlElement("w:tblW", {W_W: str(sum(twips)), W_TYPE: "dxa"}))
        tbl_pr.append(OxmlElement("w:tblLayout", {W_TYPE: "fixed"}))
        tbl_pr.append(OxmlElement("w:tblLook", {
            W_VAL: "04A0" if header else "0080", qn("w:firstRow"): "1" if header else "0",
            qn("w:lastRow"): "0", qn("w:firstColumn"): "1" if key else "0",
            qn("w:lastColumn"): "0", qn("w:noHBand"): "1", qn("w:noVBand"): "1"}))
        tbl.append(tbl_pr)
        grid = OxmlElement("w:tblGrid")
        for w in twips:
            grid.append(OxmlElement("w:gridCol", {W_W: str(w)}))
        tbl.append(grid)
        self.end.addprevious(tbl)
        self.after_table = True
        table = Table(tbl, twips, size)
        if header:
            self.row(table, header, head=True)
        return table

    def row(self, table: Table, values: Sequence[str], *, head: bool = False,
            key: bool = False) -> list[Any]:
        """Append a row of sanitised text; return its cell elements."""
        tr = OxmlElement("w:tr")
        if head:
            tr_pr = OxmlElement("w:trPr")
            tr_pr.append(OxmlElement("w:cantSplit"))
            tr_pr.append(OxmlElement("w:tblHeader"))
            tr.append(tr_pr)
        cells = []
        for i, (width, value) in enumerate(zip(table.widths, values)):
            tc = OxmlElement("w:tc")
            tc_pr = OxmlElement("w:tcPr")
            tc_pr.append(OxmlElement("w:tcW", {W_W: str(width), W_TYPE: "dxa"}))
            fill = HEAD_FILL if head else KEY_FILL if key and i == 0 else None
            if fill:
                tc_pr.append(OxmlElement("w:shd", {W_VAL: "clear", qn("w:color"): "auto",
                                                   qn("w:fill"): fill}))
            tc.append(tc_pr)
            for line in value.split("\n"):
                p = new_paragraph("TableText")
                if line:
                    p.append(new_run(line, bold=head or (key and i == 0),
                                     colour="FFFFFF" if head else None, size=table.size))
                tc.append(p)
            tr.append(tc)
            cells.append(tc)
        table.element.append(tr)
        return cells

    @staticmethod
    def first_p(tc: Any) -> Any:
        """Return a cell's first paragraph element."""
        return tc.find(qn("w:p"))

    @staticmethod
    def cell_p(tc: Any) -> Any:
        """Append a paragraph to a cell and return it."""
        p = new_paragraph("TableText")
        tc.append(p)
        return p

    def key_table(self, rows: Iterable[tuple[str, str]],
                  widths: tuple[float, float] = (1.6, 4.9)) -> Table:
        """Append a two-column label/value table."""
        table = self.table(widths, key=True)
        for label, value in rows:
            self.row(table, (label, value), key=True)
        return table

    # ---- bookmarks, links, fields

    def bookmark(self, p: Any, control_id: str) -> None:
        """Wrap a paragraph's content in a bookmark that later references link to."""
        name = bookmark_name(control_id)
        while name in self.bookmarks.values():
            name += "_"
        self.bookmarks[control_id] = name
        number = str(self.next_bookmark)
        self.next_bookmark += 1
        start = OxmlElement("w:bookmarkStart", {qn("w:id"): number, qn("w:name"): name})
        p_pr = p.find(qn("w:pPr"))
        if p_pr is not None:
            p_pr.addnext(start)
        else:
            p.insert(0, start)
        p.append(OxmlElement("w:bookmarkEnd", {qn("w:id"): number}))

    @staticmethod
    def link(p: Any, text: str, anchor: str) -> None:
        """Append an internal hyperlink to a bookmark."""
        link = OxmlElement("w:hyperlink", {qn("w:anchor"): anchor, qn("w:history"): "1"})
        link.append(new_run(text, char_style="Hyperlink"))
        p.append(link)

    @staticmethod
    def field(p: Any, instruction: str, shown: str) -> None:
        """Append a simple field (PAGE, NUMPAGES) with a placeholder result."""
        fld = OxmlElement("w:fldSimple", {qn("w:instr"): instruction})
        fld.append(new_run(shown))
        p.append(fld)

    # ---- the model

    def evidence_ref(self, evidence_id: str) -> EvidenceRef | None:
        """Return the package file of an evidence id (from a map: packages hold 20,000 files)."""
        return self.evidence_cache.get(evidence_id)
