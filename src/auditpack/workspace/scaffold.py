"""Create a new workspace (`auditpack init`), from a commented template or a bundled demo."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from importlib.resources import as_file, files
from pathlib import Path

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from ..errors import WorkspaceError
from .loader import WORKSPACE_FILE

INDUSTRIES = ("financial", "legal", "general")
DEMOS = ("credit-union", "law-firm")

FRAMEWORKS = {
    "financial": ["ftc-safeguards", "nist-csf-2.0", "cis-controls-v8", "pci-dss-4.0.1"],
    "legal": ["nist-csf-2.0", "cis-controls-v8", "nist-sp-800-207"],
    "general": ["nist-csf-2.0", "cis-controls-v8"],
}
REGULATORS = {"financial": ["FTC"], "legal": ["State bar"], "general": []}
HIPAA = "hipaa-security"  # put in scope by `init --hipaa` (electronic protected health information)
HIPAA_REGULATOR = "HHS OCR"

# function: (Responsible, Accountable, Consulted, Informed); "owner" is the industry's
# security owner (Qualified Individual, General Counsel or Security Lead).
RACI: dict[str, tuple[list[str], str, list[str], list[str]]] = {
    "strategy_and_budget": (["it-manager"], "exec-sponsor", ["msp-vcio"], ["owner"]),
    "risk_assessment": (["owner"], "owner", ["msp-vcio", "it-manager"], ["exec-sponsor"]),
    "board_reporting": (["owner"], "owner", ["it-manager"], ["exec-sponsor"]),
    "compliance_documentation": (["owner"], "owner", ["it-manager", "msp-vcio"], []),
    "vendor_management": (["it-manager"], "owner", ["msp-vcio"], ["exec-sponsor"]),
    "incident_response": (["msp-soc-lead", "it-manager"], "owner", ["msp-vcio"], ["exec-sponsor"]),
    "security_awareness": (["it-manager"], "owner", ["msp-vcio"], []),
    "help_desk": (["msp-desk-lead"], "it-manager", [], []),
    "asset_management": (["msp-desk-lead"], "it-manager", [], []),
    "identity_and_access": (["msp-desk-lead", "it-manager"], "it-manager", ["owner"], []),
    "m365_administration": (["msp-desk-lead"], "it-manager", [], []),
    "endpoint_security": (["msp-soc-lead"], "it-manager", [], ["owner"]),
    "patch_management": (["msp-desk-lead"], "it-manager", [], ["owner"]),
    "vulnerability_management": (["msp-soc-lead"], "it-manager", ["msp-vcio"], ["owner"]),
    "monitoring_24x7": (["msp-soc-lead"], "it-manager", [], ["owner"]),
    "network": (["msp-desk-lead"], "it-manager", ["msp-vcio"], []),
    "cloud": (["msp-desk-lead"], "it-manager", ["msp-vcio"], []),
    "backup_and_recovery": (["msp-desk-lead"], "it-manager", [], ["owner"]),
    "data_protection": (["it-manager"], "owner", ["msp-vcio"], []),
    "application_security": (["it-manager"], "it-manager", ["msp-vcio"], []),
    "change_management": (["msp-desk-lead", "it-manager"], "it-manager", [], []),
    "physical_security": (["it-manager"], "exec-sponsor", [], []),
    "document_management": (["it-manager"], "owner", ["msp-desk-lead"], []),
}
OWNER = {"financial": "qualified-individual", "legal": "general-counsel",
         "general": "security-lead"}


def slugify(name: str) -> str:
    """Return an ASCII slug for package file names."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug[:40].strip("-") or "organization"


def _raci_rows(industry: str) -> list[tuple[str, dict[str, str]]]:
    """Render the RACI table for an industry as YAML flow values."""
    def fix(ref: str) -> str:
        return OWNER[industry] if ref == "owner" else ref

    rows = []
    for fid, (r, a, c, i) in RACI.items():
        rows.append((fid, {"R": "[" + ", ".join(map(fix, r)) + "]", "A": fix(a),
                           "C": "[" + ", ".join(map(fix, c)) + "]" if c else "",
                           "I": "[" + ", ".join(map(fix, i)) + "]" if i else ""}))
    return rows


def render_init(industry: str, name: str, today: dt.date, hipaa: bool = False) -> str:
    """Render a commented auditpack.yaml for a new workspace (with the HIPAA Security Rule
    in scope and HHS's Office for Civil Rights among the regulators when `hipaa`)."""
    template = (files("auditpack.templates") / "init" / "auditpack.yaml.j2").read_text("utf-8")
    env = SandboxedEnvironment(undefined=StrictUndefined, keep_trailing_newline=True)
    slug = slugify(name)
    return env.from_string(template).render(
        today=today.isoformat(), legal_name=name, short_name=name, slug=slug,
        industry=industry, headcount=100, location="Headquarters",
        regulators=REGULATORS[industry] + ([HIPAA_REGULATOR] if hipaa else []),
        frameworks=FRAMEWORKS[industry] + ([HIPAA] if hipaa else []),
        ig=2 if industry != "general" else 1, domain=f"{slug}.example",
        raci=_raci_rows(industry))


def _refuse_existing(target: Path) -> None:
    """Never write over an existing workspace."""
    if (target / WORKSPACE_FILE).exists():
        raise WorkspaceError(f"{WORKSPACE_FILE} already exists", str(target / WORKSPACE_FILE),
                             "choose an empty folder; init never overwrites a workspace")


def init_workspace(target: Path, industry: str, name: str, today: dt.date,
                   hipaa: bool = False) -> Path:
    """Write a new, working workspace into `target`; refuse to overwrite one."""
    if industry not in INDUSTRIES:
        raise WorkspaceError(f"unknown industry '{industry}'", "--industry",
                             f"use one of: {', '.join(INDUSTRIES)}")
    _refuse_existing(target)
    text = render_init(industry, name, today, hipaa)
    target.mkdir(parents=True, exist_ok=True)
    for sub in ("controls", "exports", "requests"):
        (target / sub).mkdir(exist_ok=True)
    partial = target / f".{WORKSPACE_FILE}.partial"
    partial.write_text(text, encoding="utf-8")
    partial.replace(target / WORKSPACE_FILE)
    return target / WORKSPACE_FILE


def copy_demo(target: Path, demo: str) -> Path:
    """Copy a bundled demo workspace into `target` so a user can look inside and change it."""
    if demo not in DEMOS:
        raise WorkspaceError(f"unknown demo '{demo}'", "--demo", f"use one of: {', '.join(DEMOS)}")
    _refuse_existing(target)
    if target.exists() and any(target.iterdir()):
        raise WorkspaceError("folder is not empty", str(target), "choose a new or empty folder")
    with as_file(files("auditpack.demo") / demo) as source:
        shutil.copytree(source, target, dirs_exist_ok=True)
    return target / WORKSPACE_FILE


def demo_path(demo: str) -> Path:
    """Return the folder of a bundled demo workspace (installed package data)."""
    if demo not in DEMOS:
        raise WorkspaceError(f"unknown demo '{demo}'", "--demo", f"use one of: {', '.join(DEMOS)}")
    return Path(str(files("auditpack.demo") / demo))
