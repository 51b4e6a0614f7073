"""Matter access: effective access per person and matter, against the firm's access policy."""

from __future__ import annotations

import json
from collections.abc import Callable

from pydantic import ValidationError

from ...access.inputs import AccessInputs
from ...access.model import AccessPolicy, AccessReview
from ...access.review import review_access
from ...errors import EvidenceError
from .base import CheckInput, check
from .model import Exception_, Outcome

NEEDED = ("user_directory", "group_membership", "matter_list", "ethical_walls")
KINDS = ("dms_acl", *NEEDED, "break_glass_register")


def policy_of(data: CheckInput) -> AccessPolicy:
    """Read `evidence.check_options.matter_access`, explaining a bad setting."""
    try:
        return AccessPolicy.model_validate(data.options)
    except ValidationError as exc:
        raise EvidenceError("evidence.check_options.matter_access is not valid",
                            "auditpack.yaml", "; ".join(
                                f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}"
                                for e in exc.errors())) from None


def has_records(data: CheckInput, kind: str) -> bool:
    """Say whether any item of a kind has normalised records (a `file` source has none)."""
    return any(rec is not None for _, rec in data.items_by_kind.get(kind, []))


def inputs_of(data: CheckInput) -> AccessInputs:
    """Build the review's inputs from the records (the ACL streamed, the rest read once)."""
    return AccessInputs(acl=data.records("dms_acl"), users=list(data.records("user_directory")),
                        memberships=list(data.records("group_membership")),
                        matters=list(data.records("matter_list")),
                        walls=list(data.records("ethical_walls")),
                        break_glass=list(data.records("break_glass_register")))


def outcome_of(review: AccessReview) -> Outcome:
    """Turn a review into a check outcome: each finding a named exception."""
    t = review.totals
    counts = {c: n for c, n in review.by_category().items() if n}
    found = ", ".join(f"{n} {c.replace('_', ' ')}" for c, n in counts.items()) or "none"
    return Outcome(
        status="fail" if review.findings else "pass",
        summary=f"{t['people']} people, {t['matters']} matters: {t['effective_pairs']} effective "
                f"access pairs ({t['explicit_pairs']} from ACL entries); findings: {found}",
        figures={**t, "findings": len(review.findings), **counts},
        exceptions=tuple(Exception_(subject=f.subject, category=f.category, detail=f.detail)
                         for f in review.findings))


ReviewKey = tuple[object, ...]


def _review_key(data: CheckInput) -> ReviewKey:
    """What a review's result depends on: the items of every kind, the policy, the date."""
    items = tuple((kind, raw.evidence_id, rec.evidence_id if rec else None)
                  for kind in KINDS for raw, rec in data.items_by_kind.get(kind, []))
    return items, json.dumps(data.options, sort_keys=True, default=str), data.as_of


def known_review(data: CheckInput, review: AccessReview) -> Callable[[str, CheckInput],
                                                                     Outcome | None]:
    """Give the matter-access check's outcome from a review already run over `data`.

    For `CheckPlan.run(known=...)`: the package build runs the review once, for its own
    listing, and the check takes it when the check's input is the same (the same items,
    policy and date give the same review); for anything else the check runs.
    """
    key = _review_key(data)

    def known(check_name: str, given: CheckInput) -> Outcome | None:
        if check_name != "matter_access" or not all(has_records(given, k) for k in NEEDED):
            return None
        return outcome_of(review) if _review_key(given) == key else None
    return known


@check("matter_access", *KINDS, require_all=False)
def matter_access(data: CheckInput) -> Outcome:
    """Nobody holds matter access the policy forbids: providers, walled, leavers, direct, public."""
    missing = [k for k in NEEDED if not has_records(data, k)]
    if missing:
        return Outcome(status="not_tested",
                       summary=f"matter_access also needs {', '.join(missing)} records "
                               "(the break-glass register is optional)")
    return outcome_of(review_access(inputs_of(data), policy_of(data), data.as_of))
