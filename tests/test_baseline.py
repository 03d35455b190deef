"""Baseline adoption: record today's diagnostics, then fail only on new ones."""

import json
import subprocess
import sys

from lawlint.baseline import Baseline, line_hash
from lawlint.diagnostics import Diagnostic, Severity

REPORT = "一、主要举措\n（一）依法决策\n1、完善制度\n2.落实顾问制度\n"
# Line 3 "1、完善制度" is the one H103 finding.


def run(*args, cwd):
    return subprocess.run([sys.executable, "-m", "lawlint", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True)


def test_baseline_adoption_end_to_end(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    target = reports / "town.txt"
    target.write_text(REPORT, encoding="utf-8")

    written = run("reports", "--select", "H", "--write-baseline", "lawlint-baseline.json", cwd=tmp_path)
    assert written.returncode == 0 and written.stdout == ""
    assert "已写入基线文件 lawlint-baseline.json：1 条诊断" in written.stderr
    data = json.loads((tmp_path / "lawlint-baseline.json").read_text(encoding="utf-8"))
    assert data["entries"] == [{"path": "reports/town.txt", "code": "H103",
                                "line_hash": line_hash("1、完善制度"), "count": 1}]
    assert "完善制度" not in (tmp_path / "lawlint-baseline.json").read_text(encoding="utf-8")

    assert run("reports", "--select", "H", "--baseline", "lawlint-baseline.json", cwd=tmp_path).returncode == 0
    # The baseline works from another working directory (paths are relative to the baseline file).
    again = run("town.txt", "--select", "H", "--baseline", tmp_path / "lawlint-baseline.json", cwd=reports)
    assert again.returncode == 0 and again.stdout == ""

    # The line moves down (a new paragraph above it) and is re-indented: still baselined.
    target.write_text("一、主要举措\n前言段落。\n（一）依法决策\n  1、完善制度\n2.落实顾问制度\n", encoding="utf-8")
    moved = run("reports", "--select", "H", "--baseline", "lawlint-baseline.json", cwd=tmp_path)
    assert moved.returncode == 0 and moved.stdout == ""
    assert "reports/town.txt:4:3: H103" in run("reports", "--select", "H", cwd=tmp_path).stdout

    # A second identical finding on another line is new beyond the baselined count.
    target.write_text("一、主要举措\n（一）依法决策\n1、完善制度\n2.落实顾问制度\n（二）严格执法\n1、完善制度\n",
                      encoding="utf-8")
    dup = run("reports", "--select", "H", "--baseline", "lawlint-baseline.json", cwd=tmp_path)
    assert dup.returncode == 1 and len(dup.stdout.splitlines()) == 1 and " H103 " in dup.stdout

    # Rewriting the baseline with the old one in force records all of them again.
    rewrite = run("reports", "--select", "H", "--baseline", "lawlint-baseline.json",
                  "--write-baseline", "lawlint-baseline.json", cwd=tmp_path)
    assert "：2 条诊断" in rewrite.stderr
    assert run("reports", "--select", "H", "--baseline", "lawlint-baseline.json", cwd=tmp_path).returncode == 0
    target.write_text(REPORT, encoding="utf-8")
    run("reports", "--select", "H", "--write-baseline", "lawlint-baseline.json", cwd=tmp_path)

    # A new kind of defect is reported; the baselined one still is not.
    target.write_text(REPORT + "（三）严格执法\n", encoding="utf-8")
    new = run("reports", "--select", "H", "--baseline", "lawlint-baseline.json", cwd=tmp_path)
    assert new.returncode == 1
    assert [line.split(": ", 1)[1].split(" ")[0] for line in new.stdout.splitlines()] == ["H101"]


def test_bad_baseline_is_exit_2_one_line(tmp_path):
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "b.json").write_text("{not json", encoding="utf-8")
    for name in ("b.json", "missing.json"):
        proc = run("r.txt", "--baseline", name, cwd=tmp_path)
        assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1
        assert name in proc.stderr and "Traceback" not in proc.stderr


def _diag(path, code, line_text):
    return Diagnostic(path=path, code=code, rule="r", severity=Severity.WARNING, message="m", line=1,
                      column=1, end_line=1, end_column=2, source_line=line_text)


def test_counts_are_per_path_code_and_line(tmp_path):
    one = [_diag("a.txt", "W101", "截止目前，已完成"), _diag("a.txt", "W101", "截止目前，已完成")]
    baseline = Baseline.from_diagnostics(tmp_path / "b.json", one[:1])
    assert baseline.filter(one) == one[1:]
    # Another code, path or line text is not covered.
    others = [_diag("a.txt", "W102", "截止目前，已完成"), _diag("b.txt", "W101", "截止目前，已完成"),
              _diag("a.txt", "W101", "截止目前，已完成。")]
    assert baseline.filter(others) == others
    baseline.write()
    assert Baseline.load(tmp_path / "b.json").filter(one) == one[1:]
