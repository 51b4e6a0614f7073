"""Verifying a package: what it establishes (integrity, authenticity), exit codes, bad input.

The packages here are made by hand in the format `auditpack build` writes (a root folder,
manifest.json, SHA256SUMS, manifest.pub and manifest.sig when signed), so each case is
small and exact; tests/package/test_build.py verifies real builds.
"""

from __future__ import annotations

import hashlib
import json
import os
import warnings
import zipfile
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from auditpack.cli import cli
from auditpack.errors import IntegrityError
from auditpack.package.bundle import signing
from auditpack.package.bundle.manifest import verify_text
from auditpack.package.bundle.verify import check_package, verify_package
from auditpack.package.model.views import PackageModel

ROOT = "acme-fcu-2026-09-30"
FILES = {"VERIFY.txt": b"how to verify\n", "evidence/E-0001_mfa.csv": b"user,mfa\nana,true\n"}
README = Path(__file__).resolve().parents[2] / "README.md"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_zip(path: Path, entries: list[tuple[str, bytes]], stored: bool = False) -> Path:
    """Write entries as given: duplicate and odd names included, on purpose."""
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with warnings.catch_warnings(), zipfile.ZipFile(path, "w", method) as archive:
        warnings.simplefilter("ignore")  # zipfile warns about the duplicates we write
        for name, data in entries:
            archive.writestr(name, data)
    return path


def entries(files: dict[str, bytes] | None = None, key: Path | None = None,
            manifest: bytes | None = None) -> list[tuple[str, bytes]]:
    """A package's members as `auditpack build` lays them out, signed with `key` if given."""
    content = dict(FILES if files is None else files)
    signature = None
    if key is not None:
        private, public = signing.load_private(key)
        content["manifest.pub"] = public
        signature = {"algorithm": "Ed25519", "file": "manifest.sig", "public_key": "manifest.pub",
                     "public_key_fingerprint": signing.fingerprint(public)}
    rows = [{"path": p, "size": len(b), "sha256": sha(b)} for p, b in sorted(content.items())]
    body = manifest if manifest is not None else json.dumps(
        {"package": ROOT, "signature": signature, "files": rows}, indent=2).encode()
    content["manifest.json"] = body
    if key is not None:
        content["manifest.sig"] = signing.sign(private, body)
    content["SHA256SUMS"] = "".join(f"{sha(b)}  {p}\n" for p, b in sorted(content.items())).encode()
    return [(f"{ROOT}/{p}", b) for p, b in sorted(content.items())]


def make(path: Path, **kwargs: Any) -> Path:
    return write_zip(path, entries(**kwargs))


@pytest.fixture
def keys(tmp_path: Path) -> dict[str, Path]:
    """The organisation's key pair and an attacker's."""
    org_key, org_pub = signing.generate(tmp_path / "org")
    bad_key, bad_pub = signing.generate(tmp_path / "attacker")
    return {"org.key": org_key, "org.pub": org_pub, "bad.key": bad_key, "bad.pub": bad_pub}


def run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert not (result.exception and not isinstance(result.exception, SystemExit)), result.output
    return result.exit_code, result.stdout, result.stderr


def fp(pub: Path) -> str:
    return signing.fingerprint(pub.read_bytes())


# -- case 2: what verify establishes ---------------------------------------------------------

def test_an_unsigned_package_is_intact_but_not_authentic(tmp_path: Path) -> None:
    pkg = make(tmp_path / "p.zip")
    result = check_package(pkg)
    assert result.problems == [] and result.intact and not result.authentic
    assert not result.signed and result.fingerprint is None
    code, out, _ = run("verify", pkg)
    assert code == 3
    assert "integrity" in out and "authenticity is not established" in out
    assert "not signed" in out and "signature holds" not in out


def test_a_signed_package_without_a_pin_names_the_key_it_was_signed_with(
        tmp_path: Path, keys: dict[str, Path]) -> None:
    pkg = make(tmp_path / "p.zip", key=keys["org.key"])
    result = check_package(pkg)
    assert result.intact and result.signed and not result.pinned and not result.authentic
    assert result.fingerprint == fp(keys["org.pub"])
    code, out, _ = run("verify", pkg)
    assert code == 3
    assert f"signed by a key you have not pinned: fingerprint {fp(keys['org.pub'])}" in out
    assert "authenticity is not established" in out and "--fingerprint" in out


def test_a_pinned_key_or_fingerprint_gives_full_success(tmp_path: Path,
                                                         keys: dict[str, Path]) -> None:
    pkg = make(tmp_path / "p.zip", key=keys["org.key"])
    assert check_package(pkg, keys["org.pub"]).authentic
    bare = fp(keys["org.pub"]).replace(":", "").upper()
    for pin in (["--key", keys["org.pub"]], ["--fingerprint", fp(keys["org.pub"])],
                ["--fingerprint", bare]):
        code, out, err = run("verify", pkg, *pin)
        assert code == 0, err
        assert "signature holds" in out and fp(keys["org.pub"]) in out and "authentic" in out


def test_a_package_re_signed_with_another_key_fails_against_the_pinned_one(
        tmp_path: Path, keys: dict[str, Path]) -> None:
    genuine = make(tmp_path / "genuine.zip", key=keys["org.key"])
    forged = make(tmp_path / "forged.zip", key=keys["bad.key"],
                  files={**FILES, "evidence/E-0001_mfa.csv": b"user,mfa\nana,false\n"})
    assert check_package(genuine, keys["org.pub"]).authentic
    # without a pin the forgery is intact, but nothing says it is the organisation's
    code, out, _ = run("verify", forged)
    assert code == 3 and fp(keys["bad.pub"]) in out and "signature holds" not in out
    # pinned, it fails, naming both keys
    problems = verify_package(forged, keys["org.pub"])
    text = " ".join(str(p) for p in problems)
    assert fp(keys["bad.pub"]) in text and fp(keys["org.pub"]) in text
    for pin in (["--key", keys["org.pub"]], ["--fingerprint", fp(keys["org.pub"])]):
        code, _, err = run("verify", forged, *pin)
        assert code == 2 and "not the key you pinned" in err and fp(keys["bad.pub"]) in err


def test_a_pinned_verify_refuses_a_package_whose_signature_was_removed(
        tmp_path: Path, keys: dict[str, Path]) -> None:
    stripped = make(tmp_path / "stripped.zip")  # the same content, never signed
    code, _, err = run("verify", stripped, "--key", keys["org.pub"])
    assert code == 2 and "not signed" in err
    code, _, err = run("verify", stripped, "--fingerprint", fp(keys["org.pub"]))
    assert code == 2 and "not signed" in err


def test_key_and_fingerprint_must_agree(tmp_path: Path, keys: dict[str, Path]) -> None:
    pkg = make(tmp_path / "p.zip", key=keys["org.key"])
    code, _, err = run("verify", pkg, "--key", keys["org.pub"],
                       "--fingerprint", fp(keys["bad.pub"]))
    assert code == 2 and "--fingerprint" in err
    code, _, err = run("verify", pkg, "--fingerprint", "12ab:nothex")
    assert code == 2 and "not a key fingerprint" in err


def test_exit_codes_are_documented(package_model: PackageModel) -> None:
    code, out, _ = run("verify", "--help")
    assert code == 0 and "--fingerprint" in out
    assert all(f"{n} " in out for n in ("0", "2", "3")) and "exit codes" in out.lower()
    readme = README.read_text(encoding="utf-8")
    assert "--fingerprint" in readme and "intact but its authenticity is not established" in readme
    text = verify_text(package_model)
    assert "--fingerprint" in text and "exit code 3" in text and "exit code 0" in text


# -- case 7: duplicate and non-normalised names ----------------------------------------------

def test_duplicate_entry_names_are_refused(tmp_path: Path) -> None:
    evil = (f"{ROOT}/evidence/E-0001_mfa.csv", b"user,mfa\nana,false\n")
    # unzip tools extract the first copy; the manifest and the sums describe the second
    cases = {"exact": [evil, *entries()],
             "case": entries(files={**FILES, "evidence/E-0001_MFA.csv": evil[1]})}
    for label, members in cases.items():
        pkg = write_zip(tmp_path / f"{label}.zip", members)
        with pytest.raises(IntegrityError, match="duplicate"):
            verify_package(pkg)
        code, _, err = run("verify", pkg)
        assert code == 2 and "E-0001_" in err and "duplicate" in err, label


@pytest.mark.parametrize("name", ["/etc/cron.d/x", f"{ROOT}/../x", f"{ROOT}/evidence\\x.csv",
                                  f"{ROOT}/./x", f"{ROOT}/evidence//x", "other/x", "stray.txt",
                                  "C:/x", f"{ROOT}/evidence/\x1b[31mred.csv"])
def test_non_normalised_names_are_refused(tmp_path: Path, name: str) -> None:
    if name.startswith(f"{ROOT}/"):  # listed in the manifest and the sums: only the name is wrong
        members = entries(files={**FILES, name.split("/", 1)[1]: b"x"})
    else:
        members = [*entries(), (name, b"x")]
    pkg = write_zip(tmp_path / "p.zip", members)
    code, _, err = run("verify", pkg)
    assert code == 2 and "entry name" in err
    assert name.replace("\x1b", "\\x1b") in err, err


def test_folder_entries_are_fine(tmp_path: Path) -> None:
    pkg = write_zip(tmp_path / "p.zip", [(f"{ROOT}/", b""), (f"{ROOT}/evidence/", b""), *entries()])
    code, out, err = run("verify", pkg)
    assert code == 3 and err == "" and "intact" in out


# -- case 12: bad input is exit 2, never a traceback -----------------------------------------

def corrupt(path: Path, needle: bytes) -> Path:
    """Flip a byte of a stored entry's data in place: the ZIP stays readable, the entry does not."""
    raw = bytearray(path.read_bytes())
    at = raw.index(needle)
    raw[at] ^= 0xFF
    path.write_bytes(bytes(raw))
    return path


def test_unreadable_packages_exit_2_naming_the_problem(tmp_path: Path) -> None:
    bad_json = entries(manifest=b"{not json")
    cases: dict[str, tuple[Path, str]] = {
        "one top-level file": (write_zip(tmp_path / "a.zip", [("manifest.json", b"{}")]),
                               "top-level folder"),
        "bad manifest JSON": (write_zip(tmp_path / "b.zip", bad_json), "manifest.json"),
        "manifest not an object": (make(tmp_path / "c.zip", manifest=b"[1, 2]"), "manifest.json"),
        "manifest rows wrong": (make(tmp_path / "c2.zip", manifest=b'{"files": [{"path": 3}]}'),
                                "manifest.json"),
        "no manifest": (write_zip(tmp_path / "d.zip", [e for e in entries()
                                                       if not e[0].endswith("manifest.json")]),
                        "manifest.json is missing"),
        "no sums": (write_zip(tmp_path / "e.zip", [e for e in entries()
                                                   if not e[0].endswith("SHA256SUMS")]),
                    "SHA256SUMS is missing"),
        "sums not UTF-8": (write_zip(tmp_path / "f.zip", [
            (n, b"\xff\xfe garbage \x81\n" if n.endswith("SHA256SUMS") else d)
            for n, d in entries()]), "SHA256SUMS"),
        "bad CRC": (corrupt(write_zip(tmp_path / "g.zip", entries(), stored=True), b"ana,true"),
                    "E-0001_mfa.csv"),
        "not a ZIP": (tmp_path / "h.zip", "cannot open the package"),
        "empty": (tmp_path / "i.zip", "cannot open the package"),
    }
    (tmp_path / "h.zip").write_text("hello, examiner\n")
    (tmp_path / "i.zip").write_bytes(b"")
    for label, (pkg, expected) in cases.items():
        code, _, err = run("verify", pkg)
        assert code == 2 and expected in err, (label, err)


def test_a_corrupt_deflated_entry_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    pkg = write_zip(tmp_path / "p.zip", entries(files={**FILES, "evidence/E-0002_big.txt":
                                                       b"0123456789abcdef" * 4096}))
    with zipfile.ZipFile(pkg) as archive:
        info = archive.getinfo(f"{ROOT}/evidence/E-0002_big.txt")
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    raw = bytearray(pkg.read_bytes())
    raw[start + 4:start + 12] = b"\xff" * 8
    pkg.write_bytes(bytes(raw))
    problems = " ".join(str(p) for p in verify_package(pkg))
    assert "E-0002_big.txt" in problems and "cannot be read" in problems


def test_key_files_that_are_missing_or_not_ed25519_exit_2(tmp_path: Path,
                                                          keys: dict[str, Path]) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, rsa

    pkg = make(tmp_path / "p.zip", key=keys["org.key"])
    pem = serialization.Encoding.PEM
    spki = serialization.PublicFormat.SubjectPublicKeyInfo
    others = {"rsa.pub": rsa.generate_private_key(65537, 2048).public_key(),
              "ec.pub": ec.generate_private_key(ec.SECP256R1()).public_key()}
    for name, public in others.items():
        (tmp_path / name).write_bytes(public.public_bytes(pem, spki))
        code, _, err = run("verify", pkg, "--key", tmp_path / name)
        assert code == 2 and "not an Ed25519 public key" in err and name in err
    (tmp_path / "junk.pub").write_text("not a key\n")
    code, _, err = run("verify", pkg, "--key", tmp_path / "junk.pub")
    assert code == 2 and "junk.pub" in err
    code, _, err = run("verify", pkg, "--key", tmp_path / "missing.pub")
    assert code == 2 and "missing.pub" in err
    with pytest.raises(IntegrityError, match="cannot read"):
        verify_package(pkg, tmp_path / "missing.pub")
    # a package carrying an RSA key of its own: a problem, not a traceback
    rsa_pub = (tmp_path / "rsa.pub").read_bytes()
    swapped = write_zip(tmp_path / "s.zip", [(n, rsa_pub if n.endswith("manifest.pub") else d)
                                             for n, d in entries(key=keys["org.key"])])
    code, _, err = run("verify", swapped)
    assert code == 2 and "manifest.pub" in err and "not an Ed25519 public key" in err


def test_keygen_into_a_missing_folder_says_so(tmp_path: Path) -> None:
    code, _, err = run("keygen", tmp_path / "nowhere" / "signer")
    assert code == 2 and "does not exist" in err and "nowhere" in err
    assert not (tmp_path / "nowhere").exists()


# -- case 13: keygen's names and modes -------------------------------------------------------

def test_keygen_keeps_dots_in_the_prefix(tmp_path: Path) -> None:
    code, out, err = run("keygen", tmp_path / "my.org.signing")
    assert code == 0, err
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == ["my.org.signing.key", "my.org.signing.pub"]
    assert f"public key:  {tmp_path / 'my.org.signing.pub'}" in out
    assert fp(tmp_path / "my.org.signing.pub") in out
    private, public = signing.generate(tmp_path / "acme.v2.pub")  # PREFIX.pub names the pair too
    assert (private.name, public.name) == ("acme.v2.key", "acme.v2.pub")


def test_keys_are_not_world_writable_under_umask_000(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        private, public = signing.generate(tmp_path / "signer")
    finally:
        os.umask(old)
    assert private.stat().st_mode & 0o777 == 0o600
    assert public.stat().st_mode & 0o777 == 0o644
