"""Ed25519 signatures over the manifest (optional: `pip install auditpack[sign]`)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from ...errors import IntegrityError


def _crypto() -> Any:
    """Import cryptography's Ed25519 support, or say how to get it."""
    try:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import ed25519
    except ImportError:
        raise IntegrityError("signing needs the 'cryptography' package", "--sign/--key",
                             "pip install 'auditpack[sign]'") from None
    return serialization, ed25519


def fingerprint(public_pem: bytes) -> str:
    """Return the SHA-256 fingerprint of a public key's raw bytes, in groups of four."""
    serialization, _ = _crypto()
    key = serialization.load_pem_public_key(public_pem)
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    digest = hashlib.sha256(raw).hexdigest()
    return ":".join(digest[i:i + 4] for i in range(0, 64, 4))


def generate(prefix: Path) -> tuple[Path, Path]:
    """Write PREFIX.key (private, mode 600) and PREFIX.pub; refuse to overwrite either."""
    serialization, ed25519 = _crypto()
    private, public = prefix.with_suffix(".key"), prefix.with_suffix(".pub")
    for path in (private, public):
        if path.exists():
            raise IntegrityError("key file already exists", str(path),
                                 "choose another name; keys are never overwritten")
    key = ed25519.Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    fd = os.open(private, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(pem)
    public.write_bytes(key.public_key().public_bytes(serialization.Encoding.PEM,
                                                     serialization.PublicFormat.SubjectPublicKeyInfo))
    return private, public


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


def verify(public_pem: bytes, data: bytes, signature: bytes) -> bool:
    """Tell whether the signature over data is valid for the public key."""
    serialization, _ = _crypto()
    from cryptography.exceptions import InvalidSignature

    try:
        key = serialization.load_pem_public_key(public_pem)
        key.verify(signature, data)
        return True
    except (InvalidSignature, ValueError):
        return False
