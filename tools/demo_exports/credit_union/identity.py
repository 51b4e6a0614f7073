"""Harbor Point FCU: constants, staff directory and the Entra registration export."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from ..common import (
    Person,
    at,
    csv_bytes,
    day,
    draw_names,
    guid,
    ps_bool,
    rng,
    us_datetime,
)

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
    taken = {(f, last) for f, last, _ in named} | {("Derek", "Shaw")}
    people = [Person(f, last, f"{f.lower()}.{last.lower()}@{CU_DOMAIN}", title=t, site="PWM")
              for f, last, t in named]
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
    for f, last, short, prefix in admins:
        people.append(Person(f, last, f"adm.{short}@{CU_DOMAIN}", kind="admin", display=f"{prefix} {f} {last}",
                             mfa=short != "jpelletier", started=day(-8) if short == "jpelletier" else None))
    for f, last in [("Omar", "Haddad"), ("Hannah", "Cho"), ("Kwame", "Boateng"), ("Luis", "Ferreira"),
                 ("Nora", "Quinn")]:
        people.append(Person(f, last, f"nw.{f[0].lower()}{last.lower()}@{CU_DOMAIN}", kind="admin",
                             display=f"Northwind - {f} {last} (admin)"))
    for n in (1, 2):
        people.append(Person("Emergency", f"Access 0{n}", f"bg-emergency0{n}@{CU_TENANT}",
                             kind="breakglass", display=f"Emergency Access 0{n} (break glass)"))
    for f, last, org, mfa in [("Grace", "Holloway", "adatum-security.example", True),
                           ("Sean", "Whitaker", "litware-core.example", True),
                           ("Lena", "Brandt", "contoso-cpa.example", False),
                           ("Victor", "Osei", "proseware-asv.example", False)]:
        people.append(Person(f, last, f"{f.lower()}.{last.lower()}_{org}#EXT#@{CU_TENANT}", kind="guest",
                             display=f"{f} {last} (Guest)", mfa=mfa))
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
