"""Fixes: choosing, mapping to the original text, bytes, --fix/--diff end to end, and properties."""

import os
import re
import shutil
import stat
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, SEEDS, make_engine
from lawlint.diagnostics import Applicability, Diagnostic, Edit, Fix, Severity
from lawlint.engine import Engine
from lawlint.fixes import RawText, apply_fixes, choose_fixes, fix_text, unified_diff
from lawlint.parse import normalise_newlines
from lawlint.registry import Registry
from lawlint.rules import Rule
from lawlint.selection import Selection

BAD = FIXTURES / "bad" / "heading_numbering.txt"
# Line 6 of heading_numbering.txt is "1、完善重大行政决策程序。" (H103, fix "1、" → "1.").


def run(*args, cwd=None, stdin=None):
    return subprocess.run([sys.executable, "-m", "lawlint", *map(str, args)], cwd=cwd, input=stdin,
                          capture_output=True)


def diag(fix, start=0, end=1):
    return Diagnostic(path="t", code="Z001", rule="z", severity=Severity.WARNING, message="m",
                      line=1, column=1, end_line=1, end_column=2, start=start, end=end, fix=fix)


def fix(*edits, unsafe=False):
    applicability = Applicability.UNSAFE if unsafe else Applicability.SAFE
    return Fix(message="m", edits=tuple(Edit(*e) for e in edits), applicability=applicability)


# -- choosing and applying -------------------------------------------------------------------


def test_overlapping_fix_waits_and_noop_and_unsafe_are_skipped():
    text = "abcdef"
    first, overlapping, later = fix((1, 3, "X")), fix((2, 4, "Y")), fix((4, 5, "Z"))
    noop, unsafe = fix((0, 1, "a")), fix((5, 6, "U"), unsafe=True)
    diagnostics = [diag(f) for f in (later, overlapping, first, noop, unsafe)]
    assert choose_fixes(diagnostics, text) == [first, later]
    assert choose_fixes(diagnostics, text, unsafe=True) == [first, later, unsafe]
    # Two insertions at one point have no defined order: only the first is taken.
    a, b = fix((2, 2, "1")), fix((2, 2, "2"))
    assert choose_fixes([diag(a), diag(b)], text) == [a]
    # Adjacent edits do not overlap.
    c, d = fix((0, 2, "x")), fix((2, 3, "y"))
    assert choose_fixes([diag(c), diag(d)], text) == [c, d]


def test_edits_map_back_through_mixed_line_ends():
    raw = "甲1、\r\n乙2、\n丙\r丁3、"
    norm = normalise_newlines(raw)
    assert norm == "甲1、\n乙2、\n丙\n丁3、"
    fixes = [fix((norm.index("1、"), norm.index("1、") + 2, "1.")),
             fix((norm.index("2、"), norm.index("2、") + 2, "2.")),
             fix((norm.index("3、"), norm.index("3、") + 2, "3.")),
             fix((norm.index("丙"), norm.index("丁"), "丙\n"))]  # rewrites a line end: the file's own
    assert apply_fixes(raw, fixes) == "甲1.\r\n乙2.\n丙\r\n丁3."


def test_rawtext_keeps_encoding_and_bom():
    text = "一、主要举措\r\n"
    for data in (text.encode("gbk"), b"\xef\xbb\xbf" + text.encode(), b"\xfe\xff" + text.encode("utf-16-be")):
        raw = RawText.decode(data, "gb18030" if data[:1] not in (b"\xef", b"\xfe") else None)
        assert raw.text == text and raw.encode(raw.text) == data


def test_unified_diff_marks_a_missing_final_newline():
    out = unified_diff("r.txt", "1、甲\n乙", "1.甲\n乙。")
    assert out.endswith("+乙。\n\\ No newline at end of file\n")
    assert unified_diff("r.txt", "同\n", "同\n") == ""


# -- properties on generated text (hypothesis) -----------------------------------------------


class DoubleComma(Rule):
    """Test rule: "，，" → "，" (a deletion) and a missing final "。" (an insertion)."""

    code = "Z801"
    name = "double-comma"
    severity = Severity.WARNING
    summary = "测试"
    norm = "测试"
    bad = "甲，，乙\n"
    good = "甲，乙。\n"

    def check(self, doc, ctx):
        for match in re.finditer("，，+", doc.text):
            yield self.finding(match.start(), match.end(), "重复逗号",
                               fix=Fix.replace(match.start(), match.end(), "，", "只保留一个"))
        for line in doc.lines:
            if line.text.endswith("乙"):
                yield self.finding(line.end, line.end, "缺句号", fix=Fix.replace(line.end, line.end, "。", "加句号"))


def _engine(registry):
    from lawlint.plugins.headings import HeadingForm

    test_registry = Registry()
    test_registry.add(HeadingForm, "headings")
    test_registry.add(DoubleComma, "test")
    return Engine(registry=test_registry, selection=Selection())


_MARKERS = ["", "", "1、", "2、", "（一）、", "一.", "(1)", "1.", "一、", "（1）", "１．"]
_BODY = st.text(alphabet="法治政府建设，，。、乙 a1", max_size=12)
_LINE = st.tuples(st.sampled_from(_MARKERS), _BODY, st.sampled_from(["\n", "\r\n", "\r"]))


def _norm_to_raw(raw: str) -> list[int]:
    """Raw offset of every normalised offset (independent of lawlint.fixes)."""
    out, i = [], 0
    while i < len(raw):
        out.append(i)
        i += 2 if raw.startswith("\r\n", i) else 1
    out.append(len(raw))
    return out


def _outside_kept(before: str, after: str, diagnostics, unsafe=False) -> bool:
    """Every character of `before` outside the fixable spans is in `after`, in order."""
    to_raw = _norm_to_raw(before)
    spans = sorted((to_raw[e.start], to_raw[e.end]) for d in diagnostics if d.fix is not None
                   and (unsafe or d.fix.applicability is Applicability.SAFE) for e in d.fix.edits)
    merged = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    pieces, pos = [], 0
    for start, end in merged:
        pieces.append(re.escape(before[pos:start]))
        pos = end
    pieces.append(re.escape(before[pos:]))
    return re.fullmatch("(.*?)".join(pieces), after, flags=re.DOTALL) is not None


def _recording(engine):
    rounds = []

    def lint(raw):
        diagnostics = engine.lint_text(raw)
        rounds.append((raw, diagnostics))
        return diagnostics, None

    return lint, rounds


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(_LINE, min_size=1, max_size=8))
def test_generated_fixes_are_idempotent_local_and_keep_line_ends(registry, lines):
    engine = _engine(registry)
    raw = "".join(marker + body + end for marker, body, end in lines)
    lint, rounds = _recording(engine)
    outcome = fix_text(raw, lint)
    # Line ends are never touched.
    assert re.findall(r"\r\n|\r|\n", outcome.text) == re.findall(r"\r\n|\r|\n", raw)
    # Each round changed only the characters under the fixes it was offered.
    for (before, diagnostics), (after, _) in zip(rounds, rounds[1:]):
        assert _outside_kept(before, after, diagnostics)
    # A second run changes nothing, and nothing fixable is left.
    again = fix_text(outcome.text, lambda t: (engine.lint_text(t), None))
    assert again.applied == 0 and again.text == outcome.text
    assert not any(d.fix for d in outcome.diagnostics)


def test_unsafe_fix_needs_unsafe(registry):
    class Guess(DoubleComma):
        code = "Z802"
        name = "guess"

        def check(self, doc, ctx):
            start = doc.text.find("截止")
            if start >= 0:
                yield self.finding(start, start + 2, "截止→截至", fix=Fix.replace(
                    start, start + 2, "截至", "改为截至", applicability=Applicability.UNSAFE))

    test_registry = Registry()
    test_registry.add(Guess, "test")
    engine = Engine(registry=test_registry, selection=Selection())
    lint = lambda t: (engine.lint_text(t), None)  # noqa: E731
    assert fix_text("截止目前\n", lint).text == "截止目前\n"
    assert fix_text("截止目前\n", lint, unsafe=True).text == "截至目前\n"


# -- the real reports --------------------------------------------------------------------------


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_seed_fixes_are_idempotent_and_local(registry, seed):
    engine = make_engine(registry)
    raw = (SEEDS / seed).read_text(encoding="utf-8")
    lint, rounds = _recording(engine)
    outcome = fix_text(raw, lint)
    for (before, diagnostics), (after, _) in zip(rounds, rounds[1:]):
        assert _outside_kept(before, after, diagnostics)
    again = fix_text(outcome.text, lambda t: (engine.lint_text(t), None))
    assert again.applied == 0 and again.text == outcome.text
    crlf = fix_text(raw.replace("\n", "\r\n"), lambda t: (engine.lint_text(t), None))
    assert crlf.text == outcome.text.replace("\n", "\r\n")


# -- end to end through the CLI ----------------------------------------------------------------


def test_fix_keeps_crlf_gbk_bom_and_permissions_and_is_idempotent(tmp_path):
    text = BAD.read_text(encoding="utf-8")
    fixed = text.replace("1、完善", "1.完善")
    variants = {
        "crlf.txt": (text.replace("\n", "\r\n").encode("utf-8"), fixed.replace("\n", "\r\n").encode("utf-8")),
        "gbk.txt": (text.encode("gbk"), fixed.encode("gbk")),
        "bom.txt": (b"\xef\xbb\xbf" + text.encode("utf-8"), b"\xef\xbb\xbf" + fixed.encode("utf-8")),
        "u16.txt": (b"\xfe\xff" + text.encode("utf-16-be"), b"\xfe\xff" + fixed.encode("utf-16-be")),
    }
    for name, (before, _) in variants.items():
        (tmp_path / name).write_bytes(before)
    os.chmod(tmp_path / "gbk.txt", 0o640)
    proc = run(tmp_path, "--fix", "--select", "H")
    assert proc.returncode == 1  # H101 at line 8 has no fix and remains
    stderr = proc.stderr.decode()
    assert "已修复 4 处" in stderr
    out = proc.stdout.decode()
    assert " H103 " not in out and out.count(" H101 ") == 4
    for name, (_, after) in variants.items():
        assert (tmp_path / name).read_bytes() == after, name
    assert stat.S_IMODE((tmp_path / "gbk.txt").stat().st_mode) == 0o640
    (tmp_path / "gbk.txt").read_bytes().decode("gbk")  # still GBK (strict)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left
    again = run(tmp_path, "--fix", "--select", "H")
    assert "已修复 0 处" in again.stderr.decode()
    for name, (_, after) in variants.items():
        assert (tmp_path / name).read_bytes() == after


def test_fix_exit_status_counts_only_what_remains(tmp_path):
    target = tmp_path / "r.txt"
    target.write_text("一、主要举措\n（一）依法决策\n1、完善制度\n", encoding="utf-8")
    proc = run(target, "--fix", "--select", "H103")
    assert proc.returncode == 0 and proc.stdout == b""
    assert proc.stderr.decode().strip() == "lawlint: 已修复 1 处"
    assert target.read_text(encoding="utf-8") == "一、主要举措\n（一）依法决策\n1.完善制度\n"


@pytest.mark.skipif(shutil.which("patch") is None, reason="GNU patch is not installed")
def test_diff_writes_nothing_and_patch_gives_the_fix_result(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        for seed in SEEDS.glob("*.txt"):
            shutil.copy(seed, tmp_path / folder / seed.name)
        shutil.copy(BAD, tmp_path / folder / "bad.txt")
        crlf = BAD.read_bytes().replace(b"\n", b"\r\n")
        (tmp_path / folder / "bad_crlf.txt").write_bytes(crlf)
    before = {p.name: p.read_bytes() for p in (tmp_path / "a").iterdir()}
    diff = run("a", "--diff", cwd=tmp_path)
    assert diff.returncode == 1 and diff.stdout.startswith(b"--- a/")
    assert re.search(r"可修复 \d+ 处", diff.stderr.decode())
    assert {p.name: p.read_bytes() for p in (tmp_path / "a").iterdir()} == before  # wrote nothing
    (tmp_path / "d.patch").write_bytes(diff.stdout)
    patched = subprocess.run(["patch", "-p0", "--binary", "-s", "-i", "d.patch"], cwd=tmp_path,
                             capture_output=True, text=True)
    assert patched.returncode == 0, patched.stdout + patched.stderr
    run("b", "--fix", cwd=tmp_path)
    for name in before:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert run("b", "--diff", cwd=tmp_path).stdout == b""  # nothing left to fix: --diff is empty


def test_stdin_fix_prints_the_fixed_text_and_diagnostics_on_stderr():
    proc = run("-", "--fix", "--select", "H", stdin=BAD.read_bytes().replace(b"\n", b"\r\n"))
    fixed = BAD.read_text(encoding="utf-8").replace("1、完善", "1.完善").replace("\n", "\r\n")
    assert proc.stdout.decode("utf-8") == fixed
    err = proc.stderr.decode()
    assert "-:8:1: H101" in err and "已修复 1 处" in err and proc.returncode == 1


def test_diff_and_fix_together_is_a_usage_error():
    proc = run(BAD, "--diff", "--fix")
    assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 1


def test_docx_is_never_modified(tmp_path):
    pytest.importorskip("docx")
    import docx

    document = docx.Document()
    for text in ("一、主要举措", "（一）依法决策", "1、完善制度"):
        document.add_paragraph(text)
    target = tmp_path / "r.docx"
    document.save(target)
    before = target.read_bytes()
    proc = run(target, "--fix", "--select", "H103")
    assert target.read_bytes() == before
    assert ".docx 文件不会被修改" in proc.stderr.decode()
    assert " H103 " in proc.stdout.decode() and proc.returncode == 1


UNSAFE_RULE = """\
from lawlint.diagnostics import Applicability, Fix, Severity
from lawlint.hookspec import hookimpl
from lawlint.rules import Rule


class CutoffWord(Rule):
    \"\"\"Test rule: 截止 → 截至, a fix that depends on meaning.\"\"\"

    code = "Z701"
    name = "cutoff-word"
    severity = Severity.WARNING
    summary = "截止/截至"
    norm = "测试"
    bad = "截止目前\\n"
    good = "截至目前\\n"

    def check(self, doc, ctx):
        start = doc.text.find("截止目前")
        if start >= 0:
            yield self.finding(start, start + 2, "应为“截至”", fix=Fix.replace(
                start, start + 2, "截至", "改为“截至”", applicability=Applicability.UNSAFE))


@hookimpl
def lawlint_rules():
    return [CutoffWord]
"""


def test_unsafe_fixes_only_with_the_flag(tmp_path):
    (tmp_path / "local_rules.py").write_text(UNSAFE_RULE, encoding="utf-8")
    (tmp_path / "lawlint.toml").write_text('plugins = ["local_rules"]\nselect = ["Z"]\n', encoding="utf-8")
    target = tmp_path / "r.txt"
    target.write_text("截止目前，已办结。\n", encoding="utf-8")
    safe_only = run(target, "--fix", cwd=tmp_path)
    assert target.read_text(encoding="utf-8") == "截止目前，已办结。\n"
    assert safe_only.returncode == 1 and b" Z701 " in safe_only.stdout
    assert "已修复 0 处" in safe_only.stderr.decode()
    unsafe = run(target, "--fix", "--unsafe-fixes", cwd=tmp_path)
    assert target.read_text(encoding="utf-8") == "截至目前，已办结。\n"
    assert unsafe.returncode == 0 and "已修复 1 处" in unsafe.stderr.decode()
