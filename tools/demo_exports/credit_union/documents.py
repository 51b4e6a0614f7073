"""Harbor Point FCU: programme, risk, incident-response and tabletop documents."""

from __future__ import annotations

from ..common import day, long_date

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
