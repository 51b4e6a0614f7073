"""Calder & Whitlock: binder content written here rather than inline."""

from __future__ import annotations

from ..binder import d, md
from ..common import (
    EDT,
    Device,
    Person,
    at,
    csv_bytes,
    day,
    long_date,
    rng,
    us_datetime,
)
from .identity import LF, LF_DOMAIN, LF_TENANT
from .tickets import LF_AGENTS


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
