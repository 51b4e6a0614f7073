"""Bundling and delivery: manifest and checksums, signature, the deterministic ZIP.

`manifest` (manifest.json, SHA256SUMS, VERIFY.txt), `signing` (Ed25519), `archive` (the
ZIP, every evidence file hashed again on the way in), `zipfix` (fixed entry times for
every ZIP container), `verify` (the examiner's offline check) and `cache` (a finished
package kept under the digest of its inputs).
"""
