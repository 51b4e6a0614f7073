"""What the build prints about a package: its figures in a few lines (kept with a cached build)."""

from __future__ import annotations

from .requests import summary_lines as request_lines
from .views import PackageModel


def summary_lines(model: PackageModel) -> tuple[str, ...]:
    """Describe a package: controls by status, each framework's figures, findings, evidence,
    and the request list when it answers one."""
    counts = ", ".join(f"{k} {v}" for k, v in model.control_status_counts.items() if v)
    lines = [f"controls: {counts}"]
    for f in model.frameworks:
        in_scope = sum(v for k, v in f.status_counts.items() if k != "not_applicable")
        evidenced = f.status_counts.get("pass", 0) + f.status_counts.get("not_tested", 0)
        lines.append(f"{f.id}: evidenced {f.evidenced_pct}% ({evidenced} of {in_scope} "
                     "requirements in scope have current evidence and no failed check); "
                     f"readiness {f.readiness_pct}% ({f.status_counts.get('pass', 0)} pass "
                     "every automated check)")
    lines.append(f"findings (POA&M): {len(model.poam)}; evidence files: {len(model.evidence)}")
    lines.extend(request_lines(model))
    return tuple(lines)
