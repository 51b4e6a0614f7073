"""Harbor Point FCU: pentest, vulnerability scan, board report and vendor register."""

from __future__ import annotations

from ..common import csv_bytes, long_date
from .documents import CU_DATES


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
