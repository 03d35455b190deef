"""The grammar is the single description of a heading: level, number, marker and title parts."""

import hashlib

import pytest

from lawlint import headingmatch
from lawlint.parse import _parser, grammar_text, parse_document

CASES = [
    # line, level, number, marker as written, canonical marker, title
    ("一、工作举措和成效", 1, 1, "一、", "一、", "工作举措和成效"),
    ("十一、规范执法行为", 1, 11, "十一、", "十一、", "规范执法行为"),
    ("二十三、其他", 1, 23, "二十三、", "二十三、", "其他"),
    ("一.工作举措", 1, 1, "一.", "一、", "工作举措"),
    ("一．工作举措", 1, 1, "一．", "一、", "工作举措"),
    ("二、2023年党政主要负责人履行职责情况", 1, 2, "二、", "二、", "2023年党政主要负责人履行职责情况"),
    ("（一）优化政府职能", 2, 1, "（一）", "（一）", "优化政府职能"),
    ("（十二）强化普法", 2, 12, "（十二）", "（十二）", "强化普法"),
    ("（一）、优化政府职能", 2, 1, "（一）、", "（一）", "优化政府职能"),
    ("(一)优化政府职能", 2, 1, "(一)", "（一）", "优化政府职能"),
    ("1.推进综合行政执法体制改革", 3, 1, "1.", "1.", "推进综合行政执法体制改革"),
    ("12.推进", 3, 12, "12.", "12.", "推进"),
    ("1、完善制度", 3, 1, "1、", "1.", "完善制度"),
    ("1．完善制度", 3, 1, "1．", "1.", "完善制度"),
    ("１．完善制度", 3, 1, "１．", "1.", "完善制度"),
    ("（1）建立台账", 4, 1, "（1）", "（1）", "建立台账"),
    ("(1)建立台账", 4, 1, "(1)", "（1）", "建立台账"),
    ("（1）、建立台账", 4, 1, "（1）、", "（1）", "建立台账"),
    ("1）建立台账", 4, 1, "1）", "（1）", "建立台账"),
    ("　　一、缩进的标题", 1, 1, "一、", "一、", "缩进的标题"),
    ("一、 标题前有空格", 1, 1, "一、", "一、", "标题前有空格"),
]


@pytest.mark.parametrize("line,level,number,marker,canonical,title", CASES)
def test_heading_line(line, level, number, marker, canonical, title):
    doc = parse_document("正文第一段内容比较长，不会被当作标题块，用来把下面一行放进正文里。\n" + line + "\n")
    assert len(doc.headings) == 1, doc.headings
    heading = doc.headings[0]
    assert (heading.level, heading.number, heading.marker, heading.canonical_marker, heading.title) == (
        level, number, marker, canonical, title)
    assert doc.text[heading.title_span.start:heading.title_span.end] == title


@pytest.mark.parametrize("line", [
    "一是提升决策民主性科学性。",
    "二是加强规范性文件管理。",
    "（以下简称《规定》）要求，现就报告如下",
    "3.15宣传活动开展了三次。",
    "1.5万元用于法律顾问费用。",
    "2023年，广阳镇坚持以习近平法治思想为指导。",
    "十分重视法治政府建设工作。",
    "（社区）法律顾问录入法律服务档案。",
    "“6.26”国际禁毒日宣传。",
    "",
    "　　",
])
def test_paragraph_lines_are_not_headings(line):
    doc = parse_document("正文第一段内容比较长，不会被当作标题块，用来把下面一行放进正文里。\n" + line + "\n")
    assert doc.headings == []


def test_run_in_heading_is_split_at_first_full_stop():
    doc = parse_document("正文第一段内容比较长，不会被当作标题块，用来把下面一行放进正文里。\n"
                         "（一）科学民主决策情况。进一步完善科学民主决策机制。凡涉及重大公共利益。\n")
    heading = doc.headings[0]
    assert heading.title == "科学民主决策情况"
    assert heading.body == "进一步完善科学民主决策机制。凡涉及重大公共利益。"
    assert doc.text[heading.body_span.start:heading.body_span.end] == heading.body
    assert any(p.run_in and p.text == heading.body for p in doc.paragraphs)


@pytest.mark.parametrize("text", [
    "", "\n\n\n", "（（（（", "一、", "（一）", "1.", "\x00\x01\x02", "一、\n\n（一）。\n1.。。", "\t\u3000 \n 一、x",
    "（一" * 1000, "一、二、三、四", "\r\n\r\n一、x\r\n", "（1）" * 50,
])
def test_odd_input_never_fails(text):
    doc = parse_document(text)
    for heading in doc.headings:
        assert 0 <= heading.marker_span.start <= heading.marker_span.end <= len(doc.text)


def test_conversion_residue_before_a_heading_does_not_hide_it():
    doc = parse_document("正文第一段内容比较长，不会被当作标题块，用来把下面一行放进正文里。\n"
                         "[bookmark: _GoBack]（二）制度建设情况。根据有关规定。\n")
    assert [h.marker for h in doc.headings] == ["（二）"]
    assert doc.headings[0].line.text.startswith("[bookmark")


def test_the_shipped_heading_regex_is_the_one_built_from_the_grammar():
    """Runs use SHIPPED_SPEC instead of building it with lark; regenerate it with
    ``python -m lawlint.headingmatch`` after changing the grammar or lawlint.headingmatch."""
    assert hashlib.sha256(grammar_text().encode("utf-8")).hexdigest() == headingmatch.SHIPPED_GRAMMAR_SHA256
    assert headingmatch.build_spec(_parser()) == headingmatch.SHIPPED_SPEC


def test_another_grammar_gets_its_heading_regex_built(monkeypatch):
    from lawlint import parse

    monkeypatch.setattr(headingmatch, "SHIPPED_GRAMMAR_SHA256", "not this grammar")
    assert parse._heading_spec() == headingmatch.SHIPPED_SPEC
    assert parse._heading_spec() is not headingmatch.SHIPPED_SPEC
