"""Harbor Point FCU: binder content for baselines, SOC, access reviews and operations."""

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
from .identity import CU
from .registers import cu_registers
from .tickets import CU_ENGINEERS, CU_SOC


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
    return cu_registers(out, r, devices, staff)
