"""Harbor Point FCU: the binder's document list and attestations."""

from __future__ import annotations

from ..binder import (
    Doc,
    d,
    encryption_csv,
    md,
    phishing_csv,
    software_csv,
    training_csv,
)
from ..common import Device, Person, day, long_date
from .identity import CU

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
