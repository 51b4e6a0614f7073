"""Low-level WordprocessingML elements: paragraphs, runs, field marks, the table being written."""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .text import clean

# Elements are built directly: python-docx's proxies locate each child's place by scanning its
# siblings, which dominates the time of a long document.

W_VAL = qn("w:val")
W_TYPE = qn("w:type")
W_W = qn("w:w")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def new_paragraph(style: str | None = None) -> Any:
    """Return a new paragraph element, with a paragraph style when given."""
    p = OxmlElement("w:p")
    if style:
        p_pr = OxmlElement("w:pPr")
        p_pr.append(OxmlElement("w:pStyle", {W_VAL: style}))
        p.append(p_pr)
    return p


def new_run(text: str, *, bold: bool = False, italic: bool = False, colour: str | None = None,
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
    for i, line in enumerate(clean(text).split("\n")):
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


def field_char(kind: str) -> Any:
    """Return a run holding a complex field's begin, separate or end mark."""
    r = OxmlElement("w:r")
    r.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): kind}))
    return r


def to_twips(inches: float) -> int:
    """Return inches in twentieths of a point."""
    return round(inches * 1440)


class Table:
    """A table being written: its element, column widths (twips) and text size."""

    def __init__(self, element: Any, widths: list[int], size: int | None) -> None:
        self.element = element
        self.widths = widths
        self.size = size

