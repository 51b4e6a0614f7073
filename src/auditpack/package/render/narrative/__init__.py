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

import io

import docx

from ...bundle.zipfix import normalize_zip
from ...model.views import PackageModel
from . import access as access_chapter
from . import requests as requests_chapter
from .back import not_applicable, poam, sign_off
from .frameworks import MAX_EXCEPTIONS, framework, other_controls
from .front import MAX_EVIDENCE_ROWS, contents, cover, finish_contents, scope
from .organisation import escalation, organisation, raci
from .pages import headers_and_footers, section_break
from .styles import default_reference, ensure_styles, set_properties, style_elements
from .writer import Writer

__all__ = ["MAX_EVIDENCE_ROWS", "MAX_EXCEPTIONS", "default_reference", "render_docx",
           "style_elements"]


def render_docx(model: PackageModel, reference: bytes | None = None) -> bytes:
    """Return Audit-Narrative.docx for the model: the same model gives the same bytes.

    `reference` is a .docx whose styles, page setup and margins the narrative takes (a
    workspace's own house style); its body text is discarded.
    """
    document = docx.Document(io.BytesIO(reference if reference is not None
                                        else default_reference()))
    ensure_styles(document)
    write(Writer(model, document))
    set_properties(model, document)
    out = io.BytesIO()
    document.save(out)
    return normalize_zip(out.getvalue(), model.built_at)


def write(w: Writer) -> None:
    """Write every part of the narrative in order."""
    access_chapter.plan(w)   # before any text refers to a later chapter by number
    cover(w)
    contents(w)
    scope(w)
    organisation(w)
    section_break(w, landscape=False, first=True)
    raci(w)
    escalation(w)
    section_break(w, landscape=True)
    for fw in w.m.frameworks:
        framework(w, fw)
    if w.others:
        other_controls(w)
    access_chapter.access_review(w)
    poam(w)
    not_applicable(w)
    requests_chapter.responses(w)   # when the package answers a request list
    sign_off(w)
    finish_contents(w)
    headers_and_footers(w)
