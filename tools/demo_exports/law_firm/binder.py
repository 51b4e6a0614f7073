"""Calder & Whitlock: the binder's document list."""

from __future__ import annotations

from ..binder import Doc, encryption_csv, phishing_csv, software_csv, training_csv
from ..common import Device, Person
from .identity import LF

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
