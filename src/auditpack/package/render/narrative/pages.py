"""The narrative's pages: section breaks, orientation, headers and footers."""

from __future__ import annotations

import copy
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches
from docx.text.paragraph import Paragraph

from .elements import W_VAL, W_W, new_run
from .writer import Writer

PORTRAIT_WIDTH = Inches(6.5)     # Letter, 1 in margins
LANDSCAPE_WIDTH = Inches(9.0)

_SECT_ORDER = ["w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type",
               "w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType",
               "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection",
               "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings"]


def order_sect(sect: Any) -> None:
    """Put a section's properties in schema order."""
    rank = {qn(tag): i for i, tag in enumerate(_SECT_ORDER)}
    for child in sorted(sect, key=lambda e: rank.get(e.tag, len(rank))):
        sect.remove(child)
        sect.append(child)


def section_break(w: Writer, landscape: bool, first: bool = False) -> None:
    """End the current section here, its pages portrait or landscape."""
    sect = copy.deepcopy(w.base_sect)
    size = sect.find(qn("w:pgSz"))
    if size is not None and size.get(W_W) and size.get(qn("w:h")):
        wide, high = int(size.get(W_W)), int(size.get(qn("w:h")))
        size.set(W_W, str(max(wide, high) if landscape else min(wide, high)))
        size.set(qn("w:h"), str(min(wide, high) if landscape else max(wide, high)))
        if landscape:
            size.set(qn("w:orient"), "landscape")
        else:
            size.attrib.pop(qn("w:orient"), None)
    if first:
        sect.append(OxmlElement("w:titlePg"))
        order_sect(sect)
    p = OxmlElement("w:p")
    p_pr = OxmlElement("w:pPr")
    p_pr.append(sect)
    p.append(p_pr)
    w.end.addprevious(p)
    w.fresh_page = True


def headers_and_footers(w: Writer) -> None:
    """Give every section a header (organisation, Confidential) and footer (package, page)."""
    for number, section in enumerate(w.doc.sections):
        width = (section.page_width or 0) - (section.left_margin or 0) \
            - (section.right_margin or 0)
        if width <= 0:
            width = PORTRAIT_WIDTH
        section.different_first_page_header_footer = number == 0
        header = section.header
        header.is_linked_to_previous = False
        band(header.paragraphs, width, "Header",
             f"{w.m.legal_name} — Information Security Audit Package\tConfidential")
        footer = section.footer
        footer.is_linked_to_previous = False
        p = band(footer.paragraphs, width, "Footer", f"{w.m.package_name}\tPage ")
        w.field(p, " PAGE ", "1")
        w.run(p, " of ")
        w.field(p, " NUMPAGES ", "1")


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
    first.append(new_run(text))
    return first
