"""The narrative's "Responses to the request list" chapter: each request in the examiner's order.

It comes just before the sign-off, so no chapter number the earlier text cites moves. Long
lists of evidence are cut short here and referred to the workbook and the request folders.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...model.request_views import REQUEST_LABELS, RequestListView, RequestView
from ...model.requests import request_owners
from ..request_folders import INDEX
from .styles import GREY, STATUS_COLOUR
from .text import WORKBOOK, long_date
from .writer import Writer

MAX_REQUEST_EVIDENCE = 8     # evidence files named per request; the rest are in the workbook
HASH_PREFIX = 12             # hex characters of a sha256 shown beside an E-id
REQUEST_COLOUR = {"answered": STATUS_COLOUR["pass"], "partial": STATUS_COLOUR["missing"],
                  "open": STATUS_COLOUR["fail"], "not_applicable": GREY}


def responses(w: Writer) -> None:
    """Write the chapter when the package answers a request list."""
    rl = w.m.requests
    if rl is None:
        return
    w.ch_signoff += 1  # the sign-off follows this chapter
    w.chapter("Responses to the request list")
    _intro(w, rl)
    w.heading(2, "Requests needing attention")
    _attention(w, rl)
    w.heading(2, "Responses in the examiner's order")
    for request in rl.requests:
        _request(w, request)


def _intro(w: Writer, rl: RequestListView) -> None:
    """Say which list this answers, how far it is answered, and where the rest lives."""
    counts = ", ".join(f"{n} {REQUEST_LABELS[s].lower()}" for s, n in rl.counts().items() if n)
    by = f" from {rl.issuer}" if rl.issuer else ""
    due = f", due {_date(rl.due)}" if rl.due else ""
    w.para(f"This chapter answers “{rl.title}”{by}{due}: {len(rl.requests)} requests, "
           f"each in the examiner's order and under the examiner's number ({counts}).")
    w.para("A request is answered when the controls, evidence or written response confirmed "
           "for it stand; partial when a control it rests on fails its check, rests on stale "
           "evidence or has none; open when nothing is confirmed yet (suggested mappings are "
           "shown but do not count). Each control's owner is its Accountable person.")
    w.para(f"The same answers are in the Requests sheet of {WORKBOOK}, with every evidence "
           "file linked in its Request Evidence sheet. Each request also has a folder "
           f"requests/<number>_<name>/ in the package whose {INDEX} lists its evidence files "
           "with their paths and SHA-256.", "Note")


def _date(value: str) -> str:
    """Write an ISO date long-hand; leave any other text as it is."""
    try:
        return long_date(dt.date.fromisoformat(value))
    except ValueError:
        return value


def _attention(w: Writer, rl: RequestListView) -> None:
    """Table the open, then the partial, requests with their owners and what is missing."""
    attention = rl.attention()
    if not attention:
        w.para("Every request is answered or marked not applicable.")
        return
    table = w.table((0.7, 0.8, 1.5, 3.5), ("Request", "Status", "Owner", "What is missing"))
    for r in attention:
        cells = w.row(table, (r.number, "", _owner_names(w, r), "\n".join(r.reasons)))
        _status(w, w.first_p(cells[1]), r)


def _owner_names(w: Writer, r: RequestView) -> str:
    """Return the request's owners by name."""
    return ", ".join(p.name for p in request_owners(w.m, r)) or "not assigned"


def _status(w: Writer, p: Any, r: RequestView) -> None:
    """Append the request's status word, bold and coloured."""
    w.run(p, REQUEST_LABELS[r.status], bold=True, colour=REQUEST_COLOUR[r.status])


def _request(w: Writer, r: RequestView) -> None:
    """Write one request: its text, status, response, controls, evidence and folder."""
    w.heading(3, f"Request {r.number}" + (f" — {r.area}" if r.area else ""))
    w.para(r.text, "RequirementText")
    table = w.table((1.6, 4.9), key=True)
    cells = w.row(table, ("Status", ""), key=True)
    _status(w, w.first_p(cells[1]), r)
    for why in r.reasons:
        w.run(w.cell_p(cells[1]), why)
    if r.due:
        w.row(table, ("Due", _date(r.due)), key=True)
    w.row(table, ("Owner", "\n".join(f"{p.name}, {p.role} ({p.party})"
                                     for p in request_owners(w.m, r)) or "not assigned"),
          key=True)
    for label, text in (("Not applicable because", r.not_applicable), ("Response", r.response),
                        ("Attestation", r.attestation)):
        if text:
            w.row(table, (label, text), key=True)
    if r.controls:
        _controls(w, w.row(table, ("Controls", ""), key=True)[1], r)
    if r.requirements:
        w.row(table, ("Requirements", "\n".join(r.requirements)), key=True)
    if r.evidence:
        w.row(table, ("Evidence", _evidence(w, r)), key=True)
    if r.status == "open" and r.suggested:
        w.row(table, ("Suggested, not confirmed", ", ".join(r.suggested)), key=True)
    w.row(table, ("Folder", f"{r.folder}/"), key=True)


def _controls(w: Writer, cell: Any, r: RequestView) -> None:
    """List the request's controls: id (linked to its description), title, result, owners."""
    for i, cid in enumerate(r.controls):
        c = w.controls[cid]
        p = w.first_p(cell) if i == 0 else w.cell_p(cell)
        if cid in w.bookmarks:
            w.link(p, cid, w.bookmarks[cid])
        else:
            w.run(p, cid)
        w.run(p, f" — {c.title} (")
        w.status(p, c.status)
        owners = ", ".join(person.name for person in c.accountable) or "no Accountable"
        w.run(p, f"); accountable: {owners}")


def _evidence(w: Writer, r: RequestView) -> str:
    """Return the evidence files as 'E-0001 sha256 3f2a9c1d0b7e…', the first few only."""
    lines = []
    for eid in r.evidence[:MAX_REQUEST_EVIDENCE]:
        ref = w.evidence_ref(eid)
        if ref is not None:
            lines.append(f"{eid}  sha256 {ref.sha256[:HASH_PREFIX]}…")
    more = len(r.evidence) - MAX_REQUEST_EVIDENCE
    if more > 0:
        lines.append(f"… and {more} more: see {r.folder}/{INDEX} and the Request Evidence "
                     f"sheet of {WORKBOOK}")
    return "\n".join(lines)
