#!/usr/bin/env python3
"""Write the exports/ folder of each bundled demo workspace: vendor exports and documents.

Everything is fictional (people, organisations, `.example` domains, GUIDs, host names) and
deterministic: each file draws from its own `random.Random` seeded with a fixed string, and
every date is an offset from the demos' as-of date (2026-09-30); nothing reads the clock.

    python tools/make_demo_exports.py                # rewrite src/auditpack/demo/*/exports/
    python tools/make_demo_exports.py --out DIR      # write DIR/<demo>/exports/ instead

The files reuse the vendors' own column names (see the collectors), and the same hosts and
people appear in every file of a demo: EDR and RMM exports name the same machines, some in
FQDN form and in other case, so reconciliation has something to do.

Beside the system exports, each demo has a compliance binder (policies, runbooks, access reviews,
training and phishing records, vendor due diligence, change and restore-test records, registers
and signed attestations): see cu_binder and lf_binder. `--sources DEMO` prints its evidence
sources for the demo's auditpack.yaml. Left missing on purpose: secure-development records at
both demos, disposal certificates at the law firm, a DESV discovery test and a current
vulnerability scan for APP-07 at the credit union.

PLANTED FINDINGS (what `auditpack check` must report; everything else is clean):

credit union (Harbor Point FCU)
  IAM-01         three enabled members without MFA: melissa.doucette, kevin.ouellette and
                 the administrator account adm.jpelletier (two break-glass accounts, guests
                 and disabled leavers are listed apart, not counted)
  EPS-01, MON-06 HPFCU-FS02 and BDF-TLR-04 are in NinjaOne with no Defender agent;
                 HPL-LT-0158's sensor last reported 20 days before the as-of date
                 (PWM-WS-0231 has two Defender records after re-onboarding: not a finding)
  PAT-01         2026-09 cumulative update failed on HPFCU-SQL02 and still pending on
                 WBK-TLR-02, both critical and 22 days old (SLA 14)
  DAT-11, BCK-02 the "HPFCU Loan Imaging" job's latest two runs failed; repository
                 LEGACY-NAS01 keeps no immutable copies
  VUL-02         the newest vulnerability scan summary is Q1 2026 (over six months old)
  IR-07          the newest tabletop report is TT-2025-02 (June 2025), as the stale P1
                 escalation path in auditpack.yaml says

law firm (Calder & Whitlock) — every other automated check passes; the matter-access review
(check matter_access, DMS-01 and DMS-02; the iManage export with the directory, group
membership, matter list, ethical walls and break-glass register) finds:
  FMS-BCOLEMAN   Fabrikam engineer with standing Read/Write on health-care matter 31207-004
                 (no break-glass entry covers it)
  28840-011      walled, privileged matter whose default security is public
  NGREER         associate who left on 2026-07-31 (disabled in Entra) still on 30112-002
  CLIN           docketing clerk screened from walled matter 23334-012 in the wall tool (added
                 2026-09-18) but not on its DMS deny list: reaches it via CW-DOCKETING ⊂ CW-RECORDS
  FMS-MLOPEZ     break-glass ticket CW-104871 on 32645-011 expired 2026-08-19, no removal recorded
                 (FMS-SRAO's CW-105402 is open until 2026-10-01; FMS-IMCALLISTER's was removed in time)
  Matter teams are named users in iManage, so the demo allows direct grants
  (evidence.check_options.matter_access.allow_direct_grants).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import random
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

AS_OF = dt.date(2026, 9, 30)
SEED = "auditpack-demo-2026-09-30"
UTC = dt.timezone.utc
EDT = dt.timezone(dt.timedelta(hours=-4))  # both demos are on US Eastern time, in daylight saving
DEMOS = ("credit-union", "law-firm")
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "src" / "auditpack" / "demo"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


# --- small helpers ---------------------------------------------------------------------------

def day(offset: int) -> dt.date:
    """Return the date `offset` days from the as-of date."""
    return AS_OF + dt.timedelta(days=offset)


def at(offset: int, hh: int, mm: int = 0, ss: int = 0, tz: dt.tzinfo = UTC) -> dt.datetime:
    """Return a moment on the day `offset` days from the as-of date."""
    d = day(offset)
    return dt.datetime(d.year, d.month, d.day, hh, mm, ss, tzinfo=tz)


def long_date(d: dt.date) -> str:
    """'18 August 2026' (no locale involved)."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def rng(demo: str, name: str) -> random.Random:
    """A generator of its own for each file, so that changing one file leaves the others alone."""
    return random.Random(f"{SEED}/{demo}/{name}")


def guid(r: random.Random) -> str:
    """A random (version 4) GUID drawn from `r`."""
    return str(uuid.UUID(int=r.getrandbits(128), version=4))


def hexid(r: random.Random, n: int) -> str:
    """`n` random hex digits."""
    return f"{r.getrandbits(4 * n):0{n}x}"


def iso_z(t: dt.datetime, r: random.Random | None = None, digits: int = 0) -> str:
    """UTC ISO 8601 with a Z, optionally with `digits` random fractional digits (as APIs give)."""
    t = t.astimezone(UTC)
    frac = f".{r.randrange(10 ** digits):0{digits}d}" if r is not None and digits else ""
    return t.strftime("%Y-%m-%dT%H:%M:%S") + frac + "Z"


def iso_local(t: dt.datetime, r: random.Random, digits: int = 7) -> str:
    """Local ISO 8601 with offset and fractional seconds, as the Veeam REST API writes it."""
    base = t.strftime("%Y-%m-%dT%H:%M:%S")
    off = t.strftime("%z")
    return f"{base}.{r.randrange(10 ** digits):0{digits}d}{off[:3]}:{off[3:]}"


def us_datetime(t: dt.datetime, seconds: bool = True) -> str:
    """en-US 'M/D/YYYY h:mm:ss AM', as PowerShell's Export-Csv renders a DateTime."""
    hour = t.hour % 12 or 12
    ampm = "AM" if t.hour < 12 else "PM"
    sec = f":{t.second:02d}" if seconds else ""
    return f"{t.month}/{t.day}/{t.year} {hour}:{t.minute:02d}{sec} {ampm}"


def epoch(t: dt.datetime, r: random.Random) -> str:
    """Epoch seconds with a fraction, as the NinjaOne API gives timestamps."""
    return f"{int(t.timestamp())}.{r.randrange(1000000):06d}".rstrip("0").rstrip(".")


def csv_bytes(header: list[str], rows: list[list[str]], *, quote_all: bool = False,
              crlf: bool = False) -> bytes:
    """Render a CSV file; every row must be as wide as the header."""
    buf = io.StringIO()
    writer = csv.writer(buf, quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL,
                        lineterminator="\r\n" if crlf else "\n")
    writer.writerow(header)
    for row in rows:
        if len(row) != len(header):
            raise ValueError(f"row of {len(row)} fields under a header of {len(header)}: {row}")
        writer.writerow(row)
    return buf.getvalue().encode("utf-8")


def ps_bool(value: bool) -> str:
    """PowerShell's rendering of a boolean."""
    return "True" if value else "False"


def js_bool(value: bool) -> str:
    """JSON's rendering of a boolean."""
    return "true" if value else "false"


FIRST = """Aaron Abigail Adam Alana Alex Alicia Amanda Amber Andre Andrea Angela Anna Anthony
April Ashley Austin Bailey Benjamin Bianca Brandon Brenda Brian Brittany Caleb Cameron Carlos
Caroline Carrie Casey Catherine Chad Chelsea Chris Christine Claire Cody Colleen Connor
Courtney Craig Crystal Daniel Danielle David Deborah Denise Derrick Diana Dominic Donna Dylan
Elaine Elijah Elizabeth Emily Emma Eric Erin Ethan Evan Faith Felicia Frank Gabriel Gail Gina
Gregory Hailey Heather Holly Isaac Jacob Jade Jamal James Janet Jasmine Jason Jenna Jennifer
Jeremy Jessica Joanna Joel John Jordan Joseph Joshua Julia Justin Kaitlyn Karen Katherine
Kayla Keith Kelly Kendra Kimberly Kristen Kyle Laura Leah Leon Linda Lisa Logan Lucas Lydia
Madison Mark Martin Matthew Megan Michael Michelle Miguel Molly Monica Morgan Natalie Nicole
Noah Olivia Owen Paige Patrick Paul Peter Rachel Rebecca Ricardo Robert Rosa Ryan Samantha
Samuel Sara Scott Shannon Sophie Stephanie Steven Tanya Taylor Teresa Thomas Tiffany Timothy
Travis Trevor Valerie Vanessa Victor Victoria Wesley Whitney William Yasmin Zachary""".split()

LAST = """Abbott Albert Alvarez Andrews Arsenault Bailey Barnes Beaulieu Bergeron Bishop Boucher
Bowen Brennan Brooks Bryant Caldwell Carver Chandler Chen Cloutier Cole Collins Cote Crane Cyr
Daigle Dalton Day Delaney Dionne Doyle Dube Duffy Dunn Ellis Emery Farrell Fitzgerald Fleming
Fortin Foster Gagnon Garcia Gardner Gauthier Gilbert Goodwin Grant Graves Griffin Hale Hammond
Hanson Harding Hartley Hayes Hebert Hodgdon Holt Hopkins Howard Hughes Ingalls Jacobs Jensen
Joyce Kang Keller Kennedy Kimball Knox Labbe Lachance Lambert Landry Larkin Leblanc Levesque
Lin Lombard Lowell Lynch Mahoney Martel Mason McCarthy McKenna Merrill Michaud Moody Morin
Moulton Murphy Nadeau Nash Nolan Norton Paquette Parent Parker Patel Perry Poirier Porter
Pratt Quimby Quintal Ramos Reed Reynolds Richard Roberge Rollins Rousseau Russell Sanborn
Saucier Sawyer Simard Small Snow Soucy Spencer Stanley Stevens Sullivan Tardif Thibodeau
Thompson Tran Tucker Turcotte Vachon Vaughn Violette Wade Walsh Webber Wells Whitney Wilder
Wing Wood Wyman Yates York Young Zhang""".split()


@dataclass
class Person:
    """A directory entry: staff member, admin account, break-glass account, guest or mailbox."""

    first: str
    last: str
    upn: str
    kind: str = "staff"          # staff | admin | breakglass | guest | shared
    title: str = ""
    site: str = ""
    enabled: bool = True
    left: dt.date | None = None
    started: dt.date | None = None
    display: str = ""
    mfa: bool = True
    login: str = ""              # DMS login (law firm)

    @property
    def name(self) -> str:
        """The display name."""
        return self.display or f"{self.first} {self.last}"


def draw_names(r: random.Random, count: int, taken: set[tuple[str, str]]) -> list[tuple[str, str]]:
    """Draw `count` distinct (first, last) pairs not in `taken` (which is updated)."""
    out: list[tuple[str, str]] = []
    while len(out) < count:
        pair = (r.choice(FIRST), r.choice(LAST))
        if pair not in taken:
            taken.add(pair)
            out.append(pair)
    return out


@dataclass
class Device:
    """A managed machine, as the RMM sees it (and, usually, the EDR too)."""

    host: str                    # canonical NetBIOS name, upper case
    node_class: str              # NinjaOne nodeClass
    role: str                    # desktop | laptop | teller | contact | server | mac
    site: str                    # site code
    os_name: str
    release: str
    build: str
    created: dt.datetime
    last_contact: dt.datetime
    offline: bool = False
    domain: str | None = None    # AD DNS domain when domain-joined
    display: str = ""
    ip: str = ""
    edr: str = "ok"              # ok | none | stale | duplicate
    approval: str = "APPROVED"
    tags: list[str] = field(default_factory=list)
    ninja_id: int = 0            # NinjaOne device id: increases with enrolment

    @property
    def fqdn(self) -> str:
        """The DNS name, as the RMM reports it."""
        return f"{self.host}.{self.domain}" if self.domain else self.host

    @property
    def windows(self) -> bool:
        """Whether Windows Update applies."""
        return self.node_class.startswith("WINDOWS")


def number_devices(r: random.Random, devices: list[Device], first: int) -> None:
    """Give each device its NinjaOne id, in enrolment order with gaps (other clients enrol in between)."""
    number = first
    for d in sorted(devices, key=lambda d: (d.created, d.host)):
        number += r.randint(1, 9)
        d.ninja_id = number


def last_contacts(r: random.Random, devices: list[Device], export: dt.datetime) -> None:
    """Give each device a plausible last contact before the export (laptops may be off for days)."""
    for d in devices:
        if d.role == "laptop" or d.role == "mac":
            roll = r.random()
            if roll < 0.55:
                d.last_contact = export - dt.timedelta(minutes=r.randint(1, 50))
            elif roll < 0.85:  # closed at the end of yesterday's work
                d.last_contact = at(-2, 21, r.randint(0, 59), r.randint(0, 59)) + dt.timedelta(
                    minutes=r.randint(0, 150))
                d.offline = True
            else:  # away for a few days, still inside Defender's 7-day window
                d.last_contact = export - dt.timedelta(days=r.randint(2, 5), minutes=r.randint(0, 900))
                d.offline = True
        else:
            d.last_contact = export - dt.timedelta(seconds=r.randint(20, 2400))


# =============================================================================================
# Harbor Point Federal Credit Union (co-managed with Northwind Managed IT)
# =============================================================================================

CU = "credit-union"
CU_DOMAIN = "harborpointfcu.example"
CU_TENANT = "harborpointfcu.onmicrosoft.example"
CU_AD = "corp.harborpointfcu.example"
CU_SITES = {  # code: (name, NinjaOne locationId, subnet, egress address)
    "PWM": ("Portland (head office)", 21, "10.10", "203.0.113.10"),
    "SPT": ("South Portland", 22, "10.20", "203.0.113.20"),
    "WBK": ("Westbrook", 23, "10.30", "203.0.113.30"),
    "BWK": ("Brunswick", 24, "10.40", "203.0.113.40"),
    "BDF": ("Biddeford", 25, "10.50", "203.0.113.50"),
}
CU_EXPORT = at(-1, 5, 12)             # the MSP's nightly export run, 2026-09-29 01:12 EDT
CU_TICKETS_AT = at(-1, 22, 0)         # the ticket export, end of business 2026-09-29
CU_BREAK_GLASS = (f"bg-emergency01@{CU_TENANT}", f"bg-emergency02@{CU_TENANT}")
CU_NO_MFA = (f"melissa.doucette@{CU_DOMAIN}", f"kevin.ouellette@{CU_DOMAIN}",
             f"adm.jpelletier@{CU_DOMAIN}")
CU_TITLES = [("Teller", 80), ("Senior Teller", 20), ("Member Service Representative", 55),
             ("Contact Centre Representative", 40), ("Loan Officer", 30), ("Loan Processor", 25),
             ("Collections Specialist", 14), ("Card Services Specialist", 10),
             ("Accountant", 10), ("Branch Manager", 5), ("Assistant Branch Manager", 5),
             ("Marketing Specialist", 8), ("HR Generalist", 5), ("Compliance Analyst", 6),
             ("Underwriter", 12), ("Business Services Officer", 8), ("Executive Assistant", 4),
             ("Training Specialist", 4), ("Facilities Coordinator", 3), ("Risk Analyst", 4),
             ("Mortgage Originator", 12), ("Financial Advisor", 6), ("Payments Analyst", 6)]


def cu_people() -> list[Person]:
    """The Entra ID directory of Harbor Point: staff, admin accounts, guests, mailboxes, leavers."""
    r = rng(CU, "people")
    named = [("Marcus", "Bell", "President and CEO"), ("Renee", "Castillo", "VP of Information Technology"),
             ("Priya", "Natarajan", "Information Security Officer"), ("Carla", "Mendes", "Compliance Officer"),
             ("Tom", "Gallagher", "IT Manager"), ("Aisha", "Okafor", "Systems Administrator"),
             ("Ben", "Lindqvist", "Help Desk Lead"), ("Jared", "Pelletier", "Help Desk Technician"),
             ("Melissa", "Doucette", "Teller"), ("Kevin", "Ouellette", "Loan Officer")]
    taken = {(f, l) for f, l, _ in named} | {("Derek", "Shaw")}
    people = [Person(f, l, f"{f.lower()}.{l.lower()}@{CU_DOMAIN}", title=t, site="PWM")
              for f, l, t in named]
    people[8].site, people[8].started, people[8].mfa = "BDF", day(-9), False   # new teller, not enrolled yet
    people[9].mfa = False                                                     # back from leave, phone replaced
    titles = [t for t, n in CU_TITLES for _ in range(n)]
    sites = ["PWM"] * 60 + ["SPT"] * 10 + ["WBK"] * 9 + ["BWK"] * 8 + ["BDF"] * 9
    for first, last in draw_names(r, 386, taken):
        title = titles.pop(r.randrange(len(titles))) if titles else "Member Service Representative"
        site = "PWM" if title.startswith(("Contact", "Loan P", "Account", "HR", "Compliance", "Market",
                                          "Underwriter", "Payments", "Risk", "Card")) else r.choice(sites)
        people.append(Person(first, last, f"{first.lower()}.{last.lower()}@{CU_DOMAIN}", title=title,
                             site=site))
    admins = [("Tom", "Gallagher", "tgallagher", "ADM"), ("Aisha", "Okafor", "aokafor", "ADM"),
              ("Ben", "Lindqvist", "blindqvist", "ADM"), ("Priya", "Natarajan", "pnatarajan", "ADM"),
              ("Jared", "Pelletier", "jpelletier", "ADM")]
    for f, l, short, prefix in admins:
        people.append(Person(f, l, f"adm.{short}@{CU_DOMAIN}", kind="admin", display=f"{prefix} {f} {l}",
                             mfa=short != "jpelletier", started=day(-8) if short == "jpelletier" else None))
    for f, l in [("Omar", "Haddad"), ("Hannah", "Cho"), ("Kwame", "Boateng"), ("Luis", "Ferreira"),
                 ("Nora", "Quinn")]:
        people.append(Person(f, l, f"nw.{f[0].lower()}{l.lower()}@{CU_DOMAIN}", kind="admin",
                             display=f"Northwind - {f} {l} (admin)"))
    for n in (1, 2):
        people.append(Person("Emergency", f"Access 0{n}", f"bg-emergency0{n}@{CU_TENANT}",
                             kind="breakglass", display=f"Emergency Access 0{n} (break glass)"))
    for f, l, org, mfa in [("Grace", "Holloway", "adatum-security.example", True),
                           ("Sean", "Whitaker", "litware-core.example", True),
                           ("Lena", "Brandt", "contoso-cpa.example", False),
                           ("Victor", "Osei", "proseware-asv.example", False)]:
        people.append(Person(f, l, f"{f.lower()}.{l.lower()}_{org}#EXT#@{CU_TENANT}", kind="guest",
                             display=f"{f} {l} (Guest)", mfa=mfa))
    for box, disp in [("memberservices", "Member Services"), ("loanservicing", "Loan Servicing"),
                      ("cardservices", "Card Services"), ("hr-confidential", "HR Confidential"),
                      ("boardportal", "Board Portal"), ("it-alerts", "IT Alerts")]:
        people.append(Person(disp, "", f"{box}@{CU_DOMAIN}", kind="shared", enabled=False, mfa=False,
                             display=f"{disp} (shared mailbox)"))
    leavers = [("Derek", "Shaw", "Network Administrator", day(-138))]
    for (first, last), off in zip(draw_names(r, 14, taken), sorted(r.sample(range(-230, -4), 14))):
        leavers.append((first, last, r.choice([t for t, _ in CU_TITLES[:9]]), day(off)))
    for first, last, title, left in leavers:
        people.append(Person(first, last, f"{first.lower()}.{last.lower()}@{CU_DOMAIN}", title=title,
                             enabled=False, left=left, mfa=r.random() < 0.8, site=r.choice(sites)))
    return people


def _methods(r: random.Random, p: Person) -> list[str]:
    """Registered authentication methods, as Entra names them."""
    if p.kind == "breakglass":
        return ["fido2SecurityKey"]
    if not p.mfa:
        return r.choice([[], ["email"]]) if p.kind != "guest" else []
    if p.kind == "admin":
        return ["fido2SecurityKey", "microsoftAuthenticatorPush", "softwareOneTimePasscode"]
    if p.kind == "guest":
        return ["microsoftAuthenticatorPush"]
    if p.title.endswith("Teller") and r.random() < 0.45:
        methods = ["hardwareOneTimePasscode"]           # tellers without a work phone use OATH tokens
    elif r.random() < 0.04:
        methods = ["mobilePhone"]
    else:
        methods = ["microsoftAuthenticatorPush", "softwareOneTimePasscode"]
    if r.random() < 0.38 and "mobilePhone" not in methods:
        methods.append("mobilePhone")
    if r.random() < 0.3:
        methods.append("email")
    if r.random() < 0.22 and not p.title.endswith("Teller"):
        methods.append("windowsHelloForBusiness")
    if r.random() < 0.08 and "microsoftAuthenticatorPush" in methods:
        methods.append("microsoftAuthenticatorPasswordless")
    return methods


@dataclass
class Registration:
    """One person's userRegistrationDetails."""

    methods: list[str]
    registered: bool
    capable: bool
    passwordless: bool
    sspr_capable: bool
    sspr_registered: bool
    preferred: str
    system: str
    admin: bool


def _registration(r: random.Random, p: Person) -> Registration:
    """The userRegistrationDetails fields of one person."""
    methods = _methods(r, p)
    strong = [m for m in methods if m != "email"]
    registered = bool(strong) and p.mfa
    if "fido2SecurityKey" in methods:
        preferred, system = "push" if "microsoftAuthenticatorPush" in methods else "none", "fido2"
    elif "microsoftAuthenticatorPush" in methods:
        preferred, system = "push", "push"
    elif "hardwareOneTimePasscode" in methods:
        preferred, system = "oath", "oath"
    elif "mobilePhone" in methods:
        preferred, system = "sms", "sms"
    else:
        preferred, system = "none", ""
    return Registration(
        methods=methods, registered=registered, capable=registered and p.enabled,
        passwordless=any(m in methods for m in ("fido2SecurityKey", "windowsHelloForBusiness",
                                                "microsoftAuthenticatorPasswordless")),
        sspr_capable=p.kind in ("staff", "admin") and p.enabled,
        sspr_registered=p.kind in ("staff", "admin") and any(
            m in methods for m in ("mobilePhone", "email", "microsoftAuthenticatorPush")),
        preferred=preferred, system=system, admin=p.kind in ("admin", "breakglass"))


def cu_entra(people: list[Person]) -> bytes:
    """Get-MgReportAuthenticationMethodUserRegistrationDetail joined with AccountEnabled, Export-Csv."""
    r = rng(CU, "entra")
    header = ["Id", "UserPrincipalName", "UserDisplayName", "UserType", "IsAdmin", "IsMfaCapable",
              "IsMfaRegistered", "IsPasswordlessCapable", "IsSsprCapable", "IsSsprEnabled",
              "IsSsprRegistered", "IsSystemPreferredAuthenticationMethodEnabled",
              "SystemPreferredAuthenticationMethods", "UserPreferredMethodForSecondaryAuthentication",
              "MethodsRegistered", "LastUpdatedDateTime", "AccountEnabled"]
    rows = []
    for p in sorted(people, key=lambda p: p.name.casefold()):
        reg = _registration(r, p)
        updated = CU_EXPORT - dt.timedelta(seconds=r.randint(1800, 120000))
        rows.append([guid(r), p.upn, p.name, "Guest" if p.kind == "guest" else "Member",
                     ps_bool(reg.admin), ps_bool(reg.capable), ps_bool(reg.registered),
                     ps_bool(reg.passwordless), ps_bool(reg.sspr_capable),
                     ps_bool(p.kind in ("staff", "admin")), ps_bool(reg.sspr_registered), "True",
                     reg.system, reg.preferred, ",".join(reg.methods), us_datetime(updated),
                     ps_bool(p.enabled)])
    return csv_bytes(header, rows, quote_all=True, crlf=True)


CU_SERVERS = [  # host, display name, OS, tags
    ("HPFCU-DC01", "Domain controller 1", "2022", ["Tier0"]),
    ("HPFCU-DC02", "Domain controller 2", "2022", ["Tier0"]),
    ("HPFCU-CA01", "Enterprise issuing CA", "2022", ["Tier0"]),
    ("HPFCU-AADC01", "Entra Connect sync", "2022", ["Tier0"]),
    ("HPFCU-NPS01", "RADIUS / NPS (Wi-Fi)", "2019", []),
    ("HPFCU-FS01", "File server (departments)", "2022", []),
    ("HPFCU-FS02", "File server 2 (replaces FS01 shares)", "2022", []),
    ("HPFCU-PRN01", "Print server", "2019", []),
    ("HPFCU-SQL01", "SQL (lending, reporting)", "2022", ["SQL"]),
    ("HPFCU-SQL02", "SQL (imaging, telephony)", "2022", ["SQL"]),
    ("HPFCU-APP01", "Loan origination application", "2022", []),
    ("HPFCU-APP02", "Collections and member statements", "2019", []),
    ("HPFCU-IMG01", "Loan imaging (application)", "2019", []),
    ("HPFCU-IMG02", "Loan imaging (storage)", "2019", []),
    ("HPFCU-RDS01", "Remote Desktop session host", "2022", []),
    ("HPFCU-RDS02", "Remote Desktop session host", "2022", []),
    ("HPFCU-RDG01", "Remote Desktop gateway", "2022", ["Internet-facing"]),
    ("HPFCU-WEB01", "Intranet", "2022", []),
    ("HPFCU-VBR01", "Veeam Backup & Replication", "2022", ["Tier0"]),
    ("HPFCU-MGMT01", "Admin jump host", "2022", ["Tier0"]),
    ("HPFCU-TEL01", "Telephony / contact centre", "2019", ["CDE"]),
    ("HPFCU-CCJ01", "CDE jump host (contact centre)", "2022", ["CDE"]),
    ("HPFCU-HV01", "Hyper-V host", "2022", []),
    ("HPFCU-HV02", "Hyper-V host", "2022", []),
    ("HPFCU-HV03", "Hyper-V host", "2022", []),
    ("HPFCU-HV04", "Hyper-V host (DR, Westbrook)", "2022", []),
    ("SPT-SRV01", "South Portland branch server", "2019", []),
    ("WBK-SRV01", "Westbrook branch server", "2019", []),
    ("BWK-SRV01", "Brunswick branch server", "2019", []),
    ("BDF-SRV01", "Biddeford branch server", "2019", []),
]
SERVER_OS = {"2022": ("Windows Server 2022 Standard Edition", "21H2", "20348", "WindowsServer2022"),
             "2019": ("Windows Server 2019 Standard Edition", "1809", "17763", "WindowsServer2019")}
WIN11 = {"23H2": ("Windows 11 Enterprise Edition", "23H2", "22631", "Windows11"),
         "24H2": ("Windows 11 Enterprise Edition", "24H2", "26100", "Windows11")}


def _created(r: random.Random, first: int, last: int) -> dt.datetime:
    """A build date `first`..`last` days from the as-of date, in office hours."""
    return at(r.randint(first, last), r.randint(13, 21), r.randint(0, 59), r.randint(0, 59))


def cu_devices() -> list[Device]:
    """The NinjaOne inventory of Harbor Point (and, with the planted gaps, its Defender roster)."""
    r = rng(CU, "devices")
    devices: list[Device] = []

    def win11(host: str, role: str, site: str, domain: str | None, tags: list[str],
              created: dt.datetime, display: str = "") -> Device:
        name, rel, build, _ = WIN11["24H2" if r.random() < 0.7 else "23H2"]
        return Device(host, "WINDOWS_WORKSTATION", role, site, name, rel, build, created, created,
                      domain=domain, display=display, tags=tags)

    for host, display, ver, tags in CU_SERVERS:
        name, rel, build, _ = SERVER_OS[ver]
        site = host[:3] if not host.startswith("HPFCU") else ("WBK" if host == "HPFCU-HV04" else "PWM")
        created = _created(r, -2400, -700) if ver == "2019" else _created(r, -1300, -200)
        if host == "HPFCU-FS02":
            created = at(-27, 14, 6, 51)
        devices.append(Device(host, "WINDOWS_SERVER", "server", site, name, rel, build, created, created,
                              domain=CU_AD, display=display, tags=list(tags)))
    numbers = sorted(set(r.sample(range(1, 261), 214)) | {231})
    for n in numbers:
        devices.append(win11(f"PWM-WS-{n:04d}", "desktop", "PWM", CU_AD, [], _created(r, -1500, -20)))
    for n in range(1, 29):
        devices.append(win11(f"PWM-CC-{n:02d}", "contact", "PWM", CU_AD, ["CDE"], _created(r, -900, -60),
                             display=f"Contact centre seat {n}"))
    for site, ws, tellers in (("SPT", 18, 6), ("WBK", 16, 5), ("BWK", 14, 4), ("BDF", 15, 5)):
        for n in range(1, ws + 1):
            devices.append(win11(f"{site}-WS-{n:02d}", "desktop", site, CU_AD, [f"Branch-{site}"],
                                 _created(r, -1500, -30)))
        for n in range(1, tellers + 1):
            created = at(-13, 15, 41, 9) if (site, n) == ("BDF", 4) else _created(r, -1100, -40)
            devices.append(win11(f"{site}-TLR-{n:02d}", "teller", site, CU_AD, ["CDE", f"Branch-{site}"],
                                 created, display=f"Teller {n} - {CU_SITES[site][0]}"))
    laptops = sorted(set(r.sample(range(1, 191), 84)) | {158})
    for n in laptops:
        devices.append(win11(f"HPL-LT-{n:04d}", "laptop", "PWM", None, [], _created(r, -1100, -10)))
    for n in range(1, 5):
        created = _created(r, -900, -100)
        devices.append(Device(f"PWM-MAC-{n:02d}", "MAC", "mac", "PWM", "macOS Sequoia", "15.6", "24G84",
                              created, created, display=f"Marketing Mac {n}", tags=["Marketing"]))
    # a workstation waiting for approval in NinjaOne: not yet managed, so not counted
    devices.append(win11("PWM-WS-0263", "desktop", "PWM", CU_AD, [], at(-2, 18, 2, 37)))
    devices[-1].approval = "PENDING"

    last_contacts(r, devices, CU_EXPORT)
    for d in devices:
        subnet = CU_SITES[d.site][2]
        octet = {"server": 1, "teller": 60, "contact": 70, "desktop": 20, "laptop": 40, "mac": 30}[d.role]
        d.ip = f"{subnet}.{octet + r.randint(0, 9)}.{r.randint(10, 250)}"
        if d.role == "laptop" and d.offline:
            d.ip = f"192.168.{r.randint(0, 1)}.{r.randint(10, 200)}"  # last seen from home
    planted = {"HPFCU-FS02": "none", "BDF-TLR-04": "none", "HPL-LT-0158": "stale",
               "PWM-WS-0231": "duplicate", "PWM-WS-0263": "none"}
    for d in devices:
        d.edr = planted.get(d.host, "ok")
        if d.host == "HPL-LT-0158":  # the RMM agent is fine; only the Defender sensor is silent
            d.offline, d.last_contact = False, CU_EXPORT - dt.timedelta(minutes=7)
    number_devices(r, devices, 1180)
    return devices


def cu_defender(devices: list[Device]) -> bytes:
    """Defender for Endpoint machines (GET /api/machines, flattened by the SOC's export script)."""
    r = rng(CU, "defender")
    header = ["id", "computerDnsName", "firstSeen", "lastSeen", "osPlatform", "version", "osBuild",
              "lastIpAddress", "lastExternalIpAddress", "healthStatus", "onboardingStatus",
              "rbacGroupName", "riskScore", "exposureLevel", "aadDeviceId", "machineTags"]
    groups = {"server": "HPFCU Servers", "desktop": "HPFCU Workstations", "teller": "HPFCU Tellers (CDE)",
              "contact": "HPFCU Contact Centre (CDE)", "laptop": "HPFCU Laptops", "mac": "HPFCU macOS"}
    platform = {"Windows Server 2022 Standard Edition": "WindowsServer2022",
                "Windows Server 2019 Standard Edition": "WindowsServer2019",
                "Windows 11 Enterprise Edition": "Windows11", "macOS Sequoia": "macOS"}
    rows: list[tuple[str, list[str]]] = []

    def row(d: Device, first: dt.datetime, last: dt.datetime, health: str, host: str | None = None,
            aad: str | None = None) -> None:
        name = host or (f"{d.host}.{d.domain}".lower() if d.domain else d.host.lower())
        external = CU_SITES[d.site][3] if not d.ip.startswith("192.168.") else f"198.51.100.{r.randint(2, 250)}"
        risk = r.choices(["None", "Informational", "Low", "Medium", "High"], [30, 25, 30, 12, 3])[0]
        exposure = r.choices(["Low", "Medium", "High"], [55, 40, 5])[0]
        rows.append((name, [hexid(r, 40), name, iso_z(first, r, 7), iso_z(last, r, 7), platform[d.os_name],
                            d.release, d.build if d.role != "mac" else "",
                            d.ip, external, health, "Onboarded", groups[d.role], risk, exposure,
                            aad if aad is not None else ("" if d.role in ("server", "mac") else guid(r)),
                            json.dumps(d.tags)]))

    for d in devices:
        onboarded = d.created + dt.timedelta(minutes=r.randint(8, 90))
        seen = d.last_contact - dt.timedelta(seconds=r.randint(0, 600))
        if d.edr == "none":
            continue
        if d.edr == "stale":  # sensor stopped reporting 20 days before the as-of date
            row(d, onboarded, at(-20, 15, 47, 12), "Inactive")
            continue
        if d.edr == "duplicate":  # re-imaged and re-onboarded: the old record lingers, inactive
            aad_old = guid(r)
            reimaged = at(-42, 14, 20, 5)
            row(d, onboarded, reimaged - dt.timedelta(minutes=35), "Inactive", aad=aad_old)
            row(d, reimaged + dt.timedelta(minutes=52), seen, "Active")
            continue
        health = "ImpairedCommunication" if r.random() < 0.006 else "Active"
        row(d, onboarded, seen, health)
    # machines retired earlier in the year: Defender keeps inactive records for 180 days
    in_rmm = {d.host for d in devices}
    retired = [n for n in range(1, 261) if f"PWM-WS-{n:04d}" not in in_rmm]
    template = next(d for d in devices if d.role == "desktop")
    for n in sorted(r.sample(retired, 6)):
        old = Device(f"PWM-WS-{n:04d}", "WINDOWS_WORKSTATION", "desktop", "PWM", template.os_name,
                     "23H2", "22631", _created(r, -1700, -900), template.last_contact, domain=CU_AD,
                     ip=f"10.10.{r.randint(20, 29)}.{r.randint(10, 250)}")
        row(old, old.created, at(r.randint(-175, -60), r.randint(13, 21), r.randint(0, 59)), "Inactive")
    for n in sorted(r.sample(range(191, 260), 2)):
        old = Device(f"HPL-LT-{n:04d}", "WINDOWS_WORKSTATION", "laptop", "PWM", template.os_name, "23H2",
                     "22631", _created(r, -1500, -800), template.last_contact, ip="10.10.41.17")
        row(old, old.created, at(r.randint(-160, -45), r.randint(13, 21), r.randint(0, 59)), "Inactive")
    rows.sort(key=lambda item: item[0])
    return csv_bytes(header, [fields for _, fields in rows])


def cu_ninja_devices(devices: list[Device]) -> bytes:
    """NinjaOne GET /v2/devices-detailed for the Harbor Point organisation, flattened to CSV."""
    r = rng(CU, "ninja-devices")
    header = ["id", "parentDeviceId", "organizationId", "locationId", "nodeClass", "nodeRoleId",
              "rolePolicyId", "policyId", "approvalStatus", "offline", "displayName", "systemName",
              "dnsName", "netbiosName", "created", "lastContact", "lastUpdate", "os.name",
              "os.releaseId", "os.buildNumber"]
    roles = {"WINDOWS_WORKSTATION": 1, "WINDOWS_SERVER": 2, "MAC": 5}
    policy = {"server": 112, "teller": 114, "contact": 114, "desktop": 111, "laptop": 113, "mac": 115}
    rows = []
    for d in sorted(devices, key=lambda d: d.ninja_id):
        contact = d.last_contact if d.approval == "APPROVED" else d.created + dt.timedelta(minutes=4)
        system = d.host if d.role != "mac" else d.host.lower()
        rows.append([str(d.ninja_id), "", "7", str(CU_SITES[d.site][1]), d.node_class,
                     str(roles[d.node_class]), "", str(policy[d.role]), d.approval, js_bool(d.offline),
                     d.display, system, d.fqdn if d.role != "mac" else f"{system}.local",
                     d.host if d.role != "mac" else "", epoch(d.created, r), epoch(contact, r),
                     epoch(contact + dt.timedelta(seconds=r.randint(5, 90)), r), d.os_name, d.release,
                     d.build])
    return csv_bytes(header, rows)


SEPT_CU = {  # os release: (KB, title)
    "24H2": ("KB5079230", "2026-09 Cumulative Update for Windows 11, version 24H2 for x64-based Systems (KB5079230)"),
    "23H2": ("KB5079212", "2026-09 Cumulative Update for Windows 11, version 23H2 for x64-based Systems (KB5079212)"),
    "21H2": ("KB5079244", "2026-09 Cumulative Update for Microsoft server operating system, version 21H2 for x64-based Systems (KB5079244)"),
    "1809": ("KB5079257", "2026-09 Cumulative Update for Windows Server 2019 for x64-based Systems (KB5079257)"),
}
SEPT_NET = {
    "24H2": ("KB5079301", "2026-09 Cumulative Update for .NET Framework 3.5 and 4.8.1 for Windows 11, version 24H2 for x64 (KB5079301)"),
    "23H2": ("KB5079296", "2026-09 Cumulative Update for .NET Framework 3.5 and 4.8.1 for Windows 11, version 23H2 for x64 (KB5079296)"),
    "21H2": ("KB5079318", "2026-09 Cumulative Update for .NET Framework 3.5, 4.8 and 4.8.1 for Microsoft server operating system, version 21H2 for x64 (KB5079318)"),
    "1809": ("KB5079322", "2026-09 Cumulative Update for .NET Framework 3.5, 4.7.2 and 4.8 for Windows Server 2019 for x64 (KB5079322)"),
}
SEPT_PREVIEW = {
    "24H2": ("KB5079355", "2026-09 Cumulative Update Preview for Windows 11, version 24H2 for x64-based Systems (KB5079355)"),
    "23H2": ("KB5079349", "2026-09 Cumulative Update Preview for Windows 11, version 23H2 for x64-based Systems (KB5079349)"),
}
OOB_2022 = ("KB5079402", "2026-09 Out-of-band Update for Microsoft server operating system, version 21H2 for x64-based Systems (KB5079402)")
PATCH_TUESDAY = day(-22)   # 2026-09-08, second Tuesday of September
PREVIEW_DAY = day(-7)      # 2026-09-23, the optional "D" release
OOB_DAY = day(-5)          # 2026-09-25


def _installed(r: random.Random, d: Device, released: dt.date) -> dt.datetime:
    """When the RMM installed an update: workstations on weeknights, servers on Saturday night."""
    if d.role == "server":
        saturday = released + dt.timedelta(days=(5 - released.weekday()) % 7 + (7 if r.random() < 0.3 else 0))
        return dt.datetime(saturday.year, saturday.month, saturday.day, 6, r.randint(0, 59),
                           r.randint(0, 59), tzinfo=UTC) + dt.timedelta(minutes=r.randint(0, 150))
    when = released + dt.timedelta(days=r.choice([1, 1, 2, 2, 3, 4, 6, 8]))
    return dt.datetime(when.year, when.month, when.day, 2, r.randint(0, 59), r.randint(0, 59),
                       tzinfo=UTC) + dt.timedelta(minutes=r.randint(0, 200))


def cu_patches(devices: list[Device]) -> bytes:
    """NinjaOne OS patch report (Reporting > OS patches, last 30 days and outstanding), CSV."""
    r = rng(CU, "patches")
    header = ["Organization", "Location", "Device", "Device Class", "Patch", "KB", "Severity", "Type",
              "Status", "Release Date", "Installed"]
    org = "Harbor Point Federal Credit Union"
    rows = []
    for d in sorted(devices, key=lambda d: d.host):
        if not d.windows or d.approval != "APPROVED":
            continue
        loc = CU_SITES[d.site][0]
        device = d.host if r.random() < 0.85 else d.fqdn   # the report names a few by their DNS name

        def add(patch: tuple[str, str], severity: str, kind: str, status: str, released: dt.date,
                installed: dt.datetime | None) -> None:
            rows.append([org, loc, device, d.node_class, patch[1], patch[0], severity, kind, status,
                         released.isoformat(), iso_z(installed) if installed else ""])

        cu = SEPT_CU[d.release]
        if d.host == "HPFCU-SQL02":          # PLANTED: install fails (0x800f0922), 22 days old
            add(cu, "CRITICAL", "SECURITY_UPDATES", "FAILED", PATCH_TUESDAY, None)
        elif d.host == "WBK-TLR-02":         # PLANTED: approved, never installed (deferred reboots)
            add(cu, "CRITICAL", "SECURITY_UPDATES", "APPROVED", PATCH_TUESDAY, None)
        else:
            add(cu, "CRITICAL", "SECURITY_UPDATES", "INSTALLED", PATCH_TUESDAY,
                _installed(r, d, PATCH_TUESDAY))
        if r.random() < 0.55 or d.role == "server":
            pending = r.random() < 0.06
            add(SEPT_NET[d.release], "IMPORTANT", "SECURITY_UPDATES", "APPROVED" if pending else "INSTALLED",
                PATCH_TUESDAY, None if pending else _installed(r, d, PATCH_TUESDAY))
        if d.release in SEPT_PREVIEW and r.random() < 0.12:
            add(SEPT_PREVIEW[d.release], "OPTIONAL", "UPDATE_ROLLUPS", "REJECTED", PREVIEW_DAY, None)
        if d.release == "21H2" and d.host in ("HPFCU-DC01", "HPFCU-DC02", "HPFCU-CA01"):
            add(OOB_2022, "CRITICAL", "SECURITY_UPDATES", "APPROVED", OOB_DAY, None)  # inside its SLA
    return csv_bytes(header, rows)


@dataclass
class Job:
    """A Veeam job: its name, type, nightly start (local time), repository and usual duration."""

    name: str
    kind: str
    start: tuple[int, int]
    minutes: tuple[int, int]
    repository: str
    failures: dict[int, str] = field(default_factory=dict)   # day offset: error message
    warnings: dict[int, str] = field(default_factory=dict)


def _veeam_runs(r: random.Random, jobs: list[Job], first: int, last: int) -> list[tuple[Job, dt.datetime, dt.datetime, str, str]]:
    """Each job's nightly sessions from `first` to `last` (day offsets), in start order."""
    runs = []
    for offset in range(first, last + 1):
        for job in jobs:
            hh, mm = job.start
            start = at(offset, hh, mm, r.randint(0, 30), tz=EDT) + dt.timedelta(seconds=r.randint(0, 20))
            if hh < 12:  # copy jobs start after midnight: the run belongs to the next day
                start += dt.timedelta(days=1)
            if offset in job.failures:
                result, message = "Failed", job.failures[offset]
                end = start + dt.timedelta(minutes=r.randint(2, 9), seconds=r.randint(0, 59))
            else:
                result = "Warning" if offset in job.warnings or r.random() < 0.03 else "Success"
                message = job.warnings.get(offset, "") if result == "Warning" else ""
                if result == "Warning" and not message:
                    message = r.choice([
                        "Processing {vm} Warning: Changed block tracking cannot be enabled: checkpoint exists",
                        "Processing {vm} Warning: Unable to truncate Microsoft SQL Server transaction logs",
                        "Processing {vm} Warning: Guest processing skipped (guest OS is not reachable)"])
                end = start + dt.timedelta(minutes=r.randint(*job.minutes), seconds=r.randint(0, 59))
            runs.append((job, start, end, result, message))
    runs.sort(key=lambda item: item[1])
    return runs


CU_JOBS = [
    Job("HPFCU Domain Controllers", "BackupJob", (21, 0), (9, 22), "HPFCU-VHR01 Hardened"),
    Job("HPFCU File and Print", "BackupJob", (21, 30), (25, 70), "HPFCU-VHR01 Hardened",
        warnings={-17: "Processing HPFCU-FS01 Warning: Changed block tracking cannot be enabled: checkpoint exists"}),
    Job("HPFCU SQL Servers", "BackupJob", (22, 0), (18, 40), "HPFCU-VHR01 Hardened",
        failures={-25: "Error: Processing HPFCU-SQL01 Error: VSSControl: Failed to prepare guest for hot backup. Error code: 0x800423f4"}),
    Job("HPFCU Application Servers", "BackupJob", (22, 30), (20, 55), "HPFCU-VHR01 Hardened"),
    Job("HPFCU Loan Imaging", "BackupJob", (23, 0), (60, 140), "LEGACY-NAS01",
        failures={-2: "Error: Not enough free space on repository LEGACY-NAS01: 12.4 GB free, 186.0 GB required",
                  -1: "Error: Not enough free space on repository LEGACY-NAS01: 11.9 GB free, 186.0 GB required"},
        warnings={-4: "Repository LEGACY-NAS01 is running low on free space (4% free)",
                  -3: "Repository LEGACY-NAS01 is running low on free space (2% free)"}),
    Job("HPFCU Branch Servers", "BackupJob", (23, 30), (12, 35), "HPFCU-VHR01 Hardened",
        failures={-16: "Error: Failed to connect to BWK-SRV01.corp.harborpointfcu.example: The RPC server is unavailable"}),
    Job("HPFCU Offsite Copy", "BackupCopyJob", (1, 0), (40, 120), "Offsite Object Storage"),
]


def cu_veeam_sessions() -> bytes:
    """Veeam B&R REST GET /api/v1/sessions (backup and backup copy jobs, last 35 days), flattened."""
    r = rng(CU, "veeam-sessions")
    header = ["id", "name", "jobId", "sessionType", "creationTime", "endTime", "state",
              "progressPercent", "result.result", "result.message", "result.isCanceled", "usn"]
    job_ids = {job.name: guid(r) for job in CU_JOBS}
    rows = []
    usn = 2_118_400
    for job, start, end, result, message in _veeam_runs(r, CU_JOBS, -35, -1):
        usn += r.randint(3, 40)
        vm = r.choice(["HPFCU-FS01", "HPFCU-APP02", "HPFCU-RDS01", "HPFCU-SQL02", "SPT-SRV01"])
        rows.append([guid(r), job.name, job_ids[job.name], job.kind, iso_local(start, r),
                     iso_local(end, r), "Stopped", "100" if result != "Failed" else str(r.randint(1, 15)),
                     result, message.replace("{vm}", vm), "false", str(usn)])
    return csv_bytes(header, rows)


def cu_veeam_repositories() -> bytes:
    """Veeam B&R REST GET /api/v1/backupInfrastructure/repositories, flattened."""
    r = rng(CU, "veeam-repos")
    header = ["id", "name", "description", "type", "hostId", "repository.path",
              "repository.makeRecentBackupsImmutableDays", "share.sharePath", "bucket.bucketName",
              "bucket.folderName", "bucket.immutability.isEnabled", "bucket.immutability.daysCount"]
    rows = [
        [guid(r), "HPFCU-VHR01 Hardened", "Hardened Linux repository, head office (XFS, single-use credentials)",
         "LinuxHardened", guid(r), "/mnt/veeam/hpfcu", "14", "", "", "", "", ""],
        [guid(r), "HPFCU-VHR02 Hardened", "Hardened Linux repository, Westbrook DR rack",
         "LinuxHardened", guid(r), "/mnt/veeam/hpfcu-dr", "14", "", "", "", "", ""],
        [guid(r), "Offsite Object Storage", "S3-compatible object storage with object lock (offsite copies)",
         "S3Compatible", "", "", "", "", "hpfcu-vbr-offsite", "vbr01/", "true", "30"],
        # PLANTED: the legacy NAS share still takes the Loan Imaging job and keeps nothing immutable
        [guid(r), "LEGACY-NAS01", "Legacy NAS share (Loan Imaging only; to be retired)", "Smb", "",
         "", "", r"\\hpfcu-nas01.corp.harborpointfcu.example\veeam$", "", "", "", ""],
    ]
    return csv_bytes(header, rows)


@dataclass
class Ticket:
    """A PSA ticket before it is rendered in the vendor's columns."""

    summary: str
    board: str
    kind: str
    subtype: str
    item: str
    priority: int
    opened: dt.datetime
    hours: float | None                  # to resolution; None = still open
    owner: str
    contact: str = ""
    site: str = ""
    status_open: str = "In Progress"
    severity: str = "Low"
    impact: str = "Low"
    source: str = "Email"
    resources: list[str] = field(default_factory=list)
    in_sla: bool = True


CU_TECHS = ["KBoateng", "JRivera", "SPatel", "MNguyen", "TBrooks", "ADiaz"]
CU_ENGINEERS = ["OHaddad", "LFerreira", "NQuinn"]
CU_SOC = ["HCho", "RAnand", "DKowalski"]
CU_PRIORITY = {1: "Priority 1 - Emergency Response", 2: "Priority 2 - Quick Response",
               3: "Priority 3 - Normal Response", 4: "Priority 4 - Schedule Maintenance"}
CU_CLOSED = {"Help Desk": ">Closed", "Alerts": ">Closed", "SOC": "Closed - Resolved",
             "Change Management": "Completed"}


def _when(r: random.Random, first: int, last: int) -> dt.datetime:
    """A moment in business hours (Eastern) between two day offsets, weekdays mostly."""
    while True:
        offset = r.randint(first, last)
        if day(offset).weekday() < 5 or r.random() < 0.15:
            return at(offset, r.randint(8, 17), r.randint(0, 59), r.randint(0, 59), tz=EDT)


def cu_tickets(people: list[Person], devices: list[Device]) -> list[Ticket]:
    """Harbor Point's tickets in Northwind's ConnectWise Manage, 2026-07-01 to the export."""
    r = rng(CU, "tickets")
    staff = [p for p in people if p.kind == "staff" and p.enabled]
    hosts = [d for d in devices if d.approval == "APPROVED" and d.role != "server"]
    servers = [d for d in devices if d.role == "server"]
    q3 = (-91, -1)
    out: list[Ticket] = []

    def add(t: Ticket) -> None:
        if not t.resources:
            t.resources = [t.owner] + ([r.choice(CU_TECHS)] if r.random() < 0.15 else [])
        out.append(t)

    apps = ["the loan origination system", "the imaging viewer", "the collections module",
            "the member statements share", "the teller cash recycler console", "Teams phone",
            "the board portal", "the HR system", "the marketing drive", "the card management portal"]
    for _ in range(150):
        p = r.choice(staff)
        d = r.choice(hosts)
        opened = _when(r, *q3)
        kind, sub, item, summary = r.choice([
            ("Service Request", "Password Reset", "Entra ID", f"Password reset - {p.name} (locked out)"),
            ("Service Request", "MFA", "Entra ID", f"MFA re-registration after phone replacement - {p.name}"),
            ("Service Request", "Access", "Application", f"Access request: {p.name} needs {r.choice(apps)}"),
            ("Incident", "Email", "Outlook", f"Outlook not syncing shared calendar - {p.name}"),
            ("Incident", "Hardware", "Printer", f"Receipt printer offline at {CU_SITES[p.site][0]} teller line"),
            ("Incident", "Hardware", "Workstation", f"{d.host} slow to log on / profile errors"),
            ("Incident", "Software", "Application", f"Error opening {r.choice(apps)} on {d.host}"),
            ("Service Request", "Hardware", "Peripheral", f"Replace dock / second monitor for {p.name}"),
            ("Incident", "Network", "Wi-Fi", f"Guest Wi-Fi captive portal not loading at {CU_SITES[p.site][0]}"),
            ("Service Request", "Software", "Application", f"Install approved software on {d.host} ({p.name})"),
        ])
        prio = 3 if kind == "Incident" else r.choice([3, 4])
        hours = r.choice([0.3, 0.6, 1.2, 2.5, 4, 7, 20, 30, 52])
        add(Ticket(summary, "Help Desk", kind, sub, item, prio, opened,
                   hours if opened < at(-2, 12) or r.random() < 0.5 else None,
                   r.choice(CU_TECHS), contact=p.name, site=CU_SITES[p.site][0],
                   status_open=r.choice(["In Progress", "Waiting Customer", "New"]),
                   source=r.choice(["Email", "Phone", "Portal"]), in_sla=r.random() > 0.04))
    for p in people:  # joiners and leavers of the quarter: onboarding and termination tickets
        if p.kind == "staff" and p.left and p.left >= day(-91):
            add(Ticket(f"Termination: {p.name} ({p.title}) - last day {p.left.isoformat()}", "Help Desk",
                       "Service Request", "Termination", "Offboarding",
                       2, at((p.left - AS_OF).days - 2, 10, r.randint(0, 59), tz=EDT), 58.0,
                       r.choice(CU_TECHS), contact="Human Resources", site=CU_SITES["PWM"][0], source="Portal"))
    for p in r.sample([s for s in staff if s is not people[8]], 9) + [people[8]]:
        start = p.started or day(r.randint(-85, -12))
        add(Ticket(f"New hire: {p.name} ({p.title}, {CU_SITES[p.site][0]}) - start {start.isoformat()}",
                   "Help Desk", "Service Request", "New Hire", "Onboarding", 3,
                   at((start - AS_OF).days - 5, 9, r.randint(0, 59), tz=EDT), 80.0, r.choice(CU_TECHS),
                   contact="Human Resources", site=CU_SITES[p.site][0], source="Portal"))
    add(Ticket("Admin account request: ADM Jared Pelletier (help desk escalations)", "Help Desk",
               "Service Request", "Access", "Privileged Access", 3, at(-10, 11, 4, tz=EDT), 26.0, "KBoateng",
               contact="Tom Gallagher", site=CU_SITES["PWM"][0], source="Portal"))

    for _ in range(46):  # RMM and backup alerts
        d = r.choice(servers + hosts[:60])
        opened = _when(r, *q3)
        sub, item, summary = r.choice([
            ("Disk Space", "Server", f"Low disk space on {d.host} C: (< 10% free)"),
            ("Device Offline", "Agent", f"NinjaOne: {d.host} offline for more than 24 hours"),
            ("Backup", "Veeam", "Veeam: job HPFCU File and Print finished with warning"),
            ("Patching", "Windows Update", f"Patch install pending reboot on {d.host}"),
            ("Performance", "Server", f"High CPU on {d.host} for 30 minutes"),
        ])
        add(Ticket(summary, "Alerts", "Alert", sub, item, 3, opened, r.choice([0.5, 1, 2, 6, 18]),
                   r.choice(CU_TECHS + CU_ENGINEERS), source="RMM Alert", status_open="New"))
    add(Ticket("Veeam: job HPFCU SQL Servers failed (VSS 0x800423f4 on HPFCU-SQL01)", "Alerts", "Alert",
               "Backup", "Veeam", 2, at(-24, 6, 10, tz=EDT), 9.0, "NQuinn", source="RMM Alert"))
    add(Ticket("Veeam: job HPFCU Branch Servers failed (BWK-SRV01 unreachable)", "Alerts", "Alert",
               "Backup", "Veeam", 2, at(-15, 6, 12, tz=EDT), 5.5, "NQuinn", source="RMM Alert"))
    add(Ticket("Veeam: job HPFCU Loan Imaging failed - LEGACY-NAS01 out of space", "Alerts", "Alert",
               "Backup", "Veeam", 2, at(-1, 6, 9, tz=EDT), None, "NQuinn", source="RMM Alert",
               status_open="In Progress", severity="Medium", impact="Medium"))
    add(Ticket("Patch install failed on HPFCU-SQL02: 2026-09 CU (0x800f0922)", "Alerts", "Alert",
               "Patching", "Windows Update", 3, at(-17, 7, 31, tz=EDT), None, "OHaddad", source="RMM Alert",
               status_open="Waiting Vendor"))

    phishing = ["Fake 'secure message' from a title company", "Payroll direct-deposit change request",
                "Shared document invitation from an unknown sender", "Invoice from an impersonated vendor",
                "Voicemail notification with HTML attachment", "Package delivery failure SMS (reported)"]
    for _ in range(22):
        p = r.choice(staff)
        opened = _when(r, *q3)
        add(Ticket(f"Phishing report: {r.choice(phishing)} - reported by {p.name}", "SOC", "Security Incident",
                   "Phishing", "Email", 3, opened, r.choice([0.4, 0.8, 1.5, 3]), r.choice(CU_SOC),
                   contact=p.name, site=CU_SITES[p.site][0], source="Phish Alert Button",
                   severity="Low", impact="Low"))
    for _ in range(7):
        p, d = r.choice(staff), r.choice(hosts)
        add(Ticket(r.choice([f"Defender: malware blocked on {d.host} (Trojan:Win32/Wacatac)",
                             f"Suspicious sign-in: impossible travel for {p.upn}",
                             f"Defender: suspicious PowerShell blocked on {d.host}",
                             f"Suspicious inbox rule created for {p.upn}"]),
                   "SOC", "Security Incident", r.choice(["Malware", "Account Compromise"]), "Defender XDR", 2,
                   _when(r, *q3), r.choice([1.5, 3, 6]), r.choice(CU_SOC), contact=p.name,
                   source="SOC Platform", severity="Medium", impact=r.choice(["Low", "Medium"])))
    add(Ticket("BEC attempt: spoofed CEO request for a wire to a new payee (Accounting) - not paid",
               "SOC", "Security Incident", "Business Email Compromise", "Email", 1, at(-53, 9, 14, tz=EDT), 7.5,
               "HCho", contact="Carla Mendes", source="Phone", severity="High", impact="Medium",
               resources=["HCho", "OHaddad"]))
    add(Ticket("Lost laptop reported by a mortgage originator (BitLocker on; wiped and retired via Intune)",
               "SOC", "Security Incident", "Lost Device", "Intune", 2, at(-38, 16, 2, tz=EDT), 4.0, "HCho",
               source="Phone", severity="Medium", impact="Low"))

    changes = [
        ("Normal", "Firewall", "Q3 firewall ruleset review: remove stale NAT for retired statement vendor"),
        ("Normal", "Firewall", "Narrow contact-centre VLAN egress to acquirer virtual terminal endpoints"),
        ("Standard", "Server", "Monthly server patch window (ring 2) - {d}"),
        ("Standard", "Workstation", "Workstation patch deployment ring 1 - {d}"),
        ("Normal", "Entra ID", "Conditional Access: block legacy authentication for shared mailboxes"),
        ("Normal", "Entra ID", "Conditional Access: require compliant device for admin portals"),
        ("Normal", "Network", "Replace Westbrook branch core switch"),
        ("Standard", "Backup", "Veeam: quarterly restore test (file-level, HPFCU-FS01) - {d}"),
        ("Normal", "Application", "Loan origination system vendor update 2026.3"),
        ("Standard", "Endpoint", "Defender ASR rules: move 'block Office child processes' to block mode (ring {n})"),
        ("Normal", "Server", "Decommission HPFCU-FS01 shares after migration to HPFCU-FS02"),
    ]
    for _ in range(40):
        sub, item, text = r.choice(changes)
        opened = _when(r, *q3)
        text = text.format(d=(opened.date() + dt.timedelta(days=r.randint(2, 9))).isoformat(), n=r.randint(1, 3))
        add(Ticket(f"CHG: {text}", "Change Management", "Change", sub, item, 4, opened,
                   r.choice([30, 50, 75, 120, 160]) if opened < at(-12, 0) else None,
                   r.choice(CU_ENGINEERS), contact="Tom Gallagher", status_open="Scheduled",
                   source="Portal", resources=[r.choice(CU_ENGINEERS), "TGallagher"]))
    add(Ticket("CHG: Onboard HPFCU-FS02 to Defender for Endpoint and NinjaOne server policy", "Change Management",
               "Change", "Standard", "Endpoint", 4, at(-26, 10, 30, tz=EDT), None, "OHaddad",
               contact="Tom Gallagher", status_open="Scheduled", source="Portal"))
    add(Ticket("CHG: Move HPFCU Loan Imaging job from LEGACY-NAS01 to HPFCU-VHR02 Hardened and retire the NAS",
               "Change Management", "Change", "Normal", "Backup", 4, at(-64, 13, 45, tz=EDT), None, "NQuinn",
               contact="Tom Gallagher", status_open="Scheduled", source="Portal",
               resources=["NQuinn", "AOkafor"]))
    out.sort(key=lambda t: t.opened)
    return out


def cu_connectwise(tickets: list[Ticket]) -> bytes:
    """ConnectWise Manage GET /service/tickets (company = Harbor Point), flattened with '/'."""
    r = rng(CU, "connectwise")
    header = ["id", "summary", "recordType", "board/name", "status/name", "company/identifier",
              "company/name", "site/name", "contactName", "type/name", "subType/name", "item/name",
              "owner/identifier", "priority/name", "severity", "impact", "source/name", "dateEntered",
              "closedDate", "closedBy", "closedFlag", "dateResolved", "isInSla", "resources"]
    rows = []
    number = 51_870
    for t in tickets:
        number += r.randint(1, 14)       # Northwind's other clients' tickets fall in between
        closed = t.opened + dt.timedelta(hours=t.hours) if t.hours is not None else None
        if closed is not None and closed > CU_TICKETS_AT:
            closed = None
        resolved = closed - dt.timedelta(minutes=r.randint(2, 90)) if closed else None
        if resolved is not None and resolved < t.opened:
            resolved = closed
        rows.append([str(number), t.summary, "ServiceTicket", t.board,
                     CU_CLOSED[t.board] if closed else t.status_open, "HarborPointFCU",
                     "Harbor Point Federal Credit Union", t.site or "Main", t.contact, t.kind, t.subtype,
                     t.item, t.owner, CU_PRIORITY[t.priority], t.severity, t.impact, t.source,
                     iso_z(t.opened), iso_z(closed) if closed else "", t.owner if closed else "",
                     js_bool(closed is not None), iso_z(resolved) if resolved else "",
                     js_bool(t.in_sla), ", ".join(dict.fromkeys(t.resources))])
    return csv_bytes(header, rows)


# --- Harbor Point documents ------------------------------------------------------------------

CU_DATES = {
    "isp": day(-43),               # 2026-08-18 board approval of ISP v7.0
    "risk": day(-78),              # 2026-07-14 risk assessment approved by the ISO
    "risk_board": day(-71),        # 2026-07-21 presented to the board
    "irp": day(-232),              # 2026-02-10 IR plan v5.1
    "tt_exercise": day(-469),      # 2025-06-18 TT-2025-02 (the P1 path's last test)
    "tt_report": day(-460),        # 2025-06-27 its report
    "pt_start": day(-212),         # 2026-03-02 Adatum testing window opens
    "pt_end": day(-194),           # 2026-03-20 and closes
    "pt_report": day(-173),        # 2026-04-10 report issued
    "scan_start": day(-205),       # 2026-03-09 Q1 scans
    "scan_end": day(-201),         # 2026-03-13
    "asv": day(-194),              # 2026-03-20 ASV passing scan
    "scan_report": day(-187),      # 2026-03-27 Q1 summary (the newest on file)
    "board": day(-344),            # 2025-10-21 annual report to the board
    "vendors": day(-15),           # 2026-09-15 vendor register refresh
}


def cu_isp() -> str:
    """The written information security program, summary for examiners."""
    d = CU_DATES
    return f"""# Harbor Point Federal Credit Union
## Written Information Security Program — summary

| | |
|---|---|
| Document | HPFCU-ISP-001, Written Information Security Program, version 7.0 (examiner summary) |
| Program owner | Priya Natarajan, Information Security Officer, designated Qualified Individual |
| Approved | Board of Directors, {long_date(d['isp'])} (minutes, item 7) |
| Applies to | Harbor Point Federal Credit Union and Harbor Point Financial Services LLC (CUSO) |
| Built to | 12 CFR Part 748 and Appendix A; 16 CFR Part 314 (FTC Safeguards Rule); PCI DSS 4.0.1 (merchant, SAQ D) |
| Next review | August 2027, or sooner after a material change to the risk assessment, the business or the regulations |

### 1. Purpose and scope
The program protects the security, confidentiality and integrity of member information and of the
systems that store, process or transmit it, against anticipated threats and unauthorized access or
use that could cause substantial harm to members. Harbor Point runs one program for the credit
union and its CUSO, built to the FTC Safeguards Rule's structure (Qualified Individual, written risk
assessment, annual written report to the board), which also meets NCUA's Appendix A guidelines.

### 2. Governance
- **Board of Directors** approves the program each year and receives the Qualified Individual's
  written report at the October meeting.
- **Supervisory Committee** receives a quarterly summary of security events, testing and audit results.
- **IT Steering Committee** (monthly): VP of Information Technology (chair), Information Security
  Officer, Compliance Officer, IT Manager and Northwind's vCIO. Approves standards and exceptions.
- **Northwind Managed IT** delivers the service desk, patching, 24/7 SOC, network management and
  backup under MSA-2024-017 (SOW-3, SOW-4). Harbor Point stays accountable for every function; the
  split is recorded in the RACI matrix (appendix B) and reviewed at each contract renewal.

### 3. Program elements
| Element | Requirement | Where it is implemented | Owner |
|---|---|---|---|
| Risk assessment | 314.4(b); Part 748 App. A III.B | Risk Assessment 2026 (RA-2026) | ISO |
| Access control, MFA | 314.4(c)(1), (c)(5) | Access Control and Authentication Standard v4 | IT Manager |
| Asset inventory | 314.4(c)(2) | Asset Management Standard v2; NinjaOne device inventory | IT Manager |
| Encryption | 314.4(c)(3) | Data Protection Standard v3 (BitLocker, TLS 1.2+) | ISO |
| Acquired applications | 314.4(c)(4) | Vendor application assessment procedure | IT Manager |
| Disposal | 314.4(c)(6) | Records Retention and Disposal Policy | Compliance Officer |
| Change management | 314.4(c)(7) | Change Management Procedure (ConnectWise change board) | IT Manager |
| Monitoring and logging | 314.4(c)(8) | Logging and Monitoring Standard; Northwind SOC runbook | ISO |
| Testing | 314.4(d)(2) | Annual penetration test (independent); vulnerability scans every quarter | ISO |
| Training | 314.4(e) | Security Awareness Program 2026 | ISO |
| Service providers | 314.4(f) | Vendor Management Policy and vendor register | Compliance Officer |
| Incident response | 314.4(h); 748.1(c) | Incident Response Plan v5.1 | ISO |
| Board reporting | 314.4(i) | Annual written report (October) | ISO |

### 4. Changes in version 7.0
- Scope restated for the CUSO's indirect auto lending (dealer portal added to the asset inventory).
- MFA required for every workforce account, including branch tellers (hardware OATH tokens where
  staff have no work phone); break-glass accounts documented with FIDO2 keys held in the vault.
- Patch deadlines aligned with the vulnerability standard: critical 14 days, important 30 days.
- Backup standard: every repository must keep recent restore points immutable; the legacy NAS used
  by the loan imaging system is to be retired (risk R-09).

### 5. Roadmap 2026–2027 (approved budget)
| Initiative | Target | Budget (USD) |
|---|---|---|
| Retire LEGACY-NAS01; all backups to hardened or object-lock storage | Q4 2026 | 38,000 |
| Privileged access workstations for all administrator accounts | Q1 2027 | 22,000 |
| Replace the internal vulnerability scanner (licence ends June 2026) | Q3 2026 | 17,500 |
| Data loss prevention for member data in e-mail and Teams | Q2 2027 | 26,000 |
| Security awareness: role-based modules for lending and contact centre | Q1 2027 | 6,500 |

### 6. Version history
| Version | Date | Change | Approved by |
|---|---|---|---|
| 7.0 | {d['isp'].isoformat()} | Annual review (see section 4) | Board of Directors |
| 6.1 | 2025-11-18 | Qualified Individual report actions; vendor tiers | IT Steering Committee |
| 6.0 | 2025-08-19 | Annual review; FTC notification requirement added | Board of Directors |
"""


def cu_risk_assessment() -> str:
    """The written risk assessment 2026, with register and business impact tiers."""
    d = CU_DATES
    return f"""# Harbor Point Federal Credit Union — Information Security Risk Assessment 2026

| | |
|---|---|
| Reference | RA-2026 (annual; replaces RA-2025) |
| Prepared by | Priya Natarajan, Information Security Officer, with Elena Vasquez (Northwind vCIO) |
| Approved | {long_date(d['risk'])} by the Information Security Officer; presented to the Board on {long_date(d['risk_board'])} |
| Method | NIST SP 800-30 Rev. 1 style: likelihood (1–5) × impact (1–5); residual risk after existing controls |
| Scope | Member information in all systems of the credit union and the CUSO, including those run by service providers |
| Risk appetite | Residual risk above 12 requires a treatment plan approved by the IT Steering Committee |

### 1. Criteria
Likelihood considers threat activity in the credit union sector (NCUA and FS-ISAC bulletins), exposure
and control strength. Impact considers member harm, financial loss, regulatory consequence and
outage of tier 1 services. Scores: 1–6 low, 8–12 moderate, 15–25 high.

### 2. Risk register
| ID | Risk | Inherent | Key controls | Residual | Owner | Treatment | Status |
|---|---|---|---|---|---|---|---|
| R-01 | Ransomware spreads from a workstation to servers and backups | 20 | EDR on all devices, 24/7 SOC, tiered admin, immutable backups | 10 | IT Manager | Mitigate | In progress (R-09) |
| R-02 | Business e-mail compromise leads to a fraudulent wire | 20 | MFA, callback verification, external-mail tagging | 8 | Compliance Officer | Mitigate | Effective |
| R-03 | Compromise of the MSP's tools or accounts | 15 | Named admin accounts with FIDO2, GDAP, Northwind SOC 2 Type II review | 9 | ISO | Mitigate | Effective |
| R-04 | Core, online banking or card processing outage at Litware | 15 | Contractual RTO 4 h, annual joint DR test | 8 | VP of IT | Transfer / accept | Accepted |
| R-05 | Card data exposure in the contact centre | 16 | Segmented CDE VLANs, virtual terminal only, no storage | 6 | ISO | Mitigate | Effective |
| R-06 | Member data sent out by e-mail or file share | 12 | Sensitivity labels, mail encryption | 12 | ISO | Mitigate | DLP planned Q2 2027 |
| R-07 | Lost or stolen laptop | 12 | BitLocker, Intune wipe, no local member data | 4 | IT Manager | Mitigate | Effective |
| R-08 | Critical patches not applied on time | 15 | NinjaOne patch policy, monthly compliance report | 8 | IT Manager | Mitigate | Effective |
| R-09 | Loan imaging backups on a legacy NAS without immutability | 16 | Nightly backup, offsite copy of other jobs only | 12 | IT Manager | Mitigate | Migration scheduled Q4 2026 |
| R-10 | Accounts without MFA during onboarding | 12 | Temporary access pass, 7-day enrolment window | 6 | IT Manager | Mitigate | Effective |
| R-11 | Q2 internal vulnerability scan not run (scanner licence ended in June) | 12 | External ASV scans continue | 9 | ISO | Mitigate | Replacement scanner in procurement |
| R-12 | Insider misuse of member accounts | 15 | Role-based core access, daily exception reports | 8 | Compliance Officer | Mitigate | Effective |

### 3. Business impact tiers
| Tier | Services | RTO | RPO |
|---|---|---|---|
| 1 | Core banking, online and mobile banking, card processing (Litware, hosted) | 4 hours | 15 minutes |
| 2 | Loan origination, loan imaging, e-mail and Teams, contact-centre telephony | 24 hours | 24 hours |
| 3 | File shares, intranet, marketing and HR systems | 72 hours | 24 hours |

### 4. Exceptions
| Ref | Exception | Compensating control | Expires |
|---|---|---|---|
| EX-26-03 | Two branch cash recyclers run an unsupported embedded OS | Isolated VLAN, vendor-managed, no internet | 2026-12-31 |
| EX-26-05 | Imaging backups stay on LEGACY-NAS01 until migration | Weekly restore check by Northwind | 2026-11-30 |

### 5. Conclusion
Residual risk is within appetite except R-06, R-09 and R-11, which have funded treatment plans in the
2026–2027 roadmap. The next full assessment is due by July 2027; the register is reviewed quarterly.
"""


def cu_ir_plan() -> str:
    """The incident response plan."""
    d = CU_DATES
    return f"""# Harbor Point Federal Credit Union — Incident Response Plan

| | |
|---|---|
| Reference | HPFCU-IRP, version 5.1 |
| Owner | Priya Natarajan, Information Security Officer (Incident Commander) |
| Approved | {long_date(d['irp'])}, Information Security Officer; reviewed by the IT Steering Committee |
| Applies to | The credit union, the CUSO, and Northwind Managed IT when acting for Harbor Point |

### 1. Roles
| Role | Who | Duties |
|---|---|---|
| First responder | Northwind SOC (Hannah Cho, SOC Lead) | Triage alerts 24/7, open the incident ticket, contain endpoints and accounts |
| Incident Commander | Information Security Officer | Declares severity, directs the response, keeps the decision log |
| Technical lead | IT Manager | Coordinates Harbor Point IT and Northwind engineers |
| Regulatory and legal | Compliance Officer | Decides and files regulator and member notices; engages counsel and the insurer |
| Executive | President and CEO | Member and media communication; board notification |

### 2. Severity and escalation
| Level | Examples | Escalate to |
|---|---|---|
| P1 | Confirmed compromise, ransomware, member data accessed, core or card outage over 1 hour | IT Manager and ISO within 15 min, VP of IT 30 min, CEO and Compliance Officer 60 min |
| P2 | Suspected account or device compromise, BEC, DDoS against online banking | IT Manager 30 min, ISO 60 min (phone); VP of IT 2 h (e-mail) |
| P3 | Malware blocked, phishing reported, single lost device | Help Desk Lead 1 h, IT Manager 4 h (ticket) |
| P4 | Routine security request | Help Desk Lead 8 h, IT Manager 24 h (ticket) |

### 3. Phases
1. **Detect and triage** — SOC validates the alert, opens a ConnectWise ticket on the SOC board and assigns a severity.
2. **Contain** — isolate devices in Defender, revoke sessions and reset credentials in Entra ID, block indicators at the firewall.
3. **Eradicate and recover** — rebuild from known-good images, restore from immutable backups, verify before reconnecting.
4. **Post-incident review** — within 10 business days for P1 and P2; actions tracked to closure.

### 4. Notifications
- **NCUA**: as soon as possible and no later than 72 hours after a reasonable belief that a
  reportable cyber incident occurred (12 CFR 748.1(c)).
- **FTC** (CUSO only): within 30 days of discovering a notification event affecting 500 or more
  consumers (16 CFR 314.4(j)).
- **Members**: per Part 748 Appendix B and the Maine notice-of-risk statute, as decided by the Compliance Officer.
- **Card brands and acquirer**: immediately on suspected exposure of card data.
- **Cyber insurer**: through its breach hotline before engaging outside forensics.

### 5. Evidence handling
Logs, images and tickets are preserved with a chain-of-custody record; Northwind exports Defender
timelines and Entra sign-in logs to the incident folder within 24 hours.

### 6. Testing
Each escalation path is exercised at least every 12 months (tabletop or drill). A ransomware P1
tabletop is planned for 2026 to follow TT-2025-02.

### 7. Version history
| Version | Date | Change |
|---|---|---|
| 5.1 | {d['irp'].isoformat()} | NCUA 72-hour rule clarified; insurer hotline step added |
| 5.0 | 2025-09-09 | Actions from TT-2025-02; severity table aligned with the escalation paths |
"""


def cu_tabletop() -> str:
    """The report of tabletop TT-2025-02 — the last exercise of the P1 path."""
    d = CU_DATES
    return f"""# Tabletop Exercise Report — TT-2025-02

| | |
|---|---|
| Organisation | Harbor Point Federal Credit Union |
| Exercise date | {long_date(d['tt_exercise'])}, 09:00–12:30, head office board room |
| Report date | {long_date(d['tt_report'])} |
| Facilitators | Elena Vasquez (vCIO) and Hannah Cho (SOC Lead), Northwind Managed IT |
| Scenario | Ransomware on the branch network through a compromised vendor remote-access account |
| Paths exercised | P1 Critical incident (full route), P2 High-impact incident (first two steps) |

### Participants
Marcus Bell (President and CEO), Renee Castillo (VP of IT), Priya Natarajan (ISO), Carla Mendes
(Compliance Officer), Tom Gallagher (IT Manager), Aisha Okafor (Systems Administrator), Derek Shaw
(Network Administrator), Hannah Cho and Kwame Boateng (Northwind).

### Timeline of injects
| Time | Inject | Expected action |
|---|---|---|
| 09:10 | SOC sees encryption behaviour on two Biddeford workstations | Isolate, open P1, call IT Manager |
| 09:35 | Branch server BDF-SRV01 unreachable; teller line down | Declare P1, invoke branch continuity |
| 10:05 | Ransom note names member data; attacker claims exfiltration | Engage counsel and insurer; start NCUA 72-hour clock |
| 10:40 | Backup console shows deletion attempts on the NAS repository | Confirm immutable copies; protect backup credentials |
| 11:30 | Local reporter calls member services | Approved holding statement |

### Observations
- Escalation calls met the 15/30/60-minute targets for every step of the P1 route.
- The decision to notify NCUA was made at 10:50, well inside 72 hours; the template was out of date.
- Nobody could confirm in the exercise whether the NAS repository kept immutable copies.
- The vendor remote-access account had no MFA and no expiry.

### Actions
| # | Action | Owner | Due |
|---|---|---|---|
| 1 | Update the NCUA notification template and contact list | Carla Mendes | 2025-07-31 |
| 2 | Confirm and document immutability of every backup repository | Tom Gallagher | 2025-09-30 |
| 3 | Require MFA and expiry for all vendor remote access | Aisha Okafor | 2025-08-31 |
| 4 | Schedule the 2026 P1 tabletop (ransomware with core outage) | Priya Natarajan | Q2 2026 |
"""


def cu_pentest() -> str:
    """Adatum's penetration test report, executive summary."""
    d = CU_DATES
    return f"""# Penetration Test 2026 — Executive Summary

| | |
|---|---|
| Client | Harbor Point Federal Credit Union |
| Tester | Adatum Security Assessments LLC (independent of Northwind Managed IT) |
| Engagement | EL-2026-03; engagement manager Grace Holloway |
| Testing window | {d['pt_start'].isoformat()} to {d['pt_end'].isoformat()} |
| Report date | {long_date(d['pt_report'])} |
| Testers | Two senior testers (OSCP, GPEN, CREST CRT); PCI segmentation testing per PCI DSS 11.4.5 |
| Method | PTES and NIST SP 800-115; external black box, internal assumed breach, social engineering |

### Scope
- External: the credit union's public address range (203.0.113.0/28), online banking login pages (vendor-hosted, test letter from Litware on file), remote desktop gateway.
- Internal: head office and the Westbrook and Biddeford branches, from a standard workstation.
- Segmentation: contact-centre and teller CDE VLANs from every other VLAN.
- Social engineering: phishing simulation to 120 staff; two pretext calls to the service desk.

### Results
| Severity | Found | Fixed by report date |
|---|---|---|
| Critical | 0 | 0 |
| High | 2 | 1 |
| Medium | 5 | 3 |
| Low | 6 | 2 |

| ID | Finding | Severity | Status on {d['pt_report'].isoformat()} |
|---|---|---|---|
| H-01 | Local administrator password reused on three branch workstations | High | Fixed (Windows LAPS deployed, retested) |
| H-02 | SMB signing not required on file servers | High | Change scheduled (Northwind) |
| M-01 | Legacy TLS 1.0 enabled on the print server web interface | Medium | Fixed |
| M-02 | Service desk reset a password after partial caller verification | Medium | Procedure updated, staff briefed |
| M-03 | Stale DNS records expose retired server names | Medium | Fixed |
| M-04 | Remote desktop gateway discloses internal host names | Medium | Open |
| M-05 | Outdated browser extension on contact-centre image | Medium | Open |

### Segmentation
No path was found from the corporate, guest or branch VLANs into the teller or contact-centre CDE
VLANs other than the documented jump host (HPFCU-CCJ01), which required MFA. **Segmentation is effective.**

### Social engineering
9 of 120 recipients (7.5%) clicked the simulated phishing link; 2 entered credentials, which MFA
stopped. One of two pretext calls obtained a password reset (finding M-02).

### Retest
Adatum will retest H-02 and the open medium findings within 90 days of this report.
"""


def cu_vuln_scan() -> str:
    """Northwind SOC's quarterly vulnerability scan summary for Q1 2026 (plain text)."""
    d = CU_DATES
    return f"""NORTHWIND MANAGED IT - SOC
QUARTERLY VULNERABILITY SCAN SUMMARY
=====================================================================
Client:          Harbor Point Federal Credit Union
Quarter:         Q1 2026
Scan window:     {d['scan_start'].isoformat()} to {d['scan_end'].isoformat()}
Report date:     {d['scan_report'].isoformat()}
Prepared by:     Hannah Cho, SOC Lead
Reviewed by:     Priya Natarajan, Information Security Officer

1. COVERAGE
   Authenticated internal scan ........ 431 of 438 managed devices (98.4%)
     not scanned: 4 laptops offline for the window, 3 teller PCs (branch closed)
   External scan ...................... 14 of 14 public addresses
   ASV scan (PCI DSS 11.3.2) .......... Proseware ASV Services - PASSING
                                        attestation dated {d['asv'].isoformat()}

2. FINDINGS BY SEVERITY (internal, unique per host)
   Severity    Open at start   New   Fixed   Open at end
   Critical          3           5     8          0
   High             41          63    87         17
   Medium          212         140   198        154
   Low             388          72    61        399

3. TOP OPEN HIGH FINDINGS
   - Microsoft Edge (Chromium) < current on 9 contact-centre seats (image update pending)
   - SMB signing not required: HPFCU-FS01, HPFCU-IMG02 (see pentest H-02)
   - OpenSSL 1.1.1 in a vendor agent on HPFCU-APP02 (vendor fix due Q2)

4. REMEDIATION TARGETS (Vulnerability Management Standard v3)
   Critical 14 days, High 30 days, Medium 90 days; exceptions need ISO approval.

5. NEXT SCAN
   Q2 2026 internal and external scans scheduled for June 2026. Note: the internal
   scanner licence ends 2026-06-30; replacement under evaluation.
"""


def cu_board_report() -> str:
    """The Qualified Individual's annual written report to the board (October 2025)."""
    d = CU_DATES
    return f"""# Annual Report to the Board of Directors on the Information Security Program

| | |
|---|---|
| Presented | {long_date(d['board'])}, regular meeting of the Board of Directors |
| By | Priya Natarajan, Information Security Officer and Qualified Individual (16 CFR 314.4(i)) |
| Period | 1 October 2024 to 30 September 2025 |
| Covers | Harbor Point Federal Credit Union and Harbor Point Financial Services LLC |

### 1. Overall status
The program is operating as designed and is **substantially compliant** with NCUA Part 748 and
Appendix A and with the FTC Safeguards Rule. Two items need board attention: the backup repository
for loan imaging has no immutable copies (migration funded in the 2026 budget), and administrator
access will move to privileged access workstations.

### 2. Risk assessment
RA-2025 was approved in July 2025. Highest residual risks: ransomware (10), loan imaging backups (12),
member data leaving by e-mail (12). Treatment plans are funded in the 2026 roadmap.

### 3. Service providers
| Provider | Service | Assurance reviewed | Rating |
|---|---|---|---|
| Northwind Managed IT | Service desk, SOC, patching, backup | SOC 2 Type II (to 2025-06-30), quarterly service reviews | Satisfactory |
| Litware Core Services | Hosted core, online banking, card processing | SOC 1 and SOC 2 Type II, joint DR test May 2025 | Satisfactory |
| Adatum Security Assessments | Penetration testing | Independence letter, tester certifications | Satisfactory |

### 4. Testing
- Penetration test (March 2025): 0 critical, 3 high — all high findings closed by August 2025.
- Quarterly vulnerability scans completed in every quarter; ASV scans passing.
- Tabletop TT-2025-02 (June 2025, ransomware): escalation targets met; four actions, three closed.

### 5. Security events
| Category | Count | Notes |
|---|---|---|
| Phishing reported by staff | 96 | 4 credential entries, all stopped by MFA |
| Malware blocked by EDR | 11 | No spread |
| Account compromise | 1 | Contact-centre account, contained in 40 minutes; no member data accessed |
| Reportable to NCUA | 0 | |
| FTC notification events | 0 | |

### 6. Recommendations
1. Approve the 2026 security budget lines (immutable backups, privileged access workstations, DLP).
2. Hold the 2026 ransomware tabletop with the executive team in the second quarter.
3. Require MFA enrolment before a new account is enabled, not within 7 days.

The board accepted the report and approved recommendations 1 and 2 (minutes, item 9).
"""


def cu_vendor_register() -> bytes:
    """The service provider register (16 CFR 314.4(f)), refreshed quarterly."""
    header = ["Vendor", "Service", "Tier", "Member data (NPI)", "Risk rating", "Contract",
              "Assurance", "Last assessment", "Next assessment", "Internal owner"]
    rows = [
        ["Northwind Managed IT, Inc.", "Service desk, patching, 24/7 SOC, network, backup, vCIO", "1", "Yes",
         "High", "MSA-2024-017 (renewed 2026-01-01)", "SOC 2 Type II to 2026-06-30", "2026-08-12", "2027-08-31", "Priya Natarajan"],
        ["Litware Core Services", "Hosted core banking, online and mobile banking, card processing", "1",
         "Yes", "High", "CPA-2022-118 (to 2029-06-30)", "SOC 1 and SOC 2 Type II to 2026-03-31", "2026-06-18",
         "2027-06-30", "Renee Castillo"],
        ["Adatum Security Assessments LLC", "Annual penetration test, PCI segmentation test", "2", "Limited",
         "Medium", "EL-2026-03", "Independence letter; tester certifications", "2026-02-20", "2027-02-28", "Priya Natarajan"],
        ["Proseware ASV Services", "PCI ASV external scans", "3", "No", "Low", "Subscription PSV-4471",
         "PCI SSC ASV listing", "2026-03-20", "2027-03-31", "Priya Natarajan"],
        ["Microsoft 365 and Entra ID", "E-mail, Teams, identity", "1", "Yes", "High", "Enterprise Agreement",
         "SOC 2 Type II (Service Trust Portal)", "2026-05-07", "2027-05-31", "Tom Gallagher"],
        ["Tailspin Statement Services", "Member statement printing and mailing", "2", "Yes", "Medium",
         "SA-2023-044", "SOC 2 Type II to 2025-12-31", "2026-04-09", "2027-04-30", "Carla Mendes"],
        ["Contoso Secure Shredding", "On-site media and paper destruction", "2", "Yes", "Medium",
         "SA-2021-019", "NAID AAA certificate; destruction certificates", "2026-07-02", "2027-07-31", "Carla Mendes"],
        ["Humongous Insurance", "Cyber liability insurance", "3", "No", "Low", "Policy CY-55812", "AM Best rating",
         "2026-01-15", "2027-01-31", "Renee Castillo"],
        ["Woodgrove Bank", "Correspondent settlement and wires", "1", "Yes", "High", "Correspondent agreement 2019",
         "SOC 1 Type II; FFIEC examination", "2026-03-26", "2027-03-31", "Renee Castillo"],
        ["VanArsdel Lending Cloud", "Loan origination system (SaaS) for the CUSO", "1", "Yes", "High",
         "SaaS-2024-08", "SOC 2 Type II to 2026-05-31", "2026-08-27", "2027-08-31", "Tom Gallagher"],
        ["Consolidated Messenger", "Branch courier (documents, cash logs)", "3", "Limited", "Low", "SA-2020-007",
         "Bonded courier; annual questionnaire", "2026-06-04", "2027-06-30", "Carla Mendes"],
        ["Trey Research", "Member satisfaction surveys", "3", "Limited", "Low", "SOW-2025-11",
         "Security questionnaire; DPA", "2026-09-10", "2027-09-30", "Carla Mendes"],
    ]
    return csv_bytes(header, rows)


def credit_union() -> dict[str, bytes]:
    """Every file of the credit union's exports/ folder."""
    people = cu_people()
    devices = cu_devices()
    upns = {p.upn: p for p in people}
    assert all(upns[u].enabled and not upns[u].mfa for u in CU_NO_MFA), "planted MFA gaps moved"
    assert all(upns[u].kind == "breakglass" for u in CU_BREAK_GLASS), "break-glass accounts moved"
    files = {
        "entra-user-registration-details-2026-09-29.csv": cu_entra(people),
        "defender-machines-2026-09-29.csv": cu_defender(devices),
        "ninjaone-devices-2026-09-29.csv": cu_ninja_devices(devices),
        "ninjaone-os-patch-report-2026-09-29.csv": cu_patches(devices),
        "veeam-sessions-2026-09-30.csv": cu_veeam_sessions(),
        "veeam-repositories-2026-09-30.csv": cu_veeam_repositories(),
        "connectwise-tickets-2026-q3.csv": cu_connectwise(cu_tickets(people, devices)),
        "information-security-program-summary-v7.0.md": cu_isp().encode(),
        "risk-assessment-2026.md": cu_risk_assessment().encode(),
        "incident-response-plan-v5.1.md": cu_ir_plan().encode(),
        "tabletop-TT-2025-02-report.md": cu_tabletop().encode(),
        "penetration-test-2026-executive-summary.md": cu_pentest().encode(),
        "vulnerability-scan-summary-2026-q1.txt": cu_vuln_scan().encode(),
        "board-report-2025-annual.md": cu_board_report().encode(),
        "vendor-register-2026-09.csv": cu_vendor_register(),
    }
    return add_binder(files, with_data(cu_binder(people, devices), cu_content(people, devices)))


# =============================================================================================
# Calder & Whitlock LLP (co-managed with Fabrikam Managed Services)
# =============================================================================================

LF = "law-firm"
LF_DOMAIN = "calderwhitlock.example"
LF_TENANT = "calderwhitlock.onmicrosoft.example"
LF_AD = "cw.calderwhitlock.example"
LF_SITES = {"RAL": ("Raleigh", 41, "10.41", "198.51.100.41"), "CLT": ("Charlotte", 42, "10.42", "198.51.100.42")}
LF_EXPORT = at(-1, 5, 20)
LF_TICKETS_AT = at(-1, 22, 10)
LF_BREAK_GLASS = (f"cw-breakglass01@{LF_TENANT}", f"cw-breakglass02@{LF_TENANT}")
PRACTICES = ["Litigation", "Corporate and M&A", "Health Care", "Real Estate", "Employment", "Intellectual Property"]


def lf_people() -> list[Person]:
    """The firm's directory: 58 attorneys, 94 paralegals and staff, admin accounts, guests, leavers."""
    r = rng(LF, "people")
    named = [("Margaret", "Calder", "Managing Partner"), ("Julian", "Okoro", "General Counsel"),
             ("Daniel", "Whitlock", "Partner"), ("Ellen", "Marsh", "Director of Administration"),
             ("Sofia", "Brandt", "IT Director"), ("Ravi", "Menon", "Systems Engineer"),
             ("Lauren", "Pike", "Records and DMS Manager"), ("Tyler", "Nguyen", "Help Desk Lead")]
    taken = {(f, l) for f, l, _ in named} | {("Nathan", "Greer")}
    used: set[str] = set()

    def upn(first: str, last: str) -> str:
        for n in range(1, len(first) + 1):
            local = (first[:n] + last).lower()
            if local not in used:
                used.add(local)
                return local
        raise ValueError(first + last)

    people = []
    for f, l, t in named:
        local = upn(f, l)
        people.append(Person(f, l, f"{local}@{LF_DOMAIN}", title=t, site="RAL", login=local.upper()))
    pairs = draw_names(r, 144, taken)
    titles = (["Partner"] * 17 + ["Associate"] * 38 + ["Paralegal"] * 36 + ["Legal Assistant"] * 22
              + ["Docketing Clerk"] * 4 + ["Records Clerk"] * 3 + ["Billing Specialist"] * 6
              + ["Conflicts Analyst"] * 2 + ["Marketing Coordinator"] * 2 + ["Receptionist"] * 3
              + ["HR Manager", "Office Manager", "Accounts Payable", "Knowledge Manager",
                 "Litigation Support Analyst", "Help Desk Technician", "Practice Support Lead",
                 "Executive Assistant", "Recruiting Coordinator", "Controller", "Facilities Coordinator"])
    for (first, last), title in zip(pairs, titles):
        local = upn(first, last)
        people.append(Person(first, last, f"{local}@{LF_DOMAIN}", title=title,
                             site="RAL" if r.random() < 0.7 else "CLT", login=local.upper()))
    admins = [("Ravi", "Menon", "adm-rmenon"), ("Sofia", "Brandt", "adm-sbrandt"), ("Tyler", "Nguyen", "adm-tnguyen"),
              ("Beth", "Coleman", "fms-bcoleman"), ("Sanjay", "Rao", "fms-srao"), ("Maria", "Lopez", "fms-mlopez"),
              ("Ian", "McAllister", "fms-imcallister")]
    for f, l, local in admins:
        who = "Fabrikam" if local.startswith("fms") else "Admin"
        people.append(Person(f, l, f"{local}@{LF_DOMAIN}", kind="admin", display=f"{f} {l} ({who})",
                             login=local.upper()))
    for n in (1, 2):
        people.append(Person("Break", f"Glass 0{n}", f"cw-breakglass0{n}@{LF_TENANT}", kind="breakglass",
                             display=f"Emergency Access 0{n}"))
    for f, l, org, mfa in [("Hannah", "Ross", "rossandpartners.example", True),
                           ("Kenji", "Watanabe", "lamna-healthcare.example", True),
                           ("Olga", "Petrova", "relecloud-ediscovery.example", False),
                           ("Marcus", "Dale", "coho-winery.example", False)]:
        people.append(Person(f, l, f"{f.lower()}.{l.lower()}_{org}#EXT#@{LF_TENANT}", kind="guest",
                             display=f"{f} {l} (Guest)", mfa=mfa))
    leavers = [("Nathan", "Greer", "Associate", day(-61))]     # left 2026-07-31
    for (first, last), off in zip(draw_names(r, 5, taken), [-201, -163, -120, -88, -29]):
        leavers.append((first, last, r.choice(["Associate", "Paralegal", "Legal Assistant"]), day(off)))
    for first, last, title, left in leavers:
        local = upn(first, last)
        people.append(Person(first, last, f"{local}@{LF_DOMAIN}", title=title, enabled=False, left=left,
                             site="RAL", login=local.upper(), mfa=True))
    return people


def lf_entra(people: list[Person]) -> bytes:
    """Graph GET /reports/authenticationMethods/userRegistrationDetails joined with accountEnabled (JSON to CSV)."""
    r = rng(LF, "entra")
    header = ["id", "userPrincipalName", "userDisplayName", "userType", "isAdmin", "isMfaCapable",
              "isMfaRegistered", "isPasswordlessCapable", "isSsprCapable", "isSsprEnabled", "isSsprRegistered",
              "isSystemPreferredAuthenticationMethodEnabled", "systemPreferredAuthenticationMethods",
              "userPreferredMethodForSecondaryAuthentication", "methodsRegistered", "lastUpdatedDateTime",
              "accountEnabled"]
    rows = []
    for p in sorted(people, key=lambda p: p.upn):
        reg = _registration(r, p)
        methods = list(reg.methods)
        if p.kind == "staff" and p.title in ("Partner", "Associate", "Managing Partner", "General Counsel") \
                and "windowsHelloForBusiness" not in methods and r.random() < 0.5:
            methods.append("windowsHelloForBusiness")
        updated = LF_EXPORT - dt.timedelta(minutes=r.randint(15, 1800))
        rows.append([guid(r), p.upn, p.name, "guest" if p.kind == "guest" else "member", js_bool(reg.admin),
                     js_bool(reg.capable), js_bool(reg.registered),
                     js_bool(reg.passwordless or "windowsHelloForBusiness" in methods),
                     js_bool(reg.sspr_capable), js_bool(p.kind in ("staff", "admin")),
                     js_bool(reg.sspr_registered), "true", json.dumps([reg.system] if reg.system else []),
                     reg.preferred, json.dumps(methods), iso_z(updated, r, 7), js_bool(p.enabled)])
    return csv_bytes(header, rows)


LF_SERVERS = [("CW-RAL-DC01", "2022"), ("CW-RAL-DC02", "2022"), ("CW-CLT-DC01", "2022"), ("CW-RAL-FS01", "2022"),
              ("CW-RAL-APP01", "2022"), ("CW-RAL-SQL01", "2022"), ("CW-RAL-PRT01", "2019"), ("CW-RAL-VBR01", "2022"),
              ("CW-RAL-RDS01", "2022"), ("CW-CLT-FS01", "2019"), ("CW-RAL-HV01", "2022"), ("CW-RAL-HV02", "2022")]


def lf_devices() -> list[Device]:
    """The firm's NinjaOne inventory: attorney laptops, staff desktops, servers, three Macs."""
    r = rng(LF, "devices")
    devices: list[Device] = []
    for host, ver in LF_SERVERS:
        name, rel, build, _ = SERVER_OS[ver]
        created = _created(r, -1800, -300)
        devices.append(Device(host, "WINDOWS_SERVER", "server", host[3:6], name, rel, build, created, created,
                              domain=LF_AD))
    for site, count, top in (("RAL", 95, 140), ("CLT", 40, 60)):
        for n in sorted(r.sample(range(1, top), count)):
            name, rel, build, _ = WIN11["24H2" if r.random() < 0.8 else "23H2"]
            created = _created(r, -1200, -15)
            devices.append(Device(f"CW-{site}-LT-{n:03d}", "WINDOWS_WORKSTATION", "laptop", site, name, rel, build,
                                  created, created))
    for site, count in (("RAL", 10), ("CLT", 4)):
        for n in range(1, count + 1):
            name, rel, build, _ = WIN11["24H2"]
            created = _created(r, -1000, -60)
            devices.append(Device(f"CW-{site}-WS-{n:02d}", "WINDOWS_WORKSTATION", "desktop", site, name, rel, build,
                                  created, created, domain=LF_AD))
    for n in range(1, 4):
        created = _created(r, -700, -90)
        devices.append(Device(f"CW-RAL-MAC-{n:02d}", "MAC", "mac", "RAL", "macOS Sequoia", "15.6", "24G84",
                              created, created))
    last_contacts(r, devices, LF_EXPORT)
    for d in devices:
        octet = {"server": 1, "desktop": 20, "laptop": 30, "mac": 25}[d.role]
        d.ip = f"{LF_SITES[d.site][2]}.{octet + r.randint(0, 5)}.{r.randint(10, 250)}"
    number_devices(r, devices, 3400)
    return devices


def lf_sentinelone(devices: list[Device]) -> bytes:
    """SentinelOne GET /web/api/v2.1/agents for the firm's site, flattened to CSV."""
    r = rng(LF, "sentinelone")
    header = ["id", "uuid", "computerName", "osName", "osType", "agentVersion", "isActive", "lastActiveDate",
              "networkStatus", "isDecommissioned", "registeredAt", "externalIp", "lastIpToMgmt", "activeThreats",
              "infected", "machineType", "domain", "siteName", "groupName", "accountName"]
    os_names = {"Windows 11 Enterprise Edition": "Windows 11 Enterprise",
                "Windows Server 2022 Standard Edition": "Windows Server 2022 Standard",
                "Windows Server 2019 Standard Edition": "Windows Server 2019 Standard", "macOS Sequoia": "macOS"}
    rows = []
    agent_id = 2_014_388_912_000_000_000

    def add(d: Device, seen: dt.datetime, active: bool, decommissioned: bool) -> None:
        nonlocal agent_id
        agent_id += r.randint(1_000_000, 90_000_000_000)
        name = d.host if d.role != "mac" else f"{d.host.lower()}.local"
        kind = {"server": "server", "desktop": "desktop", "laptop": "laptop", "mac": "laptop"}[d.role]
        group = {"server": "Servers", "mac": "macOS"}.get(d.role, "Workstations")
        external = LF_SITES[d.site][3] if not d.offline else f"203.0.113.{r.randint(60, 250)}"
        rows.append((agent_id, [str(agent_id), hexid(r, 32), name, os_names[d.os_name],
                                "macos" if d.role == "mac" else "windows",
                                r.choice(["24.1.5.277", "24.2.3.471", "24.2.3.471"]) if not decommissioned
                                else "23.4.6.347", js_bool(active), iso_z(seen, r, 3),
                                "connected" if active else "disconnected", js_bool(decommissioned),
                                iso_z(d.created + dt.timedelta(minutes=r.randint(5, 60)), r, 3),
                                external, d.ip, "0", "false", kind,
                                "unknown" if d.role == "mac" else "CW", "Calder & Whitlock LLP", group,
                                "Fabrikam Managed Services"]))

    for d in devices:
        seen = d.last_contact - dt.timedelta(seconds=r.randint(0, 300))
        add(d, seen, not d.offline, False)
    spare = [n for n in range(1, 140) if f"CW-RAL-LT-{n:03d}" not in {d.host for d in devices}]
    for n in sorted(r.sample(spare, 6)):  # laptops returned by leavers and decommissioned in the console
        created = _created(r, -1500, -400)
        old = Device(f"CW-RAL-LT-{n:03d}", "WINDOWS_WORKSTATION", "laptop", "RAL", "Windows 11 Enterprise Edition",
                     "23H2", "22631", created, created, offline=True, ip=f"10.41.{r.randint(30, 35)}.{r.randint(10, 250)}")
        add(old, at(r.randint(-210, -25), r.randint(13, 22), r.randint(0, 59)), False, True)
    rows.sort(key=lambda item: item[0])
    return csv_bytes(header, [fields for _, fields in rows])


def lf_ninja_devices(devices: list[Device]) -> bytes:
    """NinjaOne GET /v2/devices for the firm (organisation 14), flattened to CSV."""
    r = rng(LF, "ninja-devices")
    header = ["id", "organizationId", "locationId", "nodeClass", "approvalStatus", "offline", "displayName",
              "systemName", "dnsName", "netbiosName", "created", "lastContact", "lastUpdate", "os.name"]
    rows = []
    for d in sorted(devices, key=lambda d: d.ninja_id):
        system = d.host if d.role != "mac" else d.host.lower()
        dns = d.fqdn if d.domain else (f"{d.host.lower()}.local" if d.role == "mac" else d.host)
        rows.append([str(d.ninja_id), "14", str(LF_SITES[d.site][1]), d.node_class, d.approval, js_bool(d.offline),
                     "", system, dns, d.host if d.role != "mac" else "", epoch(d.created, r),
                     epoch(d.last_contact, r), epoch(d.last_contact + dt.timedelta(seconds=r.randint(5, 60)), r),
                     d.os_name])
    return csv_bytes(header, rows)


def lf_patches(devices: list[Device]) -> bytes:
    """NinjaOne os-patch-installs and os-patches queries joined to device names (API fields)."""
    r = rng(LF, "patches")
    header = ["deviceId", "systemName", "id", "name", "kbNumber", "severity", "status", "type", "releaseDate",
              "installedAt", "timestamp"]
    rows = []
    patch_id = 88_000
    for d in sorted(devices, key=lambda d: d.host):
        if not d.windows:
            continue

        def add(patch: tuple[str, str], severity: str, status: str, kind: str, released: dt.date,
                installed: dt.datetime | None) -> None:
            nonlocal patch_id
            patch_id += r.randint(1, 40)
            seen = installed or at(-1, 4, r.randint(0, 59))
            rows.append([str(d.ninja_id), d.host, str(patch_id), patch[1], patch[0][2:], severity, status, kind,
                         released.isoformat(), epoch(installed, r) if installed else "", epoch(seen, r)])

        add(SEPT_CU[d.release], "CRITICAL", "INSTALLED", "SECURITY_UPDATES", PATCH_TUESDAY,
            _installed(r, d, PATCH_TUESDAY))
        if r.random() < 0.5 or d.role == "server":
            pending = r.random() < 0.05
            add(SEPT_NET[d.release], "IMPORTANT", "APPROVED" if pending else "INSTALLED", "SECURITY_UPDATES",
                PATCH_TUESDAY, None if pending else _installed(r, d, PATCH_TUESDAY))
        if d.release in SEPT_PREVIEW and r.random() < 0.1:
            add(SEPT_PREVIEW[d.release], "OPTIONAL", "MANUAL", "UPDATE_ROLLUPS", PREVIEW_DAY, None)
    return csv_bytes(header, rows)


LF_JOBS = [
    Job("CW-DC-Daily", "Backup", (20, 30), (6, 15), "CW-VHR01 Hardened"),
    Job("CW-Servers-Daily", "Backup", (21, 0), (30, 75), "CW-VHR01 Hardened",
        failures={-19: "Error: Failed to create VM checkpoint for CW-RAL-PRT01 (0x80070020)"}),
    Job("CW-SQL-Daily", "Backup", (22, 0), (15, 35), "CW-VHR01 Hardened"),
    Job("CW-Charlotte-Daily", "Backup", (22, 30), (10, 25), "CW-VHR02 Hardened (Charlotte)"),
    Job("CW-Offsite-Copy", "BackupSync", (2, 0), (35, 90), "CW Offsite Object Storage"),
]


def lf_veeam_sessions() -> bytes:
    """Get-VBRBackupSession for the last 35 days, Export-Csv (en-US dates)."""
    r = rng(LF, "veeam-sessions")
    header = ["Name", "JobName", "JobType", "Id", "CreationTime", "EndTime", "State", "Result"]
    rows = []
    for job, start, end, result, _ in _veeam_runs(r, LF_JOBS, -35, -1):
        suffix = "Incremental" if job.kind == "Backup" and start.weekday() != 5 else "Full"
        rows.append([f"{job.name} ({suffix})" if job.kind == "Backup" else job.name, job.name, job.kind,
                     guid(r), us_datetime(start), us_datetime(end), "Stopped", result])
    return csv_bytes(header, rows, crlf=True)


def lf_veeam_repositories() -> bytes:
    """Get-VBRBackupRepository shaped by Select-Object into a flat list (Name, Type, Path, immutability)."""
    header = ["Name", "Type", "Path", "Immutable", "ImmutabilityDays"]
    rows = [["CW-VHR01 Hardened", "LinuxHardened", "/mnt/veeam/cw", "True", "14"],
            ["CW-VHR02 Hardened (Charlotte)", "LinuxHardened", "/mnt/veeam/cw-clt", "True", "14"],
            ["CW Offsite Object Storage", "AmazonS3Compatible", "cw-vbr-offsite/vbr01", "True", "30"]]
    return csv_bytes(header, rows, crlf=True)


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


def lf_imanage(people: list[Person], matters: list[Matter]) -> bytes:
    """iManage Work workspace and folder security for client-matter workspaces (REST export, one row per ACL entry)."""
    r = rng(LF, "imanage")
    header = ["library", "workspace_id", "workspace_name", "custom1", "custom2", "folder_id", "default_security",
              "id", "name", "type", "access", "sid", "is_external", "allow_list", "deny_list"]
    coleman = next(p for p in people if p.login == "FMS-BCOLEMAN")
    groups = {"PG-HEALTHCARE": "Health Care practice group", "CW-RECORDS": "Records team",
              "CW-ALL-TIMEKEEPERS": "All timekeepers"}
    sids: dict[str, int] = {}

    def sid(login: str) -> str:
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
        if m.number == "31207-004":
            entries.append((coleman, "Read/Write"))         # PLANTED: standing MSP access to a BAA matter
        allow = [] if m.kind == "public" else [p.login for p in m.team] + ["CW-RECORDS"]
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


# --- matter access review inputs: directory, groups, matter list, ethical walls, break-glass ---

LF_ATTORNEY_TITLES = ("Partner", "Associate", "Managing Partner", "General Counsel")
LF_PG = {"Litigation": "PG-LITIGATION", "Corporate and M&A": "PG-CORPORATE", "Health Care": "PG-HEALTHCARE",
         "Real Estate": "PG-REALESTATE", "Employment": "PG-EMPLOYMENT", "Intellectual Property": "PG-IP"}


def lf_departments(people: list[Person]) -> dict[str, str]:
    """Each person's department: a practice group for lawyers and paralegals, else a business unit."""
    r = rng(LF, "departments")
    out = {}
    for p in people:
        if p.login.startswith("FMS-"):
            out[p.upn] = "Fabrikam Managed Services"
        elif p.title in LF_ATTORNEY_TITLES[:2] or p.title in ("Paralegal", "Legal Assistant"):
            out[p.upn] = r.choice(PRACTICES)
        elif p.title in ("Records Clerk", "Docketing Clerk", "Records and DMS Manager"):
            out[p.upn] = "Records"
        elif p.kind == "admin" or p.title in ("IT Director", "Systems Engineer", "Help Desk Lead",
                                              "Help Desk Technician"):
            out[p.upn] = "Information Technology"
        elif p.kind == "staff":
            out[p.upn] = "Administration"
    return out


def lf_users(people: list[Person]) -> bytes:
    """Graph GET /users (id, UPN, names, department, employeeType, status, leave date) as CSV."""
    r = rng(LF, "users")
    departments = lf_departments(people)
    header = ["id", "userPrincipalName", "displayName", "onPremisesSamAccountName", "jobTitle", "department",
              "employeeType", "userType", "accountEnabled", "employeeLeaveDateTime"]
    rows = []
    for p in sorted(people, key=lambda p: p.upn):
        if p.login.startswith("FMS-"):
            kind = "Provider Engineer"
        elif p.kind == "guest":
            kind = "Guest"
        elif p.kind in ("breakglass", "shared"):
            kind = ""
        else:
            kind = "Attorney" if p.title in LF_ATTORNEY_TITLES else "Staff"
        left = f"{p.left.isoformat()}T23:59:59Z" if p.left else ""
        rows.append([guid(r), p.upn, p.name, p.login, p.title, departments.get(p.upn, ""), kind,
                     "Guest" if p.kind == "guest" else "Member", js_bool(p.enabled), left])
    return csv_bytes(header, rows)


def lf_wall_breach(people: list[Person], matters: list[Matter]) -> tuple[Matter, Person]:
    """The planted wall breach: a docketing clerk screened from a walled matter, reaching it via CW-DOCKETING."""
    walled = next(m for m in matters if m.kind == "walled" and m.number != "28840-011")
    clerk = min((p for p in people if p.title == "Docketing Clerk" and p.enabled), key=lambda p: p.login)
    return walled, clerk


def lf_groups(people: list[Person]) -> bytes:
    """Entra group membership, one row per edge: practice groups ⊂ CW-ATTORNEYS ⊂ CW-ALL-TIMEKEEPERS, CW-DOCKETING ⊂ CW-RECORDS."""
    departments = lf_departments(people)
    staff = [p for p in people if p.enabled and p.kind == "staff"]
    names = {"CW-ALL-TIMEKEEPERS": "All timekeepers", "CW-ATTORNEYS": "All attorneys",
             "CW-PARALEGALS": "Paralegals and legal assistants", "CW-RECORDS": "Records team",
             "CW-DOCKETING": "Docketing", "FMS-ENGINEERS": "Fabrikam engineers (admin roles only)",
             **{g: f"{d} practice group" for d, g in LF_PG.items()}}
    edges: list[tuple[str, str, str]] = [("CW-ALL-TIMEKEEPERS", "CW-ATTORNEYS", "group"),
                                         ("CW-ALL-TIMEKEEPERS", "CW-PARALEGALS", "group"),
                                         ("CW-RECORDS", "CW-DOCKETING", "group")]
    edges += [("CW-ATTORNEYS", g, "group") for g in LF_PG.values()]
    for p in sorted(staff, key=lambda p: p.login):
        if p.title in LF_ATTORNEY_TITLES:
            edges.append((LF_PG.get(departments[p.upn], "CW-ATTORNEYS"), p.upn, "user"))
        elif p.title in ("Paralegal", "Legal Assistant"):
            edges.append(("CW-PARALEGALS", p.upn, "user"))
        elif p.title in ("Records Clerk", "Records and DMS Manager"):
            edges.append(("CW-RECORDS", p.upn, "user"))
        elif p.title == "Docketing Clerk":
            edges.append(("CW-DOCKETING", p.upn, "user"))
    edges += [("FMS-ENGINEERS", p.upn, "user") for p in people if p.login.startswith("FMS-")]
    header = ["groupMailNickname", "groupDisplayName", "member", "memberType"]
    rows = [[g, names[g], m, f"#microsoft.graph.{t}"] for g, m, t in sorted(edges)]
    return csv_bytes(header, rows)


def lf_matter_list(matters: list[Matter]) -> bytes:
    """The intake system's matter list: sensitivity, privilege flag, responsible attorney, dates."""
    r = rng(LF, "matter-list")
    sensitivity = {"public": ("Standard", "No"), "restricted": ("Confidential", "Yes"),
                   "health": ("Confidential - PHI", "Yes"), "walled": ("Ethical Wall", "Yes")}
    header = ["Client Number", "Matter Number", "Matter Name", "Sensitivity", "Privileged",
              "Responsible Attorney", "Date Opened", "Date Closed"]
    rows = []
    for m in matters:
        label, privileged = sensitivity[m.kind]
        opened = day(-r.randint(30, 1400))
        rows.append([m.number[:5], m.number, f"Project {m.codename}", label, privileged, m.partner.name,
                     opened.strftime("%m/%d/%Y"), ""])
    return csv_bytes(header, rows)


def lf_walls(people: list[Person], matters: list[Matter]) -> bytes:
    """The wall management tool's export: one row per person on one side of a wall."""
    walled, clerk = lf_wall_breach(people, matters)
    header = ["Wall ID", "Matters", "User", "Side", "Created"]
    rows = []
    for n, m in enumerate(m for m in matters if m.kind == "walled"):
        created = day(-90 - n * 41).isoformat()
        wall = f"EW-{created[:4]}-{101 + n * 7:04d}"
        for p in m.team:
            rows.append([wall, m.number, p.login, "Included", created])
        for p in m.screened:
            rows.append([wall, m.number, p.login, "Excluded", created])
        if m is walled:   # PLANTED: screened in the wall tool, but the DMS deny list was never updated
            rows.append([wall, m.number, clerk.login, "Excluded", day(-12).isoformat()])
    return csv_bytes(header, rows)


def lf_break_glass() -> bytes:
    """The break-glass register: one grant open now, one closed in time, one expired and never removed."""
    header = ["Ticket", "Engineer", "Matter", "Granted", "Expires", "Removed", "Approved By", "Reason"]
    rows = [
        ["CW-104233", "FMS-IMCALLISTER", "32712-014", iso_z(at(-70, 14, 5)), iso_z(at(-69, 14, 5)),
         iso_z(at(-70, 19, 40)), "Julian Okoro", "SOC investigation of a suspicious download"],
        # PLANTED: expired 2026-08-19, no removal recorded
        ["CW-104871", "FMS-MLOPEZ", "32645-011", iso_z(at(-43, 15, 0)), iso_z(at(-42, 15, 0)),
         "", "Julian Okoro", "Restore of a deleted folder"],
        ["CW-105402", "FMS-SRAO", "22615-004", iso_z(at(0, 12, 30)), iso_z(at(1, 12, 30)),
         "", "Julian Okoro", "Workspace migration check"],
    ]
    return csv_bytes(header, rows)


LF_AGENTS = {"Fabrikam 1st Line": ["Maria Lopez", "Jamie Ortega", "Priya Shah", "Colin Burke"],
             "Fabrikam 2nd Line": ["Beth Coleman", "Sanjay Rao"],
             "Fabrikam SOC": ["Ian McAllister", "Dana Whitfield"],
             "C&W IT": ["Tyler Nguyen", "Ravi Menon"]}
LF_PRIORITY = {1: "P1 - Critical", 2: "P2 - High", 3: "P3 - Medium", 4: "P4 - Low"}


def lf_tickets(people: list[Person], devices: list[Device],
               matters: list[Matter]) -> list[tuple[Ticket, str, str]]:
    """The firm's tickets in Fabrikam's HaloPSA (ticket, ticket type, category), 2026-07-01 to the export."""
    r = rng(LF, "tickets")
    staff = [p for p in people if p.kind == "staff" and p.enabled]
    hosts = [d for d in devices if d.role != "server"]
    q3 = (-91, -1)
    out: list[tuple[Ticket, str, str]] = []

    def add(t: Ticket, kind: str, category: str) -> None:
        out.append((t, kind, category))

    def team_agent(team: str) -> str:
        return f"{team}|{r.choice(LF_AGENTS[team])}"

    for _ in range(140):
        p, d = r.choice(staff), r.choice(hosts)
        summary, kind, category = r.choice([
            (f"Password reset - {p.name}", "Service Request", "Account"),
            (f"MFA: new phone, re-register Authenticator - {p.name}", "Service Request", "Account"),
            (f"iManage: cannot check in document (file locked) - {p.name}", "Incident", "DMS / iManage"),
            (f"iManage: document missing from matter search - {p.name}", "Incident", "DMS / iManage"),
            (f"Outlook add-in for filing emails not loading on {d.host}", "Incident", "Email"),
            (f"Dictation device not recognised on {d.host}", "Incident", "Hardware"),
            (f"Court e-filing portal certificate prompt on {d.host}", "Incident", "Applications"),
            (f"Teams audio drops in {LF_SITES[p.site][0]} conference room", "Incident", "Meeting Rooms"),
            (f"Install approved software on {d.host} ({p.name})", "Service Request", "Software"),
            (f"Replace laptop battery {d.host}", "Service Request", "Hardware"),
            (f"Time entry application freezes when posting - {p.name}", "Incident", "Applications"),
        ])
        opened = _when(r, *q3)
        team = "C&W IT" if r.random() < 0.35 else "Fabrikam 1st Line"
        add(Ticket(summary, team_agent(team), kind, "", "", 3 if kind == "Incident" else 4, opened,
                   r.choice([0.4, 0.9, 2, 5, 9, 26, 50]) if opened < at(-2, 12) or r.random() < 0.4 else None,
                   "", contact=p.name, site=LF_SITES[p.site][0],
                   status_open=r.choice(["In Progress", "Waiting on User", "New"])), kind, category)
    restricted = [m for m in matters if m.kind != "public"]
    for _ in range(24):  # matter-team changes: the DMS-01 control's own tickets
        m = r.choice(restricted)
        verb = r.choice(["Add", "Add", "Remove"])
        p = r.choice([t for t in m.team[1:] if t.enabled]) if verb == "Add" else r.choice(
            [s for s in staff if s.title in ("Associate", "Paralegal") and s not in m.team])
        partner = m.partner
        add(Ticket(f"Matter team change: {verb} {p.name} {'to' if verb == 'Add' else 'from'} {m.number} "
                   f"(approved by {partner.name}, responsible partner)", team_agent("C&W IT"), "Service Request", "",
                   "", 3, _when(r, *q3), r.choice([1, 3, 6, 20]), "", contact=partner.name,
                   site=LF_SITES[partner.site][0]), "Service Request", "Matter Access")
    for matter in [m.number for m in matters if m.kind == "walled"][:4]:
        add(Ticket(f"Ethical wall: screen lateral hire from {matter} (Conflicts memo, approved by Julian Okoro)",
                   team_agent("C&W IT"), "Service Request", "", "", 2, _when(r, *q3), 4.0, "",
                   contact="Julian Okoro", site="Raleigh"), "Service Request", "Matter Access")
    add(Ticket("Break-glass: Fabrikam (FMS-BCOLEMAN) access to 31207-004 to restore a deleted folder - "
               "approved by Julian Okoro, expires 2026-08-14", team_agent("C&W IT"), "Change Request", "", "", 2,
               at(-48, 10, 12, tz=EDT), 50.0, "", contact="Julian Okoro", site="Raleigh"),
        "Change Request", "Break-glass")
    for p in people:
        if p.kind == "staff" and p.left and p.left >= day(-91):
            add(Ticket(f"Leaver: {p.name} ({p.title}) - last day {p.left.isoformat()}", team_agent("C&W IT"),
                       "Service Request", "", "", 2, at((p.left - AS_OF).days - 3, 9, r.randint(0, 59), tz=EDT),
                       30.0, "", contact="Ellen Marsh", site="Raleigh"), "Service Request", "Joiners and Leavers")
    for p in r.sample(staff, 7):
        start = day(r.randint(-80, -10))
        add(Ticket(f"Joiner: {p.name} ({p.title}) - start {start.isoformat()}", team_agent("C&W IT"),
                   "Service Request", "", "", 3, at((start - AS_OF).days - 6, 9, r.randint(0, 59), tz=EDT), 90.0, "",
                   contact="Ellen Marsh", site=LF_SITES[p.site][0]), "Service Request", "Joiners and Leavers")
    phishing = ["Fake court notice with a link", "Opposing counsel impersonation asking for wire details",
                "Shared e-discovery link from an unknown domain", "Fake invoice from a court reporter",
                "DocuSign lookalike for an engagement letter"]
    for _ in range(19):
        p = r.choice(staff)
        add(Ticket(f"Phishing report: {r.choice(phishing)} - {p.name}", team_agent("Fabrikam SOC"),
                   "Security Incident", "", "", 3, _when(r, *q3), r.choice([0.5, 1, 2]), "", contact=p.name,
                   site=LF_SITES[p.site][0]), "Security Incident", "Phishing")
    for _ in range(4):
        p, d = r.choice(staff), r.choice(hosts)
        add(Ticket(r.choice([f"SentinelOne: threat mitigated on {d.host} (PUA bundled installer)",
                             f"Risky sign-in blocked for {p.upn} (unfamiliar location)"]),
                   team_agent("Fabrikam SOC"), "Security Incident", "", "", 2, _when(r, *q3), r.choice([2, 4]), "",
                   contact=p.name, site=LF_SITES[p.site][0]), "Security Incident", "Endpoint / Identity")
    add(Ticket("Client wire-instruction fraud attempt: spoofed email to Real Estate paralegal - funds not sent",
               team_agent("Fabrikam SOC"), "Security Incident", "", "", 1, at(-40, 14, 27, tz=EDT), 6.0, "",
               contact="Julian Okoro", site="Raleigh"), "Security Incident", "Business Email Compromise")
    changes = ["Monthly patch window servers - {d}", "Conditional Access: require compliant device for iManage",
               "Firewall: close legacy SFTP rule for former e-billing vendor", "SentinelOne policy: enable deep visibility on servers",
               "Veeam: quarterly restore test of iManage-integrated file share - {d}", "Replace Charlotte office switch stack",
               "Intune: enforce BitLocker recovery key escrow for all laptops", "Practice management system upgrade 11.4"]
    for _ in range(26):
        opened = _when(r, *q3)
        text = r.choice(changes).format(d=(opened.date() + dt.timedelta(days=r.randint(2, 9))).isoformat())
        add(Ticket(text, team_agent(r.choice(["Fabrikam 2nd Line", "C&W IT"])), "Change Request", "", "", 4, opened,
                   r.choice([30, 60, 100, 150]) if opened < at(-12, 0) else None, "", contact="Sofia Brandt",
                   site="Raleigh", status_open="Scheduled"), "Change Request", "Change")
    out.sort(key=lambda item: item[0].opened)
    return out


def lf_halopsa(tickets: list[tuple[Ticket, str, str]]) -> bytes:
    """HaloPSA ticket list view (client = Calder & Whitlock LLP, logged this quarter), exported to CSV."""
    r = rng(LF, "halopsa")
    header = ["Ticket ID", "Summary", "Status", "Priority", "Ticket Type", "Category", "Client", "Site", "User",
              "Agent", "Team", "Date Logged", "Date Closed"]
    rows = []
    number = 104_200
    for t, kind, category in tickets:
        number += r.randint(1, 9)
        team, agent = t.board.split("|")
        closed = t.opened + dt.timedelta(hours=t.hours) if t.hours is not None else None
        if closed is not None and closed > LF_TICKETS_AT:
            closed = None
        rows.append([str(number), t.summary, "Closed" if closed else t.status_open, LF_PRIORITY[t.priority], kind,
                     category, "Calder & Whitlock LLP", t.site or "Raleigh", t.contact, agent, team,
                     t.opened.strftime("%m/%d/%Y %H:%M"),
                     closed.astimezone(EDT).strftime("%m/%d/%Y %H:%M") if closed else "01/01/1900 00:00"])
    return csv_bytes(header, rows, crlf=True)


# --- Calder & Whitlock documents -------------------------------------------------------------

LF_DATES = {
    "policies": day(-15),          # 2026-09-15 Executive Committee approval of the policy set
    "ec_report": day(-15),         # 2026-09-15 September report to the Executive Committee
    "ec_march": day(-197),         # 2026-03-17 the March report
    "irp": day(-190),              # 2026-03-24 IR plan v3.2 (after the tabletop)
    "risk": day(-83),              # 2026-07-09 risk assessment 2026
    "tt_exercise": day(-223),      # 2026-02-19 TT-2026-01 (the P1 path's last test)
    "tt_report": day(-211),        # 2026-03-03 its report
    "pt_start": day(-149),         # 2026-05-04 testing window
    "pt_end": day(-138),           # 2026-05-15
    "pt_report": day(-124),        # 2026-05-29 report
}


def lf_policies() -> str:
    """The policy set, summarised for client security questionnaires and auditors."""
    d = LF_DATES
    return f"""# Calder & Whitlock LLP — Information Security Policy Set (summary)

| | |
|---|---|
| Owner | Julian Okoro, General Counsel (partner responsible for the security program) |
| Maintained by | Sofia Brandt, IT Director, with Fabrikam Managed Services (vCIO) |
| Approved | Executive Committee, {long_date(d['policies'])} (annual review of the whole set) |
| Applies to | All partners, employees, contractors and Fabrikam staff with access to firm systems |
| Next review | September 2027, or sooner after a material change, a client requirement or an incident |

Each policy below is published on the intranet; staff acknowledge the set at hire and every year in
the training platform. Exceptions need the IT Director's written approval, a compensating control and
an expiry date, and are reported to the General Counsel.

| ID | Policy | Version | Key rules | Owner |
|---|---|---|---|---|
| ISP-01 | Information Security Policy | 5.0 | Program scope, roles (RACI with Fabrikam), risk-based approach, annual review | General Counsel |
| ISP-02 | Acceptable Use | 4.2 | Firm devices and approved technology list only; no client data in personal e-mail, storage or AI tools not on the list | Director of Administration |
| ISP-03 | Access Control and Authentication | 4.1 | MFA for every account (phishing-resistant for administrators); conditional access requires a compliant device; no VPN; access by role, reviewed quarterly; leavers disabled on the last day | IT Director |
| ISP-04 | Client Confidentiality and Ethical Walls | 3.3 | Matter-centric DMS security from intake; confidential, health-care and walled matters private to the matter team; walls approved by the General Counsel and applied through the wall tool; no standing access for Fabrikam — break-glass by ticket, time-limited | General Counsel |
| ISP-05 | Data Classification and Handling | 3.0 | Public, Internal, Confidential, Restricted (PHI, walled matters); encryption in transit and at rest; PHI only in approved systems under the BAA register | General Counsel |
| ISP-06 | Vulnerability and Patch Management | 3.4 | Critical updates within 14 days, important within 30; monthly authenticated scans; annual independent penetration test | IT Director |
| ISP-07 | Secure Configuration | 2.2 | CIS Level 1 baselines through Intune and group policy; local admin rights removed; deviations recorded | IT Director |
| ISP-08 | Network Security | 2.1 | Default-deny firewalls; rules reviewed every six months with Fabrikam; guest Wi-Fi isolated | IT Director |
| ISP-09 | Logging and Monitoring | 2.3 | Identity, endpoint, DMS and firewall logs to Fabrikam's SOC; 24/7 monitoring; one-year retention | IT Director |
| ISP-10 | Vendor and Cloud Service Management | 2.0 | Due diligence before contract; security and notification terms; annual review of providers that hold client data | Director of Administration |
| ISP-11 | Security Awareness | 2.4 | Training at hire and annually; monthly phishing simulations; attorney module on wire fraud | IT Director |
| ISP-12 | Incident Response | 3.2 | See the Incident Response Plan; General Counsel decides notifications | General Counsel |
| ISP-13 | Backup and Recovery | 2.1 | Daily backups to immutable repositories; offsite copy; quarterly restore tests | IT Director |
| ISP-14 | Records Retention and Disposition | 4.0 | Matter files kept 10 years after closing unless a client or hold requires otherwise; certified destruction | Records and DMS Manager |

### Changes in this review
- ISP-03: phishing-resistant MFA (FIDO2) required for administrator and Fabrikam accounts.
- ISP-04: break-glass access for Fabrikam must expire automatically; quarterly matter access review added.
- ISP-06: patch deadlines aligned with client outside-counsel guidelines (critical 14 days).
"""


def lf_ir_plan() -> str:
    """The incident response plan."""
    d = LF_DATES
    return f"""# Calder & Whitlock LLP — Incident Response Plan

| | |
|---|---|
| Reference | CW-IRP, version 3.2 |
| Owner | Julian Okoro, General Counsel |
| Approved | {long_date(d['irp'])} (updated after tabletop TT-2026-01) |
| Applies to | The firm's Raleigh and Charlotte offices and Fabrikam Managed Services acting for the firm |

### 1. Roles
| Role | Who | Duties |
|---|---|---|
| First responder | Fabrikam SOC (Ian McAllister, SOC Lead) | 24/7 triage, containment of devices and accounts, HaloPSA security ticket |
| Incident lead | Sofia Brandt, IT Director | Directs technical response, keeps the timeline |
| Decision owner | Julian Okoro, General Counsel | Privilege, breach counsel, insurer, client and regulator notices |
| Executive | Margaret Calder, Managing Partner | Client relationships, firm communications |

### 2. Severity and escalation
| Level | Examples | Escalate to |
|---|---|---|
| P1 | Ransomware, exfiltration of client information, trust-account or wire fraud | IT Director 15 min, General Counsel 30 min, Managing Partner 60 min (phone) |
| P2 | Suspected compromise of an attorney's account or device, lost unencrypted device, DMS down in business hours | IT Director 30 min (phone), General Counsel 2 h (e-mail) |
| P3 | Malware blocked, phishing reported, single user locked out | Help Desk Lead 1 h, IT Director 4 h (ticket) |
| P4 | Routine request | Help Desk Lead 8 h (ticket) |

### 3. Response
1. **Triage** — SOC confirms the alert and opens a security ticket; the IT Director sets the severity.
2. **Privilege** — for P1 and P2, the General Counsel engages breach counsel so the investigation is directed by counsel.
3. **Contain** — isolate endpoints in SentinelOne, revoke sessions and reset credentials, freeze pending wires.
4. **Eradicate and recover** — rebuild or roll back, restore from immutable backups, verify before reconnecting.
5. **Review** — lessons-learned meeting within 10 business days; actions tracked in HaloPSA.

### 4. Notification decisions (General Counsel)
- Clients, under engagement terms and outside-counsel guidelines (often 24–72 hours).
- Affected individuals and the North Carolina Department of Justice under the state breach statute.
- Covered entities under business associate agreements (HIPAA), without unreasonable delay and within contract deadlines.
- The cyber insurer, through its breach hotline, before engaging forensics.
- The State Bar, where the Rules of Professional Conduct call for it.

### 5. Version history
| Version | Date | Change |
|---|---|---|
| 3.2 | {d['irp'].isoformat()} | TT-2026-01 actions: insurer hotline first, wire freeze step, privilege step |
| 3.1 | 2025-09-16 | Annual review |
"""


def lf_risk_assessment() -> str:
    """The annual risk assessment (CSF 2.0 profile, register, business impact)."""
    d = LF_DATES
    return f"""# Calder & Whitlock LLP — Information Security Risk Assessment 2026

| | |
|---|---|
| Approved | {long_date(d['risk'])}, Julian Okoro (General Counsel) |
| Prepared by | Sofia Brandt (IT Director) with Greg Tanaka (Fabrikam vCIO) |
| Method | NIST CSF 2.0 current and target profile; risk register scored likelihood × impact (1–5 each) |
| Scope | Client and firm information in iManage, e-mail, practice management and e-billing, endpoints and backups |

### 1. CSF 2.0 profile (tiers 1–4)
| Function | Current | Target 2027 | Main gap |
|---|---|---|---|
| Govern | 3 | 3 | Provider oversight evidence for cloud e-discovery vendors |
| Identify | 3 | 3 | Data inventory of PHI outside iManage |
| Protect | 3 | 4 | Quarterly matter access reviews not yet automated |
| Detect | 3 | 3 | — |
| Respond | 2 | 3 | P2 escalation path never exercised |
| Recover | 3 | 3 | — |

### 2. Risk register
| ID | Risk | Inherent | Controls | Residual | Owner | Treatment |
|---|---|---|---|---|---|---|
| L-01 | Ransomware with data extortion | 20 | SentinelOne with 24/7 SOC, immutable backups, no VPN | 8 | IT Director | Mitigate |
| L-02 | Wire-instruction fraud on real estate closings | 20 | Call-back to a known number, MFA, banner on external mail | 9 | General Counsel | Mitigate |
| L-03 | Breach of an ethical wall or matter confidentiality | 16 | Matter-centric security, wall tool, quarterly access review | 8 | General Counsel | Mitigate |
| L-04 | PHI disclosed from health-care matters | 16 | Private workspaces, BAA register, DLP on e-mail | 8 | General Counsel | Mitigate |
| L-05 | Provider (Fabrikam) account misuse | 15 | Named accounts, FIDO2, break-glass only for documents | 6 | IT Director | Mitigate |
| L-06 | Departing lawyer takes client files | 12 | Offboarding checklist, DMS export alerts | 6 | Director of Administration | Mitigate |
| L-07 | Cloud DMS outage during a filing deadline | 12 | Vendor SLA, offline copies of active filings | 8 | Records and DMS Manager | Accept |

### 3. Business impact
| Tier | Services | RTO | RPO |
|---|---|---|---|
| 1 | iManage, e-mail, court e-filing workstations | 4 hours | 1 hour (vendor) / 24 hours (firm) |
| 2 | Practice management and time entry, e-billing | 24 hours | 24 hours |
| 3 | File shares, marketing systems | 72 hours | 24 hours |

Residual risk is within the appetite set by the Executive Committee (no residual above 12). The
register is reviewed every quarter by the General Counsel and the IT Director.
"""


def lf_tabletop() -> str:
    """The report of tabletop TT-2026-01."""
    d = LF_DATES
    return f"""# Tabletop Exercise Report — TT-2026-01

| | |
|---|---|
| Organisation | Calder & Whitlock LLP |
| Exercise date | {long_date(d['tt_exercise'])}, 14:00–17:00, Raleigh office |
| Report date | {long_date(d['tt_report'])} |
| Facilitator | Fabrikam Managed Services (Greg Tanaka, vCIO); the cyber insurer's breach coach attended |
| Scenario | Ransomware with data extortion; the attacker posts a sample of a health-care client's documents |
| Path exercised | P1 Critical incident (full route) |

### Participants
Margaret Calder, Julian Okoro, Sofia Brandt, Ravi Menon, Lauren Pike, Ellen Marsh; Ian McAllister
and Beth Coleman (Fabrikam); the breach coach from the insurer's panel firm.

### Observations
- The P1 route met its targets: IT Director at 11 minutes, General Counsel at 24, Managing Partner at 52.
- The team debated whether to call the insurer or forensics first; the policy requires the insurer's hotline first.
- Nobody owned the decision to freeze outgoing wires for open real estate closings.
- BAA notice deadlines for two health-care clients were shorter than the plan assumed.

### Actions
| # | Action | Owner | Due | Status |
|---|---|---|---|---|
| 1 | Add "insurer hotline first" and a privilege step to the plan | Julian Okoro | 2026-03-31 | Done (plan v3.2) |
| 2 | Add a wire-freeze step owned by the Director of Administration | Ellen Marsh | 2026-03-31 | Done |
| 3 | Record BAA notice deadlines in the client register | Lauren Pike | 2026-04-30 | Done |
| 4 | Exercise the P2 path (attorney account compromise) | Sofia Brandt | 2026-10-31 | Open |
"""


def lf_pentest() -> str:
    """The 2026 penetration test, executive summary."""
    d = LF_DATES
    return f"""# Penetration Test 2026 — Executive Summary

| | |
|---|---|
| Client | Calder & Whitlock LLP |
| Tester | Tailspin Security Partners (independent of Fabrikam Managed Services) |
| Testing window | {d['pt_start'].isoformat()} to {d['pt_end'].isoformat()} |
| Report date | {long_date(d['pt_report'])} |
| Method | NIST SP 800-115; external, internal (assumed breach from an attorney laptop), cloud configuration review of Microsoft 365 and iManage tenant settings |

### Results
| Severity | Found | Fixed and retested by {d['pt_report'].isoformat()} |
|---|---|---|
| Critical | 0 | 0 |
| High | 1 | 1 |
| Medium | 4 | 3 |
| Low | 5 | 2 |

| ID | Finding | Severity | Status |
|---|---|---|---|
| H-01 | Print server allowed NTLM relay to LDAP | High | Fixed (LDAP signing and channel binding enforced) |
| M-01 | Guest Wi-Fi could reach the Charlotte printer VLAN | Medium | Fixed |
| M-02 | Conditional access allowed legacy authentication for one service account | Medium | Fixed |
| M-03 | iManage external sharing links default to 30 days | Medium | Fixed (7 days) |
| M-04 | Verbose errors on the client extranet login | Medium | Open (vendor ticket) |

### Conclusion
No path to client documents was found from the internet. From an assumed-breach laptop, the testers
could not reach iManage content outside the test user's matters.
"""


def lf_ec_report() -> str:
    """The General Counsel's September report to the Executive Committee."""
    d = LF_DATES
    return f"""# Information Security Program — Report to the Executive Committee

| | |
|---|---|
| Presented | {long_date(d['ec_report'])}, Executive Committee meeting |
| By | Julian Okoro, General Counsel, with Sofia Brandt, IT Director |
| Period | {d['ec_march'].isoformat()} (previous report) to {d['ec_report'].isoformat()} |

### 1. Status
The program is on track. MFA covers every enabled account, SentinelOne protects every managed device,
and backups run nightly to immutable repositories. The annual policy review is submitted for approval
today (policy set summary attached).

### 2. Risk assessment
The 2026 assessment ({d['risk'].isoformat()}) found no residual risk above appetite. Open gap: the P2
escalation path has not been exercised (tabletop planned for October).

### 3. Providers
| Provider | Service | Review | Result |
|---|---|---|---|
| Fabrikam Managed Services | Service desk overflow, SOC, patching, backup | SOC 2 Type II; quarterly service review | Satisfactory |
| iManage (cloud) | Document management | SOC 2 Type II, ISO 27001 | Satisfactory |
| Relecloud E-Discovery | Review platform | Questionnaire, SOC 2 Type II | Satisfactory; BAA signed |

### 4. Testing and incidents
- Penetration test (May 2026): no critical findings; the single high finding fixed and retested.
- Tabletop TT-2026-01 (February): actions closed except the P2 exercise.
- Security events this period: 37 phishing reports, 1 wire-instruction fraud attempt (no funds lost),
  5 endpoint threats mitigated automatically. No notification events.

### 5. Client requirements
Four client security questionnaires and two outside-counsel-guideline audits were completed; one
client asked for annual evidence of matter access reviews, now part of ISP-04.

### 6. Decisions requested
1. Approve the 2026 policy set.
2. Approve the budget for automated quarterly matter access reviews in iManage.
"""


def law_firm() -> dict[str, bytes]:
    """Every file of the law firm's exports/ folder."""
    people = lf_people()
    devices = lf_devices()
    matters = lf_matters(people)
    assert all(p.mfa for p in people if p.enabled and p.kind in ("staff", "admin")), "the firm is clean"
    assert all(any(p.upn == u for p in people) for u in LF_BREAK_GLASS), "break-glass accounts moved"
    files = {
        "entra-user-registration-details-2026-09-29.csv": lf_entra(people),
        "sentinelone-agents-2026-09-29.csv": lf_sentinelone(devices),
        "ninjaone-devices-2026-09-29.csv": lf_ninja_devices(devices),
        "ninjaone-os-patches-2026-09-29.csv": lf_patches(devices),
        "veeam-sessions-2026-09-30.csv": lf_veeam_sessions(),
        "veeam-repositories-2026-09-30.csv": lf_veeam_repositories(),
        "halopsa-tickets-2026-q3.csv": lf_halopsa(lf_tickets(people, devices, matters)),
        "imanage-matter-security-2026-09-28.csv": lf_imanage(people, matters),
        "entra-users-2026-09-29.csv": lf_users(people),
        "entra-group-members-2026-09-29.csv": lf_groups(people),
        "matter-list-2026-09-28.csv": lf_matter_list(matters),
        "ethical-walls-2026-09-28.csv": lf_walls(people, matters),
        "break-glass-register-2026-09-30.csv": lf_break_glass(),
        "policy-set-summary-2026.md": lf_policies().encode(),
        "incident-response-plan-v3.2.md": lf_ir_plan().encode(),
        "risk-assessment-2026.md": lf_risk_assessment().encode(),
        "tabletop-TT-2026-01-report.md": lf_tabletop().encode(),
        "penetration-test-2026-executive-summary.md": lf_pentest().encode(),
        "executive-committee-report-2026-09.md": lf_ec_report().encode(),
    }
    return add_binder(files, with_data(lf_binder(people, devices), lf_content(people, devices)))


# =============================================================================================
# The compliance binder: documents and attestations beside the system exports
# =============================================================================================

@dataclass
class Doc:
    """One evidence source of the binder: a file in exports/ or an attestation (no file)."""

    id: str
    kind: str
    offset: int                       # as_of, in days from the as-of date
    supplied_by: str
    name: str = ""                    # the file in exports/ (empty for an attestation)
    data: bytes = b""
    controls: tuple[str, ...] = ()
    statement: str = ""               # attestation only
    by: tuple[str, str] = ("", "")    # attestation: (name, role)
    note: str = ""                    # a YAML comment

    def yaml(self) -> str:
        """The source entry for the demo's auditpack.yaml."""
        lines = [f"    - id: {self.id}" + (f"   # {self.note}" if self.note else "")]
        if self.name:
            lines += ["      collector: file", f"      kind: {self.kind}", f"      path: exports/{self.name}"]
        else:
            lines += ["      collector: attestation"]
            if self.kind != "attestation":
                lines.append(f"      kind: {self.kind}")
            lines += ["      statement: >-"]
            words, line = self.statement.split(), "       "
            for w in words:
                if len(line) + len(w) > 96:
                    lines.append(line)
                    line = "       "
                line += " " + w
            lines += [line, f"      attested_by_name: {self.by[0]}",
                      f"      attested_by_role: {self.by[1]}",
                      f"      attested_on: {day(self.offset).isoformat()}"]
        if self.controls:
            lines.append(f"      controls: [{', '.join(self.controls)}]")
        lines += [f"      supplied_by: {self.supplied_by}", f"      as_of: {day(self.offset).isoformat()}"]
        return "\n".join(lines)


def md(text: str) -> bytes:
    """A Markdown document: dedented, one trailing newline."""
    import textwrap
    return (textwrap.dedent(text).strip() + "\n").encode()


def d(offset: int) -> str:
    """ISO date `offset` days from the as-of date."""
    return day(offset).isoformat()


def training_csv(demo: str, people: list[Person], courses: list[tuple[str, int, str]],
                 overdue: set[str]) -> bytes:
    """Per person and course: assigned, due, completed, score. `courses`: (name, due offset, who)."""
    r = rng(demo, "training")
    rows = []
    staff = [p for p in people if p.kind == "staff" and p.enabled]
    for p in sorted(staff, key=lambda p: p.upn):
        for course, due, who in courses:
            if who != "all" and who not in p.title:
                continue
            assigned = day(due - 45)
            if p.started and p.started > assigned:
                assigned = p.started
            if p.upn in overdue and course == courses[0][0]:
                rows.append([p.name, p.upn, p.title, p.site, course, assigned.isoformat(),
                             day(due).isoformat(), "", "In progress", ""])
                continue
            done = assigned + dt.timedelta(days=r.randint(1, 40))
            if done > day(-2):
                done = day(-2 - r.randint(0, 3))
            rows.append([p.name, p.upn, p.title, p.site, course, assigned.isoformat(), day(due).isoformat(),
                         done.isoformat(), "Completed", str(r.choice((80, 85, 90, 95, 100, 100)))])
    return csv_bytes(["Name", "Email", "Job title", "Site", "Course", "Assigned", "Due", "Completed",
                      "Status", "Score"], rows)


def phishing_csv(demo: str, people: list[Person], campaign: str, sent: int, template: str,
                 clickers: int, reporters: float) -> bytes:
    """One simulated phishing campaign, per recipient."""
    r = rng(demo, f"phish/{campaign}")
    staff = sorted((p for p in people if p.kind == "staff" and p.enabled), key=lambda p: p.upn)
    clicked = set(r.sample(range(len(staff)), clickers))
    rows = []
    for i, p in enumerate(staff):
        t = at(sent, 13, r.randrange(60), r.randrange(60), EDT)
        opened = r.random() < 0.7 or i in clicked
        rep = i not in clicked and r.random() < reporters
        rows.append([campaign, template, p.upn, p.site, us_datetime(t),
                     "Yes" if opened else "No", "Yes" if i in clicked else "No",
                     "No", "Yes" if rep else "No",
                     "Assigned: Spot the Phish refresher" if i in clicked else ""])
    return csv_bytes(["Campaign", "Template", "Recipient", "Site", "Delivered", "Opened", "Clicked",
                      "Data entered", "Reported", "Follow-up"], rows)


def encryption_csv(devices: list[Device], pending: set[str]) -> bytes:
    """BitLocker / FileVault status per managed computer, as the RMM reports it."""
    rows = []
    for dv in sorted(devices, key=lambda x: x.host):
        if dv.role == "mac":
            method, vol = "FileVault", "Macintosh HD"
        else:
            method, vol = "BitLocker XTS-AES 256", "C:"
        if dv.host in pending:
            rows.append([dv.host, dv.role, dv.site, method, vol, "Encryption in progress", "Pending",
                         "Enrolled in the last 7 days"])
        else:
            rows.append([dv.host, dv.role, dv.site, method, vol, "Fully encrypted", "Escrowed", ""])
    return csv_bytes(["Device", "Role", "Site", "Method", "Volume", "Status", "Recovery key", "Note"], rows)


def software_csv(demo: str, devices: list[Device], titles: list[tuple[str, str, str, str, float]]) -> bytes:
    """Installed software summary: title, publisher, version, install count, approval."""
    r = rng(demo, "software")
    n = len([x for x in devices if x.role != "server"])
    rows = []
    for title, publisher, version, status, share in titles:
        count = max(1, int(n * share) - r.randrange(3)) if share < 1 else n
        rows.append([title, publisher, version, str(count), status])
    return csv_bytes(["Software", "Publisher", "Version (most common)", "Installs", "Status"], rows)


CU_SOFTWARE = [
    ("Microsoft 365 Apps for enterprise", "Microsoft", "2408 (Monthly Enterprise)", "Approved", 1.0),
    ("Microsoft Edge", "Microsoft", "128.0", "Approved", 1.0),
    ("Microsoft Defender for Endpoint", "Microsoft", "10.8760", "Approved", 1.0),
    ("NinjaOne Agent", "NinjaOne", "5.9.1158", "Approved", 1.0),
    ("Litware Teller Desktop", "Litware Core Services", "22.4.1", "Approved", 0.28),
    ("Litware Member Workspace", "Litware Core Services", "22.4.1", "Approved", 0.62),
    ("VanArsdel Lending Cloud connector", "VanArsdel", "3.2.0", "Approved", 0.14),
    ("Loan Imaging Viewer", "Harbor Point (vendor build)", "9.1", "Approved", 0.35),
    ("Adobe Acrobat Reader", "Adobe", "24.003", "Approved", 0.97),
    ("Zoom Workplace", "Zoom", "6.1.11", "Approved", 0.31),
    ("Microsoft Teams", "Microsoft", "24215", "Approved", 1.0),
    ("Google Chrome", "Google", "128.0", "Approved (restricted extensions)", 0.22),
    ("7-Zip", "Igor Pavlov", "24.08", "Approved", 0.09),
    ("Contact centre softphone", "Harbor Point telephony vendor", "12.3", "Approved", 0.11),
    ("Notepad++", "Notepad++ team", "8.6.9", "Approved (IT only)", 0.02),
    ("Microsoft Visio", "Microsoft", "2408", "Approved (licensed users)", 0.03),
    ("Mozilla Firefox", "Mozilla", "130.0", "Unapproved: removal ticket #48213", 0.01),
]


def cu_binder(people: list[Person], devices: list[Device]) -> list[Doc]:
    """Harbor Point's compliance binder: policies, procedures, reviews, records, attestations."""
    staff = [p for p in people if p.kind == "staff" and p.enabled]
    by_upn = {p.upn: p for p in people}
    overdue = {p.upn for p in sorted(staff, key=lambda p: p.upn)[7::97]}
    docs = [
        Doc("policy-set", "policy_document", -14, "hpfcu", "policy-set-2026.md", md(f"""
            # Harbor Point FCU — Information Security Policy Set 2026

            Approved by the Information Security Committee on {long_date(day(-14))} (minutes ISC-2026-09) and
            ratified by the Board of Directors with ISP v7.0. Owner: Priya Natarajan, Information Security Officer.
            Every policy is reviewed at least every 12 months; the intranet holds the signed copies.

            | No. | Policy | Version | Approved | Owner |
            |---|---|---|---|---|
            | POL-01 | Acceptable Use | 6.0 | {d(-14)} | Priya Natarajan |
            | POL-02 | Access Control and Identity (incl. MFA, privileged access, access reviews) | 5.2 | {d(-14)} | Tom Gallagher |
            | POL-03 | Asset Management (hardware, software, disposal) | 4.1 | {d(-14)} | Tom Gallagher |
            | POL-04 | Data Classification and Handling (NPI, cardholder data) | 4.0 | {d(-14)} | Priya Natarajan |
            | POL-05 | Encryption and Key Management | 3.1 | {d(-14)} | Priya Natarajan |
            | POL-06 | Secure Configuration and Change Management | 4.3 | {d(-14)} | Tom Gallagher |
            | POL-07 | Vulnerability and Patch Management (critical: 14 days) | 5.0 | {d(-14)} | Priya Natarajan |
            | POL-08 | Logging and Monitoring (12 months online retention) | 3.2 | {d(-14)} | Priya Natarajan |
            | POL-09 | Network Security (segmentation of the CDE VLANs) | 4.0 | {d(-14)} | Tom Gallagher |
            | POL-10 | Vendor and Service Provider Management | 4.2 | {d(-14)} | Priya Natarajan |
            | POL-11 | Security Awareness and Training | 3.0 | {d(-14)} | Priya Natarajan |
            | POL-12 | Physical and Environmental Security | 3.1 | {d(-14)} | Renee Castillo |
            | POL-13 | Business Continuity and Backup | 4.0 | {d(-14)} | Tom Gallagher |
            | POL-14 | Records Retention and Disposal | 2.4 | {d(-14)} | Carla Mendes |
            | POL-15 | Application Acquisition and Secure Development | 2.0 | {d(-14)} | Renee Castillo |
            | POL-16 | PCI DSS Cardholder Data Environment | 3.0 | {d(-14)} | Priya Natarajan |

            ## Key standards (excerpt from POL-02)
            - Every account is named and owned; shared accounts only for documented service use, vaulted.
            - MFA for every interactive sign-in; two break-glass accounts excluded, sealed and monitored.
            - Access granted on approved request (ConnectWise), role-based, least privilege.
            - Leavers disabled by end of last working day; HR sends the leaver list to the service desk daily.
            - User access reviewed quarterly by system owners; privileged roles monthly by the ISO.
            - Administrators use separate `adm.` accounts from the jump host HPFCU-MGMT01.
            - Passwords: 14 characters minimum, banned-password list, lockout after 10 attempts.

            ## Exceptions on file
            | Ref | Policy | Exception | Expires | Approved by |
            |---|---|---|---|---|
            | EX-26-03 | POL-07 | HPFCU-IMG01/IMG02 remain on Server 2019 until the imaging upgrade | {d(92)} | Priya Natarajan |
            | EX-26-05 | POL-09 | Telephony vendor remote support over a dedicated VPN profile | {d(140)} | Tom Gallagher |
            """)),
        Doc("runbooks", "procedure_document", -8, "msp", "northwind-hpfcu-runbooks-2026-09.md", md(f"""
            # Northwind Managed IT — Harbor Point Operating Runbooks (revision R26.3)

            Reviewed with Tom Gallagher on {long_date(day(-8))}; next review December 2026. Runbooks live in
            Northwind's IT Glue tenant for Harbor Point; this is the controlled export.

            | ID | Runbook | Owner | Last changed |
            |---|---|---|---|
            | RB-01 | Service desk intake, triage and priorities (P1–P4) | Kwame Boateng | {d(-8)} |
            | RB-02 | Identity verification before password/MFA reset (call-back to HR number) | Kwame Boateng | {d(-70)} |
            | RB-03 | Joiner / mover / leaver account processing | Kwame Boateng | {d(-36)} |
            | RB-04 | Standard, normal and emergency change (CAB Tuesdays) | Omar Haddad | {d(-8)} |
            | RB-05 | Monthly patch cycle and exception handling | Omar Haddad | {d(-36)} |
            | RB-06 | Weekly vulnerability scan triage and ticketing | Hannah Cho | {d(-64)} |
            | RB-07 | SOC alert triage and escalation to Harbor Point | Hannah Cho | {d(-22)} |
            | RB-08 | Backup monitoring, failed-job handling and restore requests | Nora Quinn | {d(-50)} |
            | RB-09 | Quarterly restore test | Nora Quinn | {d(-99)} |
            | RB-10 | Firewall rule request and quarterly rule review | Luis Ferreira | {d(-29)} |
            | RB-11 | Azure and M365 secure configuration (Secure Score, CIS benchmark) | Omar Haddad | {d(-43)} |
            | RB-12 | Certificate renewal and key rotation | Omar Haddad | {d(-57)} |
            | RB-13 | Application and vendor release testing before production | Omar Haddad | {d(-120)} |

            ## RB-03 Leaver (summary)
            1. HR's daily leaver list (Workday report) opens a ticket per leaver in the "Access" board.
            2. Disable the Entra ID and AD account, revoke sessions, remove from Litware roles (Litware
               portal request) by 17:00 on the last day; convert mailbox to shared for 90 days.
            3. Collect the laptop and phone; wipe through Intune; update the asset record.
            4. Attach screenshots of the disabled account to the ticket; Ben Lindqvist checks weekly.

            ## RB-04 Change (summary)
            Normal changes need a ConnectWise change ticket with risk, back-out plan and test evidence,
            approved by Tom Gallagher (or Renee Castillo) at the Tuesday CAB. Emergency changes are approved
            by phone and reviewed at the next CAB. CDE changes also need Priya Natarajan's approval.

            ## RB-09 Restore test (summary)
            Each quarter restore one file share sample, one SQL database and one full VM to the isolated
            restore network on HPFCU-HV04, verify with the application owner, record times against RTO.
            """)),
        Doc("incident-procedures", "procedure_document", -83, "hpfcu", "incident-notification-procedures-v2.3.md", md(f"""
            # Incident Handling and Notification Procedures v2.3 (companion to IR plan v5.1)

            Approved by Priya Natarajan and Carla Mendes on {long_date(day(-83))}.

            ## Regulator and member notifications
            | Event | Who decides | Deadline | Procedure |
            |---|---|---|---|
            | Reportable cyber incident (12 CFR 748.1(c)) | Carla Mendes with Priya Natarajan | 72 hours from reasonable belief | NCUA portal; template N-1 |
            | Unauthorized access to sensitive member information (Part 748 App. B) | Carla Mendes | As soon as possible | Member letter template N-2; call-centre script |
            | CUSO notification event, 500+ consumers (16 CFR 314.4(j)) | Priya Natarajan | 30 days from discovery | FTC online form; template N-3 |
            | Card data compromise | Priya Natarajan | Immediately | Acquirer and card brands per merchant agreement |

            ## Evidence handling
            The SOC (Hannah Cho) preserves Defender timelines and Entra sign-in logs; Northwind images
            affected hosts to the forensic share; chain-of-custody form F-7 is signed at each hand-over.

            ## Lessons learned
            Every P1/P2 incident closes with a post-incident review within 10 business days, recorded in
            the incident register; actions are tracked as ConnectWise tickets.
            """), controls=("IR-02", "IR-03", "IR-05", "IR-06", "IR-09", "BCK-04")),
        Doc("isc-minutes", "meeting_minutes", -9, "hpfcu", "isc-minutes-2026-09.md", md(f"""
            # Information Security Committee — Minutes, {long_date(day(-9))}

            Present: Renee Castillo (chair), Priya Natarajan, Carla Mendes, Tom Gallagher, Elena Vasquez
            (Northwind vCIO), Hannah Cho (Northwind SOC, items 3–5). Minutes: Ben Lindqvist.

            1. **Policy set 2026** — approved the revised policy set (POL-01 to POL-16) and ISP v7.0
               version history; to be acknowledged by all staff in KnowBe4 by 31 October.
            2. **Risk register** — reviewed Q3 changes: R-07 (imaging storage on LEGACY-NAS01) raised to High
               after two failed backups; funding for the new repository approved (CHG-26-0931).
            3. **Security metrics (September)** — MFA 99.3% of members (3 gaps, tickets open); Defender
               coverage 99.3% (HPFCU-FS02 and BDF-TLR-04 onboarding, HPL-LT-0158 investigation); critical
               patches: 2 late (HPFCU-SQL02, WBK-TLR-02); phishing click rate 3.8% (September campaign).
            4. **SOC report** — 1,284 alerts in September, 41 escalated, 0 confirmed compromise.
            5. **Vendors** — Northwind SOC 2 Type II received and reviewed (no exceptions); Tailspin
               Statement Services SOC 2 bridge letter requested.
            6. **Asset and software review** — monthly inventory reconciliation accepted; Firefox removal tracked.
            7. **Mobile devices** — 4 non-compliant phones blocked by Conditional Access; owners contacted.
            8. **Tabletop** — the postponed ransomware tabletop rescheduled for 22 October 2026.

            Actions: AI-26-41 new backup repository (Tom, 31 Oct); AI-26-42 tabletop (Priya, 22 Oct);
            AI-26-43 MFA gaps (Aisha, 7 Oct).
            """)),
        Doc("board-minutes", "meeting_minutes", -344, "hpfcu", "board-minutes-2025-10-21-excerpt.md", md(f"""
            # Board of Directors — Minutes excerpt, {long_date(day(-344))}

            Item 6. Information security. Priya Natarajan, Information Security Officer and Qualified
            Individual, presented the 2025 annual written report on the information security program
            (16 CFR 314.4(i)). The board discussed the risk assessment results, the Northwind SOC
            arrangement and the plan to replace LEGACY-NAS01. **Resolved** to accept the report, to
            re-confirm Priya Natarajan as Qualified Individual, and to approve ISP v6.2 with the 2025 policy set.
            Motion: Director Alvarez; second: Director Whitney; carried unanimously.

            Attest: Joanna Lombard, Board Secretary.
            """), controls=("BRD-01", "GOV-01", "GOV-06", "RSK-01", "IR-01", "GOV-04", "GOV-08")),
        Doc("supervisory-minutes", "meeting_minutes", -27, "hpfcu", "supervisory-committee-minutes-2026-09-03.md", md(f"""
            # Supervisory Committee — Minutes, {long_date(day(-27))}

            Present: committee members Donna Sawyer (chair), Gregory Nash, Lydia Moulton; Priya Natarajan
            and Carla Mendes (by invitation).

            1. Quarterly information security summary (Q3 to date) received from the ISO: program on
               track; open items are the loan-imaging backup repository and the overdue ransomware tabletop.
            2. Internal audit of user access reviews (Q2): satisfactory; one finding on Litware roles
               for two leavers removed 3 days late (closed).
            3. Risk register quarterly review: no new risks above appetite.
            """), controls=("BRD-02", "GOV-05", "GOV-11", "RSK-02")),
        Doc("raci-matrix", "raci_matrix", -91, "hpfcu", "responsibility-matrix-hpfcu-northwind-2026.md", md(f"""
            # Harbor Point FCU / Northwind Managed IT — Responsibility Matrix 2026

            Agreed {long_date(day(-91))} by Renee Castillo (Harbor Point) and Elena Vasquez (Northwind);
            attached to MSA-2024-017 as Schedule C. R = responsible, A = accountable, C = consulted, I = informed.

            | Function | Harbor Point | Northwind | Litware |
            |---|---|---|---|
            | Information security program, policies | A, R (Priya Natarajan) | C | — |
            | Risk assessment | A, R | R (vCIO facilitates) | C |
            | Vendor management | A, R (Carla Mendes) | C | — |
            | Identity and access | A (Tom Gallagher), R (Aisha Okafor) | R (service desk) | R (core roles) |
            | Endpoint security and EDR | A | R (SOC, Omar Haddad) | — |
            | Patch management | A | R | R (core platform) |
            | Vulnerability management | A (Priya Natarajan) | R (SOC) | — |
            | 24/7 monitoring | A | R (Hannah Cho) | — |
            | Network and firewalls | A | R (Luis Ferreira) | — |
            | Backup and recovery | A | R (Nora Quinn) | R (core DR) |
            | Incident response | A (Priya Natarajan) | R | C |
            | Physical security | A, R (Renee Castillo, Tom Gallagher) | — | — |
            | Data protection (DLP, encryption, keys) | A, R | C | — |
            """)),
        Doc("cis-baseline", "configuration_baseline", -1, "msp", "configuration-baseline-compliance-2026-09-29.csv", b""),
        Doc("config-standards", "configuration_baseline", -43, "msp", "secure-configuration-standards-v4.md", md(f"""
            # Harbor Point Secure Configuration Standards v4 (Northwind build sheets)

            Approved by Tom Gallagher on {long_date(day(-43))}. Baselines are CIS Benchmarks Level 1 with the
            deviations below, enforced by Intune, Group Policy and NinjaOne policies; compliance is reported
            nightly (see configuration-baseline-compliance report).

            | Platform | Baseline | Enforced by | Deviations |
            |---|---|---|---|
            | Windows 11 23H2/24H2 | CIS L1 v3.0 + Microsoft security baseline | Intune | 18.9.x Remote Assistance allowed for service desk |
            | Windows Server 2019/2022 | CIS L1 Member Server | GPO "HPFCU-Server-Baseline" | SMBv1 disabled everywhere; IMG01/IMG02 exception EX-26-03 |
            | Domain controllers | CIS L1 DC + LDAP signing, channel binding | GPO "HPFCU-DC-Baseline" | none |
            | Microsoft 365 / Entra ID | CIS M365 v3 L1; Secure Score target 75% | Entra, Defender | Legacy auth blocked tenant-wide |
            | FortiGate firewalls | CIS FortiGate 7.x | FortiManager | Admin HTTPS only from management VLAN |
            | Teller and contact-centre workstations | CIS L1 + PCI kiosk profile, USB storage blocked | Intune | none |
            | Veeam hardened repository | Veeam hardened Linux guidance, SSH off | Northwind | none |
            | Audit logging | Advanced audit policy per POL-08; logs forwarded to Sentinel | GPO, Intune | none |
            """)),
        Doc("soc-alert-review", "siem_alerts", -1, "msp", "soc-alert-review-2026-09.csv", b""),
        Doc("access-review-q3", "access_review", -12, "hpfcu", "user-access-review-2026-q3.md", b""),
        Doc("privileged-review", "access_review", -6, "hpfcu", "privileged-access-review-2026-09.md", b"",
            controls=("IAM-05", "IAM-06", "IAM-08", "MON-09")),
        Doc("software-inventory", "software_inventory", -1, "msp", "ninjaone-software-inventory-2026-09-29.csv",
            software_csv(CU, devices, CU_SOFTWARE)),
        Doc("dlp-report", "dlp_report", -1, "hpfcu", "purview-dlp-and-sharing-report-2026-09.csv", b""),
        Doc("incident-register", "incident_records", -1, "hpfcu", "incident-register-2026.csv", b""),
        Doc("change-records", "change_records", -1, "msp", "change-records-2026-q3.csv", b""),
        Doc("log-sources", "log_configuration", -2, "msp", "log-source-inventory-2026-09.csv", b""),
        Doc("network-diagram", "network_diagram", -75, "msp", "network-and-data-flow-description-2026.md", b""),
        Doc("training-records", "training_records", -2, "hpfcu", "knowbe4-training-completion-2026-09-28.csv",
            training_csv(CU, people, [("Harbor Point Security Essentials 2026", -40, "all"),
                                      ("Policy acknowledgement 2026 (ISP v7.0)", -20, "all"),
                                      ("GLBA and member privacy 2026", -40, "all"),
                                      ("PCI DSS card handling for tellers", -60, "Teller"),
                                      ("PCI DSS card handling for the contact centre", -60, "Contact Centre")],
                         overdue)),
        Doc("phishing-results", "phishing_results", -5, "hpfcu", "knowbe4-phishing-campaign-2026-09.csv",
            phishing_csv(CU, people, "HP-2026-09 Payroll direct deposit change", -16,
                         "Workday: action needed on your direct deposit", 15, 0.46)),
        Doc("remediation-tracker", "remediation_tracking", -1, "msp", "remediation-tracker-2026-09-29.csv", b""),
        Doc("user-directory", "user_directory", -1, "hpfcu", "entra-user-registration-details-2026-09-29.csv",
            note="the Graph export also serves as the user account list"),
        Doc("mdm-report", "mdm_report", -1, "msp", "intune-device-compliance-2026-09-29.csv", b""),
        Doc("firewall-review", "firewall_config", -20, "msp", "firewall-ruleset-review-2026-q3.md", b""),
        Doc("contracts", "contract", -30, "hpfcu", "contract-clause-excerpts-2026.md", b""),
        Doc("certificates", "certificate_inventory", -2, "msp", "certificate-inventory-2026-09-28.csv", b""),
        Doc("badge-log", "physical_access_log", -1, "hpfcu", "badge-access-restricted-areas-2026-09.csv", b""),
        Doc("badge-review", "physical_access_log", -15, "hpfcu", "badge-access-review-2026-q3.md", b"",
            controls=("PHY-02", "IAM-12")),
        Doc("visitor-log", "visitor_log", -1, "hpfcu", "visitor-log-portland-2026-09.csv", b""),
        Doc("privileged-accounts", "privileged_accounts", -1, "hpfcu", "privileged-role-assignments-2026-09-29.csv", b""),
        Doc("data-inventory", "data_inventory", -20, "hpfcu", "data-inventory-2026-q3.md", b""),
        Doc("vendor-due-diligence", "vendor_assessment", -18, "hpfcu", "vendor-due-diligence-2026.md", b""),
        Doc("disposal-certificates", "disposal_certificate", -23, "hpfcu", "disposal-certificates-2026.csv", b""),
        Doc("conditional-access", "conditional_access", -1, "hpfcu", "entra-conditional-access-policies-2026-09-29.csv", b""),
        Doc("email-security", "email_security_config", -1, "msp", "email-security-configuration-2026-09-29.txt", b""),
        Doc("encryption-status", "encryption_status", -1, "msp", "encryption-status-2026-09-29.csv",
            encryption_csv(devices, {"PWM-WS-0263"})),
        Doc("retention-schedule", "retention_schedule", -25, "hpfcu", "records-retention-schedule-v3.md", b""),
        Doc("key-management", "key_management_records", -3, "hpfcu", "key-management-register-2026-09.csv", b""),
        Doc("restore-test", "restore_test", -16, "msp", "restore-test-RT-2026-Q3.md", b""),
        Doc("qi-designation", "designation_record", -344, "hpfcu", "board-resolution-2025-10-qualified-individual.md", b""),
    ]
    docs += cu_attestations()
    return docs


def cu_attestations() -> list[Doc]:
    """Facts no system exports, signed by the person who knows them."""
    pn = ("Priya Natarajan", "Information Security Officer")
    tg = ("Tom Gallagher", "IT Manager")
    return [
        Doc("att-mfa-exceptions", "attestation", -5, "hpfcu", controls=("IAM-01",), by=pn, statement=(
            "The MFA exception register holds two entries, the break-glass accounts bg-emergency01 and "
            "bg-emergency02, approved by me on 2026-01-12 and reviewed on 2026-09-25: credentials sealed in "
            "the Portland vault, sign-ins alert the Northwind SOC. No other exception is approved; the three "
            "members without MFA on the 2026-09-29 export are tracked as findings (AI-26-43), not exceptions.")),
        Doc("att-screening", "attestation", -2, "hpfcu", controls=("GOV-07",),
            by=("Lydia Moulton", "HR Director"), statement=(
                "Every one of the 23 people hired between 2026-07-01 and 2026-09-28 had a background check "
                "(criminal, credit and employment) completed by the screening vendor before their start date, "
                "and signed the Acceptable Use Policy before their accounts were enabled.")),
        Doc("att-pci-scope", "attestation", -62, "hpfcu", controls=("GOV-09",), by=pn, statement=(
            "The 2026 PCI DSS scope confirmation was completed on 2026-07-30 with Northwind: the CDE is the "
            "contact-centre VLAN (10.10.40.0/24, 14 workstations, jump host HPFCU-CCJ01, HPFCU-TEL01) and "
            "the teller terminal VLANs at the five branches (62 integrated terminals); no cardholder data "
            "was found stored outside the acquirer's virtual terminal.")),
        Doc("att-staff-qualifications", "attestation", -40, "hpfcu", controls=("AWR-03",), by=pn, statement=(
            "I verified on 2026-08-21 the qualifications and 2026 CPE of the Harbor Point IT team and the "
            "named Northwind engineers (Hannah Cho GCIH, Omar Haddad AZ-500, Luis Ferreira NSE 4, "
            "Nora Quinn VMCE); all hold current certifications and completed role-based training.")),
        Doc("att-camera-retention", "attestation", -15, "hpfcu", controls=("PHY-02",), by=tg, statement=(
            "The video system retains camera recordings for 120 days and the badge system keeps access logs "
            "for 400 days at every site, checked on 2026-09-15 against the oldest recording at each site.")),
        Doc("att-offsite-storage", "attestation", -120, "hpfcu", controls=("PHY-04",), by=tg, statement=(
            "On 2026-06-02 I reviewed the Westbrook DR room holding HPFCU-HV04 and the offline backup media "
            "safe: badge-only access for four named people, camera coverage, fire suppression, "
            "media log reconciled (11 cartridges, none missing).")),
        Doc("att-pos-inspection", "attestation", -3, "hpfcu", controls=("PHY-06",),
            by=("Angela Poirier", "Branch Operations Manager"), statement=(
                "The September tamper inspections of all 62 teller card terminals were completed at the five "
                "branches between 2026-09-21 and 2026-09-26 with signed checklists; serial numbers matched "
                "the device inventory and no tampering was found.")),
        Doc("att-inventory-review", "attestation", -35, "hpfcu", controls=("AST-01",), by=tg, statement=(
            "The semiannual hardware inventory review was completed on 2026-08-26: NinjaOne, Defender "
            "and Intune records were reconciled; 6 retired devices were removed and 2 unmanaged "
            "devices (BDF-TLR-04, HPFCU-FS02) were assigned for agent deployment.")),
        Doc("att-encryption-compensating", "attestation", -50, "hpfcu", controls=("DAT-05",), by=pn, statement=(
            "Encryption at rest is enabled on every server and cloud store except LEGACY-NAS01, whose "
            "hardware cannot encrypt; I approved compensating controls on 2026-08-11 (isolated VLAN, "
            "no user access, replacement by 2026-12-31).")),
        Doc("att-tls-review", "attestation", -70, "msp", controls=("DAT-06",),
            by=("Luis Ferreira", "Network Engineer, Northwind Managed IT"), statement=(
                "The 2026 protocol and cipher review (2026-07-22) found TLS 1.2 or 1.3 only on every "
                "internet-facing service, the Litware links and the branch terminal traffic; TLS 1.0/1.1 "
                "and RC4/3DES suites are disabled on the FortiGates and HPFCU-RDG01.")),
        Doc("att-data-confinement", "attestation", -62, "hpfcu", controls=("DAT-09",), by=pn, statement=(
            "Member NPI is confined to Litware, VanArsdel, the loan imaging system and the designated "
            "SharePoint sites; the 2026 test and development copies of the loan imaging database are "
            "masked, confirmed on 2026-07-30.")),
        Doc("att-key-custodians", "attestation", -3, "hpfcu", controls=("DAT-14",), by=pn, statement=(
            "The key custodians Priya Natarajan, Aisha Okafor and Omar Haddad signed their annual key "
            "custodian acknowledgement on 2026-09-27.")),
    ]


def cu_content(people: list[Person], devices: list[Device]) -> dict[str, bytes]:
    """The binder documents that are written here rather than inline."""
    r = rng(CU, "binder")
    staff = sorted((p for p in people if p.kind == "staff" and p.enabled), key=lambda p: p.upn)
    out: dict[str, bytes] = {}
    # configuration baseline compliance, per device group
    groups = [("Windows 11 workstations", "CIS L1 v3.0 + MS baseline", "Intune", 287), ("Teller workstations", "PCI kiosk profile", "Intune", 58),
              ("Contact-centre workstations", "PCI kiosk profile", "Intune", 14), ("Laptops", "CIS L1 v3.0 + MS baseline", "Intune", 52),
              ("Member servers", "HPFCU-Server-Baseline", "GPO", 26), ("Domain controllers", "HPFCU-DC-Baseline", "GPO", 2),
              ("Microsoft 365 tenant", "CIS M365 v3 L1", "Secure Score", 1), ("FortiGate firewalls", "CIS FortiGate 7.x", "FortiManager", 6)]
    rows = []
    for g, base, tool, n in groups:
        settings = r.randint(120, 320)
        noncompliant = 0 if n < 3 else r.randint(0, max(1, n // 40))
        rows.append([d(-1), g, base, tool, str(n), str(n - noncompliant), str(noncompliant), str(settings),
                     f"{100 * (n - noncompliant) / n:.1f}",
                     "Remediation tickets open" if noncompliant else ""])
    rows.append([d(-1), "Microsoft 365 tenant (Secure Score)", "Target 75%", "Defender", "1", "1", "0", "—", "78.4", "Secure Score 78.4%"])
    out["cis-baseline"] = csv_bytes(["Report date", "Group", "Baseline", "Enforced by", "Devices", "Compliant",
                                     "Non-compliant", "Settings checked", "Compliance %", "Note"], rows)
    # SOC alert review
    rules = [("Impossible travel sign-in", "Entra ID Protection"), ("Suspicious inbox forwarding rule", "Defender for Office 365"),
             ("Malware blocked", "Defender for Endpoint"), ("Multiple failed sign-ins to adm. account", "Sentinel"),
             ("New firewall admin login outside hours", "FortiAnalyzer"), ("Phishing URL clicked", "Defender for Office 365"),
             ("DLP: member account numbers sent externally", "Purview"), ("Privileged role assigned", "Sentinel"),
             ("Veeam job failed", "Veeam ONE"), ("Sensor stopped reporting", "Defender for Endpoint")]
    rows = []
    for i in range(160):
        t = at(-r.randint(1, 30), r.randrange(24), r.randrange(60), 0, EDT)
        rule, src = r.choice(rules)
        sev = r.choice(("Low", "Low", "Medium", "Medium", "High"))
        verdict = r.choice(("Benign positive", "Benign positive", "False positive", "True positive – contained"))
        rows.append([f"SOC-{26900 + i}", us_datetime(t), src, rule, sev, r.choice(CU_SOC), verdict,
                     str(r.randint(3, 55)), "Escalated to Harbor Point (ticket)" if sev == "High" else "Closed by SOC"])
    rows.sort(key=lambda x: x[0])
    out["soc-alert-review"] = csv_bytes(["Alert", "Raised", "Source", "Rule", "Severity", "Analyst", "Verdict",
                                         "Minutes to triage", "Outcome"], rows)
    # access reviews
    systems = [("Entra ID / Microsoft 365", "Aisha Okafor", 412, 3), ("Active Directory (corp)", "Aisha Okafor", 431, 2),
               ("Litware core banking roles", "Renee Castillo", 318, 4), ("VanArsdel Lending Cloud", "Tom Gallagher", 74, 2),
               ("Loan imaging", "Carla Mendes", 96, 1), ("FortiGate administrators", "Tom Gallagher", 6, 0),
               ("Veeam Backup & Replication", "Tom Gallagher", 5, 0), ("Acquirer virtual terminal (CDE)", "Priya Natarajan", 16, 1)]
    tbl = "\n".join(f"| {s} | {rv} | {n} | {n - rm} | {rm} | {d(-12 - i)} |" for i, (s, rv, n, rm) in enumerate(systems))
    out["access-review-q3"] = md(f"""
        # Quarterly User Access Review — Q3 2026

        Scope: every account and role on the systems below, exported by Aisha Okafor on {d(-26)} and sent
        to each system owner. Removals were processed through ConnectWise by Northwind's service desk.
        Signed off by Priya Natarajan (ISO) on {long_date(day(-12))}.

        | System | Reviewer | Accounts reviewed | Confirmed | Removed or reduced | Signed |
        |---|---|---|---|---|---|
        {tbl}

        Notes: the Litware removals include two leaver roles missed by the leaver runbook (root cause:
        Litware portal request not raised; RB-03 updated). Derek Shaw's accounts (left 2026-05-15) were
        confirmed disabled. No unexplained privileged access found.
        """)
    out["privileged-review"] = md(f"""
        # Monthly Privileged Access Review — September 2026

        Reviewed by Priya Natarajan on {long_date(day(-6))} against the Entra role and AD group exports
        of {d(-7)}.

        | Role / group | Members | Change since August | Result |
        |---|---|---|---|
        | Entra Global Administrator | 4 (2 break-glass, adm.rcastillo, adm.tgallagher) | none | Confirmed |
        | Entra Privileged Role Administrator (PIM eligible) | 2 | none | Confirmed |
        | Exchange / SharePoint Administrator (PIM eligible) | 5 | +1 adm.aokafor (CHG-26-0904) | Confirmed |
        | AD Domain Admins | 3 (adm.aokafor, adm.jpelletier, nw-adm-ohaddad) | none | adm.jpelletier lacks MFA: AI-26-43 |
        | NinjaOne technicians (Northwind) | 9 | −1 leaver at Northwind | Removal confirmed {d(-9)} |
        | Sentinel / Defender security operators | 6 | none | Confirmed |

        Privileged activity log sample (Sentinel workbook "Admin activity"): 25 events sampled, all tied to tickets.
        """)
    # DLP
    rows = []
    policies = [("NPI – member account numbers (Exchange)", "Block with override"), ("NPI – SSN (Exchange, Teams)", "Block"),
                ("Card numbers – PAN (all locations)", "Block"), ("NPI – OneDrive/SharePoint external sharing", "Block external share"),
                ("Loan documents – USB copy (Endpoint DLP)", "Block"), ("Anyone links (SharePoint)", "Disabled tenant-wide")]
    for week in range(4):
        for pol, action in policies:
            n = r.randint(0, 14)
            rows.append([d(-7 * week - 1), pol, action, str(n), str(r.randint(0, n)), str(max(0, n - r.randint(0, n))),
                         str(r.randint(0, 2) if "override" in action else 0), "Priya Natarajan"])
    out["dlp-report"] = csv_bytes(["Week ending", "Policy", "Action", "Matches", "Blocked", "Reviewed",
                                   "User overrides", "Reviewer"], rows)
    # incidents
    out["incident-register"] = csv_bytes(
        ["Incident", "Opened", "Severity", "Category", "Summary", "Member data affected", "Notification",
         "Closed", "Post-incident review"],
        [["INC-26-001", d(-241), "P3", "Phishing", "Credential phish reported by 6 staff; 1 password reset", "No", "Not required", d(-240), "n/a (P3)"],
         ["INC-26-002", d(-198), "P2", "Business e-mail compromise", "Vendor mailbox spoofed wire change request; call-back stopped it", "No", "Not required", d(-190), f"PIR {d(-185)}"],
         ["INC-26-003", d(-150), "P3", "Malware", "Malicious macro blocked on PWM-WS-0148 by Defender", "No", "Not required", d(-150), "n/a (P3)"],
         ["INC-26-004", d(-96), "P2", "Lost device", "Loan officer laptop HPL-LT-0117 stolen from car; BitLocker, remote wipe", "No (encrypted)", "Assessed: not required", d(-93), f"PIR {d(-88)}"],
         ["INC-26-005", d(-44), "P3", "Account", "MFA fatigue attempt on a teller account; number matching held", "No", "Not required", d(-44), "n/a (P3)"],
         ["INC-26-006", d(-20), "P2", "Service outage", "Litware online banking degraded 95 min (vendor DDoS)", "No", "Litware notified members", d(-19), f"PIR {d(-12)}"]])
    # changes
    rows = []
    kinds = [("Standard", "Monthly Windows patch deployment ring"), ("Normal", "FortiGate rule change"), ("Normal", "Group Policy update"),
             ("Normal", "Intune configuration profile change"), ("Normal", "Litware release 22.4.x"), ("Emergency", "Out-of-band security update"),
             ("Normal", "Conditional Access policy change"), ("Standard", "New user workstation build")]
    for i in range(48):
        k, what = r.choice(kinds)
        opened = r.randint(-92, -3)
        approver = "Tom Gallagher" if r.random() < 0.8 else "Renee Castillo"
        rows.append([f"CHG-26-{800 + i * 3}", d(opened), k, what, r.choice(CU_ENGINEERS + ["AOkafor"]),
                     r.choice(("Low", "Low", "Medium", "High")), approver if k != "Standard" else "Pre-approved (standard)",
                     d(opened + (0 if k == "Emergency" else r.randint(1, 6))), "Yes", "Successful" if r.random() < 0.94 else "Backed out",
                     "Yes" if "FortiGate" in what or "Litware" in what else "No"])
    out["change-records"] = csv_bytes(["Change", "Requested", "Type", "Summary", "Implementer", "Risk", "Approved by",
                                       "Implemented", "Tested", "Result", "CDE impact"], rows)
    out["log-sources"] = csv_bytes(
        ["Source", "System", "Collector", "Destination", "Retention online", "Retention archive", "Last event", "Status"],
        [[s, sys_, c, "Microsoft Sentinel (Northwind MSSP workspace hpfcu-law)", on, arch, d(-1) + "T23:5" + str(i % 10) + "Z", "Healthy"]
         for i, (s, sys_, c, on, arch) in enumerate([
             ("Entra ID sign-in and audit", "Entra ID", "Diagnostic settings", "90 days", "12 months"),
             ("Microsoft 365 unified audit", "M365", "Sentinel connector", "90 days", "12 months"),
             ("Defender XDR alerts and device events", "Defender", "Sentinel connector", "90 days", "12 months"),
             ("Windows Security events (DCs, servers)", "AD, servers", "Azure Monitor Agent", "90 days", "12 months"),
             ("FortiGate traffic and admin logs", "FortiGate x6", "Syslog via HPFCU-LOG01", "90 days", "12 months"),
             ("FortiAnalyzer UTM events", "FortiAnalyzer", "Syslog", "90 days", "12 months"),
             ("Veeam B&R events", "HPFCU-VBR01", "Syslog", "90 days", "12 months"),
             ("NPS RADIUS (Wi-Fi, VPN)", "HPFCU-NPS01", "Azure Monitor Agent", "90 days", "12 months"),
             ("Contact-centre CDE jump host", "HPFCU-CCJ01", "Azure Monitor Agent", "90 days", "12 months"),
             ("Litware core audit (daily file)", "Litware", "SFTP pull", "90 days", "7 years (Litware)"),
             ("Badge system events", "Access control server", "Syslog", "90 days", "400 days (local)")])])
    out["network-diagram"] = md(f"""
        # Harbor Point Network and Data-Flow Description 2026

        Maintained by Luis Ferreira (Northwind); reviewed with Tom Gallagher on {long_date(day(-75))}. The
        Visio diagrams (HP-NET-01 logical, HP-NET-02 CDE, HP-NET-03 data flows) are held in IT Glue;
        this text describes them for the examiner.

        ## Sites and links
        Portland head office (10.10.0.0/16) is the hub; South Portland, Westbrook, Brunswick and
        Biddeford connect over SD-WAN (FortiGate 100F pairs) with dual ISP links. Westbrook hosts the DR
        Hyper-V host HPFCU-HV04. Internet egress per site is filtered by FortiGate UTM.

        ## Segments
        | VLAN | Purpose | Access |
        |---|---|---|
        | 10.x.10.0/24 | Staff workstations | Internet via UTM; servers by service |
        | 10.x.20.0/24 | Teller terminals (CDE) | Acquirer endpoints only, TLS 1.2 |
        | 10.10.40.0/24 | Contact centre (CDE) | Virtual terminal only; admin via HPFCU-CCJ01 |
        | 10.10.50.0/24 | Servers | From workstations by rule; admin from HPFCU-MGMT01 |
        | 10.10.60.0/24 | Management (Tier 0) | Jump host only |
        | 10.10.70.0/24 | Backup (hardened repository) | Veeam only |
        | 10.x.90.0/24 | Guest Wi-Fi | Internet only |

        ## Data flows of member information
        1. Member data is mastered in Litware (hosted) over two IPsec tunnels from Portland and Westbrook.
        2. Loan files flow from VanArsdel Lending Cloud (HTTPS) to the loan imaging system (HPFCU-IMG01/02).
        3. Statements are sent nightly by SFTP to Tailspin Statement Services.
        4. Card payments: teller terminals and the contact centre reach the acquirer only; no PAN stored.
        5. Backups: Veeam to HPFCU-VHR01 (hardened) and offsite object storage; LEGACY-NAS01 (imaging).
        """)
    out["remediation-tracker"] = csv_bytes(
        ["Finding", "Source", "Severity", "Asset", "Opened", "Due", "Owner", "Ticket", "Status", "Closed"],
        [["PT-26-H01", "Adatum penetration test 2026", "High", "HPFCU-RDG01", "2026-04-10", "2026-05-10", "Omar Haddad", "#47110", "Closed (retested)", "2026-05-06"],
         ["PT-26-M01", "Adatum penetration test 2026", "Medium", "Guest Wi-Fi", "2026-04-10", "2026-07-09", "Luis Ferreira", "#47111", "Closed", "2026-06-02"],
         ["PT-26-M02", "Adatum penetration test 2026", "Medium", "HPFCU-WEB01", "2026-04-10", "2026-07-09", "Omar Haddad", "#47112", "Closed", "2026-06-24"],
         ["PT-26-L01", "Adatum penetration test 2026", "Low", "Printers", "2026-04-10", "2026-10-07", "Ben Lindqvist", "#47113", "Open", ""],
         ["VS-26-Q1-07", "Q1 internal scan", "High", "HPFCU-IMG01", "2026-03-27", "2026-04-26", "Omar Haddad", "#46920", "Risk accepted (EX-26-03)", ""],
         ["VS-26-Q1-12", "Q1 internal scan", "Medium", "HPFCU-PRN01", "2026-03-27", "2026-06-25", "Omar Haddad", "#46921", "Closed", "2026-05-19"],
         ["PAT-26-09-01", "Patch report", "Critical", "HPFCU-SQL02", d(-8), d(-1), "Omar Haddad", "#48301", "Open (late)", ""],
         ["PAT-26-09-02", "Patch report", "Critical", "WBK-TLR-02", d(-8), d(-1), "Omar Haddad", "#48302", "Open (late)", ""],
         ["BCK-26-09-01", "Veeam", "High", "LEGACY-NAS01", d(-2), d(30), "Nora Quinn", "#48340", "Open (CHG-26-0931)", ""],
         ["RA-26-07", "Risk assessment 2026", "High", "Loan imaging backups", d(-78), d(31), "Tom Gallagher", "#47760", "Open", ""]])
    # Intune
    rows = []
    phones = staff[3::6]
    for i, p in enumerate(phones):
        os_ = r.choice(("iOS 17.6.1", "iOS 18.0", "Android 14"))
        bad = i in (5, 21, 33, 48)
        rows.append([f"HP-MOB-{1000 + i}", p.upn, "iPhone" if os_.startswith("iOS") else "Samsung Galaxy",
                     os_, r.choice(("Corporate", "Personal (MAM)")), "Noncompliant" if bad else "Compliant",
                     "OS below minimum" if bad and i % 2 else ("Passcode not set" if bad else ""),
                     "Blocked by Conditional Access" if bad else "", us_datetime(at(-r.randint(0, 3), r.randrange(24), r.randrange(60)))])
    for dv in sorted((x for x in devices if x.role == "laptop"), key=lambda x: x.host)[:60]:
        rows.append([dv.host, "", "Windows laptop", dv.os_name, "Corporate", "Compliant", "", "",
                     us_datetime(at(-1, r.randrange(24), r.randrange(60)))])
    out["mdm-report"] = csv_bytes(["Device", "Primary user", "Model", "OS", "Ownership", "Compliance", "Reason",
                                   "Action", "Last check-in"], rows)
    out["firewall-review"] = md(f"""
        # Firewall and Network Security Rule Review — Q3 2026

        Performed by Luis Ferreira (Northwind) with Tom Gallagher on {long_date(day(-20))}; signed by
        Priya Natarajan. Export: FortiManager policy packages of the 6 FortiGates, Azure NSGs (2) and the
        core switch ACLs, taken {d(-21)}.

        | Device / package | Rules | Reviewed | Removed | Narrowed | Insecure services |
        |---|---|---|---|---|---|
        | HPFCU-FW-PWM (100F HA) | 214 | 214 | 6 | 3 | none |
        | CDE-TELLER (all branches) | 38 | 38 | 0 | 1 | none |
        | CDE-CONTACT (Portland) | 22 | 22 | 1 | 0 | none |
        | Branch FortiGates x4 | 4 x 61 | 244 | 4 | 2 | none |
        | Azure NSGs | 17 | 17 | 2 | 0 | none |
        | Core switch ACLs | 46 | 46 | 0 | 0 | SNMP v2c read-only to HPFCU-MON01 (compensating: ACL, change ticket #47822 to v3) |

        All remaining rules have an owner and business justification in the rule comment and hit counts
        within 90 days, or a documented reason. Changes raised: CHG-26-0911, CHG-26-0914.
        """)
    out["contracts"] = md(f"""
        # Security Clauses in Service Provider Contracts — compiled {long_date(day(-30))}

        Compiled by Carla Mendes for the annual vendor review; full contracts are in the contract repository.

        ## Northwind Managed IT — MSA-2024-017 (renewed 2026-01-01), SOW-3 and SOW-4
        - §9.2 Northwind maintains an information security program meeting 16 CFR 314 and NCUA Part 748
          Appendix A, and provides its SOC 2 Type II report annually.
        - §9.5 Security incidents affecting Harbor Point data notified within **24 hours** of discovery.
        - §9.7 Harbor Point and its examiners may audit Northwind's services on 30 days' notice.
        - §11.3 Northwind personnel are background-checked; access is named, MFA-protected and logged.
        - SOW-3 §2: 24/7 monitoring; P1 alerts escalated by phone within 15 minutes.
        - SOW-4 §4: quarterly restore tests; RPO 24 h, RTO 8 h for Tier 1 systems.

        ## Litware Core Services — CPA-2022-118
        - §14.1 GLBA safeguards; SOC 1 and SOC 2 Type II annually. §14.4 incident notice within 36 hours
          (supports 12 CFR 748.1(c)). §15 right to audit by Harbor Point and NCUA. §18 DR test yearly with Harbor Point.

        ## VanArsdel Lending Cloud — SaaS-2024-08
        - §7 data encrypted at rest and in transit; §8 breach notice within 48 hours; §12 data returned
          and destroyed with certificate within 30 days of termination.

        ## Qualified Individual
        The QI role is held by Harbor Point staff (Priya Natarajan); no vCISO contract applies.
        """)
    out["certificates"] = csv_bytes(
        ["Common name", "Issuer", "Used by", "Key", "Not before", "Not after", "Days left", "Owner", "Status"],
        [[cn, iss, use, key, d(nb), d(na), str(na), own, "OK" if na > 30 else "Renewal ticket open"]
         for cn, iss, use, key, nb, na, own in [
             ("www.harborpointfcu.example", "DigiCert Global G2 TLS RSA SHA256 2020 CA1", "Public website (Litware-hosted)", "RSA 2048", -160, 205, "Litware"),
             ("online.harborpointfcu.example", "DigiCert Global G2 TLS RSA SHA256 2020 CA1", "Online banking", "RSA 2048", -98, 267, "Litware"),
             ("remote.harborpointfcu.example", "Sectigo RSA DV", "HPFCU-RDG01 RD Gateway", "RSA 3072", -200, 165, "Omar Haddad"),
             ("vpn.harborpointfcu.example", "Sectigo RSA DV", "FortiGate SSL VPN (disabled; IPsec only)", "RSA 3072", -300, 65, "Luis Ferreira"),
             ("intranet.corp.harborpointfcu.example", "HPFCU Issuing CA 01", "HPFCU-WEB01", "RSA 2048", -250, 480, "Aisha Okafor"),
             ("HPFCU Issuing CA 01", "HPFCU Root CA (offline)", "Internal PKI", "RSA 4096", -1400, 2250, "Aisha Okafor"),
             ("nps.corp.harborpointfcu.example", "HPFCU Issuing CA 01", "Wi-Fi 802.1X (NPS)", "RSA 2048", -340, 25, "Aisha Okafor"),
             ("sftp.harborpointfcu.example", "HPFCU Issuing CA 01", "Statement SFTP to Tailspin", "ECDSA P-256", -90, 275, "Omar Haddad"),
             ("mail DKIM selector1", "self", "Exchange Online DKIM", "RSA 2048", -120, 9999, "Aisha Okafor")]])
    # badges
    rows = []
    doors = [("PWM", "Server room"), ("PWM", "Vault"), ("PWM", "Contact centre"), ("WBK", "DR room"),
             ("SPT", "Vault"), ("BWK", "Vault"), ("BDF", "Vault")]
    holders = ["Tom Gallagher", "Aisha Okafor", "Ben Lindqvist", "Angela Poirier", "Renee Castillo"] + [p.name for p in staff[::40]]
    for i in range(420):
        site, door = r.choice(doors)
        t = at(-r.randint(1, 30), r.randint(7, 18), r.randrange(60), 0, EDT)
        denied = r.random() < 0.03
        rows.append([us_datetime(t), site, door, r.choice(holders), f"{r.randint(10000, 99999)}",
                     "Access denied" if denied else "Access granted"])
    rows.sort(key=lambda x: x[0])
    out["badge-log"] = csv_bytes(["Time", "Site", "Door", "Cardholder", "Badge", "Event"], rows)
    out["badge-review"] = md(f"""
        # Quarterly Badge Access Review — Q3 2026 (restricted areas)

        Reviewed by Tom Gallagher on {long_date(day(-15))}; approved by Renee Castillo.

        | Area | Badges with access | Removed | Reason |
        |---|---|---|---|
        | Portland server room | 7 | 1 | Derek Shaw (left 2026-05-15), badge already disabled on 2026-05-15 |
        | Portland contact centre (CDE) | 46 | 2 | Role changes |
        | Branch vaults (4) | 31 | 1 | Transfer |
        | Westbrook DR room | 4 | 0 | |

        Denied-access events (14 in the quarter) reviewed: all mistyped or expired visitor badges.
        """)
    rows = []
    visitors = ["Sean Whitaker (Litware)", "Grace Holloway (Adatum)", "Contoso Secure Shredding driver", "HVAC technician (Bellows Mechanical)",
                "Luis Ferreira (Northwind)", "Nora Quinn (Northwind)", "Fire alarm inspector", "Copier technician", "NCUA examiner"]
    for i in range(40):
        t = at(-r.randint(1, 30), r.randint(8, 16), r.randrange(60), 0, EDT)
        v = r.choice(visitors)
        rows.append([t.date().isoformat(), t.strftime("%H:%M"), (t + dt.timedelta(minutes=r.randint(20, 240))).strftime("%H:%M"),
                     v, r.choice(("Tom Gallagher", "Ben Lindqvist", "Renee Castillo", "Aisha Okafor")),
                     r.choice(("Server room", "Meeting room 2", "Contact centre", "Mail room")), f"V-{r.randint(100, 140)}", "Yes"])
    rows.sort()
    out["visitor-log"] = csv_bytes(["Date", "In", "Out", "Visitor", "Host", "Area", "Badge", "ID checked"], rows)
    out["privileged-accounts"] = csv_bytes(
        ["Principal", "Display name", "Role", "Assignment", "Scope", "MFA", "Last sign-in"],
        [[u, n, role, a, "Tenant" if "Entra" in role or "Admin" in role else "corp", mfa, d(ls)] for u, n, role, a, mfa, ls in [
            (f"bg-emergency01@{CU_TENANT}", "Break glass 01", "Entra Global Administrator", "Permanent", "Excluded (sealed)", -210),
            (f"bg-emergency02@{CU_TENANT}", "Break glass 02", "Entra Global Administrator", "Permanent", "Excluded (sealed)", -210),
            (f"adm.rcastillo@{CU_DOMAIN}", "Renee Castillo (admin)", "Entra Global Administrator", "PIM eligible", "Yes", -33),
            (f"adm.tgallagher@{CU_DOMAIN}", "Tom Gallagher (admin)", "Entra Global Administrator", "PIM eligible", "Yes", -4),
            (f"adm.aokafor@{CU_DOMAIN}", "Aisha Okafor (admin)", "Exchange Administrator", "PIM eligible", "Yes", -1),
            (f"adm.aokafor@{CU_DOMAIN}", "Aisha Okafor (admin)", "AD Domain Admins", "Permanent", "Yes", -1),
            (f"adm.jpelletier@{CU_DOMAIN}", "Jordan Pelletier (admin)", "AD Domain Admins", "Permanent", "No (AI-26-43)", -6),
            (f"nw-adm-ohaddad@{CU_DOMAIN}", "Omar Haddad (Northwind)", "AD Domain Admins", "Permanent", "Yes", -2),
            (f"nw-adm-hcho@{CU_DOMAIN}", "Hannah Cho (Northwind)", "Security Operator", "Permanent", "Yes", -1),
            (f"adm.pnatarajan@{CU_DOMAIN}", "Priya Natarajan (admin)", "Security Administrator", "PIM eligible", "Yes", -6)]])
    out["data-inventory"] = md(f"""
        # Data Inventory — Q3 2026 review

        Owner: Priya Natarajan. Reviewed with Carla Mendes on {long_date(day(-20))}.

        | Data set | Classification | System of record | Location | Owner | Retention |
        |---|---|---|---|---|---|
        | Member accounts and transactions (NPI) | Restricted | Litware core | Litware data centres (US) | Renee Castillo | 7 years after closure |
        | Loan applications and files | Restricted | VanArsdel / loan imaging | SaaS; HPFCU-IMG02 | Carla Mendes | 7 years after payoff |
        | Card transactions (PAN not stored) | Restricted (CDE) | Acquirer virtual terminal | Acquirer | Priya Natarajan | Not stored |
        | Member statements | Restricted | Tailspin Statement Services | SaaS | Carla Mendes | 7 years |
        | Employee records | Confidential | Workday | SaaS | HR Director | 7 years after leaving |
        | Board and committee papers | Confidential | SharePoint "Board" site | M365 | Marcus Bell | Permanent |
        | Security logs | Internal | Sentinel | Northwind MSSP workspace | Priya Natarajan | 12 months |
        """)
    out["vendor-due-diligence"] = md(f"""
        # Service Provider Due Diligence and Monitoring — 2026 records

        Maintained by Carla Mendes; reviewed by Priya Natarajan on {long_date(day(-18))}.

        | Provider | Tier | Report reviewed | Period / opinion | Exceptions | Contract security review | Result |
        |---|---|---|---|---|---|---|
        | Northwind Managed IT | 1 | SOC 2 Type II | 2025-07-01 to 2026-06-30, unqualified | none | 2026-08-12: clauses current | Satisfactory |
        | Litware Core Services | 1 | SOC 1 + SOC 2 Type II, bridge letter | to 2026-03-31, unqualified | 1 (change approval sample), remediated | 2026-06-18 | Satisfactory |
        | VanArsdel Lending Cloud | 1 | SOC 2 Type II | to 2026-05-31, unqualified | none | 2026-08-27 | Satisfactory |
        | Tailspin Statement Services | 2 | SOC 2 Type II | to 2025-12-31 | none | 2026-04-09 | Bridge letter requested |
        | Contoso Secure Shredding | 2 | NAID AAA certificate | valid to 2027-02 | n/a | 2026-07-02 | Satisfactory |
        | Adatum Security Assessments | 2 | Independence letter, CREST/OSCP | 2026 | n/a | 2026-02-20 | Satisfactory |
        | Trey Research (new) | 3 | Security questionnaire + DPA | 2026-09 | 2 minor | 2026-09-10 | Approved with conditions |

        New-vendor assessments this year: Trey Research (member surveys): no NPI beyond name and e-mail;
        questionnaire and DPA reviewed before contract signature on 2026-09-10.
        """)
    out["disposal-certificates"] = csv_bytes(
        ["Certificate", "Date", "Provider", "Media", "Items", "Method", "Serials listed", "Witness"],
        [["CSS-2026-0117", "2026-01-22", "Contoso Secure Shredding", "Paper (branch consoles)", "38 bins", "On-site shred", "n/a", "Angela Poirier"],
         ["CSS-2026-0342", "2026-04-16", "Contoso Secure Shredding", "Hard drives (retired workstations)", "41", "On-site shred (NIST 800-88 Destroy)", "Yes", "Ben Lindqvist"],
         ["CSS-2026-0509", "2026-06-11", "Contoso Secure Shredding", "Paper (loan files past retention)", "62 boxes", "Off-site shred", "n/a", "Carla Mendes"],
         ["CSS-2026-0688", d(-23), "Contoso Secure Shredding", "Hard drives and 6 phones", "29", "On-site shred", "Yes", "Ben Lindqvist"]])
    out["conditional-access"] = csv_bytes(
        ["Policy", "State", "Users", "Excluded", "Apps", "Conditions", "Grant", "Last modified"],
        [["CA01 Require MFA – all users", "On", "All users", "bg-emergency01, bg-emergency02", "All cloud apps", "Any", "MFA", d(-250)],
         ["CA02 Block legacy authentication", "On", "All users", "none", "All cloud apps", "Legacy clients", "Block", d(-400)],
         ["CA03 Admins – phishing-resistant MFA", "On", "Directory roles (14)", "break-glass", "All cloud apps", "Any", "Authentication strength: phishing-resistant", d(-120)],
         ["CA04 Require compliant device – Litware and M365", "On", "All staff", "none", "Office 365, Litware SSO", "Any platform", "Compliant or hybrid-joined device", d(-90)],
         ["CA05 Block outside US", "On", "All users", "Travel group (2)", "All cloud apps", "Location not US", "Block", d(-60)],
         ["CA06 Sign-in risk high – block", "On", "All users", "break-glass", "All cloud apps", "Sign-in risk high", "Block", d(-180)],
         ["CA07 Guest MFA", "On", "Guests", "none", "All cloud apps", "Any", "MFA", d(-300)]])
    out["email-security"] = md(f"""
        Harbor Point e-mail security configuration — collected {d(-1)} by Northwind (Resolve-DnsName, Get-*Policy)

        $ Resolve-DnsName -Type TXT harborpointfcu.example
        "v=spf1 include:spf.protection.outlook.example include:_spf.tailspin-statements.example -all"
        $ Resolve-DnsName -Type TXT _dmarc.harborpointfcu.example
        "v=DMARC1; p=reject; pct=100; rua=mailto:dmarc@harborpointfcu.example; adkim=s; aspf=s"
        $ Get-DkimSigningConfig harborpointfcu.example | Select Enabled,Selector1KeySize
        Enabled: True   Selector1KeySize: 2048   Selector2KeySize: 2048
        $ Get-AntiPhishPolicy "HPFCU Strict"  -> Enabled, impersonation protection for 14 executives, mailbox intelligence on
        $ Get-SafeLinksPolicy "HPFCU Safe Links" -> Enabled for e-mail and Teams, click-through off
        $ Get-SafeAttachmentPolicy "HPFCU Safe Attachments" -> Action: Block; redirect to soc@northwind-msp.example
        External sender tag: On.  Auto-forwarding to external domains: Off (outbound spam policy).
        """)
    out["retention-schedule"] = md(f"""
        # Records Retention Schedule v3 and Q3 2026 disposal review

        Owner: Carla Mendes, Compliance Officer. Schedule approved {long_date(day(-200))}; quarterly disposal
        review completed {long_date(day(-25))}.

        | Record | Retention | Trigger | Disposal |
        |---|---|---|---|
        | Member account records | 7 years | Account closure | Litware purge job; certificate |
        | Loan files (imaging) | 7 years | Payoff or charge-off | Imaging purge report; paper shredded |
        | Card transaction records | Not stored | — | — |
        | BSA/AML records | 5 years | Filing | Purge report |
        | E-mail | 7 years | Sent/received | Purview retention policy |
        | Security logs | 12 months | Event | Sentinel retention |
        | Backups | 35 daily, 12 monthly | Backup | Veeam retention |

        Q3 review: 4,812 loan images past retention purged on {d(-26)} (report IMG-PURGE-26-Q3); 62 paper
        boxes shredded (certificate CSS-2026-0509); one legal hold (Collections matter 26-114) kept.
        """)
    out["key-management"] = csv_bytes(
        ["Key", "Type", "Protects", "Store", "Custodian", "Created", "Last rotated", "Rotation", "Next due"],
        [["BitLocker recovery keys", "AES-256 (XTS)", "Workstation and server disks", "Entra ID / AD", "Aisha Okafor", "per device", "per device", "On re-image", "—"],
         ["kv-hpfcu-backup", "AES-256", "Veeam offsite object storage", "Azure Key Vault", "Omar Haddad", d(-700), d(-3), "Annual", d(362)],
         ["HPFCU Root CA", "RSA 4096", "Internal PKI", "Offline HSM (safe)", "Priya Natarajan", "2020-11-02", "2020-11-02", "10 years", "2030-11-02"],
         ["HPFCU Issuing CA 01", "RSA 4096", "Internal certificates", "HPFCU-CA01 (TPM)", "Aisha Okafor", d(-1400), d(-1400), "5 years", d(425)],
         ["Tailspin SFTP key", "Ed25519", "Statement transfer", "HPFCU-APP02", "Omar Haddad", d(-90), d(-90), "Annual", d(275)],
         ["Litware IPsec PSK", "PSK (32 chars)", "Core tunnels", "FortiGate", "Luis Ferreira", d(-500), d(-150), "Annual", d(215)],
         ["DKIM selector1/2", "RSA 2048", "E-mail signing", "Exchange Online", "Aisha Okafor", d(-120), d(-120), "Annual", d(245)]])
    out["restore-test"] = md(f"""
        # Restore Test RT-2026-Q3

        Performed by Nora Quinn (Northwind) on {long_date(day(-16))}; verified by the system owners; reviewed by
        Tom Gallagher. Restores ran to the isolated restore network on HPFCU-HV04 (Westbrook).

        | Item | Source (job / repository) | Restore point | Time to restore | RTO | Verified by | Result |
        |---|---|---|---|---|---|---|
        | File share sample (Lending, 2,140 files) | HPFCU File and Print / HPFCU-VHR01 | {d(-17)} | 11 min | 4 h | Carla Mendes | Pass |
        | SQL database LendingDW | HPFCU SQL Servers / HPFCU-VHR01 | {d(-17)} | 38 min | 8 h | Aisha Okafor | Pass |
        | Full VM HPFCU-APP01 | HPFCU Application Servers / Offsite Object Storage | {d(-18)} | 1 h 52 min | 8 h | Tom Gallagher | Pass |
        | Loan imaging sample (200 images) | HPFCU Loan Imaging / LEGACY-NAS01 | {d(-17)} | 24 min | 8 h | Carla Mendes | Pass |

        Note: the imaging restore used a restore point older than the two failed runs of September;
        the repository replacement (CHG-26-0931) is tracked in the risk register (R-07).
        """)
    out["qi-designation"] = md(f"""
        # Board Resolution 2025-10-07 — Designation of the Qualified Individual

        At its meeting of {long_date(day(-344))} the Board of Directors of Harbor Point Federal Credit Union
        RESOLVED that Priya Natarajan, Information Security Officer, is designated (and re-confirmed) as the
        Qualified Individual responsible for overseeing, implementing and enforcing the information security
        program of the credit union and of Harbor Point Financial Services LLC under 16 CFR 314.4(a) and
        NCUA Part 748; that she reports to the board at least annually in writing; and that Renee Castillo,
        VP of Information Technology, supports her and acts in her absence. The role is held by an employee;
        no service provider performs it.

        Certified by Joanna Lombard, Board Secretary, {long_date(day(-343))}.
        """)
    return out


def with_data(docs: list[Doc], content: dict[str, bytes]) -> list[Doc]:
    """Fill each file document's bytes from `content` where they were not given inline."""
    for doc in docs:
        if doc.name and not doc.data:
            doc.data = content.get(doc.id, b"")
    return docs


def cu_docs() -> list[Doc]:
    """Harbor Point's binder, every document with its bytes."""
    people, devices = cu_people(), cu_devices()
    return with_data(cu_binder(people, devices), cu_content(people, devices))


def lf_docs() -> list[Doc]:
    """Calder & Whitlock's binder, every document with its bytes."""
    people, devices = lf_people(), lf_devices()
    return with_data(lf_binder(people, devices), lf_content(people, devices))


LF_SOFTWARE = [
    ("Microsoft 365 Apps for enterprise", "Microsoft", "2408 (Monthly Enterprise)", "Approved", 1.0),
    ("iManage Work Desktop for Windows", "iManage", "10.9.2", "Approved", 1.0),
    ("SentinelOne Agent", "SentinelOne", "24.1.4", "Approved", 1.0),
    ("NinjaOne Agent", "NinjaOne", "5.9.1158", "Approved", 1.0),
    ("Adobe Acrobat Pro", "Adobe", "24.003", "Approved", 0.71),
    ("Litera Compare", "Litera", "11.6", "Approved", 0.64),
    ("Workshare Protect (metadata cleaning)", "Litera", "10.8", "Approved", 0.98),
    ("Aderant Expert time entry", "Aderant", "10.1", "Approved", 0.83),
    ("Dragon Legal", "Nuance", "16.1", "Approved (licensed)", 0.12),
    ("Zoom Workplace", "Zoom", "6.1.11", "Approved", 0.44),
    ("Relecloud Review connector", "Relecloud E-Discovery", "5.2", "Approved (litigation support)", 0.05),
    ("Dropbox", "Dropbox", "205.4", "Unapproved: blocked by policy, removal ticket 71822", 0.01),
]


def lf_binder(people: list[Person], devices: list[Device]) -> list[Doc]:
    """Calder & Whitlock's compliance binder: policies, procedures, reviews, records, attestations."""
    staff = sorted((p for p in people if p.kind == "staff" and p.enabled), key=lambda p: p.upn)
    sb = ("Sofia Brandt", "IT Director")
    jo = ("Julian Okoro", "General Counsel")
    return [
        Doc("security-standards", "policy_document", -15, "cw", "information-security-standards-2026.md"),
        Doc("runbooks", "procedure_document", -10, "msp", "fabrikam-cw-runbooks-2026-09.md"),
        Doc("wisp", "program_document", -15, "cw", "written-information-security-program-v4.md"),
        Doc("ec-minutes", "meeting_minutes", -15, "cw", "executive-committee-minutes-2026-09-15.md"),
        Doc("itsc-minutes", "meeting_minutes", -7, "cw", "it-security-committee-minutes-2026-09.md"),
        Doc("raci-matrix", "raci_matrix", -92, "cw", "responsibility-matrix-cw-fabrikam-2026.md"),
        Doc("baseline-compliance", "configuration_baseline", -1, "msp", "configuration-baseline-compliance-2026-09-29.csv"),
        Doc("soc-alert-review", "siem_alerts", -1, "msp", "soc-alert-review-2026-09.csv"),
        Doc("access-review-q3", "access_review", -9, "cw", "user-and-matter-access-review-2026-q3.md"),
        Doc("software-inventory", "software_inventory", -1, "msp", "ninjaone-software-inventory-2026-09-29.csv",
            software_csv(LF, devices, LF_SOFTWARE)),
        Doc("dlp-report", "dlp_report", -1, "cw", "purview-dlp-and-sharing-report-2026-09.csv"),
        Doc("incident-register", "incident_records", -1, "cw", "incident-register-2026.csv"),
        Doc("change-records", "change_records", -1, "msp", "change-records-2026-q3.csv"),
        Doc("log-sources", "log_configuration", -2, "msp", "log-source-inventory-2026-09.csv"),
        Doc("network-diagram", "network_diagram", -64, "msp", "network-and-data-flow-description-2026.md"),
        Doc("training-records", "training_records", -2, "cw", "training-completion-2026-09-28.csv",
            training_csv(LF, people, [("Calder & Whitlock Security Awareness 2026", -60, "all"),
                                      ("Client confidentiality and ethical walls 2026", -60, "all"),
                                      ("Policy acknowledgement 2026", -5, "all")],
                         {p.upn for p in staff[11::71]})),
        Doc("phishing-results", "phishing_results", -8, "cw", "phishing-campaign-2026-09.csv",
            phishing_csv(LF, people, "CW-2026-09 Court e-filing notice", -19,
                         "PACER/ECF: notice of electronic filing (fake)", 6, 0.52)),
        Doc("remediation-tracker", "remediation_tracking", -1, "msp", "remediation-tracker-2026-09-29.csv"),
        Doc("user-directory", "user_directory", -1, "cw", "entra-user-registration-details-2026-09-29.csv",
            note="the Graph export also serves as the user account list"),
        Doc("mdm-report", "mdm_report", -1, "msp", "intune-device-compliance-2026-09-29.csv"),
        Doc("firewall-review", "firewall_config", -28, "msp", "firewall-ruleset-review-2026-h2.md"),
        Doc("contracts", "contract", -40, "cw", "contract-clause-excerpts-2026.md"),
        Doc("certificates", "certificate_inventory", -2, "msp", "certificate-inventory-2026-09-28.csv"),
        Doc("badge-log", "physical_access_log", -1, "cw", "badge-access-restricted-areas-2026-09.csv"),
        Doc("visitor-log", "visitor_log", -1, "cw", "visitor-log-raleigh-2026-09.csv"),
        Doc("privileged-accounts", "privileged_accounts", -1, "cw", "privileged-role-assignments-2026-09-29.csv"),
        Doc("data-inventory", "data_inventory", -64, "cw", "data-inventory-2026.md"),
        Doc("vendor-register", "vendor_register", -30, "cw", "vendor-register-2026-08.csv"),
        Doc("vendor-due-diligence", "vendor_assessment", -30, "cw", "vendor-due-diligence-2026.md"),
        Doc("conditional-access", "conditional_access", -1, "cw", "entra-conditional-access-policies-2026-09-29.csv"),
        Doc("email-security", "email_security_config", -1, "msp", "email-security-configuration-2026-09-29.txt"),
        Doc("encryption-status", "encryption_status", -1, "msp", "encryption-status-2026-09-29.csv",
            encryption_csv(devices, set())),
        Doc("retention-schedule", "retention_schedule", -33, "cw", "records-retention-schedule-2026.md"),
        Doc("key-management", "key_management_records", -4, "cw", "key-management-register-2026-09.csv"),
        Doc("restore-test", "restore_test", -13, "msp", "restore-test-2026-q3.md"),
        Doc("vulnerability-scan", "vulnerability_scan", -6, "msp", "vulnerability-scan-summary-2026-09.md"),
        Doc("security-lead-designation", "designation_record", -15, "cw", "designation-of-security-lead-2026.md"),
        Doc("att-mfa-exceptions", "attestation", -6, "cw", controls=("IAM-01",), by=sb, statement=(
            "The only MFA exceptions are the break-glass accounts cw-breakglass01 and cw-breakglass02, "
            "approved by Julian Okoro and reviewed on 2026-09-24; their sign-ins page the Fabrikam SOC.")),
        Doc("att-screening", "attestation", -3, "cw", controls=("GOV-07",),
            by=("Ellen Marsh", "Director of Administration"), statement=(
                "All 9 people who joined the firm between 2026-07-01 and 2026-09-27 were background-checked "
                "and conflict-cleared before their start date and signed the acceptable use and "
                "confidentiality agreement before their accounts were enabled.")),
        Doc("att-pci-scope", "attestation", -95, "cw", controls=("GOV-09",), by=sb, statement=(
            "The firm takes client card payments only through the hosted LawPay page; no card data "
            "is entered, stored or transmitted on firm systems. Scope (SAQ A) confirmed on 2026-06-27.")),
        Doc("att-staff-qualifications", "attestation", -45, "cw", controls=("AWR-03",), by=sb, statement=(
            "On 2026-08-16 I verified the certifications and 2026 training of Ravi Menon, Tyler Nguyen "
            "and the named Fabrikam engineers (Ian McAllister, Beth Coleman, Sanjay Rao): all current.")),
        Doc("att-camera-retention", "attestation", -20, "cw", controls=("PHY-02",),
            by=("Ellen Marsh", "Director of Administration"), statement=(
                "Camera recordings are kept 90 days and badge logs 12 months at the Raleigh and Charlotte "
                "offices, checked on 2026-09-10 against the oldest recording at each office.")),
        Doc("att-inventory-review", "attestation", -40, "cw", controls=("AST-01",), by=sb, statement=(
            "The semiannual hardware inventory review was completed on 2026-08-21: NinjaOne, SentinelOne "
            "and Intune reconciled with no unmanaged devices; 4 retired laptops removed.")),
        Doc("att-encryption", "attestation", -60, "cw", controls=("DAT-05",), by=sb, statement=(
            "All servers, laptops, desktops and cloud stores holding client data are encrypted at rest; "
            "no compensating control is in place because no exception exists (reviewed 2026-08-01).")),
        Doc("att-tls-review", "attestation", -66, "msp", controls=("DAT-06",),
            by=("Sanjay Rao", "Network Engineer, Fabrikam Managed Services"), statement=(
                "The 2026 protocol and cipher review (2026-07-26) found TLS 1.2 or higher only on the client "
                "extranet, Exchange Online connectors and the site-to-site VPN; legacy suites disabled.")),
        Doc("att-data-confinement", "attestation", -64, "cw", controls=("DAT-09",), by=jo, statement=(
            "Client documents are confined to iManage Cloud and Relecloud (litigation review); the iManage "
            "test library holds synthetic documents only, confirmed on 2026-07-28.")),
    ]


def lf_content(people: list[Person], devices: list[Device]) -> dict[str, bytes]:
    """The law firm's binder documents that are written here rather than inline."""
    r = rng(LF, "binder")
    staff = sorted((p for p in people if p.kind == "staff" and p.enabled), key=lambda p: p.upn)
    out: dict[str, bytes] = {}
    out["security-standards"] = md(f"""
        # Calder & Whitlock — Information Security Standards 2026

        Approved by the Executive Committee on {long_date(day(-15))} with the policy set (ISP-01 to ISP-09);
        owner Sofia Brandt, IT Director. Reviewed at least annually.

        | Standard | Requirement |
        |---|---|
        | Acceptable use | Firm devices and accounts only; no personal cloud storage for client material |
        | Access control | Named accounts, MFA everywhere, least privilege; matter access by team, ethical walls enforced in iManage |
        | Privileged access | Separate admin accounts, PIM activation, monthly review by the IT Director |
        | Asset management | Every device in NinjaOne and SentinelOne; lost devices wiped within 1 hour of report |
        | Data handling | Client confidential by default; external sharing through iManage Share links (7-day expiry) |
        | Vulnerability management | Critical patches 14 days, high 30 days; monthly internal scans |
        | Secure configuration | CIS Level 1 benchmarks via Intune and GPO |
        | Network | Default-deny firewalls; guest Wi-Fi isolated |
        | Logging | Security logs to the Fabrikam SOC, 12 months retention |
        | Secure development | The firm builds no software; the extranet is vendor-hosted |
        """)
    out["runbooks"] = md(f"""
        # Fabrikam Managed Services — Calder & Whitlock Runbooks (rev. 2026-09)

        Reviewed with Sofia Brandt on {long_date(day(-10))}.

        | ID | Runbook | Owner |
        |---|---|---|
        | CW-RB-01 | Service desk triage, after-hours coverage and hand-back to Tyler Nguyen | Maria Lopez |
        | CW-RB-02 | Caller verification before password or MFA reset (call-back to directory number) | Maria Lopez |
        | CW-RB-03 | Joiner / mover / leaver, including iManage matter team removal (with Lauren Pike) | Maria Lopez |
        | CW-RB-04 | Change requests and CAB (Thursdays) | Beth Coleman |
        | CW-RB-05 | Monthly patching and weekly vulnerability triage | Beth Coleman |
        | CW-RB-06 | SOC alert triage and escalation (P1 to Sofia Brandt by phone in 15 minutes) | Ian McAllister |
        | CW-RB-07 | Backup monitoring and quarterly restore test | Beth Coleman |
        | CW-RB-08 | Firewall change and semiannual rule review | Sanjay Rao |
        | CW-RB-09 | Incident evidence preservation and client notification support | Ian McAllister |
        | CW-RB-10 | Vendor application release testing (iManage, Aderant) | Beth Coleman |
        """)
    out["wisp"] = md(f"""
        # Written Information Security Program v4

        Approved by the Executive Committee on {long_date(day(-15))}. Program owner: Julian Okoro, General
        Counsel (designated information security lead); operated by Sofia Brandt with Fabrikam Managed Services.
        Scope: all client, personnel and firm data in Raleigh and Charlotte, in iManage Cloud and Microsoft 365.
        Elements: risk assessment (annual), policies ISP-01 to ISP-09, access and matter security, vendor
        oversight, training, monitoring, incident response (plan v3.2), testing, and semiannual reporting to the
        Executive Committee. Version history: v3 {d(-380)}, v3.1 {d(-197)}, v4 {d(-15)}.
        """)
    out["ec-minutes"] = md(f"""
        # Executive Committee — Minutes excerpt, {long_date(day(-15))}

        Present: Margaret Calder (chair), Daniel Whitlock, Julian Okoro, Ellen Marsh; Sofia Brandt (item 4).
        Item 4. Information security report (September). Julian Okoro presented the semiannual report.
        **Resolved**: to approve the written information security program v4 and the 2026 policy set; to
        re-confirm Julian Okoro as the firm's designated information security lead; to fund automated
        quarterly matter access reviews. Risk assessment 2026 accepted.
        """)
    out["itsc-minutes"] = md(f"""
        # IT Security Committee — Minutes, {long_date(day(-7))}

        Present: Sofia Brandt (chair), Julian Okoro, Lauren Pike, Ravi Menon, Greg Tanaka (Fabrikam vCIO),
        Ian McAllister (Fabrikam SOC).
        1. Metrics: MFA 100% of members; SentinelOne 100%; patches within SLA; phishing click rate 4.2%.
        2. Matter access review Q3: three findings (FMS-BCOLEMAN on 31207-004, wall on 28840-011, NGREER on
           30112-002) assigned to Lauren Pike; due {d(14)}.
        3. Asset and software review: Dropbox removal on 1 device; no unmanaged devices.
        4. Mobile: 2 non-compliant phones blocked by Conditional Access.
        5. Risk register quarterly review: no change in ratings.
        """)
    out["raci-matrix"] = md(f"""
        # Calder & Whitlock / Fabrikam — Responsibility Matrix 2026 (MSA schedule B)

        Agreed {long_date(day(-92))} by Sofia Brandt and Greg Tanaka.

        | Function | Calder & Whitlock | Fabrikam |
        |---|---|---|
        | Security program, policies, risk | A, R (Julian Okoro, Sofia Brandt) | C |
        | Identity, matter security (iManage) | A, R (Ravi Menon, Lauren Pike) | R (after hours) |
        | Endpoint, patching, vulnerability | A (Sofia Brandt) | R (Beth Coleman) |
        | Monitoring and SOC | A | R (Ian McAllister) |
        | Network and firewalls | A | R (Sanjay Rao) |
        | Backup and restore | A | R |
        | Vendor management | A, R (Ellen Marsh) | C |
        | Incident response and client notice | A, R (Julian Okoro) | R (SOC) |
        """)
    rows = []
    for g, base, n in [("Windows 11 workstations", "CIS L1 v3.0", 96), ("Laptops", "CIS L1 v3.0", 88),
                       ("Servers", "CW-Server-Baseline (CIS L1)", 12), ("Microsoft 365 tenant", "CIS M365 v3 L1", 1),
                       ("FortiGate firewalls", "CIS FortiGate 7.x", 3), ("iManage Cloud tenant", "iManage security baseline", 1)]:
        bad = 0 if n < 5 else r.randint(0, 2)
        rows.append([d(-1), g, base, str(n), str(n - bad), str(bad), f"{100 * (n - bad) / n:.1f}",
                     "Tickets open" if bad else ""])
    out["baseline-compliance"] = csv_bytes(["Report date", "Group", "Baseline", "Devices", "Compliant",
                                            "Non-compliant", "Compliance %", "Note"], rows)
    rules = [("Impossible travel sign-in", "Entra ID Protection"), ("Malicious file quarantined", "SentinelOne"),
             ("Mass download from iManage", "iManage Threat Manager"), ("Inbox forwarding rule", "Defender for Office 365"),
             ("Failed admin sign-ins", "Sentinel"), ("Wire-instruction lookalike domain", "Defender for Office 365")]
    rows = []
    for i in range(90):
        t = at(-r.randint(1, 30), r.randrange(24), r.randrange(60), 0, EDT)
        rule, src = r.choice(rules)
        sev = r.choice(("Low", "Medium", "Medium", "High"))
        rows.append([f"FMS-SOC-{41200 + i}", us_datetime(t), src, rule, sev, r.choice(LF_AGENTS["Fabrikam SOC"]),
                     r.choice(("Benign positive", "False positive", "True positive – contained")), str(r.randint(4, 40)),
                     "Escalated to Sofia Brandt" if sev == "High" else "Closed by SOC"])
    rows.sort(key=lambda x: x[0])
    out["soc-alert-review"] = csv_bytes(["Alert", "Raised", "Source", "Rule", "Severity", "Analyst", "Verdict",
                                         "Minutes to triage", "Outcome"], rows)
    out["access-review-q3"] = md(f"""
        # User and Matter Access Review — Q3 2026

        Exports taken {d(-2 - 20)} (Entra, AD) and {d(-2)} (iManage). Signed off by Sofia Brandt and Lauren Pike
        on {long_date(day(-9))}; matter teams confirmed by the responsible partners.

        | System | Reviewer | Accounts / entries | Removed | Open findings |
        |---|---|---|---|---|
        | Entra ID / Microsoft 365 | Ravi Menon | 171 | 2 | 0 |
        | Active Directory | Ravi Menon | 176 | 2 | 0 |
        | Aderant (billing) | Ellen Marsh | 64 | 1 | 0 |
        | iManage matter security | Lauren Pike + partners | 300+ ACL entries | 5 | 3 (see below) |
        | Privileged roles (monthly) | Sofia Brandt | 9 | 0 | 0 |

        Open findings: FMS-BCOLEMAN standing access on 31207-004; walled matter 28840-011 set public;
        NGREER (left 2026-07-31) still on 30112-002. Remediation due {d(14)}.
        """)
    rows = []
    for week in range(4):
        for pol, action in [("Client confidential – external e-mail", "Policy tip + audit"), ("SSN / health data (BAA matters)", "Block"),
                            ("iManage Share links > 7 days", "Block"), ("OneDrive external sharing", "Disabled"),
                            ("USB mass storage (Endpoint DLP)", "Block")]:
            n = r.randint(0, 12)
            rows.append([d(-7 * week - 1), pol, action, str(n), str(r.randint(0, n)), str(n), "Ravi Menon"])
    out["dlp-report"] = csv_bytes(["Week ending", "Policy", "Action", "Matches", "Blocked", "Reviewed", "Reviewer"], rows)
    out["incident-register"] = csv_bytes(
        ["Incident", "Opened", "Severity", "Category", "Summary", "Client data affected", "Client notice", "Closed", "Review"],
        [["CW-INC-26-01", d(-205), "P3", "Phishing", "Fake e-filing notice; 2 clicks, no credentials entered", "No", "Not required", d(-205), "n/a"],
         ["CW-INC-26-02", d(-131), "P2", "Wire fraud attempt", "Spoofed client asked to change closing wire; call-back stopped it", "No", "Not required", d(-128), f"PIR {d(-121)}"],
         ["CW-INC-26-03", d(-58), "P3", "Malware", "Malicious PDF quarantined by SentinelOne on a paralegal laptop", "No", "Not required", d(-58), "n/a"]])
    rows = []
    for i in range(30):
        opened = r.randint(-90, -3)
        k = r.choice(("Standard", "Normal", "Normal", "Emergency"))
        rows.append([f"CW-CHG-{3100 + i * 2}", d(opened), k, r.choice(("Patch ring deployment", "FortiGate rule", "Intune profile",
                     "iManage release", "Aderant upgrade", "Conditional Access change")), r.choice(("Beth Coleman", "Sanjay Rao", "Ravi Menon")),
                     "Sofia Brandt" if k != "Standard" else "Pre-approved", d(opened + 1), "Yes", "Successful"])
    out["change-records"] = csv_bytes(["Change", "Requested", "Type", "Summary", "Implementer", "Approved by",
                                       "Implemented", "Tested", "Result"], rows)
    out["log-sources"] = csv_bytes(["Source", "Collector", "Destination", "Retention", "Status"],
        [[s, c, "Fabrikam Sentinel workspace (cw-law)", "12 months", "Healthy"] for s, c in [
            ("Entra ID sign-in and audit", "Diagnostic settings"), ("Microsoft 365 audit", "Connector"),
            ("SentinelOne alerts", "API connector"), ("Windows security events (DCs, servers)", "Azure Monitor Agent"),
            ("FortiGate traffic and admin", "Syslog"), ("iManage audit (Threat Manager)", "API connector"),
            ("Veeam events", "Syslog")]])
    out["network-diagram"] = md(f"""
        # Network and Data-Flow Description 2026

        Maintained by Sanjay Rao (Fabrikam), reviewed with Sofia Brandt on {long_date(day(-64))}.
        Raleigh (10.41.0.0/16, hub) and Charlotte (10.42.0.0/16) are joined by an IPsec VPN between FortiGate
        pairs. VLANs: staff, servers, management, Wi-Fi staff, guest (internet only), printers. Client documents
        live in iManage Cloud (US); users reach it over TLS from managed devices only (Conditional Access).
        Data flows: iManage ↔ Relecloud for litigation review (SFTP, encrypted); Aderant billing on CW-RAL-APP01
        and CW-RAL-SQL01; Veeam to hardened repositories in each office and to offsite object storage.
        """)
    out["remediation-tracker"] = csv_bytes(["Finding", "Source", "Severity", "Opened", "Due", "Owner", "Status", "Closed"],
        [["PT-H-01", "Penetration test 2026", "High", "2026-05-29", "2026-06-28", "Beth Coleman", "Closed (retested)", "2026-06-19"],
         ["PT-M-01", "Penetration test 2026", "Medium", "2026-05-29", "2026-08-27", "Sanjay Rao", "Closed", "2026-07-02"],
         ["PT-M-02", "Penetration test 2026", "Medium", "2026-05-29", "2026-08-27", "Ravi Menon", "Closed", "2026-06-10"],
         ["PT-M-03", "Penetration test 2026", "Medium", "2026-05-29", "2026-08-27", "Lauren Pike", "Closed", "2026-06-30"],
         ["PT-M-04", "Penetration test 2026", "Medium", "2026-05-29", "2026-08-27", "Sofia Brandt", "Open (vendor ticket)", ""],
         ["VS-26-09-03", "September scan", "High", d(-6), d(24), "Beth Coleman", "Open", ""],
         ["MA-26-Q3-01", "Matter access review", "High", d(-9), d(14), "Lauren Pike", "Open", ""]])
    rows = []
    for i, p in enumerate(staff[2::4]):
        bad = i in (7, 19)
        rows.append([f"CW-MOB-{200 + i}", p.upn, r.choice(("iPhone 15", "iPhone 14", "Pixel 8")), r.choice(("iOS 17.6.1", "iOS 18.0", "Android 14")),
                     "Noncompliant" if bad else "Compliant", "OS below minimum" if bad else "", "Blocked by Conditional Access" if bad else "",
                     us_datetime(at(-r.randint(0, 2), r.randrange(24), r.randrange(60)))])
    out["mdm-report"] = csv_bytes(["Device", "Primary user", "Model", "OS", "Compliance", "Reason", "Action", "Last check-in"], rows)
    out["firewall-review"] = md(f"""
        # Firewall Rule Review — second half 2026

        Sanjay Rao (Fabrikam) with Ravi Menon, {long_date(day(-28))}; approved by Sofia Brandt.
        | Device | Rules | Removed | Narrowed | Insecure services |
        |---|---|---|---|---|
        | CW-RAL-FW (FortiGate 200F HA) | 132 | 4 | 2 | none |
        | CW-CLT-FW (FortiGate 100F) | 58 | 1 | 1 | none |
        | Azure NSGs | 9 | 0 | 0 | none |
        Every remaining rule has an owner, a justification and recent hits. Changes: CW-CHG-3138, CW-CHG-3142.
        """)
    out["contracts"] = md(f"""
        # Security Clauses in Provider Contracts — compiled {long_date(day(-40))} by Ellen Marsh

        - **Fabrikam, MSA FMS-CW-2025** §8: security program and annual SOC 2 Type II; §8.4 incident notice in
          24 hours; §8.6 audit right for the firm and its clients' auditors; §9 confidentiality of client information
          and Rules of Professional Conduct 1.6; SOC addendum: P1 phone escalation within 15 minutes.
        - **iManage Cloud** subscription: §5 encryption at rest (customer-managed key option, used), §6 breach notice
          without undue delay (≤ 72 h), SOC 2 Type II and ISO 27001 annually, US data residency.
        - **Relecloud E-Discovery** MSA and BAA: §4 HIPAA safeguards, §7 notice within 5 days, return or destruction
          with certificate at matter close.
        - The security lead role is held by Julian Okoro (firm employee); no vCISO contract applies.
        """)
    out["certificates"] = csv_bytes(["Common name", "Issuer", "Used by", "Not after", "Days left", "Owner"],
        [[cn, iss, use, d(na), str(na), own] for cn, iss, use, na, own in [
            ("extranet.calderwhitlock.example", "Sectigo RSA OV", "Client extranet (vendor-hosted)", 143, "Ravi Menon"),
            ("www.calderwhitlock.example", "Let's Encrypt R11", "Website", 61, "Marketing / web vendor"),
            ("vpn.calderwhitlock.example", "Sectigo RSA DV", "FortiGate IPsec/ZTNA", 212, "Sanjay Rao"),
            ("rds.cw.calderwhitlock.example", "CW Issuing CA", "CW-RAL-RDS01", 301, "Ravi Menon"),
            ("CW Issuing CA", "CW Root CA (offline)", "Internal PKI", 1460, "Ravi Menon")]])
    rows = []
    for i in range(160):
        t = at(-r.randint(1, 30), r.randint(7, 19), r.randrange(60), 0, EDT)
        rows.append([us_datetime(t), r.choice(("RAL", "CLT")), r.choice(("Server room", "Records room", "Mail room")),
                     r.choice(("Ravi Menon", "Tyler Nguyen", "Lauren Pike", "Sofia Brandt", "Ellen Marsh")), "Access granted"])
    rows.sort()
    out["badge-log"] = csv_bytes(["Time", "Office", "Door", "Cardholder", "Event"], rows)
    rows = []
    for i in range(25):
        t = at(-r.randint(1, 30), r.randint(8, 17), r.randrange(60), 0, EDT)
        rows.append([t.date().isoformat(), t.strftime("%H:%M"), r.choice(("Client (deposition)", "Court reporter", "Fabrikam engineer",
                     "Copier technician", "Document courier")), r.choice(("Reception", "Tyler Nguyen", "Ellen Marsh")), "Yes", "Yes"])
    rows.sort()
    out["visitor-log"] = csv_bytes(["Date", "In", "Visitor", "Host", "ID checked", "Escorted"], rows)
    out["privileged-accounts"] = csv_bytes(["Principal", "Role", "Assignment", "MFA"],
        [[f"cw-breakglass01@{LF_TENANT}", "Global Administrator", "Permanent", "Excluded (sealed)"],
         [f"cw-breakglass02@{LF_TENANT}", "Global Administrator", "Permanent", "Excluded (sealed)"],
         [f"adm-sbrandt@{LF_DOMAIN}", "Global Administrator", "PIM eligible", "Yes"],
         [f"adm-rmenon@{LF_DOMAIN}", "Exchange / SharePoint Administrator", "PIM eligible", "Yes"],
         [f"adm-rmenon@{LF_DOMAIN}", "AD Domain Admins", "Permanent", "Yes"],
         [f"fms-bcoleman@{LF_DOMAIN}", "AD Server Operators", "Permanent", "Yes"],
         [f"fms-imcallister@{LF_DOMAIN}", "Security Operator", "Permanent", "Yes"],
         ["LPIKE (iManage)", "iManage NRTADMIN", "Permanent", "Yes (SSO)"]])
    out["data-inventory"] = md(f"""
        # Data Inventory 2026 (reviewed {long_date(day(-64))} by Lauren Pike and Julian Okoro)

        | Data | System | Classification | Retention |
        |---|---|---|---|
        | Client matter files | iManage Cloud | Client confidential (privileged) | 10 years after matter close |
        | Health information (BAA matters) | iManage (restricted matters), Relecloud | Restricted | Per BAA |
        | Billing and trust accounting | Aderant (CW-RAL-APP01/SQL01) | Confidential | 7 years |
        | Personnel files | HR system (SaaS) | Confidential | 7 years after leaving |
        | E-mail | Exchange Online | Client confidential | 7 years |
        """)
    out["vendor-register"] = csv_bytes(["Vendor", "Service", "Client data", "Risk", "Assurance", "Last review", "Owner"],
        [["Fabrikam Managed Services", "Service desk, SOC, patching, backup, network", "Yes", "High", "SOC 2 Type II", "2026-08-19", "Sofia Brandt"],
         ["iManage (cloud)", "Document management", "Yes", "High", "SOC 2 Type II, ISO 27001", "2026-07-14", "Lauren Pike"],
         ["Relecloud E-Discovery", "Litigation review platform", "Yes", "High", "SOC 2 Type II; BAA", "2026-06-05", "Julian Okoro"],
         ["Microsoft 365", "E-mail, identity, collaboration", "Yes", "High", "SOC 2 Type II", "2026-05-12", "Sofia Brandt"],
         ["Aderant", "Billing software (on premises)", "No", "Medium", "Vendor questionnaire", "2026-03-30", "Ellen Marsh"],
         ["LawPay", "Hosted card payments", "Limited", "Low", "PCI AOC", "2026-06-27", "Ellen Marsh"]])
    out["vendor-due-diligence"] = md(f"""
        # Provider Due Diligence Records 2026 (Ellen Marsh; reviewed by Julian Okoro {long_date(day(-30))})

        | Provider | Evidence reviewed | Period | Exceptions | Result |
        |---|---|---|---|---|
        | Fabrikam Managed Services | SOC 2 Type II | 2025-07-01 to 2026-06-30 | none | Satisfactory |
        | iManage Cloud | SOC 2 Type II, ISO 27001 certificate | to 2026-03-31 | none | Satisfactory |
        | Relecloud E-Discovery | SOC 2 Type II, questionnaire, BAA | to 2026-04-30 | 1 (access review timing), remediated | Satisfactory |
        | LawPay | PCI DSS AOC | 2026 | n/a | Satisfactory |
        """)
    out["conditional-access"] = csv_bytes(["Policy", "State", "Users", "Excluded", "Grant"],
        [["CW01 MFA for all users", "On", "All users", "break-glass (2)", "MFA"],
         ["CW02 Block legacy authentication", "On", "All users", "none", "Block"],
         ["CW03 Compliant device for iManage and M365", "On", "All staff", "none", "Compliant device"],
         ["CW04 Phishing-resistant MFA for admins", "On", "Directory roles", "break-glass", "Authentication strength"],
         ["CW05 High sign-in risk", "On", "All users", "break-glass", "Block"]])
    out["email-security"] = md(f"""
        Calder & Whitlock e-mail security configuration — collected {d(-1)} by Fabrikam

        calderwhitlock.example TXT "v=spf1 include:spf.protection.outlook.example -all"
        _dmarc.calderwhitlock.example TXT "v=DMARC1; p=reject; rua=mailto:dmarc@calderwhitlock.example"
        DKIM: enabled, selector1/selector2 2048-bit
        Defender for Office 365: Safe Links and Safe Attachments on; impersonation protection for all partners;
        external sender tag on; auto-forwarding to external domains blocked.
        """)
    out["retention-schedule"] = md(f"""
        # Records Retention Schedule 2026 and quarterly disposition review

        Owner: Lauren Pike. Approved by Julian Okoro; Q3 disposition review {long_date(day(-33))}.
        | Record | Retention | Disposition |
        |---|---|---|
        | Closed matter files | 10 years after close (client may request return) | iManage archive purge with partner sign-off |
        | Trust account records | 6 years (NC State Bar Rule 1.15-3) | Purge report |
        | E-mail | 7 years | Purview retention |
        | Security logs | 12 months | Sentinel retention |
        Q3: 214 matters closed in 2016 reviewed; 196 purged, 18 held (legal hold or client request).
        """)
    out["key-management"] = csv_bytes(["Key", "Protects", "Store", "Custodian", "Last rotated", "Next due"],
        [["iManage customer-managed key", "iManage Cloud content", "Azure Key Vault kv-cw-imanage", "Sofia Brandt", d(-4), d(361)],
         ["BitLocker recovery keys", "Device disks", "Entra ID", "Ravi Menon", "per device", "—"],
         ["Veeam offsite encryption key", "Offsite backups", "Azure Key Vault kv-cw-backup", "Beth Coleman", d(-120), d(245)],
         ["Relecloud SFTP key", "Review transfers", "CW-RAL-APP01", "Ravi Menon", d(-75), d(290)]])
    out["restore-test"] = md(f"""
        # Restore Test — Q3 2026

        Beth Coleman (Fabrikam), {long_date(day(-13))}; verified by Ravi Menon and Lauren Pike.
        | Item | Job | Time | Result |
        |---|---|---|---|
        | Aderant database (CW-RAL-SQL01) | CW-SQL-Daily | 41 min | Pass |
        | File share sample (Charlotte) | CW-Charlotte-Daily | 9 min | Pass |
        | Full VM CW-RAL-APP01 from offsite copy | CW-Offsite-Copy | 1 h 37 min | Pass (RTO 8 h) |
        """)
    out["vulnerability-scan"] = md(f"""
        # Internal and External Vulnerability Scan — September 2026

        Run by Fabrikam SOC {d(-8)} to {d(-7)}; report {long_date(day(-6))}. 214 internal hosts, 6 external addresses.
        | Severity | Internal | External |
        |---|---|---|
        | Critical | 0 | 0 |
        | High | 3 (CW-RAL-PRT01 print driver) | 0 |
        | Medium | 17 | 1 (extranet verbose errors, PT-M-04) |
        Findings ticketed (VS-26-09-03); critical/high SLA 14/30 days.
        """)
    out["security-lead-designation"] = md(f"""
        # Designation of the Information Security Lead

        By resolution of the Executive Committee on {long_date(day(-15))}, Julian Okoro, General Counsel, is
        re-confirmed as the person responsible for the firm's written information security program, with Sofia
        Brandt, IT Director, responsible for its operation. Recorded by Margaret Calder, Managing Partner.
        """)
    return out


def add_binder(files: dict[str, bytes], docs: list[Doc]) -> dict[str, bytes]:
    """Add the binder's files to a demo's exports (a document may reuse an export)."""
    for doc in docs:
        if doc.name and doc.name not in files:
            if not doc.data:
                raise ValueError(f"no content for {doc.id}")
            files[doc.name] = doc.data
    return files



# --- writing ---------------------------------------------------------------------------------

def write(out: Path) -> dict[str, int]:
    """Write every demo's exports/ under `out`; return the bytes written per demo."""
    sizes = {}
    for demo, build in ((CU, credit_union), (LF, law_firm)):
        files = build()
        folder = out / demo / "exports"
        folder.mkdir(parents=True, exist_ok=True)
        for stale in sorted(folder.iterdir()):   # the folder is generated: nothing else belongs there
            if stale.is_file() and stale.name not in files:
                stale.unlink()
        for name, data in sorted(files.items()):
            (folder / name).write_bytes(data)
        sizes[demo] = sum(len(b) for b in files.values())
    return sizes


def main(argv: list[str] | None = None) -> int:
    """Command line: regenerate the demos' exports (or write them elsewhere)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="folder holding <demo>/exports/ (default: the bundled demos)")
    parser.add_argument("--sources", choices=DEMOS,
                        help="print the binder's evidence sources (YAML) of one demo and exit")
    args = parser.parse_args(argv)
    if args.sources:
        docs = cu_docs() if args.sources == CU else lf_docs()
        print("\n".join(doc.yaml() for doc in docs))
        return 0
    for demo, size in write(args.out).items():
        print(f"{demo}: {size:,} bytes in {args.out / demo / 'exports'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
