"""Effective access per person and matter, streamed from the DMS ACL records, then the findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from .findings import judge_matter, judge_register
from .inputs import AccessInputs
from .model import CATEGORY_CONTROLS, AccessPolicy, AccessReview, AccessRow
from .state import ReviewState


def _judge(state: ReviewState) -> None:
    """Judge every matter, then the break-glass register; complete the totals."""
    for mid, acl in state.acls.items():
        judge_matter(state, mid, acl)
    judge_register(state)
    state.totals["matters"] = len(state.acls)
    state.totals["effective_pairs"] = (state.totals["explicit_pairs"]
                                       + state.totals["default_security_pairs"])
    state.totals["people"] = len(state.ix.people)
    state.totals["groups"] = len(state.graph.names)
    state.totals["cyclic_groups"] = len(state.graph.cyclic())


def review_access(inputs: AccessInputs, policy: AccessPolicy | None = None,
                  as_of: dt.date | None = None, *, on_row: Callable[[AccessRow], None] | None = None,
                  keep_grants: bool = False) -> AccessReview:
    """Compute effective access per (person, matter) from the streamed ACL, and the findings."""
    # Default security (public/view: read for every active internal person) is counted, not
    # listed: `on_row` gets every explicit row and one row per matter with person "*" for it.
    state = ReviewState(inputs, policy or AccessPolicy(), as_of or dt.date.today(), on_row,
                        keep_grants)
    state.load(inputs.acl)
    _judge(state)
    order = list(CATEGORY_CONTROLS)
    findings = sorted(state.findings, key=lambda f: (order.index(f.category), f.subject, f.matter or ""))
    return AccessReview(as_of=state.as_of, totals=state.totals, findings=findings, grants=state.grants)
