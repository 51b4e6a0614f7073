"""The matter-access review: nested groups, deny, walls, providers, leavers, direct grants, defaults."""

from __future__ import annotations

import datetime as dt
from typing import Any

from auditpack.access.groups import GroupGraph
from auditpack.access.inputs import AccessInputs
from auditpack.access.model import AccessPolicy, AccessReview, AccessRow
from auditpack.access.review import review_access

AS_OF = dt.date(2026, 9, 30)


def user(login: str, kind: str = "attorney", status: str = "active", end: str | None = None) -> dict[str, Any]:
    """A directory user record."""
    return {"login": login, "upn": f"{login.lower()}@firm.example", "name": login.title(),
            "employment_type": kind, "status": status, "end_date": end, "user_type": "member"}


def acl(matter: str, principal: str, access: str, ptype: str = "user", default: str = "private",
        folder: str | None = None, deny: list[str] | None = None) -> dict[str, Any]:
    """An iManage ACL record."""
    return {"workspace_id": f"LIB!{matter}", "workspace_name": f"{matter} Project X", "folder_id": folder,
            "principal": principal, "principal_type": ptype, "access": access,
            "default_security": default, "allow_list": [], "deny_list": deny or []}


def edge(group: str, member: str, kind: str = "user") -> dict[str, Any]:
    """A group membership record."""
    return {"group": group, "member": member, "member_type": kind}


USERS = [user("ALICE"), user("BOB"), user("CAROL", "staff"), user("FMS-ENG", "provider_engineer"),
         user("LEFT", status="disabled", end="2026-07-31")]
GROUPS = [edge("All Attorneys", "Litigation", "group"), edge("Litigation", "Trial Team", "group"),
          edge("Trial Team", "bob@firm.example"), edge("Litigation", "ALICE"),
          edge("Trial Team", "All Attorneys", "group")]          # a cycle back to the top
MATTERS = [{"matter": "1000-001", "privileged": True, "closed": None},
           {"matter": "1000-002", "privileged": False, "closed": None},
           {"matter": "1000-003", "privileged": True, "closed": "2026-06-30"}]


def run(entries: list[dict[str, Any]], policy: AccessPolicy | None = None,
        walls: list[dict[str, Any]] | None = None, break_glass: list[dict[str, Any]] | None = None,
        rows: list[AccessRow] | None = None) -> AccessReview:
    """Review the given ACL entries against the fixed directory, groups and matters."""
    inputs = AccessInputs(acl=iter(entries), users=USERS, memberships=GROUPS, matters=MATTERS,
                          walls=walls or [], break_glass=break_glass or [])
    return review_access(inputs, policy or AccessPolicy(allow_direct_grants=True), AS_OF,
                         on_row=rows.append if rows is not None else None, keep_grants=True)


def found(review: AccessReview, category: str) -> set[tuple[str, str | None]]:
    """The (subject, matter) pairs of one category of findings."""
    return {(f.subject, f.matter) for f in review.findings if f.category == category}


def test_nested_groups_resolve_with_paths_and_a_cycle_terminates() -> None:
    graph = GroupGraph(GROUPS, canon=lambda n: n.split("@")[0].upper())
    members = graph.members("All Attorneys")
    assert members == {"ALICE": ("Litigation", "All Attorneys"),
                       "BOB": ("Trial Team", "Litigation", "All Attorneys")}
    assert graph.members("trial team")["BOB"] == ("Trial Team",)   # names compare case-insensitively
    assert set(graph.groups_of("BOB")) == {"Trial Team", "Litigation", "All Attorneys"}
    assert graph.cyclic() == ["All Attorneys", "Litigation", "Trial Team"]


def test_effective_access_takes_the_highest_grant_and_its_path() -> None:
    rows: list[AccessRow] = []
    review = run([acl("1000-002", "All Attorneys", "read", "group"), acl("1000-002", "BOB", "read_write")],
                 rows=rows)
    assert review.grants == {"BOB\t1000-002": "write", "ALICE\t1000-002": "read"}
    alice = next(r for r in rows if r.person == "ALICE")
    assert alice.path == ("Litigation", "All Attorneys") and alice.matter == "1000-002"
    assert review.findings == [] and review.totals["explicit_pairs"] == 2


def test_deny_beats_allow_through_any_group() -> None:
    review = run([acl("1000-002", "All Attorneys", "full", "group"), acl("1000-002", "Trial Team", "no_access", "group"),
                  acl("1000-002", "ALICE", "no_access")])
    assert review.grants == {} and review.totals["denied_pairs"] == 2
    # the workspace's deny list (the DMS side of a wall) denies too
    review = run([acl("1000-002", "All Attorneys", "full", "group", deny=["BOB"])])
    assert review.grants == {"ALICE\t1000-002": "full"}


def test_wall_breach_through_a_nested_group_names_the_path() -> None:
    walls = [{"wall_id": "W-7", "matters": ["1000-001"], "person": "bob@firm.example", "side": "excluded"},
             {"wall_id": "W-7", "matters": ["1000-001"], "person": "ALICE", "side": "included"}]
    review = run([acl("1000-001", "All Attorneys", "read_write", "group")], walls=walls)
    (breach,) = [f for f in review.findings if f.category == "wall_breach"]
    assert breach.subject == "BOB" and breach.matter == "1000-001"
    assert breach.path == ("Trial Team", "Litigation", "All Attorneys")
    assert "W-7" in breach.detail and "Trial Team ⊂ Litigation ⊂ All Attorneys" in breach.detail
    assert "DMS-01" in breach.controls
    # denied on the ACL: the wall holds
    review = run([acl("1000-001", "All Attorneys", "read_write", "group"), acl("1000-001", "BOB", "no_access")],
                 walls=walls)
    assert found(review, "wall_breach") == set()


def test_wall_breach_through_default_security() -> None:
    walls = [{"wall_id": "W-8", "matters": ["1000-002"], "person": "CAROL", "side": "excluded"}]
    review = run([acl("1000-002", "ALICE", "full", default="public")], walls=walls)
    (breach,) = [f for f in review.findings if f.category == "wall_breach"]
    assert breach.subject == "CAROL" and "default security 'public'" in breach.detail


def test_provider_access_needs_a_valid_break_glass_entry() -> None:
    entry = [acl("1000-001", "FMS-ENG", "read_write")]
    review = run(entry)
    assert found(review, "provider_standing_access") == {("FMS-ENG", "1000-001")}
    valid = [{"engineer": "fms-eng@firm.example", "matter": "1000-001", "ticket": "T-1",
              "granted": "2026-09-30T08:00:00+00:00", "expires": "2026-10-01T08:00:00+00:00", "revoked": None}]
    review = run(entry, break_glass=valid)
    assert review.findings == []
    expired = [{**valid[0], "granted": "2026-08-01T08:00:00Z", "expires": "2026-08-02T08:00:00Z"}]
    review = run(entry, break_glass=expired)
    assert found(review, "provider_standing_access") == {("FMS-ENG", "1000-001")}
    assert found(review, "expired_break_glass") == {("FMS-ENG", "1000-001")}
    assert "T-1" in next(f.detail for f in review.findings if f.category == "provider_standing_access")
    assert "still held" in next(f.detail for f in review.findings if f.category == "expired_break_glass")
    # a standard (not privileged) matter is not a provider finding; revoked in time is not either
    revoked = [{**expired[0], "revoked": "2026-08-02T07:00:00Z"}]
    assert run([acl("1000-002", "FMS-ENG", "read")], break_glass=revoked).findings == []


def test_leaver_access_direct_and_through_a_group() -> None:
    graph_edge = GROUPS + [edge("Litigation", "LEFT")]
    inputs = AccessInputs(acl=iter([acl("1000-002", "LEFT", "read_write"), acl("1000-001", "Litigation", "read", "group")]),
                          users=USERS, memberships=graph_edge, matters=MATTERS)
    review = review_access(inputs, AccessPolicy(allow_direct_grants=True), AS_OF)
    assert found(review, "leaver_access") == {("LEFT", "1000-002"), ("LEFT", "1000-001")}
    assert all("2026-07-31" in f.detail for f in review.findings if f.category == "leaver_access")
    grouped = next(f for f in review.findings if f.category == "leaver_access" and f.path)
    assert grouped.path == ("Litigation",) and "still in group Litigation" in grouped.detail


def test_a_leaver_in_a_group_is_one_finding_however_many_matters() -> None:
    memberships = GROUPS + [edge("Litigation", "LEFT")]
    entries = [acl(f"2000-{n:03d}", "All Attorneys", "read", "group") for n in range(10)]
    review = review_access(AccessInputs(acl=iter(entries), users=USERS, memberships=memberships,
                                        matters=MATTERS), AccessPolicy(), AS_OF)
    (leaver,) = [f for f in review.findings if f.category == "leaver_access"]
    assert leaver.subject == "LEFT" and leaver.matter is None
    assert leaver.path == ("Litigation", "All Attorneys") and "opens 10 matter(s)" in leaver.detail


def test_direct_grants_are_findings_when_the_policy_forbids_them() -> None:
    entries = [acl("1000-002", "ALICE", "read_write"), acl("1000-002", "Litigation", "read", "group")]
    assert found(run(entries), "direct_grant") == set()
    review = run(entries, policy=AccessPolicy())          # the safe default: groups only
    assert found(review, "direct_grant") == {("ALICE", "1000-002")}
    review = run(entries + [acl("1000-001", "ALICE", "read"), acl("1000-003", "ALICE", "read")],
                 policy=AccessPolicy())
    (direct,) = [f for f in review.findings if f.category == "direct_grant"]
    assert direct.matter is None and direct.detail.startswith("3 direct user entries")


def test_public_default_security_on_a_privileged_matter() -> None:
    review = run([acl("1000-001", "ALICE", "full", default="public"), acl("1000-002", "ALICE", "full", default="public")])
    assert found(review, "public_privileged_matter") == {("1000-001", "1000-001")}
    # public gives every active internal person read (not the leaver, not the provider)
    assert review.totals["default_security_pairs"] == 2 * 2     # BOB and CAROL on each matter
    assert review.totals["effective_pairs"] == 6


def test_unknown_matters_count_as_privileged_by_default() -> None:
    review = run([acl("9999-001", "ALICE", "full", default="view")])
    assert found(review, "public_privileged_matter") == {("9999-001", "9999-001")}
    review = run([acl("9999-001", "ALICE", "full", default="view")], policy=AccessPolicy(
        allow_direct_grants=True, unknown_matters_privileged=False))
    assert review.findings == []


def test_closed_matters_are_read_only() -> None:
    review = run([acl("1000-003", "ALICE", "read_write"), acl("1000-003", "BOB", "read"),
                  acl("1000-003", "CAROL", "full")])
    (closed,) = [f for f in review.findings if f.category == "closed_matter_write"]
    assert (closed.subject, closed.matter) == ("1000-003", "1000-003")
    assert "2 people can still write: ALICE, CAROL" in closed.detail and "BOB" not in closed.detail


def test_folder_access_counts_for_the_matter() -> None:
    review = run([acl("1000-002", "ALICE", "no_access"), acl("1000-002", "ALICE", "read", folder="F1")])
    assert review.grants == {"ALICE\t1000-002": "read"}


def test_diff_between_two_reviews() -> None:
    from auditpack.access.diff import diff_reviews
    before = run([acl("1000-002", "ALICE", "read"), acl("1000-001", "FMS-ENG", "read")])
    after = run([acl("1000-002", "ALICE", "full"), acl("1000-002", "CAROL", "read")])
    diff = diff_reviews(before, after)
    assert [(g.person, g.matter, g.before, g.after) for g in diff.changed_grants] == [("ALICE", "1000-002", "read", "full")]
    assert [(g.person, g.after) for g in diff.new_grants] == [("CAROL", "read")]
    assert [(g.person, g.before) for g in diff.removed_grants] == [("FMS-ENG", "read")]
    assert [f.category for f in diff.resolved_findings] == ["provider_standing_access"]
    assert diff.new_findings == [] and "1 resolved" in diff.summary()
