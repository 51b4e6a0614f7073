"""Calder & Whitlock: matters and the iManage matter-security export."""

from __future__ import annotations

from dataclasses import dataclass

from ..common import Person, csv_bytes, js_bool, rng
from .identity import LF

CODENAMES = """Alder Aspen Avocet Basalt Birch Bittern Bramble Cedar Cinder Condor Cormorant Cypress Dunlin
Egret Elm Falcon Fennel Finch Garnet Gannet Granite Harrier Hawthorn Heron Ibis Jasper Juniper
Kestrel Kingfisher Larch Linnet Magpie Maple Marten Merlin Nightjar Oak Obsidian Osprey Ouzel
Pelican Petrel Pine Plover Quartz Raven Redwood Rowan Sandpiper Shale Sparrow Spruce Swift Tamarack
Teal Tern Thistle Umber Vireo Wagtail Willow Wren Yarrow""".split()


@dataclass
class Matter:
    """A client-matter workspace and its security."""

    number: str
    codename: str
    kind: str                    # public | restricted | health | walled
    partner: Person
    team: list[Person]
    screened: list[Person]
    default: str

    @property
    def title(self) -> str:
        """The pseudonymous workspace name."""
        return f"{self.number} Project {self.codename}"


def lf_matters(people: list[Person]) -> list[Matter]:
    """About sixty client-matter workspaces, with pseudonymous names, teams and ethical walls."""
    r = rng(LF, "matters")
    staff = [p for p in people if p.kind == "staff" and p.enabled]
    partners = [p for p in staff if p.title in ("Partner", "Managing Partner", "General Counsel")]
    associates = [p for p in staff if p.title == "Associate"]
    paralegals = [p for p in staff if p.title == "Paralegal"]
    greer = next(p for p in people if p.login == "NGREER")
    names = r.sample(CODENAMES, 60)
    kinds = ["public"] * 30 + ["restricted"] * 15 + ["health"] * 8 + ["walled"] * 7
    r.shuffle(kinds)
    # the three planted matters, pinned so that the story stays put
    pinned = {"28840-011": ("Larch", "walled"), "31207-004": ("Kestrel", "health"),
              "30112-002": ("Osprey", "restricted")}
    clients = sorted(r.sample(range(20100, 33999), 44))
    numbers: set[str] = set(pinned)
    plan: list[tuple[str, str, str]] = []
    for i, (name, kind) in enumerate(zip(names, kinds)):
        number = ""
        while not number or number in numbers:
            number = f"{clients[i % len(clients)]}-{r.randint(1, 19):03d}"
        numbers.add(number)
        plan.append((number, name, kind))
    for number, (name, kind) in pinned.items():
        plan = [(n, c, k) for n, c, k in plan if c != name]
        plan[[k for _, _, k in plan].index(kind)] = (number, name, kind)
    matters = []
    for number, codename, kind in sorted(plan):
        partner = r.choice(partners)
        team = [partner] + r.sample(associates, r.randint(1, 3)) + r.sample(paralegals, 1)
        if number == "30112-002":
            team.append(greer)                              # PLANTED: left 2026-07-31, never removed
        screened = (r.sample([p for p in associates + partners if p not in team], r.randint(1, 3))
                    if kind == "walled" else [])
        default = "public" if kind == "public" or number == "28840-011" else "private"  # PLANTED: 28840-011
        matters.append(Matter(number, codename, kind, partner, team, screened, default))
    return matters


def lf_wall_outsider(people: list[Person], matters: list[Matter]) -> tuple[Matter, Person]:
    """The planted inclusive-wall breach: a paralegal not on a walled matter's team, in CW-EDISCOVERY ⊂ CW-LITSUPPORT."""
    walled = max((m for m in matters if m.kind == "walled" and m.number != "28840-011"), key=lambda m: m.number)
    paralegal = min((p for p in people if p.title == "Paralegal" and p.enabled and p.kind == "staff"
                     and p not in walled.team and p not in walled.screened), key=lambda p: p.login)
    return walled, paralegal


# planted principals get fixed sids: drawing new ones would shift every later workspace number
PLANTED_SIDS = {"CW-LITSUPPORT": "10980", "FMS-IMCALLISTER": "10987"}


def lf_imanage(people: list[Person], matters: list[Matter]) -> bytes:
    """iManage Work workspace and folder security for client-matter workspaces (REST export, one row per ACL entry)."""
    r = rng(LF, "imanage")
    header = ["library", "workspace_id", "workspace_name", "custom1", "custom2", "folder_id", "default_security",
              "id", "name", "type", "access", "sid", "is_external", "allow_list", "deny_list"]
    coleman = next(p for p in people if p.login == "FMS-BCOLEMAN")
    mcallister = next(p for p in people if p.login == "FMS-IMCALLISTER")
    outsider_matter, _ = lf_wall_outsider(people, matters)
    groups = {"PG-HEALTHCARE": "Health Care practice group", "CW-RECORDS": "Records team",
              "CW-ALL-TIMEKEEPERS": "All timekeepers", "CW-LITSUPPORT": "Litigation support"}
    sids: dict[str, int] = {}

    def sid(login: str) -> str:
        if login in PLANTED_SIDS:
            return PLANTED_SIDS[login]
        if login not in sids:
            sids[login] = 10_200 + len(sids) * 7 + r.randint(0, 6)
        return str(sids[login])

    def label(p: Person) -> str:
        return f"{p.last}, {p.first}" + (" (Fabrikam)" if p.login.startswith("FMS-") else "")

    rows = []
    ws_number = 18_400
    for m in matters:
        ws_number += r.randint(40, 160)
        ws_id = f"CWACTIVE!{ws_number}"
        entries: list[tuple[Person | str, str]] = [(m.partner, "Full Access")]
        entries += [(p, "Read/Write") for p in m.team[1:]]
        entries += [(p, "No Access") for p in m.screened]
        if m.kind == "health":
            entries.append(("PG-HEALTHCARE", "Read"))
        entries.append(("CW-ALL-TIMEKEEPERS", "Read/Write") if m.kind == "public" else ("CW-RECORDS", "Read/Write"))
        allow = [] if m.kind == "public" else [p.login for p in m.team] + ["CW-RECORDS"]
        if m.kind == "health":
            allow.append("PG-HEALTHCARE")
        if m.number == "31207-004":
            entries.append((coleman, "Read/Write"))         # PLANTED: standing MSP access to a BAA matter
            allow.append(coleman.login)                     # (put on the security policy with it)
        if m.number == "32712-014":
            # PLANTED: break-glass CW-104233 was removed in time from the security policy, but the ACL
            # entry stayed behind; the allow list keeps him out, so it is no effective access
            entries.append((mcallister, "Read/Write"))
        if m is outsider_matter:
            # PLANTED: litigation support added for a production, but not to the wall's included side
            entries.append(("CW-LITSUPPORT", "Read"))
            allow.append("CW-LITSUPPORT")
        deny = [p.login for p in m.screened]
        common = ["CWACTIVE", ws_id, m.title, f"C{m.number[:5]}", f"M{m.number[6:]}"]
        for principal, access in entries:
            if isinstance(principal, Person):
                pid, pname, ptype = principal.login, label(principal), "user"
                external = principal.login.startswith("FMS-")
            else:
                pid, pname, ptype, external = principal, groups[principal], "group", False
            rows.append(common + ["", m.default, pid, pname, ptype, access, sid(pid), js_bool(external),
                                  ";".join(allow), ";".join(deny)])
        if m.kind in ("walled", "health") or r.random() < 0.12:
            # a restricted sub-folder (expert reports, privileged notes) with its own, narrower ACL
            folder = f"CWACTIVE!{ws_number + r.randint(1, 30)}"
            for principal in m.team[:2]:
                rows.append(common + [folder, "private", principal.login, label(principal), "user",
                                      "Full Access" if principal is m.partner else "Read/Write",
                                      sid(principal.login), "false", ";".join(allow), ";".join(deny)])
    return csv_bytes(header, rows)
