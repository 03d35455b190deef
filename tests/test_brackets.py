"""P1: paired marks balance and nest, with one diagnostic per missing mark."""

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES, seed_path

from lawlint.diagnostics import Applicability
from lawlint.parse import parse_document
from lawlint.plugins.brackets import analyse


def where(diagnostics, prefix="P1"):
    return [(d.line, d.column, d.code) for d in diagnostics if d.code.startswith(prefix)]


def test_seed_000_line_12_gets_exactly_one_p_diagnostic(lint):
    diags = lint(seed_path("000").read_text(encoding="utf-8"), select="P")
    on_line = [d for d in diags if d.line == 12]
    assert [(d.column, d.code) for d in on_line] == [(47, "P101")]
    # "《法治政府建设实施纲要（2021—2025年》": column 47 is the "（" that lost its "）".
    assert on_line[0].source_line[46] == "（"
    assert "第12行第58列的“》”之前" in on_line[0].message


def test_bad_fixture(lint):
    diags = lint((FIXTURES / "bad" / "brackets_pairs.txt").read_text(encoding="utf-8"), select="P1")
    assert where(diags) == [
        (3, 16, "P101"),  # 《…纲要（2021—2025年》: the "（" is never closed
        (4, 14, "P104"),  # “三项制度“: the closing quote faces the wrong way
        (5, 9, "P101"),  # （每个村居… never closed before the paragraph ends
        (6, 8, "P103"),  # 《关于印发《实施方案》的通知》: inner title needs 〈〉
        (6, 36, "P102"),  # 《纲要（2021—2025年》）: the bracket crosses the 书名号
        (7, 5, "P101"),  # “要把…: the quotation never closes; line 8 is not affected
    ]


def test_good_fixture_is_silent(lint):
    diags = lint((FIXTURES / "good" / "brackets_pairs.txt").read_text(encoding="utf-8"), select="P")
    assert where(diags, "P") == []


@pytest.mark.parametrize("text", [
    "认真贯彻落实《中共中央、国务院关于印发〈法治政府建设实施纲要（2021—2025年）〉的通知》。\n",
    "群众说：“要把‘法治’和‘德治’结合起来。”\n",
    "发改办财金〔2019〕527号，【法治宣传】，[bookmark: _GoBack]。\n",
    "主要包括：1）及时介入；2）及时调解；a）及时回访。\n",
    "一）加强学习\n",  # a heading form (H family), not a lone bracket
    "(1)加强学习\n1）规范执法\n",
    "China’s “法治”建设。\n",  # an English apostrophe is not a lone single quote
    "关于印发《某某区法治政府建设实施方案（2021—\n2025年）》的通知\n\n正文。\n",  # a split title
    "配齐人民调解队伍（每个村居保障3名\n以上人民调解员）。\n",  # a hard-wrapped paragraph
])
def test_correct_prose_is_silent(lint, text):
    assert where(lint(text, select="P1")) == []


def test_missing_closer_inside_outer_pair_is_reported_once_at_the_outer_closer(lint):
    text = "学习《纲要（2021—2025年》和《规划（2020—2025年）》，落实（一）（二）项要求。\n"
    diags = [d for d in lint(text, select="P1")]
    assert where(diags) == [(1, 6, "P101")]
    fix = diags[0].fix
    assert fix.applicability is Applicability.UNSAFE
    assert [(e.start, e.end, e.content) for e in fix.edits] == [(16, 16, "）")]
    assert text[16] == "》"


def test_unopened_closer_is_reported_alone(lint):
    text = "（一是加强学习）二是规范执法）三是依法决策（见附件）。\n"
    assert where(lint(text, select="P1")) == [(1, 15, "P101")]
    assert text[14] == "）"


def test_unclosed_quote_stops_at_its_paragraph(lint):
    text = "开展“三月法治宣传月活动。\n开展“谁执法谁普法”活动。\n落实“三个公开”要求。\n"
    diags = lint(text, select="P1")
    assert where(diags) == [(1, 3, "P101")]
    assert "段末" in diags[0].message


def test_a_quotation_of_several_paragraphs_opens_each_and_closes_the_last(lint):
    text = "正文。\n“第一段引文。\n\n“第二段引文。\n“第三段引文。”\n“没有闭合的引文。\n正文。\n"
    assert [(d.line, d.code) for d in lint(text, select="P1")] == [(6, "P101")]


def test_crossing_reports_late_closer_with_partner_position(lint):
    text = "学习《纲要（2021—2025年》）精神。\n"
    diags = lint(text, select="P1")
    assert where(diags) == [(1, 18, "P102")]
    assert "第1行第6列" in diags[0].message


def test_mixed_width_pair_balances_and_p201_reports_the_width(lint):
    text = "制定《回龙坝镇学法制度》（以下简称《制度》)，严格执行。\n"
    diags = lint(text, select="P")
    assert [(d.column, d.code) for d in diags] == [(22, "P201")]
    assert text[21] == ")"
    assert diags[0].fix.edits[0].content == "）"


@pytest.mark.parametrize("text, column, replacement", [
    ("严格落实“三项制度“要求。\n", 10, "”"),
    ("严格落实”三项制度”要求。\n", 5, "“"),
])
def test_quote_direction(lint, text, column, replacement):
    diags = lint(text, select="P1")
    assert [(d.column, d.code) for d in diags] == [(column, "P104")]
    assert diags[0].fix.edits[0].content == replacement


@pytest.mark.parametrize("text, edits", [
    ("印发《关于印发《实施方案》的通知》。\n", [(7, "〈"), (12, "〉")]),
    ("群众说：“要把“法治”和德治结合起来。”\n", [(7, "‘"), (10, "’")]),
    ("坚持‘法治’建设。\n", [(2, "“"), (5, "”")]),
    ("学习〈实施纲要〉精神。\n", [(2, "《"), (7, "》")]),
])
def test_nesting_order(lint, text, edits):
    diags = lint(text, select="P1")
    assert [d.code for d in diags] == ["P103"]
    assert [(e.start, e.content) for e in diags[0].fix.edits] == edits


def test_a_lost_closer_is_not_taken_for_nesting(lint):
    # "《宪法《民法典》": the first title lost its "》"; advising 〈〉 would be wrong.
    assert [d.code for d in lint("学习《宪法《民法典》等法律。\n", select="P1")] == ["P101"]


def test_triple_nesting_alternates_correctly(lint):
    assert where(lint("他说：“文件要求‘落实“三项制度”’。”\n", select="P1")) == []


# ---------------------------------------------------------------------------------------------
# Properties of the matcher

_PAIRS = [("（", "）"), ("【", "】"), ("〔", "〕"), ("［", "］"), ("《", "》")]
_QUOTES = [("“", "”"), ("‘", "’")]  # outer, inner
_FLIP = {"“": "”", "”": "“", "‘": "’", "’": "‘"}
_IMBALANCE = ("unclosed", "unopened", "crossed", "direction")


@st.composite
def balanced(draw, depth=0, quote_level=0):
    """Correct text: brackets nested freely, quotes “” outside and ‘’ inside (two levels)."""
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        choice = draw(st.integers(0, 2 if quote_level < 2 else 1)) if depth < 4 else 0
        if choice == 1:
            opener, closer = draw(st.sampled_from(_PAIRS))
            parts.append(opener + draw(balanced(depth + 1, quote_level)) + closer)
        elif choice == 2:
            opener, closer = _QUOTES[quote_level]
            parts.append(opener + draw(balanced(depth + 1, quote_level + 1)) + closer)
        else:
            parts.append("法治")
    return "".join(parts)


def _imbalances(text):
    return [p for p in analyse(parse_document(text)).problems if p.kind in _IMBALANCE]


@settings(max_examples=300, deadline=None)
@given(balanced())
def test_balanced_text_has_no_problem(text):
    assert _imbalances("建设" + text + "。\n") == []


@settings(max_examples=300, deadline=None)
@given(balanced(), st.data())
def test_one_deleted_mark_gives_exactly_one_problem(text, data):
    marks = [i for i, ch in enumerate(text) if ch not in "法治"]
    if not marks:
        return
    i = data.draw(st.sampled_from(marks))
    broken = "建设" + text[:i] + text[i + 1:] + "。\n"
    assert len(_imbalances(broken)) == 1, broken


@settings(max_examples=300, deadline=None)
@given(balanced(), st.data())
def test_one_stray_mark_gives_exactly_one_problem(text, data):
    i = data.draw(st.integers(0, len(text)))
    stray = data.draw(st.sampled_from("（）【】〔〕［］《》“”‘’"))
    broken = "建设" + text[:i] + stray + text[i:] + "。\n"
    assert len(_imbalances(broken)) == 1, broken


@settings(max_examples=300, deadline=None)
@given(balanced(), st.data())
def test_one_quote_typed_the_wrong_way_is_found_exactly(text, data):
    quotes = [i for i, ch in enumerate(text) if ch in _FLIP]
    if not quotes:
        return
    i = data.draw(st.sampled_from(quotes))
    broken = "建设" + text[:i] + _FLIP[text[i]] + text[i + 1:] + "。\n"
    problems = _imbalances(broken)
    assert [(p.kind, p.pos) for p in problems] == [("direction", i + 2)], broken


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="（）()《》〈〉“”‘’【】〔〕[]法1：\n", max_size=60))
def test_any_text_is_analysed_and_problems_point_at_marks(text):
    doc = parse_document(text)
    for problem in analyse(doc).problems:
        assert doc.text[problem.pos] == problem.mark


@pytest.mark.parametrize("text", [
    "（" * 20000 + "》" * 20000 + "【" * 20000 + "）" * 20000,  # closers that search the stack
    "《" + "（" * 20000 + "〈〉" * 20000,  # the innermost 书名号 under many brackets
    "（" + "【" * 20000 + "）" + "］" * 20000,  # many dropped openers, then unrelated closers
    "：" + "）" * 20000,  # enumerator checks
    "“" * 20000 + "”" * 20000,
])
def test_matcher_is_linear_on_pathological_input(text):
    # A quadratic matcher takes minutes on each of these; a linear one a fraction of a second.
    doc = parse_document(text + "\n")
    start = time.perf_counter()
    problems = analyse(doc).problems
    assert time.perf_counter() - start < 3
    assert problems
