"""Pseudonymisation of evidence that is not plain UTF-8 text, and of names' distinctive parts.

The law-firm demo is given client names and the evidence a firm really has: a Windows-1252
export, a UTF-16 export, a DOCX memo, XLSX workbooks (shared and inline strings), a UTF-8
memo with one stray byte, a PDF and a picture. No client or matter name, full or its
distinctive part, in any case, may reach the package; what cannot be rewritten is withheld
and listed with its original's sha256; each rendition counts its replacements.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import hashlib
import io
import json
import re
import shutil
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
import xlsxwriter

from auditpack.errors import IntegrityError
from auditpack.evidence.collect import collect
from auditpack.evidence.store import EvidenceStore
from auditpack.package.build import BuildResult, build_package
from auditpack.package.bundle.verify import verify_package
from auditpack.package.bundle.zipfix import zip_time
from auditpack.package.model.office_text import NotRewritable, rewrite_office
from auditpack.package.model.pseudonymise import rewrite, text_codec, write_renditions
from auditpack.package.model.pseudonyms import distinctive_parts, name_table
from auditpack.workspace.loader import load_workspace
from auditpack.workspace.scaffold import demo_path

MATTER_LIST = "matter-list-2026-09-28.csv"
COLLECTED_AT = dt.datetime(2026, 9, 30, 6, 0, tzinfo=dt.timezone.utc)
WHEN = dt.datetime(2026, 9, 30, tzinfo=dt.timezone.utc)
CLIENTS = {"20495": "Acme Holdings LLC", "20979": "Brightwater Logistics Inc.",
           "21205": "Halvorsen Maritime plc"}
GENERIC = re.compile(r"^(project|the)\s+", re.I)
SUFFIX = re.compile(r",?\s+(llc|inc\.?|plc)$", re.I)


# ---- the evidence a law firm has ---------------------------------------------------------------


def docx_memo() -> bytes:
    """A memo made with python-docx: names in the body, split over runs, in a table, the
    header, the footer and the document's title."""
    document = docx.Document()
    document.core_properties.title = "Proj. Fennel memo"
    document.core_properties.subject = "ACME HOLDINGS"
    document.add_heading("Project Quartz: status", level=1)
    split = document.add_paragraph("Update on ")
    split.add_run("Project ").bold = True
    split.add_run("Tamarack").italic = True
    split.add_run(" for Acme Holdings LLC & partners.")
    document.add_paragraph("Fennel is on hold. Proj. Fennel budget. Brightwater Logistics "
                           "asked about project-nightjar.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Halvorsen Maritime"
    table.cell(0, 1).text = "Vireo"
    section = document.sections[0]
    section.header.paragraphs[0].text = "Privileged: Acme Holdings LLC / Project Fennel"
    section.footer.paragraphs[0].text = "Halvorsen Maritime plc - Quartz"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_openpyxl() -> bytes:
    """A workbook made with openpyxl: a sheet named after a matter, names in cells."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Fennel"
    sheet.append(["Client", "Matter", "Note"])
    sheet.append(["Acme Holdings LLC", "Project Fennel", "Proj. Fennel budget."])
    sheet.append(["brightwater logistics", "Project Vireo", "Tamarack is closed"])
    book.properties.title = "Project Quartz billing"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_inline() -> bytes:
    """A workbook made with XlsxWriter in constant-memory mode (inline strings)."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"constant_memory": True})
    sheet = book.add_worksheet("Quartz")
    sheet.write_row(0, 0, ["Halvorsen Maritime plc", "Project Nightjar", "Quartz on hold"])
    book.close()
    return out.getvalue()


EXTRA: dict[str, bytes] = {
    "exports/billing-export-cp1252.csv":
        "Client,Matter,Note\r\nAcme Holdings LLC,20495-008,Fennel is on hold \u2013 caf\u00e9\r\n"
        "Brightwater Logistics,20979-016,PROJECT VIREO \u00a3 budget\r\n".encode("cp1252"),
    "exports/intake-export-utf16.csv":
        codecs.BOM_UTF16_LE + "Matter,Client\r\nProject Tamarack,acme holdings\r\n"
        .encode("utf-16-le"),
    "exports/partner-memo.docx": docx_memo(),
    "exports/billing-workbook.xlsx": xlsx_openpyxl(),
    "exports/wip-report.xlsx": xlsx_inline(),
    "exports/matter-memo.md":
        "# Memo \u2014 Fennel\n\nFennel is on hold.\nProj. Fennel budget.".encode()
        + b"\xff" + "\nClient: ACME HOLDINGS (Acme Holdings LLC); Nightjar.\n".encode(),
    "exports/engagement-letter.pdf":
        b"%PDF-1.7\n1 0 obj<<>>stream\nBT (Project Fennel for Acme Holdings LLC) Tj ET\n"
        b"\x00\x01\x02\x03endstream\n%%EOF\n",
    "exports/whiteboard.png":
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + b"Project Quartz" + b"\x00" * 16,
}
WITHHELD = ("exports/engagement-letter.pdf", "exports/whiteboard.png")


def sources(paths: list[str]) -> str:
    """The auditpack.yaml lines that collect the extra files (as access-review evidence)."""
    return "".join(f"    - id: extra-{i}\n      collector: file\n      kind: access_review\n"
                   f"      path: {p}\n      supplied_by: cw\n      as_of: 2026-09-21\n"
                   for i, p in enumerate(paths))


def law_firm(root: Path) -> set[str]:
    """Copy the demo, give its matters client names, add the extra evidence; return every
    client and matter name."""
    shutil.copytree(demo_path("law-firm"), root)
    path = root / "exports" / MATTER_LIST
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.DictWriter(handle, ["Client", *rows[0]])
        out.writeheader()
        for r in rows:
            out.writerow({"Client": CLIENTS.get(r["Client Number"], r["Client Number"]), **r})
    for rel, data in EXTRA.items():
        (root / rel).write_bytes(data)
    config = root / "auditpack.yaml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("evidence:\n  sources:\n",
                                   "evidence:\n  sources:\n" + sources(list(EXTRA)), 1),
                      encoding="utf-8")
    with EvidenceStore.open(root) as store:
        collect(load_workspace(root), store, now=COLLECTED_AT)
    return {r["Matter Name"] for r in rows} | set(CLIENTS.values())


def secrets(names: set[str]) -> set[str]:
    """Every name and its distinctive part: without a generic leading word or a legal
    suffix, when four letters or more (the rule pseudonyms.py documents)."""
    out = set(names)
    for name in names:
        core = SUFFIX.sub("", GENERIC.sub("", name))
        if len(core) >= 4:
            out.add(core)
    return out


def texts(name: str, data: bytes) -> Iterator[tuple[str, str]]:
    """Yield a member's text decoded leniently, opening DOCX and XLSX containers too."""
    if data.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(data)) as inner:
            for part in inner.infolist():
                yield from texts(f"{name}!{part.filename}", inner.read(part))
        return
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        yield name, data.decode("utf-16", "replace")
    yield name, data.decode("latin-1")
    yield name, data.decode("utf-8", "replace")


def leaks(zip_path: Path, words: set[str]) -> dict[str, set[str]]:
    """Return, per member, the names found in it as whole words, in any case."""
    pattern = re.compile(r"(?<![a-z0-9])(" + "|".join(
        re.escape(w).replace(r"\ ", r"[\s_\-]+") for w in sorted(words, key=len, reverse=True))
        + r")(?![a-z0-9])", re.I)
    found: dict[str, set[str]] = {}
    with zipfile.ZipFile(zip_path) as archive:
        for info in archive.infolist():
            for member, text in texts(info.filename, archive.read(info)):
                hits = {m.group(1).lower() for m in pattern.finditer(text)}
                if hits:
                    found.setdefault(member, set()).update(hits)
    return found


@pytest.fixture(scope="module")
def firm(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str]]:
    root = tmp_path_factory.mktemp("firm") / "ws"
    return root, law_firm(root)


@pytest.fixture(scope="module")
def hidden(firm: tuple[Path, set[str]], tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build_package(firm[0], tmp_path_factory.mktemp("out"), use_cache=False)


def manifest_files(result: BuildResult) -> dict[str, dict[str, Any]]:
    """Return manifest.json's evidence files by their original name."""
    with zipfile.ZipFile(result.zip_path) as archive:
        body = json.loads(archive.read(f"{result.zip_path.stem}/manifest.json"))
    by_id = {e.evidence_id: e.original_name for e in result.model.evidence}
    return {by_id[f["evidence_id"]]: f for f in body["files"] if f.get("evidence_id")}


def member(result: BuildResult, path: str) -> bytes:
    with zipfile.ZipFile(result.zip_path) as archive:
        return archive.read(f"{result.zip_path.stem}/{path}")


# ---- the package -------------------------------------------------------------------------------


def test_every_extra_file_is_in_the_package(hidden: BuildResult) -> None:
    files = manifest_files(hidden)
    assert {Path(p).name for p in EXTRA} <= set(files)


def test_no_name_or_distinctive_part_anywhere_in_the_zip(hidden: BuildResult,
                                                        firm: tuple[Path, set[str]]) -> None:
    words = secrets(firm[1])
    assert {"Fennel", "Acme Holdings", "Quartz", "Halvorsen Maritime"} <= words
    assert "Oak" not in words   # three letters: too short to replace on its own
    assert leaks(hidden.zip_path, words) == {}
    assert verify_package(hidden.zip_path) == []


def test_renditions_keep_their_encoding_and_count_replacements(hidden: BuildResult) -> None:
    files = manifest_files(hidden)
    cp1252 = files["billing-export-cp1252.csv"]
    assert cp1252["path"].endswith(".pseudonymised.csv")
    text = member(hidden, cp1252["path"]).decode("cp1252")   # still Windows-1252
    assert "is on hold \u2013 caf\u00e9" in text and "\u00a3 budget" in text
    assert re.search(r"Client C-\d{4},20495-008,Matter M-\d{4} is on hold", text)
    assert cp1252["rendition"]["replaced"] == 4
    assert sum(cp1252["rendition"]["replacements"].values()) == 4
    utf16 = member(hidden, files["intake-export-utf16.csv"]["path"])
    assert utf16.startswith(codecs.BOM_UTF16_LE) and "Matter M-" in utf16.decode("utf-16")
    memo = files["matter-memo.md"]
    body = member(hidden, memo["path"])
    assert b"budget.\xff\n" in body   # the stray byte is carried through as it was
    assert body.decode("utf-8", "replace").startswith("# Memo \u2014 Matter M-")
    assert memo["rendition"]["replaced"] == 6
    assert all(re.fullmatch(r"(Matter M|Client C)-\d{4}", k)
               for k in memo["rendition"]["replacements"])


def test_docx_and_xlsx_are_rewritten_and_still_open(hidden: BuildResult) -> None:
    files = manifest_files(hidden)
    memo = files["partner-memo.docx"]
    assert memo["path"].endswith(".pseudonymised.docx") and memo["rendition"]["replaced"] >= 12
    document = docx.Document(io.BytesIO(member(hidden, memo["path"])))
    paragraphs = [p.text for p in document.paragraphs]
    assert re.fullmatch(r"Update on Matter M-\d{4} for Client C-\d{4} & partners\.", paragraphs[1])
    assert paragraphs[2].startswith("Matter M-") and " is on hold. Matter M-" in paragraphs[2]
    assert document.core_properties.title.startswith("Matter M-")
    assert document.sections[0].header.paragraphs[0].text.startswith("Privileged: Client C-")
    with zipfile.ZipFile(io.BytesIO(member(hidden, memo["path"]))) as inner:
        assert "docProps/thumbnail.jpeg" not in inner.namelist()   # a picture of page one
        assert all(i.date_time == zip_time(hidden.model.built_at) for i in inner.infolist())
    book = openpyxl.load_workbook(io.BytesIO(member(hidden, files["billing-workbook.xlsx"]["path"])))
    assert re.fullmatch(r"Matter M-\d{4}", book.sheetnames[0])
    rows = list(book.active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert rows[0] == ("Client", "Matter", "Note") and rows[1][0].startswith("Client C-")
    inline = openpyxl.load_workbook(io.BytesIO(member(hidden, files["wip-report.xlsx"]["path"])))
    cells = next(inline.active.iter_rows(values_only=True))  # type: ignore[union-attr]
    assert cells[0].startswith("Client C-") and cells[2].endswith(" on hold")


def test_pdf_and_picture_are_withheld_with_their_sha256(hidden: BuildResult,
                                                        firm: tuple[Path, set[str]]) -> None:
    files = manifest_files(hidden)
    for rel in WITHHELD:
        entry = files[Path(rel).name]
        original = hashlib.sha256((firm[0] / rel).read_bytes()).hexdigest()
        assert entry["rendition"]["kind"] == "withheld"
        assert entry["rendition"]["original_sha256"] == original
        assert entry["path"].endswith(".withheld.txt")
        note = member(hidden, entry["path"]).decode()
        assert original in note and "--reveal-names" in note and "PDF" in note
    with zipfile.ZipFile(hidden.zip_path) as archive:
        assert not any(n.endswith((".pdf", ".png")) for n in archive.namelist())


def test_reveal_names_puts_every_file_in_unchanged(firm: tuple[Path, set[str]],
                                                   tmp_path: Path) -> None:
    shown = build_package(firm[0], tmp_path, use_cache=False, reveal_names=True)
    files = manifest_files(shown)
    for rel, data in EXTRA.items():
        entry = files[Path(rel).name]
        assert "rendition" not in entry
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert member(shown, entry["path"]) == data


def test_rebuild_is_byte_identical(firm: tuple[Path, set[str]], hidden: BuildResult,
                                   tmp_path: Path) -> None:
    again = build_package(firm[0], tmp_path, use_cache=False)
    assert again.zip_path.read_bytes() == hidden.zip_path.read_bytes()


def test_a_changed_original_stops_the_build(hidden: BuildResult, tmp_path: Path) -> None:
    """A rendition is made only from the file collected: the original is hashed as it is read."""
    with EvidenceStore.open(tmp_path) as store:
        for data in (b"Fennel is on hold\n", b"%PDF-1.7 Fennel", office({"a.xml": b"<a/>"})):
            sha, size = store.put_stream([data])
            ref = hidden.model.evidence[0].model_copy(update={"sha256": sha, "size": size})
            store.blob_path(sha).chmod(0o644)
            store.blob_path(sha).write_bytes(data + b" Oak")
            model = hidden.model.model_copy(update={"evidence": (ref,)})
            with pytest.raises(IntegrityError, match="is not the file collected"):
                write_renditions(store, model, table_of_two(), tmp_path / "r")


# ---- the pieces --------------------------------------------------------------------------------


def table_of_two() -> Any:
    return name_table([{"matter": "20495-008", "client": "Acme Holdings LLC", "name": "Project Fennel"},
                       {"matter": "20495-009", "client": "Acme Holdings LLC", "name": "Project Oak"},
                       {"matter": "30000-001", "client": "Fennel Foods Inc.", "name": "Harbour"}], {})


def test_distinctive_parts_and_the_words_left_alone() -> None:
    assert distinctive_parts("Project Fennel") == ["Proj. Fennel", "Proj Fennel", "Prj. Fennel",
                                                   "Fennel"]
    assert distinctive_parts("Acme Holdings LLC") == ["Acme Holdings"]
    assert distinctive_parts("Project Oak") == ["Proj. Oak", "Proj Oak", "Prj. Oak"]
    assert distinctive_parts("National Holdings Inc.") == []   # only generic words left
    assert distinctive_parts("The Project") == []
    table = table_of_two()
    text = table.text("Fennel is on hold. Proj. Fennel budget. ACME HOLDINGS; an oak; Proj Oak.")
    assert text == ("Matter M-0001 is on hold. Matter M-0001 budget. Client C-0001; an oak; "
                    "Matter M-0002.")
    # a full name wins over another name's part; a shared part gets no number
    assert table.text("Fennel Foods") == "Client C-0002"
    assert table.view(True).clients == 2 and table.view(True).matters == 3


def test_an_ambiguous_part_gets_no_number() -> None:
    table = name_table([{"matter": "1-1", "name": "Project Fennel"},
                        {"matter": "1-2", "name": "Deal Fennel"}], {})
    assert table.text("Fennel") == "Matter M-?"
    assert table.text("Project Fennel and Deal Fennel") == "Matter M-0001 and Matter M-0002"


@pytest.mark.parametrize("data, codec", [
    (b"a,b\r\nFennel,1\r\n", "utf-8"),
    (codecs.BOM_UTF8 + b"Fennel\n", "utf-8"),
    (codecs.BOM_UTF16_BE + "Fennel".encode("utf-16-be"), "utf-16-be"),
    ("caf\u00e9 Fennel \u2013".encode("cp1252"), "cp1252"),
    ("caf\u00e9 Fennel".encode() + b"\xff", "utf-8"),
    (b"%PDF-1.4 Fennel", None), (b"\x89PNG\r\n\x1a\n", None), (b"Fennel\x00\x01\x02", None),
])
def test_text_codec(tmp_path: Path, data: bytes, codec: str | None) -> None:
    path = tmp_path / "f"
    path.write_bytes(data)
    assert text_codec(path) == codec


@pytest.mark.parametrize("codec", ["utf-8", "cp1252", "utf-16-le"])
def test_rewrite_changes_only_the_names(codec: str) -> None:
    prefix = codecs.BOM_UTF16_LE if codec == "utf-16-le" else b""
    original = prefix + "caf\u00e9 \u2013 Fennel \u00a3\n".encode(codec)
    if codec == "utf-8":
        original += b"\x81\xff stray"
    out = io.BytesIO()
    result = rewrite(io.BytesIO(original), out, table_of_two(), codec)
    assert result is not None and result.counts == Counter({"Matter M-0001": 1})
    assert out.getvalue() == original.replace("Fennel".encode(codec), "Matter M-0001".encode(codec))


def office(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        for name, body in parts.items():
            archive.writestr(name, body)
    return out.getvalue()


def test_office_rewrite_keeps_the_markup_and_is_deterministic() -> None:
    xml = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="w">'
           b'<w:p><w:r><w:t xml:space="preserve">Proj</w:t></w:r><w:r><w:t>. Fen</w:t></w:r>'
           b'<w:r><w:t>nel &amp; Acme Holdings</w:t></w:r></w:p>'
           b'<w:p w:tip="Fennel"><w:t>Oak</w:t></w:p></w:document>')
    data = office({"word/document.xml": xml})
    counts: Counter[str]
    first, counts = rewrite_office(data, table_of_two(), WHEN)
    again, _ = rewrite_office(data, table_of_two(), WHEN)
    assert first == again and counts == Counter({"Matter M-0001": 2, "Client C-0001": 1})
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        body = archive.read("word/document.xml")
    assert body == (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                    b'<w:document xmlns:w="w"><w:p><w:r><w:t xml:space="preserve">Matter M-0001'
                    b'</w:t></w:r><w:r><w:t></w:t></w:r><w:r><w:t> &amp; Client C-0001</w:t>'
                    b'</w:r></w:p><w:p w:tip="Matter M-0001"><w:t>Oak</w:t></w:p></w:document>')


def test_office_text_breaks_end_a_word() -> None:
    """A tab, a line break, deleted text or a phonetic guide next to a name does not hide it."""
    xml = (b'<w:document xmlns:w="w"><w:p><w:r><w:t>Fennel</w:t><w:tab/><w:t>Budget</w:t>'
           b'<w:br/><w:t>Project</w:t><w:tab/><w:t>Fennel</w:t></w:r><w:del><w:r>'
           b'<w:delText>Fennel</w:delText></w:r></w:del><w:r><w:t>Oak</w:t></w:r></w:p>'
           b'<si><t>Fennel</t><rPh><t>\xe3\x83\x95</t></rPh></si></w:document>')
    done, counts = rewrite_office(office({"word/document.xml": xml}), table_of_two(), WHEN)
    with zipfile.ZipFile(io.BytesIO(done)) as archive:
        body = archive.read("word/document.xml").decode()
    assert "Fennel" not in body and counts == Counter({"Matter M-0001": 4})
    assert "<w:tab/><w:t>Budget</w:t><w:br/>" in body and "<w:t>Oak</w:t>" in body


def test_printer_settings_and_fonts_are_kept_as_they_are() -> None:
    parts = {"xl/sharedStrings.xml": b"<sst><si><t>Fennel</t></si></sst>",
             "xl/printerSettings/printerSettings1.bin": b"\x00\x01HP LaserJet",
             "word/fonts/font1.odttf": b"\x00\x01\x02"}
    done, counts = rewrite_office(office(parts), table_of_two(), WHEN)
    with zipfile.ZipFile(io.BytesIO(done)) as archive:
        assert archive.read("xl/printerSettings/printerSettings1.bin") == b"\x00\x01HP LaserJet"
        assert archive.read("word/fonts/font1.odttf") == b"\x00\x01\x02"
        assert archive.read("xl/sharedStrings.xml") == b"<sst><si><t>Matter M-0001</t></si></sst>"
    assert counts == Counter({"Matter M-0001": 1})


@pytest.mark.parametrize("parts, reason", [
    ({"word/document.xml": b"<d>Fennel</d>", "word/media/image1.png": b"\x89PNG"},
     "it embeds word/media/image1.png"),
    ({"word/document.xml": b"<d>Fennel"}, "not well-formed XML"),
    ({"word/document.xml": b'<!DOCTYPE d [<!ENTITY a "Fennel">]><d>&a;</d>'}, "DOCTYPE"),
])
def test_office_files_that_cannot_be_rewritten(parts: dict[str, bytes], reason: str) -> None:
    with pytest.raises(NotRewritable, match=re.escape(reason)):
        rewrite_office(office(parts), table_of_two(), WHEN)
