#!/usr/bin/env python3
"""Write the exports/ folder of each bundled demo workspace: vendor exports and documents.

Everything is fictional (people, organisations, `.example` domains, GUIDs, host names) and
deterministic: each file draws from its own `random.Random` seeded with a fixed string, and
every date is an offset from the demos' as-of date (2026-09-30); nothing reads the clock.

    python tools/make_demo_exports.py                # rewrite src/auditpack/demo/*/exports/
    python tools/make_demo_exports.py --out DIR      # write DIR/<demo>/exports/ instead

The files reuse the vendors' own column names (see the collectors), and the same hosts and
people appear in every file of a demo: EDR and RMM exports name the same machines, some in
FQDN form and in other case, so reconciliation has something to do.

Beside the system exports, each demo has a compliance binder (policies, runbooks, access reviews,
training and phishing records, vendor due diligence, change and restore-test records, registers
and signed attestations): see cu_binder and lf_binder. `--sources DEMO` prints its evidence
sources for the demo's auditpack.yaml. Left missing on purpose: secure-development records at
both demos, disposal certificates at the law firm, a DESV discovery test and a current
vulnerability scan for APP-07 at the credit union.

PLANTED FINDINGS (what `auditpack check` must report; everything else is clean):

credit union (Harbor Point FCU)
  IAM-01         three enabled members without MFA: melissa.doucette, kevin.ouellette and
                 the administrator account adm.jpelletier (two break-glass accounts, guests
                 and disabled leavers are listed apart, not counted)
  EPS-01, MON-06 HPFCU-FS02 and BDF-TLR-04 are in NinjaOne with no Defender agent;
                 HPL-LT-0158's sensor last reported 20 days before the as-of date
                 (PWM-WS-0231 has two Defender records after re-onboarding: not a finding)
  PAT-01         2026-09 cumulative update failed on HPFCU-SQL02 and still pending on
                 WBK-TLR-02, both critical and 22 days old (SLA 14)
  DAT-11, BCK-02 the "HPFCU Loan Imaging" job's latest two runs failed; repository
                 LEGACY-NAS01 keeps no immutable copies
  VUL-02         the newest vulnerability scan summary is Q1 2026 (over six months old)
  IR-07          the newest tabletop report is TT-2025-02 (June 2025), as the stale P1
                 escalation path in auditpack.yaml says

law firm (Calder & Whitlock) — every other automated check passes; the matter-access review
(check matter_access, DMS-01 and DMS-02; the iManage export with the directory, group
membership, matter list, ethical walls and break-glass register) finds:
  FMS-BCOLEMAN   Fabrikam engineer with standing Read/Write on health-care matter 31207-004
                 (no break-glass entry covers it)
  28840-011      walled, privileged matter whose default security is public
  NGREER         associate who left on 2026-07-31 (disabled in Entra) still on 30112-002
  CLIN           docketing clerk screened from walled matter 23334-012 in the wall tool (added
                 2026-09-18) but not on its DMS deny list: reaches it via CW-DOCKETING ⊂ CW-RECORDS
  ADUNN          paralegal not on the included side of 29613-016's wall: CW-LITSUPPORT was put on
                 the workspace (ACL and security-policy allow list) for a production, and she
                 reaches it via CW-EDISCOVERY ⊂ CW-LITSUPPORT (wall_not_included; the records team,
                 on every walled matter, is the demo's matter_access.wall_admins)
  FMS-MLOPEZ     break-glass ticket CW-104871 on 32645-011 expired 2026-08-19, no removal recorded
                 (FMS-SRAO's CW-105402 is open until 2026-10-01; FMS-IMCALLISTER's was removed in time)
  Matter teams are named users in iManage, so the demo allows direct grants
  (evidence.check_options.matter_access.allow_direct_grants).
  Not a finding, on purpose: FMS-IMCALLISTER's Read/Write entry on 32712-014 outlived break-glass
  CW-104233, but its removal took him off the workspace's security-policy allow list, so he has
  no effective access (the check's figure allow_list_blocked_pairs is 1). FMS-BCOLEMAN is on
  31207-004's allow list, which is why his access is effective.
"""


from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))   # the demo_exports package sits beside this file

from demo_exports.common import DEFAULT_OUT, DEMOS  # noqa: E402
from demo_exports.sources import print_sources  # noqa: E402
from demo_exports.writer import write  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Command line: regenerate the demos' exports (or write them elsewhere)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="folder holding <demo>/exports/ (default: the bundled demos)")
    parser.add_argument("--sources", choices=DEMOS,
                        help="print the binder's evidence sources (YAML) of one demo and exit")
    args = parser.parse_args(argv)
    if args.sources:
        print_sources(args.sources)
        return 0
    for demo, size in write(args.out).items():
        print(f"{demo}: {size:,} bytes in {args.out / demo / 'exports'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
