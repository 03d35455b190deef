"""The speed devices must not change what is found: the heading prefilter, the regex hints.

Timings are measured by bench/run.py, not here; the only timing below is a generous ceiling that
catches a quadratic pass coming back on large pathological input.
"""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lawlint.engine import Engine
from lawlint.headingmatch import UNREAD
from lawlint.parse import (_RESIDUE, _classify_line, _heading_from_match, _heading_from_tokens, _HEADING_RULES,
                           _lines, _mask_residue, _matcher, _parser)
from lawlint.registry import load_registry
from lawlint.regexhint import first_chars, hinted

# Characters that make headings, dates, years and brackets, plus filler.
_ALPHABET = list("一二三十〇零（）()1２0.．、。，,：年月日号余多千百 \u3000\t\n标题法治镇XＸ×*＊某_【】〔〕[]")


def _classify(text: str) -> dict[int, tuple[str, list, int]]:
    """(rule, tokens, lead) of each heading line by 1-based line number, read as parse_document
    reads them: by the heading regex (HeadingMatcher.classify), and a line it leaves UNREAD by the
    LALR parser."""
    out = {}
    for number, line in enumerate(text.split("\n"), start=1):
        found = _matcher().classify(line)
        if found is UNREAD:
            found = _classify_line(line)
        if found is not None:
            out[number] = found
    return out


def _whole_text_heading_lines(text: str) -> set[int]:
    """Heading lines as the grammar sees them when the whole text goes to the LALR parser."""
    tree = _parser().parse(text)
    lines = set()
    for child in tree.children:
        if child.data in _HEADING_RULES:
            first = next(child.scan_values(lambda v: hasattr(v, "type")))
            lines.add(first.line)
    return lines


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), max_size=80).map("".join))
def test_prefilter_keeps_every_heading_the_grammar_sees(text):
    assert set(_classify(text)) == _whole_text_heading_lines(text)


_HEADING_PIECES = ["一", "十", "两", "〇", "（", "）", "(", ")", "1", "２", "0", "12", ".", "．", "、", "，", ",", "。",
                   " ", "\u3000", "\t", "标题", "正文", "年"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_HEADING_PIECES), min_size=1, max_size=12).map("".join))
def test_the_heading_regex_cuts_a_line_as_the_parser_does(line):
    """The regex reads a line exactly as the parser does: the same rule, tokens and columns, and
    no heading where the parser sees none (a line it leaves UNREAD would still go to the parser,
    but none has been found)."""
    found = _matcher().classify(line)
    if found is not UNREAD:
        assert found == _classify_line(line)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_HEADING_PIECES + ["\u200b", "\ufeff"]), min_size=1, max_size=12).map("".join),
       st.integers(0, 50))
def test_a_heading_read_off_the_match_is_the_one_read_off_its_tokens(written, start):
    """parse_document reads a heading off the regex's groups; the parser's tokens make the same one."""
    masked = _mask_residue(written)
    found = _matcher().classify(masked)
    if found is None or found is UNREAD:
        return
    line = _lines(["x" * start, written])[1]
    from_match = _heading_from_match(_matcher().match(masked), line)
    assert repr(from_match) == repr(_heading_from_tokens(found[0], found[1], line, found[2]))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["[bookmark: ", "]", "_GoBack", "\n", "一、", "\u200b", "\u200c", "\u200d", "\u2060",
                                 "\ufeff", "[", "bookmark:", " "]), max_size=20).map("".join))
def test_residue_is_masked_as_the_residue_pattern_finds_it(text):
    assert _mask_residue(text) == _RESIDUE.sub(lambda m: " " * len(m.group()), text)


@pytest.mark.parametrize("line, level", [
    ("一、总体情况", "h1"), ("  （二）主要举措。进一步完善", "h2"), ("\u30003.加强学习", "h3"),
    ("(4)标题", "h4"), ("1）标题", "h4"), ("2021年工作", None), ("一是加强学习", None), ("3.5亿元", None),
])
def test_classify_reads_lines_with_leading_space(line, level):
    found = _classify(line)
    assert (found[1][0] if found else None) == level


_YEAR = re.compile(r"(?<![0-9０-９])((?:19|20)[0-9]{2})(?![0-9０-９])|([零〇一二三四五六七八九]{4})(?=年)")
_PATTERNS = [
    _YEAR,
    re.compile(r"(?<![0-9])(?:((?:19|20)[0-9]{2})\s*年\s*)?([0-9]{1,2}|[一二三十]{1,3})\s*月"),
    re.compile(r"(?<![A-Za-z0-9])(?:[XＸ]{2,}|×{2,})(?![A-Za-z0-9])"),
    re.compile(r"(?<=[\u4e00-\u9fff])(?P<open>[〔\[【（(])\s*(?P<year>(?:19|20)\d{2})\s*(?P<close>[〕\]】）)])"),
    re.compile(r"(?<![0-9.])([1-9])([余多])(?=(个|件|次))"),
    re.compile(r"(?<![*＊])[*＊]{1,3}(?=[次个件])"),
    re.compile(r"(?<![0-9.])([0-9]{2})年(?=[0-9]月|度)|(?:^|(?<=[。；]))([0-9]{2})年(?=[，,])", re.MULTILINE),
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET + ["2021", "1999", "二〇二三", "5余", "XX", "××", "〔2020〕"]),
                max_size=40).map("".join))
def test_hinted_patterns_match_exactly_the_same(text):
    for pattern in _PATTERNS:
        fast = hinted(pattern)
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in pattern.finditer(text)]
        assert [m.groups() for m in fast.finditer(text)] == [m.groups() for m in pattern.finditer(text)]


def test_hint_is_added_only_when_it_is_safe():
    assert hinted(_YEAR) is not _YEAR
    assert first_chars(re.compile(r"(?<!a)(?:b|c)d")) == frozenset("bc")
    assert first_chars(re.compile(r"(?<!a)(?:x\s*)?y")) == frozenset("xy")
    assert first_chars(re.compile(r"(?:^|(?<=。))z", re.MULTILINE)) == frozenset("z")
    for unsafe in (r"(?<!a)[^b]c", r"(?<!a)\w+", r"(?<!a).b", r"(?<!a)(?:b|)c", r"(?<!a)b?", r"(?i)(?<!a)b"):
        pattern = re.compile(unsafe)
        assert hinted(pattern) is pattern, unsafe


@pytest.fixture(scope="module")
def engine():
    return Engine(registry=load_registry(use_entry_points=False))


@pytest.mark.parametrize("unit", ["一、标题\n（一）标题\n1.标题\n", "（《“【", "2021年12月31日546.54万元8余份"])
def test_large_pathological_input_has_no_quadratic_pass(engine, unit):
    text = (unit * (100_000 // len(unit) + 1))[:100_000]
    start = time.perf_counter()
    engine.lint_text(text)
    assert time.perf_counter() - start < 60  # generous: about 3 s on the development machine
