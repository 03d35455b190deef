"""Whatever text arrives, no rule crashes and every position stays inside the text; whatever file
arrives, it costs one line on stderr and the other files are still checked."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lawlint import session as session_module
from lawlint.engine import Engine
from lawlint.registry import load_registry
from lawlint.rules import RuleContext

from conftest import TODAY, seed_path

FORM_SLIP = "一、总体情况\n（一）依法决策\n1、完善制度\n"  # H103 at 3:1


@pytest.fixture(scope="module")
def engine():
    return Engine(registry=load_registry(use_entry_points=False), context=RuleContext(today=TODAY))


# -- generated text ------------------------------------------------------------------------------

_PIECES = [
    "一、", "二、", "十一、", "（一）", "（二）", "(三)", "1.", "2、", "（1）", "(2)", "①", "第一章", "第二条",
    "《", "》", "〈", "〉", "“", "”", "‘", "’", "（", "）", "(", ")", "【", "】", "[", "]", "<<", ">>",
    "2021年", "2023年度", "二〇二二年", "23年", "2024年12月31日", "2022—2024年", "12.5%", "3,000", "１２３",
    "法治政府建设", "年度报告", "以下简称《纲要》", "（以下简称“三项制度”）", "《中华人民共和国行政处罚法》",
    "国发〔2021〕1号", "渝府发[2020]3号", "身份证号110101199003071234", "13800138000", "XX镇", "××",
    "主要负责人", "存在的不足", "下一步工作", "其他需要报告的情况", "特此报告。", "人民政府", "2023年1月5日",
    "，", "。", "、", "；", "：", "？", "！", "……", "——", ".", ",", ";", ":", "·", "-", "~", "—",
    " ", "\u3000", "\t", "\r", "\r\n", "\n", "\n\n", "\x00", "\x0b", "\x0c", "\x1b", "\u200b", "\ufeff",
    "\u2028", "\x85", "**", "#", "<br>", "&nbsp;", "\\", "\ud7ff",
]
_PIECE = st.sampled_from(_PIECES)
_CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF)
_ANY = st.characters(blacklist_categories=("Cs",))
_TEXT = st.lists(st.one_of(_PIECE, _PIECE, _CJK, st.text(_ANY, max_size=3), st.text(_CJK, min_size=1, max_size=8)),
                 max_size=120).map("".join)
_LONG_LINE = st.tuples(st.sampled_from(["一、", "（一）", "", "2023年"]), _PIECE, st.integers(200, 3000)).map(
    lambda t: t[0] + (t[1] * t[2]) + "\n")


def _assert_sound(text, diagnostics):
    internal = [d for d in diagnostics if d.code.startswith("X")]
    assert not internal, internal[0].message
    size = len(text.replace("\r\n", "\n").replace("\r", "\n"))
    for d in diagnostics:
        assert 0 <= d.start <= d.end <= size, (d.code, d.start, d.end, size)
        assert d.line >= 1 and d.column >= 1 and (d.end_line, d.end_column) >= (d.line, d.column), d.code
        if d.fix is not None:
            for edit in d.fix.edits:
                assert 0 <= edit.start <= edit.end <= size, (d.code, edit)


def _lint(engine, text):
    result = engine.lint_file(text, path="t.txt", meta={"kind": "text"})
    _assert_sound(result.doc.text, result.diagnostics)
    return result


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT)
def test_generated_text_never_crashes_a_rule(engine, text):
    _lint(engine, text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.lists(_LONG_LINE, min_size=1, max_size=3).map("".join))
def test_very_long_lines_never_crash_a_rule(engine, text):
    _lint(engine, text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_real_report_cut_and_spliced_never_crashes_a_rule(engine, data):
    seed = seed_path(data.draw(st.sampled_from(["000", "001", "002", "003", "004"]))).read_text(encoding="utf-8")
    a = data.draw(st.integers(0, len(seed)))
    b = data.draw(st.integers(a, len(seed)))
    insert = data.draw(_TEXT)
    _lint(engine, seed[:a] + insert + seed[b:])


@pytest.mark.parametrize("text", [
    "", "\n", "\r", "\u3000", "\x00", "》", "《", "一、", "（一）\n（一）", "以下简称《", "（以下简称《》）",
    "2023年" * 5000, "《" * 20000, "）" * 20000, "一、\n" * 5000, "\r\n" * 10000,
])
def test_degenerate_texts(engine, text):
    _lint(engine, text)


def test_many_definitions_of_an_abbreviation_stay_linear(engine):
    """Regression: C205 scanned the whole text once per definition and per use (cubic on a pasted
    compilation of reports; 1 MB took 21 s)."""
    unit = "根据《法治政府建设实施纲要（2021—2025年）》（以下简称《纲要》），落实《纲要》要求。" * 3 + "\n"
    small = unit * 300
    started = time.perf_counter()
    _lint(engine, small)
    one = time.perf_counter() - started
    started = time.perf_counter()
    _lint(engine, small * 4)
    four = time.perf_counter() - started
    assert four < 12 * one + 1.0, (one, four)  # linear is ~4x; the cubic scan was ~64x


# -- files through the command line, also under --jobs -----------------------------------------------


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "lawlint", *map(str, args)], capture_output=True, cwd=cwd,
                          timeout=300)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_every_bad_file_is_one_line_and_the_rest_is_checked(tmp_path, jobs):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_good.txt").write_text(FORM_SLIP, encoding="utf-8")
    (folder / "b_binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "c_empty.txt").write_bytes(b"")
    (folder / "d_undecodable.txt").write_bytes(b"\x81\x30\xff\xfe\x80abc" * 10)
    (folder / "e_broken.txt").symlink_to(tmp_path / "missing.txt")
    (folder / "f_not_a_zip.docx").write_bytes(b"this is not a zip file at all")
    import zipfile

    with zipfile.ZipFile(folder / "g_bomb.docx", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<" + b"a" * (40 * 1024 * 1024))  # 40 MB of one byte
    (folder / "h_huge.txt").write_bytes("法治政府建设。".encode("utf-8") * (50 * 1024 * 1024 // 21))  # 50 MB
    (folder / "z_good.txt").write_text(FORM_SLIP, encoding="utf-8")
    started = time.monotonic()
    proc = run(folder, "--jobs", jobs, "--no-cache", "--select", "H", "--format", "concise")
    assert time.monotonic() - started < 60
    err = proc.stderr.decode("utf-8").splitlines()
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr.decode("utf-8")
    named = [line.split(": ", 2)[1].rsplit("/", 1)[-1] for line in err]
    assert named == ["b_binary.txt", "c_empty.txt", "d_undecodable.txt", "e_broken.txt", "f_not_a_zip.docx",
                     "g_bomb.docx", "h_huge.txt"], err
    assert "上限" in err[-1] and "200 万字" in err[-1]
    out = proc.stdout.decode("utf-8").splitlines()
    assert [line.split(":")[0].rsplit("/", 1)[-1] for line in out] == ["a_good.txt", "z_good.txt"]


def test_a_text_over_the_character_limit_is_refused_after_decoding(tmp_path, monkeypatch, capsys):
    from lawlint.cli import main

    monkeypatch.setattr(session_module, "MAX_TEXT_CHARS", 50)  # 66 characters in 174 bytes
    (tmp_path / "long.txt").write_text(FORM_SLIP * 3, encoding="utf-8")
    (tmp_path / "short.txt").write_text("一、总体情况\n", encoding="utf-8")
    status = main([str(tmp_path), "--jobs", "1", "--no-cache", "--select", "H"])
    err = capsys.readouterr().err
    assert status == 2 and err.count("\n") == 1 and "long.txt: 文本过长（约 0 万字）" in err


def test_a_folder_without_permission_under_jobs(tmp_path):
    """The walk reports the folder; the workers check the rest (chmod does not stop root, so the
    folder is made unreadable by a wrapper that raises PermissionError)."""
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "a.txt").write_text(FORM_SLIP, encoding="utf-8")
    (tmp_path / "open" / "b.txt").write_text(FORM_SLIP, encoding="utf-8")
    (tmp_path / "closed").mkdir()
    script = (
        "import os, sys\n"
        "real = os.scandir\n"
        "def scandir(path='.'):\n"
        "    if str(path).endswith('closed'):\n"
        "        raise PermissionError(13, 'Permission denied', str(path))\n"
        "    return real(path)\n"
        "os.scandir = scandir\n"
        "from lawlint.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script, str(tmp_path), "--jobs", "2", "--no-cache", "--select", "H",
                           "--format", "concise"], capture_output=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.decode().splitlines() == [f"lawlint: {tmp_path / 'closed'}: 没有读取权限"]
    assert proc.stdout.decode().count(" H103 ") == 2
