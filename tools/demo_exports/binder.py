"""The compliance binder: the Doc record and the helpers its documents share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .common import EDT, Device, Person, at, csv_bytes, day, rng, us_datetime


@dataclass
class Doc:
    """One evidence source of the binder: a file in exports/ or an attestation (no file)."""

    id: str
    kind: str
    offset: int                       # as_of, in days from the as-of date
    supplied_by: str
    name: str = ""                    # the file in exports/ (empty for an attestation)
    data: bytes = b""
    controls: tuple[str, ...] = ()
    statement: str = ""               # attestation only
    by: tuple[str, str] = ("", "")    # attestation: (name, role)
    note: str = ""                    # a YAML comment

    def yaml(self) -> str:
        """The source entry for the demo's auditpack.yaml."""
        lines = [f"    - id: {self.id}" + (f"   # {self.note}" if self.note else "")]
        if self.name:
            lines += ["      collector: file", f"      kind: {self.kind}", f"      path: exports/{self.name}"]
        else:
            lines += ["      collector: attestation"]
            if self.kind != "attestation":
                lines.append(f"      kind: {self.kind}")
            lines += ["      statement: >-"]
            words, line = self.statement.split(), "       "
            for w in words:
                if len(line) + len(w) > 96:
                    lines.append(line)
                    line = "       "
                line += " " + w
            lines += [line, f"      attested_by_name: {self.by[0]}",
                      f"      attested_by_role: {self.by[1]}",
                      f"      attested_on: {day(self.offset).isoformat()}"]
        if self.controls:
            lines.append(f"      controls: [{', '.join(self.controls)}]")
        lines += [f"      supplied_by: {self.supplied_by}", f"      as_of: {day(self.offset).isoformat()}"]
        return "\n".join(lines)


def md(text: str) -> bytes:
    """A Markdown document: dedented, one trailing newline."""
    import textwrap
    return (textwrap.dedent(text).strip() + "\n").encode()


def d(offset: int) -> str:
    """ISO date `offset` days from the as-of date."""
    return day(offset).isoformat()


def training_csv(demo: str, people: list[Person], courses: list[tuple[str, int, str]],
                 overdue: set[str]) -> bytes:
    """Per person and course: assigned, due, completed, score. `courses`: (name, due offset, who)."""
    r = rng(demo, "training")
    rows = []
    staff = [p for p in people if p.kind == "staff" and p.enabled]
    for p in sorted(staff, key=lambda p: p.upn):
        for course, due, who in courses:
            if who != "all" and who not in p.title:
                continue
            assigned = day(due - 45)
            if p.started and p.started > assigned:
                assigned = p.started
            if p.upn in overdue and course == courses[0][0]:
                rows.append([p.name, p.upn, p.title, p.site, course, assigned.isoformat(),
                             day(due).isoformat(), "", "In progress", ""])
                continue
            done = assigned + dt.timedelta(days=r.randint(1, 40))
            if done > day(-2):
                done = day(-2 - r.randint(0, 3))
            rows.append([p.name, p.upn, p.title, p.site, course, assigned.isoformat(), day(due).isoformat(),
                         done.isoformat(), "Completed", str(r.choice((80, 85, 90, 95, 100, 100)))])
    return csv_bytes(["Name", "Email", "Job title", "Site", "Course", "Assigned", "Due", "Completed",
                      "Status", "Score"], rows)


def phishing_csv(demo: str, people: list[Person], campaign: str, sent: int, template: str,
                 clickers: int, reporters: float) -> bytes:
    """One simulated phishing campaign, per recipient."""
    r = rng(demo, f"phish/{campaign}")
    staff = sorted((p for p in people if p.kind == "staff" and p.enabled), key=lambda p: p.upn)
    clicked = set(r.sample(range(len(staff)), clickers))
    rows = []
    for i, p in enumerate(staff):
        t = at(sent, 13, r.randrange(60), r.randrange(60), EDT)
        opened = r.random() < 0.7 or i in clicked
        rep = i not in clicked and r.random() < reporters
        rows.append([campaign, template, p.upn, p.site, us_datetime(t),
                     "Yes" if opened else "No", "Yes" if i in clicked else "No",
                     "No", "Yes" if rep else "No",
                     "Assigned: Spot the Phish refresher" if i in clicked else ""])
    return csv_bytes(["Campaign", "Template", "Recipient", "Site", "Delivered", "Opened", "Clicked",
                      "Data entered", "Reported", "Follow-up"], rows)


def encryption_csv(devices: list[Device], pending: set[str]) -> bytes:
    """BitLocker / FileVault status per managed computer, as the RMM reports it."""
    rows = []
    for dv in sorted(devices, key=lambda x: x.host):
        if dv.role == "mac":
            method, vol = "FileVault", "Macintosh HD"
        else:
            method, vol = "BitLocker XTS-AES 256", "C:"
        if dv.host in pending:
            rows.append([dv.host, dv.role, dv.site, method, vol, "Encryption in progress", "Pending",
                         "Enrolled in the last 7 days"])
        else:
            rows.append([dv.host, dv.role, dv.site, method, vol, "Fully encrypted", "Escrowed", ""])
    return csv_bytes(["Device", "Role", "Site", "Method", "Volume", "Status", "Recovery key", "Note"], rows)


def software_csv(demo: str, devices: list[Device], titles: list[tuple[str, str, str, str, float]]) -> bytes:
    """Installed software summary: title, publisher, version, install count, approval."""
    r = rng(demo, "software")
    n = len([x for x in devices if x.role != "server"])
    rows = []
    for title, publisher, version, status, share in titles:
        count = max(1, int(n * share) - r.randrange(3)) if share < 1 else n
        rows.append([title, publisher, version, str(count), status])
    return csv_bytes(["Software", "Publisher", "Version (most common)", "Installs", "Status"], rows)


def with_data(docs: list[Doc], content: dict[str, bytes]) -> list[Doc]:
    """Fill each file document's bytes from `content` where they were not given inline."""
    for doc in docs:
        if doc.name and not doc.data:
            doc.data = content.get(doc.id, b"")
    return docs


def add_binder(files: dict[str, bytes], docs: list[Doc]) -> dict[str, bytes]:
    """Add the binder's files to a demo's exports (a document may reuse an export)."""
    for doc in docs:
        if doc.name and doc.name not in files:
            if not doc.data:
                raise ValueError(f"no content for {doc.id}")
            files[doc.name] = doc.data
    return files
