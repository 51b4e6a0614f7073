"""Audit-Narrative.docx: the examiner's reading copy of the package, written from the model alone.

The document is built on a reference document (templates/reference.docx, or a workspace's
own) for its look: fonts, heading styles, table style, page size and margins. Any style this
writer needs and the reference lacks is added with a plain default, so a reference saved by
Word (which keeps only the styles it uses) still works.

Built for speed and determinism: paragraphs and tables are created as elements and placed
before the body's closing section properties directly (python-docx's own `add_paragraph`
scans the whole body each time), table rows are added one by one with their cells read once,
and the saved container goes through `normalize_zip` so the same model gives the same bytes.
Every string from the model passes through `xml_text` on its way in.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from importlib.resources import files
from typing import Any

import docx
from docx.document import Document
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Inches
from docx.text.paragraph import Paragraph

from ..sanitize import xml_text
from .model import (
    ControlView,
    EvidenceRef,
    FrameworkView,
    NeedView,
    NotApplicableView,
    PackageModel,
    PersonView,
    RequirementView,
)
from .zipfix import normalize_zip

WORKBOOK = "Control-Matrix.xlsx"
TOC_INSTRUCTION = ' TOC \\o "1-2" \\h \\z \\u '  # chapters and their sections, not requirements
MAX_EXCEPTIONS = 10          # named exceptions printed per control
MAX_EVIDENCE_ROWS = 60       # beyond this, the evidence table is summarised by source
MAX_DETAIL = 400             # characters of one exception's detail
MAX_HEADING = 140            # characters of a requirement's title in its heading

PORTRAIT_WIDTH = Inches(6.5)     # Letter, 1 in margins
LANDSCAPE_WIDTH = Inches(9.0)

NAVY = "1F3864"
GREY = "595959"
HEAD_FILL = NAVY
KEY_FILL = "E8ECF4"

STATUS_LABEL = {
    "pass": "Pass", "fail": "Fail", "stale": "Stale", "missing": "Missing",
    "not_tested": "Not tested", "not_applicable": "Not applicable",
    "out_of_scope": "Out of scope", "uncovered": "Not covered", "organisational": "Organisational",
}
STATUS_COLOUR = {
    "pass": "2E7D32", "fail": "C00000", "stale": "B35C00", "missing": "B35C00",
    "not_tested": GREY, "not_applicable": GREY, "out_of_scope": GREY, "uncovered": "C00000",
    "organisational": GREY,
}
STATUS_MEANING: tuple[tuple[str, str], ...] = (
    ("pass", ("The automated check ran on current evidence covering the period and found no "
              "exception.")),
    ("fail", ("The check ran and found exceptions: each is named under the control and in the "
              f"Exceptions sheet of {WORKBOOK}, and the finding is in the POA&M.")),
    ("stale", ("Evidence is on file but too old for the control's frequency at the as-of date, "
               "or it does not cover the whole period.")),
    ("missing", ("No evidence of the kind the control needs was collected (or a check lacks "
                 "one of its inputs).")),
    ("not_tested", ("Current evidence is on file but no automated check applies; it is "
                    "provided for the examiner to review.")),
)
COVERAGE_LABEL = {
    "covered": "Covered by controls", "via_crosswalk": "Covered via crosswalk",
    "organisational": "Met organisationally", "not_applicable": "Not applicable",
    "uncovered": "Not covered",
}
SEVERITY_LABEL = {"high": "High", "medium": "Medium", "low": "Low"}

# Styles the writer uses, by styleId. A reference document keeps its own definitions; these
# are added only when it lacks one.
_STYLE_XML: dict[str, str] = {
    "Heading1": (
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>'
        '<w:pPr><w:keepNext/><w:keepLines/><w:pBdr><w:bottom w:val="single" w:sz="8" '
        f'w:space="4" w:color="{NAVY}"/></w:pBdr><w:spacing w:before="0" w:after="240"/>'
        '<w:outlineLvl w:val="0"/></w:pPr>'
        f'<w:rPr><w:b/><w:bCs/><w:color w:val="{NAVY}"/><w:sz w:val="32"/><w:szCs w:val="32"/>'
        '</w:rPr></w:style>'),
    "Heading2": (
        '<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/>'
        '<w:unhideWhenUsed/><w:qFormat/>'
        '<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="280" w:after="100"/>'
        '<w:outlineLvl w:val="1"/></w:pPr>'
        f'<w:rPr><w:b/><w:bCs/><w:color w:val="{NAVY}"/><w:sz w:val="26"/><w:szCs w:val="26"/>'
        '</w:rPr></w:style>'),
    "Heading3": (
        '<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/>'
        '<w:unhideWhenUsed/><w:qFormat/>'
        '<w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="60"/>'
        '<w:outlineLvl w:val="2"/></w:pPr>'
        f'<w:rPr><w:b/><w:bCs/><w:color w:val="{NAVY}"/><w:sz w:val="22"/><w:szCs w:val="22"/>'
        '</w:rPr></w:style>'),
    "Title": (
        '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="10"/><w:qFormat/>'
        '<w:pPr><w:spacing w:before="0" w:after="120" w:line="240" w:lineRule="auto"/></w:pPr>'
        f'<w:rPr><w:b/><w:bCs/><w:color w:val="{NAVY}"/><w:kern w:val="28"/><w:sz w:val="52"/>'
        '<w:szCs w:val="52"/></w:rPr></w:style>'),
    "Subtitle": (
        '<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="11"/><w:qFormat/>'
        f'<w:pPr><w:pBdr><w:bottom w:val="single" w:sz="12" w:space="8" w:color="{NAVY}"/>'
        '</w:pBdr><w:spacing w:before="0" w:after="480"/></w:pPr>'
        '<w:rPr><w:color w:val="404040"/><w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr>'
        '</w:style>'),
    "TOCHeading": (
        '<w:style w:type="paragraph" w:styleId="TOCHeading"><w:name w:val="TOC Heading"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/>'
        '<w:unhideWhenUsed/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="0" '
        'w:after="240"/></w:pPr>'
        f'<w:rPr><w:b/><w:bCs/><w:color w:val="{NAVY}"/><w:sz w:val="32"/><w:szCs w:val="32"/>'
        '</w:rPr></w:style>'),
    "TOC1": (
        '<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/>'
        '<w:unhideWhenUsed/><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9350"/>'
        '</w:tabs><w:spacing w:before="120" w:after="40"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr>'
        '</w:style>'),
    "TOC2": (
        '<w:style w:type="paragraph" w:styleId="TOC2"><w:name w:val="toc 2"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/>'
        '<w:unhideWhenUsed/><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9350"/>'
        '</w:tabs><w:spacing w:before="0" w:after="20"/><w:ind w:left="220"/></w:pPr></w:style>'),
    "TOC3": (
        '<w:style w:type="paragraph" w:styleId="TOC3"><w:name w:val="toc 3"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="39"/>'
        '<w:unhideWhenUsed/><w:pPr><w:tabs><w:tab w:val="right" w:leader="dot" w:pos="9350"/>'
        '</w:tabs><w:spacing w:before="0" w:after="20"/><w:ind w:left="440"/></w:pPr></w:style>'),
    "Hyperlink": (
        '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>'
        '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        '<w:rPr><w:color w:val="1F4E79"/><w:u w:val="single"/></w:rPr></w:style>'),
    "Header": (
        '<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/>'
        '<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        f'<w:rPr><w:color w:val="{GREY}"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>'
        '</w:style>'),
    "Footer": (
        '<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/>'
        '<w:basedOn w:val="Normal"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        f'<w:rPr><w:color w:val="{GREY}"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>'
        '</w:style>'),
    "Note": (
        '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Note"><w:name w:val="Note"/>'
        '<w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="0" w:after="80"/>'
        f'</w:pPr><w:rPr><w:i/><w:iCs/><w:color w:val="{GREY}"/><w:sz w:val="18"/>'
        '<w:szCs w:val="18"/></w:rPr></w:style>'),
    "RequirementText": (
        '<w:style w:type="paragraph" w:customStyle="1" w:styleId="RequirementText">'
        '<w:name w:val="Requirement Text"/><w:basedOn w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:pBdr><w:left w:val="single" w:sz="18" w:space="6" w:color="8EA9DB"/></w:pBdr>'
        '<w:spacing w:before="0" w:after="80"/><w:ind w:left="170"/></w:pPr>'
        '<w:rPr><w:i/><w:iCs/><w:color w:val="262626"/></w:rPr></w:style>'),
    "ControlHeading": (
        '<w:style w:type="paragraph" w:customStyle="1" w:styleId="ControlHeading">'
        '<w:name w:val="Control Heading"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>'
        '<w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="160" w:after="60"/>'
        f'</w:pPr><w:rPr><w:b/><w:bCs/><w:color w:val="{NAVY}"/></w:rPr></w:style>'),
    "NeedHeading": (
        '<w:style w:type="paragraph" w:customStyle="1" w:styleId="NeedHeading">'
        '<w:name w:val="Need Heading"/><w:basedOn w:val="Normal"/><w:next w:val="NeedText"/>'
        '<w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="120" w:after="20"/>'
        '</w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>'),
    "NeedText": (
        '<w:style w:type="paragraph" w:customStyle="1" w:styleId="NeedText">'
        '<w:name w:val="Need Text"/><w:basedOn w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:spacing w:before="0" w:after="40"/><w:ind w:left="170"/></w:pPr>'
        '<w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr></w:style>'),
    "TableText": (
        '<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableText">'
        '<w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        '<w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>'),
    "CoverLabel": (
        '<w:style w:type="paragraph" w:customStyle="1" w:styleId="CoverLabel">'
        '<w:name w:val="Cover Label"/><w:basedOn w:val="Normal"/><w:qFormat/>'
        '<w:pPr><w:spacing w:before="2400" w:after="120"/></w:pPr>'
        f'<w:rPr><w:caps/><w:color w:val="{GREY}"/><w:spacing w:val="20"/><w:sz w:val="20"/>'
        '<w:szCs w:val="20"/></w:rPr></w:style>'),
    "AuditTable": (
        '<w:style w:type="table" w:customStyle="1" w:styleId="AuditTable">'
        '<w:name w:val="Audit Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/>'
        '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
        '<w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr>'
        '<w:tblPr><w:tblBorders>'
        '<w:top w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>'
        '<w:left w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>'
        '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>'
        '<w:right w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>'
        '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>'
        '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="A6A6A6"/>'
        '</w:tblBorders><w:tblCellMar><w:top w:w="43" w:type="dxa"/>'
        '<w:left w:w="86" w:type="dxa"/><w:bottom w:w="43" w:type="dxa"/>'
        '<w:right w:w="86" w:type="dxa"/></w:tblCellMar></w:tblPr>'
        '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/><w:color w:val="FFFFFF"/></w:rPr>'
        '<w:tcPr><w:shd w:val="clear" w:color="auto" '
        f'w:fill="{HEAD_FILL}"/></w:tcPr></w:tblStylePr></w:style>'),
}


def style_elements() -> list[Any]:
    """Return the writer's style definitions as elements (also used to build reference.docx)."""
    return [parse_xml(xml.replace("<w:style ", f"<w:style {nsdecls('w')} ", 1))
            for xml in _STYLE_XML.values()]


def default_reference() -> bytes:
    """Return the reference document shipped with auditpack."""
    return (files("auditpack.templates") / "reference.docx").read_bytes()


def render_docx(model: PackageModel, reference: bytes | None = None) -> bytes:
    """Return Audit-Narrative.docx for the model: the same model gives the same bytes.

    `reference` is a .docx whose styles, page setup and margins the narrative takes (a
    workspace's own house style); its body text is discarded.
    """
    document = docx.Document(io.BytesIO(reference if reference is not None
                                        else default_reference()))
    _ensure_styles(document)
    _Narrative(model, document).write()
    _set_properties(model, document)
    out = io.BytesIO()
    document.save(out)
    return normalize_zip(out.getvalue(), model.built_at)


# --------------------------------------------------------------------------- formatting

def _t(value: object) -> str:
    """Sanitise any text from the model."""
    return xml_text(value)


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def _long_date(day: dt.date) -> str:
    """Return 'September 30, 2026' (month names fixed, whatever the locale)."""
    return f"{MONTHS[day.month - 1]} {day.day}, {day.year}"


def _short_hash(sha256: str) -> str:
    """Return '3f2a…9c1d'."""
    return f"{sha256[:4]}…{sha256[-4:]}" if len(sha256) > 8 else sha256


def _person(person: PersonView | None) -> str:
    """Return 'Name, Role (Party)', marking a person who has left."""
    if person is None:
        return "not assigned"
    text = f"{person.name}, {person.role} ({person.party})"
    if person.left_on:
        text += f" — left {person.left_on.isoformat()}"
    return text


def _people(people: Sequence[PersonView]) -> str:
    """Return the people one per line, or 'not assigned'."""
    return "\n".join(_person(p) for p in people) if people else "not assigned"


def _figure(key: str, value: Any) -> str:
    """Return 'devices 412' or 'coverage (%) 98.5' for one figure of a check."""
    label = key.replace("_", " ")
    if label.endswith(" pct"):
        label = label[:-4] + " (%)"
    if isinstance(value, bool):
        shown = "yes" if value else "no"
    elif isinstance(value, float):
        shown = f"{value:,.1f}".rstrip("0").rstrip(".")
    elif isinstance(value, int):
        shown = f"{value:,}"
    elif isinstance(value, (list, tuple)):
        shown = ", ".join(str(v) for v in value[:5]) + (f" (+{len(value) - 5})"
                                                       if len(value) > 5 else "")
    elif isinstance(value, dict):
        shown = f"{len(value)} entries"
    else:
        shown = str(value)
    return f"{label} {shown}"


def _clip(text: str, limit: int) -> str:
    """Shorten text to a limit, marking the cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _pct(value: float) -> str:
    """Return a readiness percentage without spurious decimals."""
    return f"{value:.0f}%" if abs(value - round(value)) < 0.05 else f"{value:.1f}%"


def _bookmark_name(control_id: str) -> str:
    """Return a Word bookmark name for a control (letters, digits and underscores)."""
    return "ctl_" + re.sub(r"\W", "_", control_id)[:36]


# --------------------------------------------------------------------------- elements
# Built directly: python-docx's proxies locate each child's place by scanning its
# siblings, which dominates the time of a long document.

W_VAL = qn("w:val")
W_TYPE = qn("w:type")
W_W = qn("w:w")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _p(style: str | None = None) -> Any:
    """Return a new paragraph element, with a paragraph style when given."""
    p = OxmlElement("w:p")
    if style:
        p_pr = OxmlElement("w:pPr")
        p_pr.append(OxmlElement("w:pStyle", {W_VAL: style}))
        p.append(p_pr)
    return p


def _r(text: str, *, bold: bool = False, italic: bool = False, colour: str | None = None,
       size: int | None = None, char_style: str | None = None) -> Any:
    """Return a run of sanitised text; tabs and new lines become w:tab and w:br."""
    r = OxmlElement("w:r")
    if bold or italic or colour or size or char_style:
        r_pr = OxmlElement("w:rPr")  # children in schema order
        if char_style:
            r_pr.append(OxmlElement("w:rStyle", {W_VAL: char_style}))
        if bold:
            r_pr.append(OxmlElement("w:b"))
        if italic:
            r_pr.append(OxmlElement("w:i"))
        if colour:
            r_pr.append(OxmlElement("w:color", {W_VAL: colour}))
        if size:
            r_pr.append(OxmlElement("w:sz", {W_VAL: str(size)}))
            r_pr.append(OxmlElement("w:szCs", {W_VAL: str(size)}))
        r.append(r_pr)
    for i, line in enumerate(_t(text).split("\n")):
        if i:
            r.append(OxmlElement("w:br"))
        for j, piece in enumerate(line.split("\t")):
            if j:
                r.append(OxmlElement("w:tab"))
            if piece:
                t = OxmlElement("w:t", {XML_SPACE: "preserve"})
                t.text = piece
                r.append(t)
    return r


def _fld_char(kind: str) -> Any:
    """Return a run holding a complex field's begin, separate or end mark."""
    r = OxmlElement("w:r")
    r.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): kind}))
    return r


def _twips(inches: float) -> int:
    """Return inches in twentieths of a point."""
    return round(inches * 1440)


class _Table:
    """A table being written: its element, column widths (twips) and text size."""

    def __init__(self, element: Any, widths: list[int], size: int | None) -> None:
        self.element = element
        self.widths = widths
        self.size = size


# --------------------------------------------------------------------------- the writer

class _Narrative:
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
        self.evidence_cache: dict[str, EvidenceRef | None] = {}
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
        p = _p(style)
        if self.after_table and not (style or "").startswith("Heading"):
            p_pr = p.find(qn("w:pPr"))
            if p_pr is None:
                p_pr = OxmlElement("w:pPr")
                p.insert(0, p_pr)
            p_pr.append(OxmlElement("w:spacing", {qn("w:before"): "120"}))
        self.after_table = False
        if text:
            p.append(_r(text, bold=bold, italic=italic))
        self.end.addprevious(p)
        return p

    @staticmethod
    def run(p: Any, text: str, *, bold: bool = False, italic: bool = False,
            colour: str | None = None, size: int | None = None) -> None:
        """Append a run of sanitised text to a paragraph element."""
        p.append(_r(text, bold=bold, italic=italic, colour=colour, size=size))

    @staticmethod
    def status(p: Any, status: str, size: int | None = None) -> None:
        """Append a status word, bold and coloured."""
        p.append(_r(STATUS_LABEL.get(status, status), bold=True,
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
            self.toc.append((level, _t(text)))
        return p

    def chapter(self, title: str) -> None:
        """Start a chapter, on a new page."""
        p = self.heading(1, title)
        if not self.fresh_page:
            self.fmt(p).paragraph_format.page_break_before = True
        self.fresh_page = False

    # ---- tables

    def table(self, widths: Sequence[float], header: Sequence[str] | None = None,
              *, key: bool = False, size: int | None = None) -> _Table:
        """Append a table (column widths in inches) with an optional header row."""
        twips = [_twips(w) for w in widths]
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
        table = _Table(tbl, twips, size)
        if header:
            self.row(table, header, head=True)
        return table

    def row(self, table: _Table, values: Sequence[str], *, head: bool = False,
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
                p = _p("TableText")
                if line:
                    p.append(_r(line, bold=head or (key and i == 0),
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
        p = _p("TableText")
        tc.append(p)
        return p

    def key_table(self, rows: Iterable[tuple[str, str]],
                  widths: tuple[float, float] = (1.6, 4.9)) -> _Table:
        """Append a two-column label/value table."""
        table = self.table(widths, key=True)
        for label, value in rows:
            self.row(table, (label, value), key=True)
        return table

    # ---- bookmarks, links, fields, sections

    def bookmark(self, p: Any, control_id: str) -> None:
        """Wrap a paragraph's content in a bookmark that later references link to."""
        name = _bookmark_name(control_id)
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
        link.append(_r(text, char_style="Hyperlink"))
        p.append(link)

    @staticmethod
    def field(p: Any, instruction: str, shown: str) -> None:
        """Append a simple field (PAGE, NUMPAGES) with a placeholder result."""
        fld = OxmlElement("w:fldSimple", {qn("w:instr"): instruction})
        fld.append(_r(shown))
        p.append(fld)

    def section_break(self, landscape: bool, first: bool = False) -> None:
        """End the current section here, its pages portrait or landscape."""
        sect = copy.deepcopy(self.base_sect)
        size = sect.find(qn("w:pgSz"))
        if size is not None and size.get(W_W) and size.get(qn("w:h")):
            w, h = int(size.get(W_W)), int(size.get(qn("w:h")))
            size.set(W_W, str(max(w, h) if landscape else min(w, h)))
            size.set(qn("w:h"), str(min(w, h) if landscape else max(w, h)))
            if landscape:
                size.set(qn("w:orient"), "landscape")
            else:
                size.attrib.pop(qn("w:orient"), None)
        if first:
            sect.append(OxmlElement("w:titlePg"))
            _order_sect(sect)
        p = OxmlElement("w:p")
        p_pr = OxmlElement("w:pPr")
        p_pr.append(sect)
        p.append(p_pr)
        self.end.addprevious(p)
        self.fresh_page = True

    # ---- the document

    def write(self) -> None:
        """Write every part of the narrative in order."""
        self.cover()
        self.contents()
        self.scope()
        self.organisation()
        self.section_break(landscape=False, first=True)
        self.raci()
        self.escalation()
        self.section_break(landscape=True)
        for fw in self.m.frameworks:
            self.framework(fw)
        if self.others:
            self.other_controls()
        self.poam()
        self.not_applicable()
        self.sign_off()
        self.finish_contents()
        self.headers_and_footers()

    # ---- cover and contents

    def framework_names(self) -> list[str]:
        """Return 'Title (version V)' for each framework in scope."""
        return [f"{fw.title} (version {fw.version})" for fw in self.m.frameworks]

    def cover(self) -> None:
        """Write the cover page."""
        m = self.m
        self.para("Information Security Audit Package", "CoverLabel")
        self.para(m.legal_name, "Title")
        self.para(f"Information Security Audit Package as of {_long_date(m.as_of)}", "Subtitle")
        rows = [
            ("Organisation", m.legal_name),
            ("Frameworks in scope", "\n".join(self.framework_names()) or "none"),
            ("Period under review",
             f"{_long_date(m.period_start)} – {_long_date(m.period_end)}"),
            ("As of", f"{_long_date(m.as_of)} ({m.as_of.isoformat()})"),
            ("Prepared by", _person(m.prepared_by)),
        ]
        if m.regulators:
            rows.append(("Regulators", ", ".join(m.regulators)))
        rows += [("Package", m.package_name), ("Produced with", f"auditpack {m.tool_version}")]
        if m.signature_fingerprint:
            rows.append(("Signature fingerprint", m.signature_fingerprint))
        self.key_table(rows)
        p = self.para("Confidential. This package describes the organisation's security controls "
                      "and their weaknesses. It is prepared for the organisation's examiners and "
                      "auditors; do not distribute it further without the organisation's "
                      "consent.", "Note")
        self.fmt(p).paragraph_format.space_before = Inches(0.4)

    def contents(self) -> None:
        """Write the contents heading and note; the TOC field is filled in at the end."""
        p = self.para("Contents", "TOCHeading")
        self.fmt(p).paragraph_format.page_break_before = True
        self.para("This table of contents is a Word field. To show page numbers or refresh it, "
                  "right-click it and choose Update Field (or select it and press F9), then "
                  "Update entire table.", "Note")
        self.toc_anchor = self.para()

    def finish_contents(self) -> None:
        """Write the TOC field; its stored result lists the chapters and their sections."""
        anchor = self.toc_anchor
        paragraphs = []
        for level, text in self.toc or [(1, "")]:
            p = _p(f"TOC{level}")
            if text:
                p.append(_r(text))
            anchor.addprevious(p)
            paragraphs.append(p)
        instr = OxmlElement("w:r")
        code = OxmlElement("w:instrText", {XML_SPACE: "preserve"})
        code.text = TOC_INSTRUCTION
        instr.append(code)
        first = paragraphs[0]
        at = 1 if first.find(qn("w:pPr")) is not None else 0
        for offset, element in enumerate((_fld_char("begin"), instr, _fld_char("separate"))):
            first.insert(at + offset, element)
        paragraphs[-1].append(_fld_char("end"))
        anchor.getparent().remove(anchor)

    # ---- scope and methodology

    def scope(self) -> None:
        """Write scope and methodology: frameworks, boundaries, evidence, testing, results."""
        m = self.m
        self.chapter("Scope and methodology")
        self.heading(2, "Purpose and structure of this package")
        names = "; ".join(self.framework_names()) or "no framework"
        self.para(f"This document presents the information security program of {m.legal_name} "
                  f"as it stood on {_long_date(m.as_of)}, for the period "
                  f"{_long_date(m.period_start)} to {_long_date(m.period_end)}, assessed "
                  f"against: {names}.")
        self.para("It is the narrative of the audit package. The package also holds "
                  f"{WORKBOOK} (the control matrix, the Evidence Index and every exception "
                  "found by the checks), the evidence files themselves under their E-ids, and "
                  "a manifest listing the SHA-256 hash of every file, so that each file can be "
                  "verified against this document.")
        if m.signature_fingerprint:
            self.para(f"The manifest is signed; the signing key's fingerprint is "
                      f"{m.signature_fingerprint}.")
        if m.frameworks:
            last = self.ch_fw0 + len(m.frameworks) - 1
            span = (f"Chapter {self.ch_fw0} takes the framework" if last == self.ch_fw0 else
                    f"Chapters {self.ch_fw0} to {last} take each framework")
            self.para(f"{span} requirement by requirement. Each control is described in full "
                      "the first time it appears (statement, owners, frequency, evidence and "
                      "results); later requirements it satisfies refer back to that "
                      "description. Findings and their remediation are in the POA&M "
                      f"(chapter {self.ch_poam}).")

        self.heading(2, "Frameworks in scope")
        table = self.table((2.45, 0.75, 1.35, 0.8, 0.6, 0.55),
                           ("Framework", "Version", "Publisher", "Assessed", "In scope",
                            "Ready"))
        for fw in m.frameworks:
            total = sum(fw.counts.values())
            in_scope = total - fw.counts.get("not_applicable", 0)
            self.row(table, (fw.title, fw.version, fw.publisher, str(total), str(in_scope),
                             _pct(fw.readiness_pct)))
        self.para("Assessed: the framework's assessable requirements. Ready: the share of "
                  "in-scope requirements whose controls all pass their checks at the as-of "
                  "date.", "Note")

        self.heading(2, "Scope boundaries")
        if m.cis_implementation_group is not None:
            ig = m.cis_implementation_group
            self.para(f"CIS Controls safeguards are assessed for Implementation Group {ig} "
                      f"(IG{ig}); safeguards of higher groups are reported as not applicable.")
        if m.pci_entity_type:
            kind = m.pci_entity_type.replace("_", " ")
            self.para(f"For PCI DSS the organisation is assessed as a {kind}; requirements that "
                      "apply only to other kinds of entity are reported as not applicable.")
        if m.exclusions:
            self.para("The organisation excludes these requirements, with everything below "
                      "them, from the scope:")
            table = self.table((1.7, 1.2, 3.6), ("Framework", "Requirements", "Reason"))
            for exc in m.exclusions:
                excluded = self.frameworks.get(exc.catalog.split("@")[0])
                self.row(table, (excluded.title if excluded else exc.catalog, ", ".join(exc.requirements),
                                 exc.reason))
        else:
            self.para("No requirement of the frameworks in scope is excluded.")
        na_reqs = sum(fw.counts.get("not_applicable", 0) for fw in m.frameworks)
        self.para(f"In all, {na_reqs} requirement(s) are not applicable; each framework chapter "
                  f"lists them with the reason. {len(m.not_applicable)} control(s) of the "
                  "control library are not applicable to the organisation and "
                  f"{len(m.out_of_scope)} are outside the scope; chapter {self.ch_na} gives the "
                  "justification for each.")

        self.heading(2, "How evidence was collected")
        self.evidence_collection()

        self.heading(2, "How controls were tested")
        self.para("Each control states the evidence it needs. For each need, auditpack takes "
                  "the newest evidence of that kind, checks that it is recent enough for the "
                  "control's frequency and covers the period, then runs the need's automated "
                  "check when there is one. A check names every exception it finds (for "
                  "example a user without multi-factor authentication, or a backup job that "
                  "failed). A control takes the worst status of its needs, and a requirement "
                  "the worst status of its controls.")
        table = self.table((1.1, 5.4), ("Status", "Meaning"))
        for status, meaning in STATUS_MEANING:
            cells = self.row(table, ("", meaning))
            self.status(self.first_p(cells[0]), status)

        self.heading(2, "Results at a glance")
        counts = m.control_status_counts
        self.para(f"{sum(counts.values())} control(s) are in the control set at the as-of "
                  "date:")
        table = self.table((2.0, 1.0), ("Control status", "Controls"))
        for status, count in counts.items():
            cells = self.row(table, ("", str(count)))
            self.status(self.first_p(cells[0]), status)
        self.para(f"{len(m.poam)} finding(s) are open in the POA&M (chapter {self.ch_poam}).")

    def evidence_ref(self, evidence_id: str) -> EvidenceRef | None:
        """Return the package file of an evidence id (looked up once)."""
        if evidence_id not in self.evidence_cache:
            self.evidence_cache[evidence_id] = self.m.evidence_ref(evidence_id)
        return self.evidence_cache[evidence_id]

    def evidence_collection(self) -> None:
        """Explain collection and list the evidence files (or summarise them by source)."""
        evidence = self.m.evidence
        sources = {e.source for e in evidence}
        self.para(f"The package holds {len(evidence)} evidence file(s) from {len(sources)} "
                  "source(s). System records (for example identity, endpoint, patch, ticket and "
                  "backup exports) were extracted by auditpack's collectors from the systems "
                  "of record or from exports supplied by the responsible party; documents "
                  "were filed as supplied. Each file was hashed (SHA-256) when it was "
                  "collected and keeps its E-id throughout the package.")
        if not evidence:
            self.para("No evidence was collected for this package: every control's needs are "
                      "reported as missing.", "Note")
            return
        if len(evidence) <= MAX_EVIDENCE_ROWS:
            table = self.table((0.65, 1.65, 1.15, 0.75, 0.85, 1.45),
                               ("E-id", "Source", "Collector", "Records", "As of", "SHA-256"))
            for e in evidence:
                self.row(table, (e.evidence_id,
                                 e.source + (f"\n{e.supplied_by}" if e.supplied_by else ""),
                                 e.collector,
                                 "" if e.record_count is None else f"{e.record_count:,}",
                                 e.as_of.isoformat(), _short_hash(e.sha256)))
        else:
            groups: dict[tuple[str, str], list[EvidenceRef]] = {}
            for e in evidence:
                groups.setdefault((e.source, e.collector), []).append(e)
            self.para(f"The {len(evidence)} files, by source:")
            table = self.table((2.0, 1.4, 0.6, 0.8, 1.7),
                               ("Source", "Collector", "Files", "Records", "As of"))
            for (source, collector), items in sorted(groups.items()):
                records = [e.record_count for e in items if e.record_count is not None]
                dates = sorted(e.as_of for e in items)
                span = dates[0].isoformat() + ("" if dates[0] == dates[-1]
                                               else f" to {dates[-1].isoformat()}")
                self.row(table, (source, collector, str(len(items)),
                                 f"{sum(records):,}" if records else "", span))
        self.para("Full hashes, original file names, sizes, collection times and the period "
                  f"each file covers are in the Evidence Index sheet of {WORKBOOK}.", "Note")

    # ---- organisation, RACI, escalation

    def organisation(self) -> None:
        """Write the organisation's profile and a table of people per party."""
        m = self.m
        self.chapter("Organisation and parties")
        rows = [("Legal name", m.legal_name), ("Referred to as", m.short_name),
                ("Industry", m.industry)]
        if m.headcount is not None:
            rows.append(("Headcount", f"{m.headcount:,}"))
        if m.locations:
            rows.append(("Locations", "\n".join(m.locations)))
        if m.regulators:
            rows.append(("Regulators", ", ".join(m.regulators)))
        self.key_table(rows)
        providers = [p for p in m.parties if p.kind == "provider"]
        if providers:
            p = self.para(f"IT is co-managed: the internal team works with {len(providers)} "
                          "service provider(s). The organisation stays accountable for every "
                          f"function a provider performs; chapter {self.ch_raci} shows who "
                          "does what.")
            self.fmt(p).paragraph_format.space_before = Inches(0.12)
        for party in m.parties:
            kind = "internal team" if party.kind == "internal" else "service provider"
            self.heading(2, f"{party.name} ({kind})")
            if party.services:
                p = self.para("Services: ", bold=True)
                self.run(p, "; ".join(party.services) + ".")
            if party.contract:
                p = self.para("Contract: ", bold=True)
                self.run(p, party.contract)
            if not party.people:
                self.para("No named people are recorded for this party.", "Note")
                continue
            table = self.table((1.7, 2.1, 2.7), ("Name", "Role", "Email"))
            for person in party.people:
                name = person.name + (f"\n(left {person.left_on.isoformat()})"
                                      if person.left_on else "")
                self.row(table, (name, person.role, person.email or ""))

    @staticmethod
    def column_name(person: PersonView) -> str:
        """Return a person's column header: the name, marked † when they have left."""
        return person.name + (" †" if person.left_on else "")

    def raci(self) -> None:
        """Write the RACI matrix: functions down, named people across, letters in the cells."""
        m = self.m
        self.chapter("Responsibility assignment (RACI)")
        self.para("Who is Responsible (does the work), Accountable (answers for it; exactly one "
                  "per function), Consulted (asked before) and Informed (told after), for each "
                  "IT function and each control with an assignment of its own.")
        people = m.raci_people
        if not people or not m.raci:
            self.para("No RACI assignments are recorded.", "Note")
        else:
            first = 2.2
            width = (LANDSCAPE_WIDTH.inches - first) / len(people)
            size = 14 if len(people) > 12 else 16
            table = self.table([first] + [width] * len(people), size=size)
            header = self.row(table, ["IT function"] + [self.column_name(p) for p in people],
                              head=True)
            if len(people) > 8:  # narrow columns: names run bottom to top
                tr_pr = header[0].getparent().find(qn("w:trPr"))
                tr_pr.find(qn("w:cantSplit")).addnext(
                    OxmlElement("w:trHeight", {W_VAL: "1560", qn("w:hRule"): "atLeast"}))
                for tc in header[1:]:
                    tc.find(qn("w:tcPr")).append(OxmlElement("w:textDirection",
                                                             {W_VAL: "btLr"}))
            for raci_row in m.raci:
                cells = self.row(table, [raci_row.title] + [raci_row.letters.get(p.id, "")
                                                            for p in people])
                for tc in cells[1:]:
                    p_pr = self.first_p(tc).find(qn("w:pPr"))
                    p_pr.append(OxmlElement("w:jc", {W_VAL: "center"}))
            self.para("Legend: R Responsible · A Accountable · C Consulted · I Informed. "
                      "† has left the organisation.", "Note")
        count = sum(1 for f in m.poam if f.source == "raci")
        self.para(f"Findings on these assignments ({count} open), such as a function with "
                  "more than one Accountable or a leaver who still holds a letter, are in the "
                  f"POA&M, chapter {self.ch_poam}.", "Note")
        if people and m.raci:
            self.heading(2, "People in the matrix")
            table = self.table((2.2, 3.4, 3.4), ("Name", "Role", "Party"))
            for person in people:
                left = f" (left {person.left_on.isoformat()})" if person.left_on else ""
                self.row(table, (self.column_name(person), person.role + left, person.party))

    def escalation(self) -> None:
        """Write the escalation matrix with each path's last test."""
        self.chapter("Escalation matrix")
        levels = self.m.escalation
        if not levels:
            self.para("No escalation paths are recorded.", "Note")
            return
        self.para("How an incident of each severity is escalated, to whom and how fast, and "
                  "when each path was last tested.")
        table = self.table((0.7, 1.05, 1.85, 1.0, 2.3, 0.75, 1.35),
                           ("Severity", "Name", "Trigger", "First responder", "Route",
                            "Last tested", "Test reference"))
        for level in levels:
            steps = []
            for i, step in enumerate(level.route, start=1):
                who = ", ".join(x for x in (step.role, step.party) if x)
                steps.append(f"{i}. {step.to}" + (f" ({who})" if who else "")
                             + f" — within {step.within_minutes} min"
                             + (f" via {step.via}" if step.via else ""))
            tested = level.last_tested.isoformat() if level.last_tested else "never"
            cells = self.row(table, (level.severity, level.name, level.trigger,
                                     level.first_responder,
                                     "\n".join(steps) or "no route recorded", tested,
                                     level.test_reference or ""))
            if level.finding:
                self.run(self.cell_p(cells[6]), f"Finding: {level.finding}", bold=True,
                         colour="C00000")
        p = self.para("Escalation findings (a path never tested, or not tested within 12 "
                      f"months) are in the POA&M, chapter {self.ch_poam}.", "Note")
        self.fmt(p).paragraph_format.space_before = Inches(0.12)

    # ---- frameworks

    def framework(self, fw: FrameworkView) -> None:
        """Write one framework: summary, then each requirement with its controls."""
        self.chapter(fw.title)
        total = sum(fw.counts.values())
        na = fw.counts.get("not_applicable", 0)
        self.heading(2, "Summary")
        self.para(f"{fw.publisher}, version {fw.version}. {total} assessable requirement(s): "
                  f"{total - na} in scope and {na} not applicable. Readiness "
                  f"{_pct(fw.readiness_pct)}: the share of in-scope requirements whose "
                  "controls all pass.")
        coverage = [(COVERAGE_LABEL.get(k, k), str(v)) for k, v in fw.counts.items()]
        results = [(k, str(v)) for k, v in fw.status_counts.items()]
        table = self.table((2.2, 1.0, 2.0, 1.0),
                           ("Coverage", "Count", "Test result", "Count"))
        for i in range(max(len(coverage), len(results))):
            c = coverage[i] if i < len(coverage) else ("", "")
            r = results[i] if i < len(results) else ("", "")
            cells = self.row(table, (c[0], c[1], "", r[1]))
            if r[0]:
                self.status(self.first_p(cells[2]), r[0])
        if fw.license_name:
            self.para(f"Requirement text: {fw.license_name}.", "Note")
        if any(r.text_source == "paraphrase" for r in fw.requirements):
            self.para("Requirement text marked as a summary is auditpack's paraphrase, not the "
                      "official text; the standard itself has the exact wording.", "Note")
        applicable = [r for r in fw.requirements if r.coverage != "not_applicable"]
        self.heading(2, "Requirements and controls")
        if not applicable:
            self.para("No requirement of this framework is in scope.", "Note")
        for req in applicable:
            self.requirement(fw, req)
        not_applicable = [r for r in fw.requirements if r.coverage == "not_applicable"]
        if not_applicable:
            self.heading(2, "Requirements not applicable")
            self.para(f"{len(not_applicable)} requirement(s) of this framework do not apply, "
                      "for the reasons given.")
            table = self.table((0.9, 2.5, 3.1), ("Requirement", "Title", "Reason"))
            for req in not_applicable:
                self.row(table, (req.id, _clip(req.title, MAX_HEADING),
                                 req.reason or "not applicable"))

    def requirement(self, fw: FrameworkView, req: RequirementView) -> None:
        """Write one in-scope requirement: its text, coverage and controls."""
        self.heading(3, f"{req.id} — {_clip(req.title, MAX_HEADING)}")
        paraphrase = req.text_source == "paraphrase"
        if req.text and req.text.strip() != req.title.strip():
            p = self.para(req.text, "RequirementText")
            if paraphrase:
                self.run(p, "  [auditpack's summary, not the official text]", colour=GREY,
                         size=16)
        elif paraphrase:
            self.para("The title is auditpack's summary of the requirement, not the official "
                      "text.", "Note")
        p = self.para("Coverage: ", bold=True)
        self.run(p, COVERAGE_LABEL.get(req.coverage, req.coverage) + ".   ")
        self.run(p, "Result: ", bold=True)
        self.status(p, req.status)
        if req.coverage == "via_crosswalk":
            p = self.para("Crosswalk: ", bold=True)
            self.run(p, "no control maps to this requirement directly; it is covered through "
                        + "; ".join(req.via) + ", by the controls below.")
        elif req.coverage == "organisational":
            p = self.para("Met organisationally: ", bold=True)
            self.run(p, req.reason or "no reason recorded")
            return
        elif req.coverage == "uncovered":
            p = self.para("Gap: ", bold=True)
            self.run(p, "no control in the organisation's control set satisfies this "
                        "requirement.")
            return
        where = f"{req.id} (chapter {self.chapter_no})"
        for cid in req.controls:
            self.control_or_reference(cid, where)

    def control_or_reference(self, control_id: str, where: str) -> None:
        """Write a control in full the first time it appears, afterwards a reference to it."""
        control = self.controls.get(control_id)
        if control is None:
            self.para(f"Control {control_id}: not in the package's control set.", "Note")
            return
        if control_id in self.printed:
            p = self.para("Control ", "NeedText")
            self.link(p, control.id, self.bookmarks[control_id])
            self.run(p, f" — {control.title}. Result: ")
            self.status(p, control.status)
            self.run(p, f". Described under {self.printed[control_id]}.")
            return
        self.printed[control_id] = where
        self.control(control)

    def control(self, c: ControlView) -> None:
        """Write a control in full: statement, owners, frequency, needs and results."""
        p = self.para(f"Control {c.id} — {c.title}", "ControlHeading")
        self.bookmark(p, c.id)
        rows = [("Statement", c.statement), ("IT function", c.function),
                ("Frequency", c.frequency), ("Accountable", _people(c.accountable)),
                ("Responsible", _people(c.responsible))]
        also = self.satisfies(c)
        if also:
            rows.append(("Satisfies", also))
        if c.origin == "workspace":
            rows.append(("Origin", "the organisation's own control"))
        table = self.key_table(rows)
        cells = self.row(table, ("Result", ""), key=True)
        self.status(self.first_p(cells[1]), c.status)
        if c.evidence:
            self.row(table, ("Evidence", ", ".join(c.evidence)), key=True)
        if not c.needs:
            self.para("No evidence need is defined for this control.", "Note")
            return
        budget = MAX_EXCEPTIONS
        for number, need in enumerate(c.needs, start=1):
            budget = self.need(number, need, budget)

    def satisfies(self, c: ControlView) -> str:
        """Return the requirements a control satisfies, per framework in scope."""
        parts = []
        for catalog, ids in c.satisfies.items():
            fw = self.frameworks.get(catalog.split("@")[0])
            if fw is not None and ids:
                parts.append(f"{fw.title}: {', '.join(ids)}")
        return "\n".join(parts)

    def need(self, number: int, need: NeedView, budget: int) -> int:
        """Write one evidence need and its result; return the exceptions still to print."""
        p = self.para(f"Evidence need {number}: {need.description} — ", "NeedHeading")
        self.status(p, need.status)
        p = self.para("Test: ", "NeedText", bold=True)
        self.run(p, f"automated check {need.check}" if need.check else
                 "no automated check (for the examiner to review)")
        self.run(p, f"; evidence kind {need.kind}. ")
        self.run(p, "Result: ", bold=True)
        self.run(p, need.summary + ("" if need.summary.endswith(".") else "."))
        if need.figures:
            p = self.para("Figures: ", "NeedText", bold=True)
            self.run(p, " · ".join(_figure(k, v) for k, v in need.figures.items()))
        if need.evidence:
            p = self.para("Evidence: ", "NeedText", bold=True)
            self.run(p, "; ".join(self.evidence_text(e) for e in need.evidence))
        if need.exceptions:
            shown = need.exceptions[:max(budget, 0)]
            more = len(need.exceptions) - len(shown)
            self.para(f"Exceptions ({len(need.exceptions):,})"
                      + (f", the first {len(shown)}:" if more and shown else ":"
                         if shown else "."), "NeedText", bold=True)
            if shown:
                table = self.table((1.9, 1.1, 3.5), ("Subject", "Category", "Detail"))
                for exc in shown:
                    self.row(table, (exc.subject, exc.category.replace("_", " "),
                                     _clip(exc.detail, MAX_DETAIL)))
            if more:
                self.para(f"… and {more:,} more; see the Exceptions sheet of {WORKBOOK}.",
                          "NeedText")
            budget -= len(shown)
        return budget

    def evidence_text(self, evidence_id: str) -> str:
        """Return 'E-0001 (sha256 3f2a…9c1d, as of 2026-09-29)'."""
        ref = self.evidence_ref(evidence_id)
        if ref is None:
            return f"{evidence_id} (not in this package)"
        return (f"{ref.evidence_id} (sha256 {_short_hash(ref.sha256)}, "
                f"as of {ref.as_of.isoformat()})")

    def other_controls(self) -> None:
        """Write, in full, the controls that no in-scope requirement reaches."""
        self.chapter("Other controls in the program")
        self.para("These controls are in the organisation's control set, but no in-scope "
                  "requirement rests on them: the requirements they map to are not applicable "
                  "or belong to frameworks outside the scope. They are described here so that "
                  "the control set is complete and their findings in the POA&M can be traced.")
        for c in self.others:
            self.printed[c.id] = f"chapter {self.ch_others}"
            self.control(c)

    # ---- POA&M, not applicable, sign-off

    def poam(self) -> None:
        """Write the exceptions and remediation plan."""
        items = self.m.poam
        self.chapter("Exceptions and remediation plan (POA&M)")
        if not items:
            self.para("No findings are open at the as-of date.")
            return
        counts = {s: sum(1 for i in items if i.severity == s) for s in SEVERITY_LABEL}
        self.para(f"{len(items)} finding(s) are open: "
                  + ", ".join(f"{n} {SEVERITY_LABEL[s].lower()}" for s, n in counts.items() if n)
                  + ". Each has an owner and a due date. The same plan is in the Findings - "
                  f"POA&M sheet of {WORKBOOK}, and the named exceptions behind each finding "
                  "are in its Exceptions sheet.")
        table = self.table((0.5, 0.7, 1.2, 1.85, 0.9, 0.8, 0.55),
                           ("ID", "Severity", "Subject", "Finding and remediation", "Owner",
                            "Due", "Status"))
        for item in items:
            cells = self.row(table, (item.id, SEVERITY_LABEL.get(item.severity, item.severity),
                                     item.subject, item.finding, item.owner,
                                     item.due.isoformat(), item.status.capitalize()))
            p = self.cell_p(cells[3])
            self.run(p, "Remediation: ", bold=True)
            self.run(p, item.remediation)
            if item.evidence:
                self.run(self.cell_p(cells[3]), "Evidence: " + ", ".join(item.evidence),
                         italic=True)

    def not_applicable(self) -> None:
        """Write the justifications for controls not applicable and out of scope."""
        m = self.m
        self.chapter("Not-applicable controls and controls outside the scope")
        self.heading(2, "Controls not applicable")
        self.na_table(m.not_applicable, "No control of the library is marked not applicable.")
        self.heading(2, "Controls outside the scope")
        self.na_table(m.out_of_scope, "No control is outside the scope.")

    def na_table(self, items: Sequence[NotApplicableView], empty: str) -> None:
        """Write a control / title / reason table."""
        if not items:
            self.para(empty, "Note")
            return
        table = self.table((0.9, 2.2, 3.4), ("Control", "Title", "Reason"))
        for item in items:
            self.row(table, (item.control, item.title, item.reason))

    def sign_off(self) -> None:
        """Write the attestation and the signature blocks."""
        m = self.m
        self.chapter("Sign-off")
        self.para(f"I have reviewed this audit package of {m.legal_name} as of "
                  f"{_long_date(m.as_of)}. To the best of my knowledge the controls, evidence "
                  "and results it presents describe the information security program as it "
                  f"operated during the period {_long_date(m.period_start)} to "
                  f"{_long_date(m.period_end)}, and every open finding is recorded in the "
                  f"POA&M (chapter {self.ch_poam}) with an owner and a due date.")
        blocks: list[tuple[str, PersonView | None]] = [
            ("Attested by (Qualified Individual or accountable owner)", m.signer)]
        if m.prepared_by is None or m.signer is None or m.prepared_by.id != m.signer.id:
            blocks.append(("Prepared by", m.prepared_by))
        else:
            blocks[0] = (("Attested and prepared by (Qualified Individual or accountable "
                          "owner)"), m.signer)
        for caption, person in blocks:
            p = self.para(caption, "ControlHeading")
            self.fmt(p).paragraph_format.space_before = Inches(0.35)
            table = self.table((1.3, 4.2), key=True)
            self.row(table, ("Signature", "\n\n"), key=True)
            self.row(table, ("Name", person.name if person else ""), key=True)
            self.row(table, ("Role", f"{person.role}, {person.party}" if person else ""),
                     key=True)
            self.row(table, ("Date", "\n"), key=True)
        self.para()  # a document does not end on a table

    # ---- headers and footers

    def headers_and_footers(self) -> None:
        """Give every section a header (organisation, Confidential) and footer (package, page)."""
        for number, section in enumerate(self.doc.sections):
            width = (section.page_width or 0) - (section.left_margin or 0) \
                - (section.right_margin or 0)
            if width <= 0:
                width = PORTRAIT_WIDTH
            section.different_first_page_header_footer = number == 0
            header = section.header
            header.is_linked_to_previous = False
            self.band(header.paragraphs, width, "Header",
                      f"{self.m.legal_name} — Information Security Audit Package\tConfidential")
            footer = section.footer
            footer.is_linked_to_previous = False
            p = self.band(footer.paragraphs, width, "Footer", f"{self.m.package_name}\tPage ")
            self.field(p, " PAGE ", "1")
            self.run(p, " of ")
            self.field(p, " NUMPAGES ", "1")

    @staticmethod
    def band(paragraphs: list[Paragraph], width: int, style: str, text: str) -> Any:
        """Empty a header or footer and write 'left <tab> right' on one line."""
        first = paragraphs[0]._p
        for extra in paragraphs[1:]:
            extra._p.getparent().remove(extra._p)
        for child in list(first):
            first.remove(child)
        p_pr = OxmlElement("w:pPr")
        p_pr.append(OxmlElement("w:pStyle", {W_VAL: style}))
        tabs = OxmlElement("w:tabs")
        tabs.append(OxmlElement("w:tab", {W_VAL: "right", qn("w:pos"): str(width // 635)}))
        p_pr.append(tabs)
        first.append(p_pr)
        first.append(_r(text))
        return first


_SECT_ORDER = ["w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type",
               "w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType",
               "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection",
               "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings"]


def _order_sect(sect: Any) -> None:
    """Put a section's properties in schema order."""
    rank = {qn(tag): i for i, tag in enumerate(_SECT_ORDER)}
    for child in sorted(sect, key=lambda e: rank.get(e.tag, len(rank))):
        sect.remove(child)
        sect.append(child)


def _ensure_styles(document: Document) -> None:
    """Add any style the writer uses that the reference document lacks."""
    styles = document.styles.element
    present = {s.get(qn("w:styleId")) for s in styles.findall(qn("w:style"))}
    for element in style_elements():
        if element.get(qn("w:styleId")) not in present:
            styles.append(element)


def _set_properties(model: PackageModel, document: Document) -> None:
    """Set the core properties from the model only (never from the environment)."""
    when = model.built_at
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC).replace(tzinfo=None)
    props = document.core_properties
    author = model.prepared_by.name if model.prepared_by else f"auditpack {model.tool_version}"
    props.title = _t(f"{model.legal_name} — Information Security Audit Package")[:255]
    props.subject = _t("; ".join(f"{fw.title} {fw.version}" for fw in model.frameworks)
                       + f" — as of {model.as_of.isoformat()}")[:255]
    props.author = _t(author)[:255]
    props.last_modified_by = _t(author)[:255]
    props.comments = ""
    props.keywords = "information security; audit; examination"
    props.category = "Audit package"
    props.identifier = _t(model.package_name)[:255]
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = 1
