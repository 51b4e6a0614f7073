"""The narrative's look: palette, styles, the reference document, core properties."""

from __future__ import annotations

import datetime as dt
from importlib.resources import files
from typing import Any

from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from ...model.views import PackageModel
from .text import clean

NAVY = "1F3864"
GREY = "595959"
HEAD_FILL = NAVY
KEY_FILL = "E8ECF4"

STATUS_COLOUR = {
    "pass": "2E7D32", "fail": "C00000", "stale": "B35C00", "missing": "B35C00",
    "not_tested": GREY, "not_applicable": GREY, "out_of_scope": GREY, "uncovered": "C00000",
    "organisational": GREY,
}

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


def ensure_styles(document: Document) -> None:
    """Add any style the writer uses that the reference document lacks."""
    styles = document.styles.element
    present = {s.get(qn("w:styleId")) for s in styles.findall(qn("w:style"))}
    for element in style_elements():
        if element.get(qn("w:styleId")) not in present:
            styles.append(element)


def set_properties(model: PackageModel, document: Document) -> None:
    """Set the core properties from the model only (never from the environment)."""
    when = model.built_at
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC).replace(tzinfo=None)
    props = document.core_properties
    author = model.prepared_by.name if model.prepared_by else f"auditpack {model.tool_version}"
    props.title = clean(f"{model.legal_name} — Information Security Audit Package")[:255]
    props.subject = clean("; ".join(f"{fw.title} {fw.version}" for fw in model.frameworks)
                          + f" — as of {model.as_of.isoformat()}")[:255]
    props.author = clean(author)[:255]
    props.last_modified_by = clean(author)[:255]
    props.comments = ""
    props.keywords = "information security; audit; examination"
    props.category = "Audit package"
    props.identifier = clean(model.package_name)[:255]
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = 1
