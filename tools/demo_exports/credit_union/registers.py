"""Harbor Point FCU: binder content for devices, physical security, vendors and keys."""

from __future__ import annotations

import datetime as dt
import random

from ..binder import d, md
from ..common import EDT, Device, Person, at, csv_bytes, day, long_date, us_datetime
from .identity import CU_DOMAIN, CU_TENANT


def cu_registers(out: dict[str, bytes], r: random.Random, devices: list[Device],
                 staff: list[Person]) -> dict[str, bytes]:
    """The credit union binder content from the Intune report on: physical, vendor and key records."""
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
