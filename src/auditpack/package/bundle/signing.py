"""Ed25519 signatures over the manifest (optional: `pip install auditpack[sign]`)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from ...errors import IntegrityError

KEYGEN_HINT = "use the organisation's public key, made by `auditpack keygen` (PREFIX.pub)"


def _crypto() -> Any:
    """Import cryptography's Ed25519 support, or say how to get it."""
    try:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import ed25519
    except ImportError:
        raise IntegrityError("signing needs the 'cryptography' package", "--sign/--key",
                             "pip install 'auditpack[sign]'") from None
    return serialization, ed25519


def load_public(public_pem: bytes, where: str) -> Any:
    """Load an Ed25519 public key from PEM; refuse anything else, naming where it came from."""
    serialization, ed25519 = _crypto()
    from cryptography.exceptions import UnsupportedAlgorithm

    try:
        key = serialization.load_pem_public_key(public_pem)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise IntegrityError("not a PEM public key", where, KEYGEN_HINT) from None
    if not isinstance(key, ed25519.Ed25519PublicKey):
        raise IntegrityError(f"not an Ed25519 public key ({type(key).__name__})", where,
                             KEYGEN_HINT)
    return key


def read_public(path: Path) -> bytes:
    """Read a public key file and return its PEM, once it is known to be an Ed25519 key."""
    try:
        pem = path.read_bytes()
    except OSError as exc:
        raise IntegrityError(f"cannot read the public key: {exc.strerror or exc}", str(path),
                             "check the path of the key the organisation gave you") from None
    load_public(pem, str(path))
    return pem


def fingerprint(public_pem: bytes, where: str = "public key") -> str:
    """Return the SHA-256 fingerprint of a public key's raw bytes, in groups of four."""
    serialization, _ = _crypto()
    key = load_public(public_pem, where)
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return _grouped(hashlib.sha256(raw).hexdigest())


def _grouped(digits: str) -> str:
    """Write 64 hex digits as `fingerprint` prints them: groups of four joined by colons."""
    return ":".join(digits[i:i + 4] for i in range(0, 64, 4))


def parse_fingerprint(text: str) -> str:
    """Return a fingerprint as `fingerprint` prints it; accept it without colons, in any case."""
    digits = "".join(text.split()).replace(":", "").lower()
    if len(digits) != 64 or any(c not in "0123456789abcdef" for c in digits):
        raise IntegrityError(f"'{text}' is not a key fingerprint", "--fingerprint",
                             "give the 64 hex digits `auditpack keygen` printed "
                             "(e.g. 1a2b:3c4d:…; colons optional)")
    return _grouped(digits)


def key_paths(prefix: Path) -> tuple[Path, Path]:
    """Return PREFIX.key and PREFIX.pub (a trailing .key or .pub is PREFIX's own suffix)."""
    name = prefix.name
    if name.endswith((".key", ".pub")):
        name = name[:-4]
    if not name:
        raise IntegrityError("PREFIX has no file name", str(prefix), "e.g. keys/acme-signing")
    # not with_suffix: a name with dots (my.org.signing) keeps every part
    return prefix.with_name(f"{name}.key"), prefix.with_name(f"{name}.pub")


def generate(prefix: Path) -> tuple[Path, Path]:
    """Write PREFIX.key (private, mode 600) and PREFIX.pub (644); refuse to overwrite either."""
    serialization, ed25519 = _crypto()
    private, public = key_paths(prefix)
    if not private.parent.is_dir():
        raise IntegrityError("the folder does not exist", str(private.parent),
                             "create it first, or choose a PREFIX in an existing folder")
    for path in (private, public):
        if path.exists() or path.is_symlink():
            raise IntegrityError("key file already exists", str(path),
                                 "choose another name; keys are never overwritten")
    key = ed25519.Ed25519PrivateKey.generate()
    _write_new(private, key.private_bytes(serialization.Encoding.PEM,
                                          serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()), 0o600)
    try:
        _write_new(public, key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo), 0o644)
    except IntegrityError:
        private.unlink()  # never leave half a key pair
        raise
    return private, public


def _write_new(path: Path, data: bytes, mode: int) -> None:
    """Create a file that must not exist yet, with an explicit mode (whatever the umask)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    except OSError as exc:
        raise IntegrityError(f"cannot write the key: {exc.strerror or exc}", str(path),
                             "choose a folder you can write to; keys are never "
                             "overwritten") from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise IntegrityError(f"cannot write the key: {exc.strerror or exc}", str(path),
                             "free some space and run again") from None


def load_private(path: Path) -> tuple[Any, bytes]:
    """Load a private key file; return the key and its public key in PEM."""
    serialization, ed25519 = _crypto()
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise IntegrityError(f"cannot read the signing key: {exc}", str(path),
                             "pass an Ed25519 private key made by `auditpack keygen`") from None
    if not isinstance(key, ed25519.Ed25519PrivateKey):
        raise IntegrityError("not an Ed25519 private key", str(path),
                             "make one with `auditpack keygen`")
    public = key.public_key().public_bytes(serialization.Encoding.PEM,
                                           serialization.PublicFormat.SubjectPublicKeyInfo)
    return key, public


def sign(key: Any, data: bytes) -> bytes:
    """Return the raw 64-byte Ed25519 signature of data."""
    return bytes(key.sign(data))


def verify(public_pem: bytes, data: bytes, signature: bytes, where: str = "public key") -> bool:
    """Tell whether the signature over data is valid for the Ed25519 public key."""
    key = load_public(public_pem, where)
    from cryptography.exceptions import InvalidSignature

    try:
        key.verify(signature, data)
        return True
    except (InvalidSignature, ValueError):
        return False
