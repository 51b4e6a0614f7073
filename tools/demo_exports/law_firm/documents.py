"""Calder & Whitlock: policy, incident-response, risk, tabletop, pentest and committee documents."""

from __future__ import annotations

from ..common import day, long_date

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
