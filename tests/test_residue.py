"""F family: conversion residue, invisible characters, stray spaces, line ends and encoding."""

import subprocess
import sys

import pytest

from conftest import make_engine

from lawlint.diagnostics import Applicability
from lawlint.plugins import residue


@pytest.fixture
def lint_f(registry):
    def run(text, select="F", meta=None):
        return make_engine(registry, select=select).lint_text(text, path="t.txt", meta=meta)

    return run


def _spans(diags, text):
    return [(d.code, text[d.start:d.end]) for d in diags]


def _apply(text, diag):
    for edit in sorted(diag.fix.edits, key=lambda e: e.start, reverse=True):
        text = text[:edit.start] + edit.content + text[edit.end:]
    return text


# ---------------------------------------------------------------------------------------------
# F101 converter markup


@pytest.mark.parametrize("residue_text", [
    "[bookmark: _GoBack]",
    "[bookmark: _Toc31544]",
    "<p>", "</p>", "<br/>", "<br>", "<BR />", '<span style="font-family:仿宋_GB2312">', "</span>",
    "<o:p></o:p>",
    "{ PAGE }", "{PAGE \\* MERGEFORMAT}", '{ HYPERLINK "http://www.gov.cn" }', "{ MERGEFIELD 单位名称 }",
    '{ TOC \\o "1-3" \\h \\z \\u }',
    'HYPERLINK "http://sfj.example.gov.cn/art/2023/1.html"', 'HYPERLINK \\l "_Toc123"',
    "PAGEREF _Toc2816 \\h", "\\* MERGEFORMAT",
    "[image: image1.png]", "[footnoteRef:1]",
])
def test_converter_markup_is_found_whole_and_deleted(lint_f, residue_text):
    text = f"一、主要举措\n全年审查规范性文件{residue_text}12件。\n"
    diags = [d for d in lint_f(text) if d.code == "F101"]
    assert len(diags) >= 1
    assert "".join(text[d.start:d.end] for d in diags) == residue_text
    for diag in diags:
        assert diag.fix.applicability is Applicability.SAFE
    fixed = text
    for diag in sorted(diags, key=lambda d: d.start, reverse=True):
        fixed = _apply(fixed, diag)
    assert fixed == "一、主要举措\n全年审查规范性文件12件。\n"


def test_html_entities_become_their_characters(lint_f):
    text = "开展&ldquo;八五&rdquo;普法，&nbsp;举办讲座3场。\n"
    diags = [d for d in lint_f(text) if d.code == "F101"]
    assert [text[d.start:d.end] for d in diags] == ["&ldquo;", "&rdquo;", "&nbsp;"]
    assert [d.fix.edits[0].content for d in diags] == ["“", "”", ""]
    assert diags[2].message == "“&nbsp;”是网页（HTML）字符实体的转换残留，应删除"
    [amp] = [d for d in lint_f("R&amp;D 经费\n") if d.code == "F101"]
    assert amp.message == "“&amp;”是网页（HTML）字符实体的转换残留，应改为“&”"


def test_bookmark_message_names_the_residue(lint_f):
    text = "[bookmark: _GoBack]（二）制度建设情况。\n"
    [diag] = [d for d in lint_f(text) if d.code == "F101"]
    assert (diag.line, diag.column, diag.end_column) == (1, 1, 20)
    assert diag.message == "“[bookmark: _GoBack]”是 Word 书签的转换残留，应删除"


@pytest.mark.parametrize("clean", [
    "依据《中华人民共和国行政处罚法》第三十二条办理。",
    "当 1<2 且 3>2 时成立，a<b 不是标签。",
    "全年办理复议案件{3}件，{ 注：含撤回 }。",
    "A&B 两家单位联合开展“法律进企业”活动，R&D 投入增加。",
    "登录 https://www.gov.cn/zhengce/content/2021-08/11/content_5630802.htm 查看全文。",
    "开展 PAGE 和 TOC 两个英文缩写的培训，HYPERLINK 一词不带引号。",
    "研究“书签”功能的使用，[注：见附件1]。",
    "邮箱 sfj@example.gov.cn，电话 023-12345678。",
])
def test_ordinary_text_is_not_markup(lint_f, clean):
    assert [d for d in lint_f(clean + "\n") if d.code in ("F101", "F103")] == []


# ---------------------------------------------------------------------------------------------
# F103 template slots


@pytest.mark.parametrize("slot", ["{{单位名称}}", "{{ year }}", "${报告年度}", "«单位名称»"])
def test_template_slots_are_errors_with_an_unsafe_fix(lint_f, slot):
    text = f"{slot}2023年法治政府建设情况报告\n"
    [diag] = [d for d in lint_f(text) if d.code == "F103"]
    assert text[diag.start:diag.end] == slot
    assert diag.severity.value == "error"
    assert diag.fix.applicability is Applicability.UNSAFE
    assert diag.message == f"模板占位符“{slot}”没有替换为实际内容"


@pytest.mark.parametrize("prompt", ["单击或点击此处输入文字。", "单击此处输入日期。", "Click or tap here to enter text."])
def test_word_content_control_prompts_are_unfilled_slots(lint_f, prompt):
    text = f"2023年，我镇共办理行政复议案件{prompt}件。\n"
    [diag] = [d for d in lint_f(text) if d.code == "F103"]
    assert text[diag.start:diag.end] == prompt and "内容控件" in diag.message


def test_clicking_and_entering_in_prose_is_not_a_prompt(lint_f):
    text = "群众可单击网站首页“我要留言”，在此处输入诉求，系统自动转办。\n"
    assert [d for d in lint_f(text) if d.code == "F103"] == []


# ---------------------------------------------------------------------------------------------
# F102 invisible characters


@pytest.mark.parametrize("chars, name", [
    ("\u200b", "零宽空格 U+200B"), ("\u200b\u200b", "零宽空格 U+200B"), ("\u200d", "零宽连接符 U+200D"),
    ("\u2060", "零宽不换行符 U+2060"), ("\ufeff", "字节顺序标记（BOM） U+FEFF"), ("\x07", "控制字符 U+0007"),
    ("\x0c", "换页符 U+000C"), ("\u00ad", "软连字符 U+00AD"),
])
def test_invisible_characters_are_found_and_deleted(lint_f, chars, name):
    text = f"一、主要举措\n全年审查{chars}规范性文件。\n"
    [diag] = [d for d in lint_f(text) if d.code == "F102"]
    assert text[diag.start:diag.end] == chars
    assert name in diag.message
    assert _apply(text, diag) == "一、主要举措\n全年审查规范性文件。\n"


def test_replacement_character_is_reported_without_a_fix(lint_f):
    text = "全年审查\ufffd\ufffd规范性文件。\n"
    [diag] = [d for d in lint_f(text) if d.code == "F102"]
    assert text[diag.start:diag.end] == "\ufffd\ufffd" and diag.fix is None
    assert "对照原文" in diag.message


def test_tabs_and_full_width_spaces_are_not_invisible_residue(lint_f):
    assert [d for d in lint_f("\t一、主要举措\n\u3000\u3000正文。\n") if d.code == "F102"] == []


# ---------------------------------------------------------------------------------------------
# F104 stray spaces


def test_leading_trailing_and_lone_spaces(lint_f):
    text = " 某某街道办事处\n一、主要举措  \n\n  \n（一）依法决策\t\n "
    diags = [d for d in lint_f(text) if d.code == "F104"]
    assert [(d.line, d.column, d.end_column, d.message) for d in diags] == [
        (1, 1, 2, "行首有多余的半角空格"),
        (2, 7, 9, "行末有多余的空格"),
        (4, 1, 3, "空行中有多余的空格"),
        (5, 8, 9, "行末有多余的空格"),
        (6, 1, 2, "文件末尾的最后一行只有空格，是转换残留"),
    ]
    assert all(d.severity.value == "info" for d in diags)
    fixed = text
    for diag in sorted(diags, key=lambda d: d.start, reverse=True):
        fixed = _apply(fixed, diag)
    assert fixed == "某某街道办事处\n一、主要举措\n\n\n（一）依法决策\n"


def test_full_width_padding_of_signature_and_date_is_normal(lint_f):
    text = ("一、主要举措\n\u3000\u3000全年审查规范性文件12件。\n"
            "重庆市荣昌区人民政府双河街道办事处\u3000\u3000\n2020年9月18日\u3000\u3000\u3000\u3000\n"
            "\u3000抄送：区司法局。\n\u3000\u3000\n")
    assert [d for d in lint_f(text) if d.code == "F104"] == []


def test_tab_indentation_is_left_alone_but_a_half_width_space_among_full_width_ones_is_not(lint_f):
    text = "\t\t一、主要举措\n\u3000 \u3000正文。\n"
    diags = [d for d in lint_f(text) if d.code == "F104"]
    assert [(d.line, text[d.start:d.end]) for d in diags] == [(2, " ")]
    assert _apply(text, diags[0]) == "\t\t一、主要举措\n\u3000\u3000正文。\n"


def test_no_break_space_counts_as_half_width(lint_f):
    text = "正文。\u00a0\n"
    [diag] = [d for d in lint_f(text) if d.code == "F104"]
    assert text[diag.start:diag.end] == "\u00a0"


def test_markdown_hard_line_breaks_are_not_stray_spaces(lint_f):
    text = "全年审查规范性文件12件。  \n 另有备案3件。\n"
    diags = [d for d in lint_f(text, meta={"kind": "markdown", "masked": []}) if d.code == "F104"]
    assert [(d.line, d.message) for d in diags] == [(2, "行首有多余的半角空格")]


def test_blanked_markdown_marks_are_not_stray_spaces(lint_f):
    text = "   一、主要举措\n"
    meta = {"kind": "markdown", "masked": [[0, 3]]}
    assert [d for d in lint_f(text, meta=meta) if d.code == "F104"] == []
    assert [d.code for d in lint_f(text) if d.code == "F104"] == ["F104"]


# ---------------------------------------------------------------------------------------------
# F105 mixed line ends, F106 legacy encoding (file-level facts from the input layer)


def test_mixed_line_endings_point_at_the_first_minority_line(lint_f):
    text = "一、主要举措\n二、存在的不足\n三、下一年度安排\n四、其他\n"
    meta = {"newline": "\r\n", "newline_counts": {"\n": 2, "\r\n": 2, "\r": 0}, "newline_minority": [2, 4]}
    [diag] = [d for d in lint_f(text, meta=meta) if d.code == "F105"]
    assert (diag.line, diag.column) == (2, 8)
    assert diag.message == "文件混用了换行符：多数行以 CRLF（Windows） 结尾，第2行等 2 行以 LF（Unix/Linux） 结尾，建议统一"


def test_one_kind_of_line_end_and_docx_are_silent(lint_f):
    text = "一、主要举措\n"
    assert [d for d in lint_f(text, meta={"newline": "\n", "newline_minority": []}) if d.code == "F105"] == []
    assert [d for d in lint_f(text, meta={"kind": "docx", "newline_minority": [1]}) if d.code == "F105"] == []


@pytest.mark.parametrize("encoding, named", [("gb18030", "GB18030（GBK）"), ("utf-16-le", "UTF-16")])
def test_legacy_encoding_is_named(lint_f, encoding, named):
    [diag] = [d for d in lint_f("一、主要举措\n", meta={"encoding": encoding}) if d.code == "F106"]
    assert diag.message == f"文件编码为 {named}，建议另存为 UTF-8" and diag.severity.value == "info"


@pytest.mark.parametrize("meta", [{"encoding": "utf-8"}, {"encoding": "utf-8", "bom": True}, {}])
def test_utf8_is_silent(lint_f, meta):
    assert [d for d in lint_f("一、主要举措\n", meta=meta) if d.code == "F106"] == []


def test_data_version_is_reported():
    versions = residue.lawlint_data_versions()
    assert versions["residue_markup"].startswith("2026.")


def _openings(items):
    """The literal text each alternative of a parsed pattern opens with (after any assertion),
    or None when some alternative opens with anything else (a class, a repeat, a case-less group)."""
    import re._parser as sre_parse

    prefix = ""
    for op, arg in items:
        if op is sre_parse.LITERAL:
            prefix += chr(arg)
            continue
        if prefix:
            break
        if op in (sre_parse.AT, sre_parse.ASSERT, sre_parse.ASSERT_NOT):
            continue  # consumes nothing
        if op is sre_parse.BRANCH:
            found = set()
            for branch in arg[1]:
                opening = _openings(branch)
                if opening is None:
                    return None
                found |= opening
            return found
        if op is sre_parse.SUBPATTERN and not arg[1] and not arg[2]:  # a group without inline flags
            return _openings(arg[3])
        return None
    return {prefix} if prefix else None


def test_markup_openings_are_where_every_match_starts():
    # F101/F103 search a report with a pattern only when it holds one of the pattern's openings,
    # so the openings the data file declares must be exactly those the pattern starts with.
    import re
    import re._parser as sre_parse

    from lawlint.plugins.datafile import load_toml

    for entry in load_toml("residue_markup.toml")["markup"]:
        parsed = sre_parse.parse(entry["pattern"])
        found = None if parsed.state.flags & re.IGNORECASE else _openings(parsed.data)
        assert sorted(entry["openings"]) == sorted(found or ()), (entry["kind"], sorted(found or ()))


# ---------------------------------------------------------------------------------------------
# Through the real command line


def test_cli_reports_residue_in_a_crlf_gbk_file_with_mixed_line_ends(tmp_path):
    text = ("某某镇2023年法治政府建设情况报告\r\n"
            "一、主要举措\r\n"
            "[bookmark: _GoBack]全年审查规范性文件\u200b12件。 \n"
            "二、存在的不足\r\n")
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode("gb18030"))
    proc = subprocess.run([sys.executable, "-m", "lawlint", str(path), "--select", "F", "--format", "concise"],
                          capture_output=True)
    assert proc.returncode == 1, proc.stderr  # F101 and F102 are warnings
    lines = proc.stdout.decode("utf-8").splitlines()
    codes = [(line.split(":")[1], line.split(" ")[1]) for line in lines]
    assert codes == [("1", "F106"), ("3", "F101"), ("3", "F102"), ("3", "F104"), ("3", "F105")], lines
    # (the concise format may mark fixable diagnostics with "[*]" after the code)
    f101 = next(line for line in lines if " F101 " in line)
    assert f101.startswith(f"{path}:3:1: F101 ") and f101.endswith("“[bookmark: _GoBack]”是 Word 书签的转换残留，应删除 [converter-markup]")


# ---------------------------------------------------------------------------------------------
# Sample reports: every residue in the bad one, nothing in the tricky clean one


def test_bad_fixture_has_exactly_its_residue(registry):
    from conftest import FIXTURES

    text = (FIXTURES / "bad" / "residue_conversion.txt").read_text(encoding="utf-8")
    diags = make_engine(registry, select="F").lint_text(text)
    assert [(d.line, d.code, text[d.start:d.end]) for d in diags] == [
        (5, "F104", " "),
        (6, "F101", "[bookmark: _GoBack]"),
        (6, "F101", "<br/>"),
        (7, "F101", "&ldquo;"),
        (7, "F101", "&rdquo;"),
        (7, "F101", "{ PAGE }"),
        (7, "F102", "\u200b"),
        (8, "F104", " "),
        (9, "F103", "{{单位名称}}"),
        (14, "F104", " "),
    ]
    assert diags[3].message == "“&ldquo;”是网页（HTML）字符实体的转换残留，应改为左双引号“"


def test_clean_fixture_is_silent(registry):
    from conftest import FIXTURES

    text = (FIXTURES / "good" / "residue_clean.txt").read_text(encoding="utf-8")
    assert make_engine(registry, select="F").lint_text(text) == []


from hypothesis import given, settings
from hypothesis import strategies as st


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("一、（）。 \u3000\t\n<>/{}[]&;#\u200b\ufeff\ufffd\x07bookmark:PAGE\"")), max_size=120))
def test_f_rules_never_crash_and_fixes_stay_inside_the_text(registry, text):
    for diag in make_engine(registry, select="F").lint_text(text):
        assert not diag.code.startswith("X"), diag.message
        assert 0 <= diag.start <= diag.end <= len(text.replace("\r\n", "\n"))
