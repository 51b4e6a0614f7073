"""ZIP exports are inspected before anything reads them: hostile archives are refused."""

from __future__ import annotations

import stat
import struct
import warnings
import zipfile
from pathlib import Path

import pytest

from auditpack.errors import EvidenceError
from auditpack.evidence.collectors.archive import extract_member, safe_members

DEVICES = (b"DeviceId,DeviceName,OSPlatform,HealthStatus,LastSeen\n"
           b"a1f3c9e27b,ws-fin-014.harborpoint.local,Windows11,Active,2026-09-29T22:14:03Z\n"
           b"b7d40e1f55,lt-legal-007.harborpoint.local,Windows11,Inactive,2026-08-02T09:41:57Z\n")


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def refused(path: Path, member: str, why: str, **limits: int) -> EvidenceError:
    with pytest.raises(EvidenceError) as exc:
        safe_members(path, **limits)
    assert exc.value.location is not None and exc.value.location.startswith(str(path))
    assert member in exc.value.message and why in exc.value.message
    return exc.value


def test_a_plain_export_is_listed_and_streamed(tmp_path: Path) -> None:
    path = tmp_path / "defender-export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("exports/", b"")
        archive.writestr("exports/devices.csv", DEVICES)
        archive.writestr("exports/readme.txt", b"Exported 2026-09-30 by svc-audit\n")
        archive.writestr("exports/header-only.csv", b"a,b\n" * 20000)  # repetitive but small
    members = safe_members(path)
    assert [m.filename for m in members] == ["exports/", "exports/devices.csv",
                                             "exports/readme.txt", "exports/header-only.csv"]
    chunks = list(extract_member(path, members[1], chunk=16))
    assert b"".join(chunks) == DEVICES and max(len(c) for c in chunks) <= 16


@pytest.mark.parametrize("name", [
    "../evil.csv", "exports/../../evil.csv", "..\\evil.csv", "/etc/cron.d/evil",
    "C:/Windows/System32/evil.dll", "\\\\fileserver\\share\\evil.csv",
])
def test_escaping_paths_are_refused(tmp_path: Path, name: str) -> None:
    path = make_zip(tmp_path / "export.zip", {"exports/devices.csv": DEVICES, name: b"x"})
    refused(path, name, "absolute path" if ".." not in name else "'..'")


def test_a_symlink_member_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("exports/devices.csv", DEVICES)
        link = zipfile.ZipInfo("exports/passwd")
        link.create_system = 3  # unix, so the mode bits mean what they say
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    refused(path, "exports/passwd", "symbolic link")


def test_an_encrypted_member_is_refused(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "export.zip", {"exports/devices.csv": DEVICES})
    data = bytearray(path.read_bytes())
    # zipfile cannot write encryption: set bit 0 of the flags in both headers instead.
    local, central = data.index(b"PK\x03\x04"), data.index(b"PK\x01\x02")
    data[local + 6] |= 1
    data[central + 8] |= 1
    path.write_bytes(data)
    refused(path, "exports/devices.csv", "encrypted")


def test_too_many_members_are_refused(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "export.zip", {f"exports/part-{i:03}.csv": DEVICES
                                              for i in range(11)})
    assert len(safe_members(path, max_members=11)) == 11
    refused(path, "exports/part-010.csv", "11 members (more than 10)", max_members=10)


def test_a_total_over_the_cap_is_refused(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "export.zip", {f"exports/part-{i}.csv": DEVICES * 10
                                              for i in range(4)})
    refused(path, "exports/part-2.csv", "more than 5,000 bytes", max_total=5000)


def test_duplicate_names_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns, then writes it anyway
        make_zip(path, {"exports/devices.csv": DEVICES})
        with zipfile.ZipFile(path, "a") as archive:
            archive.writestr("exports/devices.csv", b"DeviceId\nforged\n")
    refused(path, "exports/devices.csv", "appears twice")


@pytest.fixture(scope="module")
def gigabyte_of_zeros(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One member unpacking to 1 GiB, written from a stream: ~1 MB on disk, 1 MiB in memory."""
    path = tmp_path_factory.mktemp("bomb") / "devices.zip"
    zeros = bytes(1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("exports/devices.csv", "w", force_zip64=True) as member:
            for _ in range(1024):
                member.write(zeros)
    return path


def test_a_zip_bomb_member_is_refused(gigabyte_of_zeros: Path) -> None:
    assert gigabyte_of_zeros.stat().st_size < 8 << 20
    refused(gigabyte_of_zeros, "exports/devices.csv", "1,073,741,824 bytes")
    refused(gigabyte_of_zeros, "exports/devices.csv", "zip bomb")


def test_a_bomb_spread_over_small_members_is_refused(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "export.zip", {f"exports/part-{i:02}.csv": bytes(512 << 10)
                                              for i in range(40)})
    error = refused(path, "", "zip bomb")
    assert error.location == f"{path} (whole archive)"


def test_something_else_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "devices.zip"
    path.write_bytes(DEVICES)
    with pytest.raises(EvidenceError, match="not a readable ZIP archive"):
        safe_members(path)


def test_a_member_longer_than_its_header_says_is_refused_while_reading(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "export.zip", {"exports/devices.csv": DEVICES})
    data = bytearray(path.read_bytes())
    local, central = data.index(b"PK\x03\x04"), data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, local + 22, 40)  # declared uncompressed size: 40 bytes
    struct.pack_into("<I", data, central + 24, 40)
    path.write_bytes(data)
    (info,) = safe_members(path)
    assert info.file_size == 40
    with pytest.raises(EvidenceError) as exc:
        b"".join(extract_member(path, info, chunk=8))
    assert "exports/devices.csv" in exc.value.message and exc.value.location == str(path)


def test_extract_member_enforces_a_size_cap(tmp_path: Path) -> None:
    path = make_zip(tmp_path / "export.zip", {"exports/devices.csv": DEVICES})
    (info,) = safe_members(path)
    with pytest.raises(EvidenceError, match="more than 100"):
        list(extract_member(path, info, max_size=100))
