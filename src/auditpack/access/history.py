"""Each matter-access review recorded as derived evidence, and what changed since the one before.

A review is stored in the evidence store under the source `access/review` (kind
`matter_access_review`), derived from the items it read; an unchanged review is not stored
again. The next review is compared with the newest one recorded (`diff.py`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from ..errors import EvidenceError, IntegrityError
from ..evidence.checks.access import KINDS, NEEDED, has_records, inputs_of, policy_of
from ..evidence.checks.base import CheckInput
from ..evidence.model import EvidenceItem, EvidenceMeta
from ..evidence.store import EvidenceStore
from .diff import AccessDiff, diff_reviews
from .model import AccessReview
from .review import review_access

REVIEW_SOURCE = "access/review"
REVIEW_KIND = "matter_access_review"
REVIEW_FILE = "matter-access-review.json"


def _read(store: EvidenceStore, item: EvidenceItem) -> AccessReview:
    """Read a recorded review back, refusing one that is not the blob the store indexed."""
    with store.open_blob(item.sha256) as handle:
        data = handle.read()
    if hashlib.sha256(data).hexdigest() != item.sha256:
        raise IntegrityError(f"{item.evidence_id} (the recorded review) does not match its "
                             "sha256: it changed in the store since it was recorded",
                             str(store.blob_path(item.sha256)), "run `auditpack store verify`")
    return AccessReview.model_validate_json(data)


def last_review(store: EvidenceStore) -> AccessReview | None:
    """Return the newest review recorded in the store, or None before the first."""
    recorded = store.items(REVIEW_SOURCE)
    return _read(store, recorded[-1]) if recorded else None


def record_review(store: EvidenceStore, review: AccessReview, inputs: tuple[str, ...],
                  now: dt.datetime) -> AccessReview | None:
    """Store the review as derived evidence (unless unchanged); return the previous one, if any.

    `inputs` are the evidence ids the review read (the first is the item it derives from);
    `now` is when it is recorded.
    """
    recorded = store.items(REVIEW_SOURCE)
    last = recorded[-1] if recorded else None
    body = json.dumps(review.model_dump(mode="json"), sort_keys=True).encode()
    sha, size = store.put_stream([body])
    if last is None or last.sha256 != sha:
        meta = EvidenceMeta(source_id=REVIEW_SOURCE, collector="access", collector_version="1",
                            original_name=REVIEW_FILE, media_type="application/json",
                            as_of=review.as_of, parameters={"inputs": list(inputs)},
                            controls=("DMS-01", "DMS-02"), kind=REVIEW_KIND,
                            derived_from=inputs[0] if inputs else None)
        store.add(sha, size, meta, now)
    return _read(store, last) if last else None


def review_and_record(data: CheckInput, now: dt.datetime) -> tuple[AccessReview, AccessDiff | None]:
    """Review the store's newest records, record the review, and diff it with the previous one.

    `data` is the review's input (`package.access_view.access_input`); the review keeps its
    explicit grants, so the next one can say which were added, removed or changed.
    """
    missing = [k for k in ("dms_acl", *NEEDED) if not has_records(data, k)]
    if missing:
        raise EvidenceError(f"no {', '.join(missing)} records in the store", str(data.store.root),
                            "add the sources to auditpack.yaml and run `auditpack collect`")
    review = review_access(inputs_of(data), policy_of(data), data.as_of, keep_grants=True)
    previous = record_review(data.store, review, data.used(*KINDS), now)
    return review, diff_reviews(previous, review) if previous else None
