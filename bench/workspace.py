"""Time validate + coverage for a synthetic workspace of 2,000 controls over all catalogs.

Usage: python bench/workspace.py [--controls N] [--runs N]

Builds a workspace in a temporary folder (seeded, so every run is the same): the five
built-in frameworks in scope, the starter library off, N controls in one file, each
satisfying 3-12 random assessable requirements and using statement variables. Then, in a
fresh process each run, times: loading and checking the workspace (schema, references,
every control), the RACI and escalation findings, and coverage of every framework.
Target: under 1 s for 2,000 controls.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from auditpack.controls.vocabulary import it_functions
from auditpack.frameworks import BUILTIN_CATALOGS, load_library

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "workspace" / "auditpack.yaml"
TIMED = """
import time, sys
from pathlib import Path
t = time.perf_counter()
from auditpack.workspace.review import validate_workspace
from auditpack.workspace.coverage import coverage
t1 = time.perf_counter()
review = validate_workspace(Path(sys.argv[1]))
result = coverage(review.workspace)
t2 = time.perf_counter()
assert len(review.workspace.controls.controls) == int(sys.argv[2])
print(f"{t1 - t:.4f} {t2 - t1:.4f}")
"""


def build(folder: Path, n: int) -> None:
    """Write the synthetic workspace."""
    rng = random.Random(20261127)
    lib = load_library()
    reqs = [(c, r.id) for c in BUILTIN_CATALOGS for r in lib.get(c).assessable()]
    functions = list(it_functions())
    controls = []
    for i in range(n):
        chosen: dict[str, list[str]] = {}
        for cat, rid in rng.sample(reqs, rng.randint(3, 12)):
            chosen.setdefault(cat, []).append(rid)
        controls.append({
            "id": f"SYN-{i:04d}", "title": f"Synthetic control number {i}",
            "statement": f"{{{{ org.short_name }}}} operates control {i}; {{{{ provider }}}} "
                         "runs it and {{ internal }} reviews the evidence every month.",
            "function": rng.choice(functions), "frequency": "monthly", "satisfies": chosen,
            "evidence": [{"kind": "policy_document", "description": "The approved policy"}]})
    (folder / "controls").mkdir(parents=True)
    (folder / "controls" / "synthetic.yaml").write_text(yaml.safe_dump({"controls": controls}))
    data = yaml.safe_load(FIXTURE.read_text())
    data["scope"]["frameworks"] = list(BUILTIN_CATALOGS)
    data["scope"]["exclusions"] = []
    data["controls"] = {"starter": False, "files": ["controls/synthetic.yaml"]}
    data["evidence"] = {"sources": []}
    (folder / "auditpack.yaml").write_text(yaml.safe_dump(data))


def main() -> None:
    """Build once, then time several fresh-process runs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--controls", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        build(folder, args.controls)
        imports, work = [], []
        for _ in range(args.runs):
            out = subprocess.run([sys.executable, "-c", TIMED, str(folder), str(args.controls)],
                                 check=False, capture_output=True, text=True)
            if out.returncode:
                sys.exit(out.stderr[-3000:])
            times = out.stdout.split()
            imports.append(float(times[0]))
            work.append(float(times[1]))
        print(f"controls: {args.controls}, runs: {args.runs}")
        print(f"imports                         median {statistics.median(imports):.3f} s")
        print(f"validate + findings + coverage  median {statistics.median(work):.3f} s   "
              f"best {min(work):.3f} s   (target < 1 s)")


if __name__ == "__main__":
    main()
