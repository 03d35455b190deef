"""--jobs: workers give byte-for-byte the output of one process, a per-file time limit, and a
rule or worker that fails costs only its file."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lawlint import parallel
from lawlint.cli import _check_parser, _load_registry
from lawlint.inputs import InputError, Target
from lawlint.parallel import WINDOW_PER_JOB, check_targets
from lawlint.rules import RuleContext
from lawlint.session import LintedFile, Session

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))
BAD = sorted((ROOT / "fixtures" / "bad").glob("*.txt"))
FORM_SLIP = "一、总体情况\n（一）依法决策\n1、完善制度\n"  # H103 at 3:1 ("1、" for "1.")

# Local rules that misbehave on purpose, each triggered by a word in the text.
LOCAL_RULES = '''
import os
import time

from lawlint.diagnostics import Severity
from lawlint.hookspec import hookimpl
from lawlint.rules import Rule


class _Test(Rule):
    severity = Severity.WARNING
    summary = "测试规则"
    norm = "本地规则"
    bad = "测试\\n"
    good = "正文\\n"


class Sleeps(_Test):
    """Test rule: takes far too long on a text that asks for it."""
    code, name = "Z901", "sleeps"

    def check(self, doc, ctx):
        if "请睡眠" in doc.text:
            time.sleep(30)
        return ()


class Raises(_Test):
    """Test rule: raises."""
    code, name = "Z902", "raises"

    def check(self, doc, ctx):
        if "请崩溃" in doc.text:
            raise ValueError("故意的错误")
        return ()


class OutOfSpan(_Test):
    """Test rule: reports a span outside the text."""
    code, name = "Z903", "out-of-span"

    def check(self, doc, ctx):
        if "请越界" in doc.text:
            yield self.finding(len(doc.text) + 5, len(doc.text) + 9, "越界")


class ExitsTheProcess(_Test):
    """Test rule: kills its own process, as a crashing extension would."""
    code, name = "Z904", "exits"

    def check(self, doc, ctx):
        if "请退出" in doc.text:
            os._exit(3)
        return ()


@hookimpl
def lawlint_rules():
    return [Sleeps, Raises, OutOfSpan, ExitsTheProcess]
'''


def run(*args, cwd=None, timeout=120):
    return subprocess.run([sys.executable, "-m", "lawlint", *map(str, args)], capture_output=True, cwd=cwd,
                          timeout=timeout)


@pytest.fixture
def corpus(tmp_path):
    """Seeds and bad fixtures, with unreadable inputs in between (their errors keep their place)."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for i, path in enumerate(SEEDS + BAD):
        shutil.copy(path, folder / f"{i:03d}_{path.name}")
    (folder / "005_empty.txt").write_bytes(b"")
    (folder / "011_binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    return folder


@pytest.fixture
def project(tmp_path):
    """A project whose configuration loads the misbehaving local rules next to the default ones."""
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "misbehaving_rules.py").write_text(LOCAL_RULES, encoding="utf-8")
    (folder / "lawlint.toml").write_text('plugins = ["misbehaving_rules"]\n', encoding="utf-8")
    return folder


@pytest.mark.parametrize("options", [
    ("--format", "concise"),
    ("--format", "json"),
    ("--format", "sarif"),
    ("--format", "rdjson"),
    ("--format", "junit"),
    ("--format", "grouped"),
    ("--summary",),
    ("--statistics",),
])
def test_jobs_output_is_byte_for_byte_the_serial_output(corpus, options):
    serial = run(corpus, "--no-cache", "--jobs", "1", "--today", "2026-11-23", *options)
    parallel_run = run(corpus, "--no-cache", "--jobs", "2", "--today", "2026-11-23", *options)
    assert serial.returncode == parallel_run.returncode == 2  # the two unreadable files
    assert parallel_run.stdout == serial.stdout
    assert parallel_run.stderr == serial.stderr
    assert len(serial.stdout) > 1000


def test_unreadable_inputs_under_jobs_are_one_line_each_and_in_order(corpus):
    proc = run(corpus, "--no-cache", "--jobs", "2", "--format", "concise")
    err = proc.stderr.decode().splitlines()
    assert err == [f"lawlint: {corpus / '005_empty.txt'}: 文件为空",
                   f"lawlint: {corpus / '011_binary.txt'}: " + err[1].split(": ", 2)[2]]
    assert "二进制" in err[1] or "不是文本" in err[1] or "无法" in err[1], err[1]
    shown = {line.split(":")[0] for line in proc.stdout.decode().splitlines()}
    assert str(corpus / "000_" ) not in shown
    assert len({p for p in shown if p.startswith(str(corpus))}) >= len(SEEDS)


def test_a_file_over_the_time_limit_is_one_x002_and_the_run_goes_on(project):
    for name, body in (("a.txt", "一、总体情况\n"), ("b.txt", "一、请睡眠\n"), ("c.txt", FORM_SLIP)):
        (project / name).write_text(body, encoding="utf-8")
    started = time.monotonic()
    proc = run(".", "--no-cache", "--jobs", "2", "--timeout", "1.5", "--select", "Z,H", "--format", "concise",
               cwd=project)
    assert time.monotonic() - started < 20  # the sleeping rule would take 30 s
    lines = proc.stdout.decode().splitlines()
    x002 = [line for line in lines if " X002 " in line]
    assert x002 == ["b.txt:1:1: X002 检查该文件超过 1.5 秒的时限，已中止；可用 --timeout 放宽时限后单独检查"
                    " [internal-timeout]"]
    assert any(line.startswith("c.txt:3:1: H103") for line in lines)  # the file after it was checked
    assert proc.returncode == 1


def test_the_time_limit_applies_with_one_job_when_asked_for(project):
    (project / "b.txt").write_text("一、请睡眠\n", encoding="utf-8")
    proc = run("b.txt", "--no-cache", "--jobs", "1", "--timeout", "1", "--format", "concise", cwd=project)
    assert proc.stdout.decode().startswith("b.txt:1:1: X002 检查该文件超过 1 秒的时限")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_raising_rule_and_a_span_outside_the_text_are_x001_under_any_jobs(project, jobs):
    (project / "a.txt").write_text("一、请崩溃\n", encoding="utf-8")
    (project / "b.txt").write_text("一、请越界\n", encoding="utf-8")
    (project / "c.txt").write_text(FORM_SLIP, encoding="utf-8")
    proc = run(".", "--no-cache", "--jobs", jobs, "--select", "Z,H", "--format", "concise", cwd=project)
    lines = proc.stdout.decode().splitlines()
    internal = [line for line in lines if " X001 " in line]
    assert len(internal) == 2
    assert internal[0].startswith("a.txt:1:1: X001 规则 Z902 内部错误") and "故意的错误" in internal[0]
    assert internal[1].startswith("b.txt:1:1: X001 规则 Z903 内部错误") and "outside the text" in internal[1]
    assert any(line.startswith("c.txt:3:1: H103") for line in lines)
    assert "Traceback" not in proc.stderr.decode()


def test_a_worker_that_dies_costs_only_its_file(project):
    (project / "a.txt").write_text(FORM_SLIP, encoding="utf-8")
    (project / "b.txt").write_text("一、请退出\n", encoding="utf-8")
    (project / "c.txt").write_text(FORM_SLIP, encoding="utf-8")
    proc = run(".", "--no-cache", "--jobs", "2", "--select", "Z,H", "--format", "concise", cwd=project)
    lines = proc.stdout.decode().splitlines()
    assert "b.txt:1:1: X001 检查该文件时工作进程意外退出（退出码 3），未得到结果 [internal-error]" in lines
    assert sum(line.endswith("[heading-form]") for line in lines) == 2  # a.txt and c.txt


def test_fix_and_diff_under_jobs_match_one_process(tmp_path):
    text = "一、总体情况\n（一）依法决策\n1、完善制度\n2、落实顾问制度\n"
    folders = []
    for jobs in ("1", "2"):
        folder = tmp_path / f"j{jobs}"
        folder.mkdir()
        for i in range(6):
            (folder / f"r{i}.txt").write_text(text, encoding="utf-8")
        diff = run(folder.name, "--no-cache", "--jobs", jobs, "--diff", "--select", "H", cwd=tmp_path)
        fix = run(folder.name, "--no-cache", "--jobs", jobs, "--fix", "--select", "H", cwd=tmp_path)
        outputs = [out.replace(folder.name.encode(), b"DIR") for out in (diff.stdout, diff.stderr, fix.stdout,
                                                                         fix.stderr)]
        folders.append((outputs, [p.read_bytes() for p in sorted(folder.iterdir())]))
    assert folders[0] == folders[1]
    assert "已修复 12 处" in folders[1][0][3].decode()
    assert all("1.完善制度" in data.decode() for data in folders[1][1])


# -- in-process: streaming and the kept results ---------------------------------------------------


def _session(argv):
    args = _check_parser().parse_args(argv)
    return args, Session(args=args, context=RuleContext(), load_registry=_load_registry)


def test_targets_are_streamed_not_listed_first(tmp_path):
    for i in range(200):
        (tmp_path / f"r{i:03d}.txt").write_text(FORM_SLIP, encoding="utf-8")
    args, session = _session([str(tmp_path), "--no-cache", "--jobs", "2", "--select", "H"])
    pulled = []

    def targets():
        for path in sorted(tmp_path.glob("*.txt")):
            pulled.append(path)
            yield Target(display=str(path), path=path)

    outcomes = check_targets(session, args, targets(), notice=lambda message: None)
    first = next(outcomes)
    assert isinstance(first, LintedFile) and first.path.endswith("r000.txt")
    assert len(pulled) <= WINDOW_PER_JOB * 2 + 2  # not all 200
    rest = list(outcomes)
    assert [o.path for o in [first, *rest]] == [str(p) for p in sorted(tmp_path.glob("*.txt"))]


def test_kept_results_hold_no_document(tmp_path):
    (tmp_path / "a.txt").write_text(FORM_SLIP, encoding="utf-8")
    (tmp_path / "b.txt").write_text("一、总体情况\n", encoding="utf-8")
    for jobs in ("1", "2"):
        args, session = _session([str(tmp_path), "--no-cache", "--jobs", jobs, "--select", "H"])
        targets = [Target(display=str(p), path=p) for p in sorted(tmp_path.glob("*.txt"))]
        outcomes = list(check_targets(session, args, targets, notice=lambda message: None))
        assert all(type(o) is LintedFile for o in outcomes)
        assert outcomes[0].doc.texts == {3: "1、完善制度"}  # only the lines diagnostics point at
        assert outcomes[0].summary_facts == ("", None)


def test_a_file_that_vanishes_mid_run_is_an_input_error_under_jobs(tmp_path):
    paths = []
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(FORM_SLIP, encoding="utf-8")
        paths.append(tmp_path / name)
    args, session = _session([str(tmp_path), "--no-cache", "--jobs", "2", "--select", "H"])
    targets = [Target(display=str(p), path=p) for p in paths]
    paths[1].unlink()  # listed, then deleted before a worker reads it
    outcomes = list(check_targets(session, args, targets, notice=lambda message: None))
    assert isinstance(outcomes[1], InputError) and "被删除" in outcomes[1].message
    assert [o.diagnostics[0].code for o in (outcomes[0], outcomes[2])] == ["H103", "H103"]


def test_usage_errors_for_jobs_and_timeout(tmp_path):
    for bad in (("--jobs", "0"), ("--jobs", "x"), ("--timeout", "0"), ("--timeout", "nan")):
        proc = run(tmp_path, *bad)
        assert proc.returncode == 2 and proc.stderr.decode().count("\n") == 1, proc.stderr


def test_timeout_default_is_documented():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"{parallel.DEFAULT_TIMEOUT:g} 秒" in readme or f"{parallel.DEFAULT_TIMEOUT:g} s" in readme


@pytest.mark.parametrize("fmt", ["concise", "grouped", "json", "json-lines"])
def test_streamed_output_is_what_the_whole_run_writer_prints(corpus, fmt, monkeypatch, capsys):
    from lawlint import streaming
    from lawlint.cli import main

    argv = [str(corpus), "--no-cache", "--jobs", "2", "--today", "2026-11-23", "--format", fmt]
    assert main(argv) == 2
    streamed = capsys.readouterr()
    monkeypatch.setattr(streaming, "streamed_format", lambda args, to_terminal: None)
    assert main(argv) == 2
    whole = capsys.readouterr()
    assert streamed.out == whole.out and streamed.err == whole.err
    assert streamed.out.count("H101") >= 1 and len(streamed.out) > 5000


def test_streamed_json_of_a_clean_run_is_an_empty_array(tmp_path, capsys):
    from lawlint.cli import main

    (tmp_path / "a.txt").write_text("一、总体情况\n", encoding="utf-8")
    assert main([str(tmp_path / "a.txt"), "--no-cache", "--select", "H103", "--format", "json"]) == 0
    assert capsys.readouterr().out == "[]\n"


def test_summary_rows_from_the_compact_results_are_those_of_the_full_results():
    from lawlint import summary
    from lawlint.session import for_summary

    args, session = _session([str(SEEDS[0]), "--no-cache", "--jobs", "1", "--today", "2026-11-23"])
    full = [session.check(Target(display=str(p), path=p)) for p in SEEDS + BAD]
    compact = [for_summary(r) for r in full]
    assert summary.table(summary.build(compact)) == summary.table(summary.build(full))
    assert any(row.missing for row in summary.build(full))  # the missing parts survive
    assert all(d.message == "" and d.fix is None for r in compact for d in r.diagnostics)
