"""A signed-off statement of a fact no system exports ("board report delivered 2026-10-14").

The attester is given by name and role: a collector sees no workspace model, so whether
they are one of the workspace's parties is not checked here.
"""

from __future__ import annotations

import datetime as dt
import json
import mimetypes
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ...errors import EvidenceError
from .base import Artifact, CollectContext, Collector, SourceSpec


class AttestationOptions(BaseModel):
    """What is attested, by whom and when, with an optional signed copy."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    statement: str = Field(min_length=10)
    attested_by_name: str = Field(min_length=1)
    attested_by_role: str = Field(min_length=1)
    attested_on: dt.date
    attachment: str | None = None


class AttestationCollector(Collector):
    """Store the statement as canonical JSON, and its attachment (if any) beside it."""

    name = "attestation"
    version = "1"
    kind = "attestation"
    Options = AttestationOptions

    def collect(self, spec: SourceSpec, options: Any, ctx: CollectContext) -> list[Artifact]:
        """Store the attestation document first, then the attachment derived from it."""
        opts: AttestationOptions = options
        attachment: Artifact | None = None
        params: dict[str, Any] = {"attachment": opts.attachment}
        if opts.attested_on > ctx.as_of:
            # Recorded, not judged: the checks decide what a future-dated attestation means.
            params["note"] = f"attested on {opts.attested_on}, after the as-of date {ctx.as_of}"
        # The attestation is dated by its own date unless the source says otherwise, so an
        # old attestation ages like any other evidence.
        as_of = spec.as_of or opts.attested_on
        if opts.attachment is not None:
            path = ctx.inside(opts.attachment, "attachment")
            if not path.is_file():
                raise EvidenceError("attachment not found (or not a file)", str(path),
                                    "give a file inside the workspace, relative to it")
            sha, size = ctx.store.put_file(path)
            media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            attachment = Artifact(sha, size, self.meta(
                spec, ctx, source_id=f"{spec.id}/attachment", original_name=path.name,
                media_type=media, as_of=as_of, derived_from="@0",
                parameters={"path": opts.attachment}))
        document = {
            "statement": opts.statement,
            "attested_by_name": opts.attested_by_name,
            "attested_by_role": opts.attested_by_role,
            "attested_on": opts.attested_on.isoformat(),
            "source_id": spec.id,
            "attachment_sha256": attachment.sha256 if attachment else None,
        }
        # Canonical (sorted keys, no spaces): the same statement always hashes the same.
        data = json.dumps(document, sort_keys=True, ensure_ascii=False,
                          separators=(",", ":")).encode()
        sha, size = ctx.store.put_stream([data])
        statement = Artifact(sha, size, self.meta(
            spec, ctx, original_name=f"{spec.id}.attestation.json", media_type="application/json",
            as_of=as_of, parameters=params))
        return [statement] if attachment is None else [statement, attachment]
