"""Recording access reviews in the evidence store and diffing each with the one before (no CLI)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from auditpack.access.history import (
    REVIEW_KIND,
    REVIEW_SOURCE,
    last_review,
    record_review,
    review_and_record,
)
from auditpack.errors import EvidenceError
from auditpack.evidence.checks.base import CheckInput
from auditpack.evidence.model import EvidenceItem, EvidenceMeta
from auditpack.evidence.store import EvidenceStore

AS_OF = dt.date(2026, 9, 30)
NOW = dt.datetime(2026, 9, 30, 12, 0, tzinfo=dt.timezone.utc)
USERS = [{"login": "ALICE", "name": "Alice", "employment_type": "attorney", "status": "active"},
         {"login": "LEFT", "name": "Left", "employment_type": "attorney", "status": "disabled",
          "end_date": "2026-07-31"}]
MATTERS = [{"matter": "1000-001", "privileged": True, "closed": None}]


def entry(principal: str, access: str) -> dict[str, Any]:
    """An ACL record on matter 1000-001 (user entries, the policy allowing them)."""
    return {"workspace_id": "LIB!1000-001", "workspace_name": "1000-001 Project X",
            "principal": principal, "principal_type": "user", "access": access,
            "default_security": "private"}


def stored(store: EvidenceStore, kind: str, records: list[dict[str, Any]]) -> EvidenceItem:
    """Store normalised records of one kind as an evidence item."""
    body = "".join(json.dumps(r) + "\n" for r in records).encode()
    meta = EvidenceMeta(source_id=f"test/{kind}", collector="test", collector_version="1",
                        original_name=f"{kind}.jsonl", media_type="application/x-ndjson",
                        as_of=AS_OF, kind=kind)
    return store.add_bytes(body, meta, NOW)


def review_input(store: EvidenceStore, acl: list[dict[str, Any]]) -> CheckInput:
    """The review's input: the given ACL and the fixed directory, matters, groups and walls."""
    kinds = {"dms_acl": acl, "user_directory": USERS, "group_membership": [],
             "matter_list": MATTERS, "ethical_walls": []}
    items = {kind: [(item, item)] for kind, recs in kinds.items()
             for item in [stored(store, kind, recs)]}
    return CheckInput(store, AS_OF, items, {"allow_direct_grants": True}, "dms_acl")


def test_a_review_is_recorded_once_and_diffed_with_the_one_before(tmp_path: Path) -> None:
    with EvidenceStore.open(tmp_path) as store:
        first, diff = review_and_record(review_input(store, [entry("ALICE", "read"),
                                                             entry("LEFT", "read_write")]), NOW)
        assert diff is None                                   # nothing recorded before
        assert {(f.category, f.subject) for f in first.findings} == {("leaver_access", "LEFT")}
        again, diff = review_and_record(review_input(store, [entry("ALICE", "read"),
                                                             entry("LEFT", "read_write")]), NOW)
        assert again == first and diff is not None
        assert diff.summary().endswith("0 new grant(s), 0 removed, 0 changed; "
                                       "0 new finding(s), 0 resolved")
        assert len(store.items(REVIEW_SOURCE)) == 1           # unchanged: not stored again
        fixed, diff = review_and_record(review_input(store, [entry("ALICE", "full")]),
                                        NOW + dt.timedelta(days=1))
        assert diff is not None and fixed.findings == []
        assert [(g.person, g.before, g.after) for g in diff.removed_grants] == [("LEFT", "write", None)]
        assert [(g.person, g.before, g.after) for g in diff.changed_grants] == [("ALICE", "read", "full")]
        assert [(f.category, f.subject) for f in diff.resolved_findings] == [("leaver_access", "LEFT")]
        recorded = store.items(REVIEW_SOURCE)
        assert len(recorded) == 2 and recorded[-1].meta.kind == REVIEW_KIND
        assert recorded[-1].meta.derived_from == recorded[-1].meta.parameters["inputs"][0]
        assert last_review(store) == fixed


def test_record_review_returns_the_previous_review(tmp_path: Path) -> None:
    with EvidenceStore.open(tmp_path) as store:
        base = review_and_record(review_input(store, [entry("ALICE", "read")]), NOW)[0]
        later = base.model_copy(update={"as_of": AS_OF + dt.timedelta(days=7)})
        assert record_review(store, later, (), NOW) == base
        assert record_review(store, later, (), NOW) == later   # stored once, read back the same
        assert [i.meta.as_of for i in store.items(REVIEW_SOURCE)] == [AS_OF, later.as_of]


def test_a_review_without_its_inputs_names_what_is_missing(tmp_path: Path) -> None:
    with EvidenceStore.open(tmp_path) as store:
        empty = CheckInput(store, AS_OF, {"dms_acl": [(stored(store, "dms_acl", [entry("ALICE", "read")]),
                                                       None)]})
        with pytest.raises(EvidenceError) as raised:
            review_and_record(empty, NOW)
        assert last_review(store) is None
    message = str(raised.value)
    assert "dms_acl, user_directory, group_membership, matter_list, ethical_walls" in message
    assert "auditpack collect" in message


def test_a_recorded_review_changed_in_the_store_is_refused(tmp_path: Path) -> None:
    """The last review is read back only if its blob is the one the store indexed."""
    from auditpack.errors import IntegrityError

    with EvidenceStore.open(tmp_path) as store:
        review_and_record(review_input(store, [entry("LEFT", "read_write")]), NOW)
        (item,) = store.items(REVIEW_SOURCE)
        blob = store.blob_path(item.sha256)
        blob.chmod(0o644)
        blob.write_bytes(blob.read_bytes().replace(b"leaver_access", b"direct_grant!", 1))
        with pytest.raises(IntegrityError, match=item.evidence_id):
            last_review(store)
