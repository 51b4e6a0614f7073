"""Exports are read one bounded line at a time: a huge line is refused early, memory stays flat."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from auditpack.errors import EvidenceError
from auditpack.evidence.tabular import open_rows

PEAK = """
import resource, sys
from pathlib import Path
from auditpack.errors import EvidenceError
from auditpack.evidence.tabular import open_rows
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
try:
    table, rows = open_rows(Path(sys.argv[1]))
    list(rows)
    print("no error")
except EvidenceError as exc:
    print(exc)
print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)
"""


def test_a_50_mb_one_line_csv_is_refused_with_flat_memory(tmp_path: Path) -> None:
    big = tmp_path / "one-line.csv"
    with big.open("w") as handle:
        handle.write("id,name\n1,")
        for _ in range(50):
            handle.write("x" * 1_000_000)
        handle.write("\n")
    done = subprocess.run([sys.executable, "-c", PEAK, str(big)], capture_output=True,
                          text=True, timeout=120, check=True)
    message, grew_mb = done.stdout.strip().rsplit("\n", 1)
    assert f"{big}:2: line 2 is longer than " in message and " characters" in message
    assert int(grew_mb) < 60, f"reading grew the process by {grew_mb} MB"


def test_undecodable_windows_1252_bytes_are_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(b"id,name\n1,caf\xe9\n" + b"2,\x81\x8d\x8f\n" * 3000)
    with pytest.raises(EvidenceError, match="not valid cp1252 text") as info:
        list(open_rows(path)[1])
    assert str(path) in str(info.value)
    garbage = tmp_path / "garbage.csv"
    garbage.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(EvidenceError, match="not valid cp1252 text"):
        open_rows(garbage)


def test_quoted_fields_across_lines_still_read(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text('id,note\n1,"two\nlines"\n2,plain\n')
    table, rows = open_rows(path)
    assert [fields for _, fields in rows] == [["1", "two\nlines"], ["2", "plain"]]
