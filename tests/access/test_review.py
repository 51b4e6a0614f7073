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
        folder: str | None = None, deny: list[str] | None = None,
        allow: list[str] | None = None) -> dict[str, Any]:
    """An iManage ACL record."""
    return {"workspace_id": f"LIB!{matter}", "workspace_name": f"{matter} Project X", "folder_id": folder,
            "principal": principal, "principal_type": ptype, "access": access,
            "default_security": default, "allow_list": allow or [], "deny_list": deny or []}


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


# --- inclusionary walls: only the included side (and the policy's wall admins) may reach the matter

def wall(wall_id: str, matter: str, person: str, side: str = "included") -> dict[str, Any]:
    """An ethical-wall record."""
    return {"wall_id": wall_id, "matters": [matter], "person": person, "side": side}


def test_inclusive_wall_breach_through_a_nested_group_names_person_matter_wall_and_path() -> None:
    review = run([acl("1000-001", "All Attorneys", "read_write", "group")], walls=[wall("W-9", "1000-001", "ALICE")])
    (outside,) = [f for f in review.findings if f.category == "wall_not_included"]
    assert (outside.subject, outside.matter) == ("BOB", "1000-001")
    assert outside.path == ("Trial Team", "Litigation", "All Attorneys")
    assert outside.detail.startswith("Bob is not on the included side of wall W-9 but has write on 1000-001")
    assert "via group Trial Team ⊂ Litigation ⊂ All Attorneys" in outside.detail
    assert outside.controls == ("DMS-01", "IAM-09")
    # the policy can turn the inclusive side off
    review = run([acl("1000-001", "All Attorneys", "read_write", "group")], walls=[wall("W-9", "1000-001", "ALICE")],
                 policy=AccessPolicy(allow_direct_grants=True, inclusive_walls=False))
    assert found(review, "wall_not_included") == set()


def test_included_people_and_wall_admins_raise_nothing() -> None:
    walls = [wall("W-9", "1000-001", "ALICE"), wall("W-9", "1000-001", "Trial Team")]   # a group, nested
    review = run([acl("1000-001", "All Attorneys", "read_write", "group"), acl("1000-001", "ALICE", "full")],
                 walls=walls)
    assert review.grants == {"ALICE\t1000-001": "full", "BOB\t1000-001": "write"}
    assert review.findings == []
    # someone the firm clears for every walled matter (records, DMS admins), named or via a group
    entries = [acl("1000-001", "ALICE", "full"), acl("1000-001", "CAROL", "read"), acl("1000-001", "BOB", "read")]
    review = run(entries, walls=[wall("W-9", "1000-001", "ALICE")])
    assert found(review, "wall_not_included") == {("CAROL", "1000-001"), ("BOB", "1000-001")}
    review = run(entries, walls=[wall("W-9", "1000-001", "ALICE")], policy=AccessPolicy(
        allow_direct_grants=True, wall_admins=("carol@firm.example", "Litigation")))
    assert found(review, "wall_not_included") == set()


def test_an_excluded_person_is_a_wall_breach_not_also_an_outsider() -> None:
    walls = [wall("W-9", "1000-001", "ALICE"), wall("W-9", "1000-001", "BOB", "excluded")]
    review = run([acl("1000-001", "All Attorneys", "read", "group")], walls=walls,
                 policy=AccessPolicy(allow_direct_grants=True, wall_admins=("Trial Team",)))
    assert {(f.category, f.subject) for f in review.findings} == {("wall_breach", "BOB")}
    # a group on the excluded side screens each of its members
    review = run([acl("1000-001", "All Attorneys", "read", "group")],
                 walls=[wall("W-9", "1000-001", "Trial Team", "excluded")])
    # (through the cycle back to All Attorneys, ALICE is in Trial Team too)
    assert found(review, "wall_breach") == {("BOB", "1000-001"), ("ALICE", "1000-001")}


def test_default_security_on_an_inclusive_walled_matter_is_one_finding() -> None:
    review = run([acl("1000-001", "ALICE", "full", default="view")], walls=[wall("W-9", "1000-001", "ALICE")])
    (outside,) = [f for f in review.findings if f.category == "wall_not_included"]
    assert (outside.subject, outside.matter) == ("1000-001", "1000-001")
    assert "default security 'view'" in outside.detail and "wall W-9" in outside.detail
    assert "to 2 people not on its included side: Bob, Carol" in outside.detail   # not the leaver, not the provider


# --- the iManage security policy allow list: only the listed principals get in; deny still wins

def test_allow_list_excludes_a_user_with_a_direct_grant() -> None:
    review = run([acl("1000-001", "ALICE", "full", allow=["ALICE"]), acl("1000-001", "FMS-ENG", "read_write", allow=["ALICE"]),
                  acl("1000-001", "CAROL", "read", allow=["ALICE"])])
    assert review.grants == {"ALICE\t1000-001": "full"}
    assert review.totals["allow_list_blocked_pairs"] == 2
    assert review.findings == []          # the provider's entry gives no effective access: no finding


def test_allow_list_admits_a_nested_group_member() -> None:
    entries = [acl("1000-002", "BOB", "read", allow=["All Attorneys"]),
               acl("1000-002", "CAROL", "read", allow=["All Attorneys"])]
    rows: list[AccessRow] = []
    review = run(entries, rows=rows)
    assert review.grants == {"BOB\t1000-002": "read"}           # BOB is in Trial Team ⊂ Litigation ⊂ All Attorneys
    assert [r.person for r in rows] == ["BOB"] and rows[0].path == ()
    assert review.totals["allow_list_blocked_pairs"] == 1       # CAROL (staff) is not an attorney


def test_deny_beats_allow_with_an_allow_list() -> None:
    allow = ["All Attorneys"]
    review = run([acl("1000-002", "All Attorneys", "full", "group", allow=allow, deny=["BOB"])])
    assert review.grants == {"ALICE\t1000-002": "full"} and review.totals["denied_pairs"] == 1
    review = run([acl("1000-002", "All Attorneys", "full", "group", allow=allow),
                  acl("1000-002", "ALICE", "no_access", allow=allow)])
    assert review.grants == {"BOB\t1000-002": "full"}
    assert review.totals["allow_list_blocked_pairs"] == 0


def test_allow_list_limits_default_security() -> None:
    walls = [wall("W-8", "1000-002", "CAROL", "excluded")]
    review = run([acl("1000-002", "ALICE", "full", default="public", allow=["Litigation"])], walls=walls)
    # public gives read only to those the allow list admits (BOB), so CAROL's wall holds
    assert review.totals["default_security_pairs"] == 1 and review.findings == []
    review = run([acl("1000-001", "ALICE", "full", default="public", allow=["Litigation"])])
    (public,) = review.findings
    assert public.category == "public_privileged_matter" and "allow list" in public.detail


def test_a_roster_resolves_nested_groups_with_their_path() -> None:
    from auditpack.access.groups import Roster
    graph = GroupGraph(GROUPS, canon=lambda n: n.split("@")[0].upper())
    roster = Roster(graph, ["Litigation", "carol@firm.example", ""], canon=lambda n: n.split("@")[0].upper())
    assert "BOB" in roster and "CAROL" in roster and "FMS-ENG" not in roster
    assert roster.path("BOB") == ("Trial Team", "Litigation") and roster.path("CAROL") == ()
    assert roster.people() == {"ALICE", "BOB", "CAROL"} and not Roster(graph, [])
