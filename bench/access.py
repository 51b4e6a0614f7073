"""Matter-access review at scale: effective access over a large DMS ACL, wall time and peak RSS.

Usage: python bench/access.py [--rows 2000000] [--users 5000] [--matters 20000] [--forbid-direct]

Writes, streaming to disk, the normalised records the store would hold: an ACL of N entries
(JSON lines, as `imanage_acl` stores them) over M matters (one in ten with a security-policy
allow list of groups and users), a directory of U users (providers and leavers among them),
nested groups (with a cycle), the matter list, ethical walls (excluded people; one wall in
five also with an included side, the policy naming a group of wall admins) and a
break-glass register. Then runs `review_access` in a fresh process, streaming the ACL one
line at a time, and reports the wall time (reading and parsing included) and the child's
peak RSS. Targets for 2,000,000 rows, 5,000 users, 20,000 matters: < 60 s, < 500 MB.
By default direct user grants are allowed (as iManage matter teams are named users);
`--forbid-direct` applies the safe default, which makes most entries a finding.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REVIEW = """
import datetime as dt, json, resource, sys, time
from pathlib import Path
from auditpack.access.inputs import AccessInputs
from auditpack.access.model import AccessPolicy
from auditpack.access.review import review_access
root, forbid = Path(sys.argv[1]), sys.argv[2] == "1"
load = lambda name: json.loads((root / name).read_text())
def acl():
    with (root / "acl.jsonl").open("rb") as fh:
        for line in fh:
            yield json.loads(line)
t = time.perf_counter()
inputs = AccessInputs(acl=acl(), users=load("users.json"), memberships=load("groups.json"),
                      matters=load("matters.json"), walls=load("walls.json"),
                      break_glass=load("break_glass.json"))
policy = AccessPolicy(allow_direct_grants=not forbid, wall_admins=("G-PARENT-00",))
review = review_access(inputs, policy, dt.date(2026, 9, 30))
elapsed = time.perf_counter() - t
print(json.dumps({"seconds": round(elapsed, 2),
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                  "totals": review.totals, "findings": review.by_category()}))
"""


def generate(root: Path, rows: int, users: int, matters: int, seed: int = 7) -> None:
    """Write the synthetic inputs; the ACL is streamed to disk in blocks."""
    r = random.Random(seed)
    logins = [f"U{n:05d}" for n in range(users)]
    people = []
    for n, login in enumerate(logins):
        kind = "provider_engineer" if n % 25 == 0 else "attorney" if n % 3 == 0 else "staff"
        left = n % 33 == 1
        people.append({"login": login, "upn": f"{login.lower()}@firm.example", "name": login,
                       "employment_type": kind, "user_type": "member",
                       "status": "disabled" if left else "active",
                       "end_date": "2026-06-30" if left else None})
    leaves = [f"G-LEAF-{n:03d}" for n in range(250)]
    parents = [f"G-PARENT-{n:02d}" for n in range(50)]
    firm = [p["login"] for p in people if p["employment_type"] != "provider_engineer"]
    edges = [{"group": g, "member": m, "member_type": "user"} for g in leaves for m in r.sample(firm, 20)]
    edges += [{"group": p, "member": leaves[(i * 5 + k) % 250], "member_type": "group"}
              for i, p in enumerate(parents) for k in range(5)]
    edges.append({"group": leaves[0], "member": parents[0], "member_type": "group"})   # a cycle
    numbers = [f"{10000 + n // 4}-{n % 4 + 1:03d}" for n in range(matters)]
    (root / "users.json").write_text(json.dumps(people))
    (root / "groups.json").write_text(json.dumps(edges))
    (root / "matters.json").write_text(json.dumps(
        [{"matter": m, "privileged": r.random() < 0.6, "closed": "2026-01-31" if r.random() < 0.05 else None}
         for m in numbers]))
    walls = [{"wall_id": f"W{n}", "matters": [numbers[n * 19 % matters]], "person": r.choice(firm), "side": "excluded"}
             for n in range(1000)]
    walls += [{"wall_id": f"W{n}", "matters": [numbers[n * 19 % matters]], "person": person, "side": "included"}
              for n in range(0, 1000, 5) for person in [r.choice(leaves), *r.sample(firm, 5)]]
    (root / "walls.json").write_text(json.dumps(walls))
    (root / "break_glass.json").write_text(json.dumps(
        [{"engineer": logins[n * 25], "matter": r.choice(numbers), "ticket": f"T{n}",
          "granted": "2026-09-01T00:00:00Z", "expires": "2026-09-02T00:00:00Z", "revoked": None}
         for n in range(users // 25)]))
    per = rows / matters
    written = 0
    with (root / "acl.jsonl").open("w", encoding="utf-8") as out:
        for i, m in enumerate(numbers):
            count = int(per * (i + 1)) - written
            default = "public" if r.random() < 0.3 else "private"
            deny = [r.choice(firm)] if r.random() < 0.05 else []
            allow = [*r.sample(parents, 2), *r.sample(logins, 3)] if r.random() < 0.1 else []
            block = []
            for _ in range(count):
                x = r.random()
                if x < 0.12:
                    principal, ptype = r.choice(parents if r.random() < 0.2 else leaves), "group"
                else:
                    principal, ptype = r.choice(logins), "user"
                access = "no_access" if x > 0.97 else r.choice(("read", "read_write", "full"))
                block.append(json.dumps({
                    "line": written + len(block) + 2, "library": "LIB", "workspace_id": f"LIB!{i}",
                    "workspace_name": f"{m} Project {i}", "folder_id": None, "principal": principal,
                    "principal_type": ptype, "access": access, "is_external": False,
                    "default_security": default, "allow_list": allow, "deny_list": deny}))
            written += count
            out.write("\n".join(block) + "\n")


def main() -> int:
    """Generate the inputs, run the review in a fresh process, print what was measured."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--users", type=int, default=5_000)
    parser.add_argument("--matters", type=int, default=20_000)
    parser.add_argument("--forbid-direct", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
        root = Path(tmp)
        t = time.perf_counter()
        generate(root, args.rows, args.users, args.matters)
        size = (root / "acl.jsonl").stat().st_size
        print(f"generated {args.rows:,} ACL rows ({size / 2**20:.0f} MiB), {args.users:,} users, "
              f"{args.matters:,} matters in {time.perf_counter() - t:.1f} s")
        done = subprocess.run([sys.executable, "-c", REVIEW, str(root), "1" if args.forbid_direct else "0"],
                              capture_output=True, text=True, check=False)
        if done.returncode:
            print(done.stderr, file=sys.stderr)
            return 1
        result = json.loads(done.stdout)
        print(f"review: {result['seconds']} s, peak RSS {result['peak_rss_mb']} MB "
              "(targets at full scale: < 60 s, < 500 MB)")
        print("totals:", result["totals"])
        print("findings:", result["findings"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
