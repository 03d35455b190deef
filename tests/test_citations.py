"""C family: titles of cited documents and laws, 发文字号, 以下简称.

Expected positions were checked by reading the lines; the canonical titles come from the registry
data (central documents and law titles of the reference set).
"""


import pytest
from conftest import FIXTURES, codes, make_engine, seed_path
from hypothesis import given, settings
from hypothesis import strategies as st
from lawlint.diagnostics import Applicability
from lawlint.parse import parse_document
from lawlint.plugins import citations
from lawlint.plugins.citations_registry import (
    edit_distance,
    loose_form,
    registry,
    strict_form,
)
from lawlint.plugins.citations_titles import find_citations
from lawlint.plugins.textdistance import diff_opcodes


def c_diags(lint, text, **context):
    return [d for d in lint(text, select="C", **context) if d.code.startswith("C")]


def only(lint, text, code, **context):
    return [d for d in c_diags(lint, text, **context) if d.code == code]


# ---------------------------------------------------------------------------------------------
# Extraction of titles


def test_titles_are_found_with_their_inner_titles_and_exact_offsets():
    text = "落实《中共中央、国务院关于印发〈法治政府建设实施纲要（2021—2025年）〉的通知》和《宪法》。"
    doc = parse_document(text)
    found = find_citations(doc)
    assert [(c.text, c.mark, c.depth) for c in found] == [
        ("中共中央、国务院关于印发〈法治政府建设实施纲要（2021—2025年）〉的通知", "《", 0),
        ("法治政府建设实施纲要（2021—2025年）", "〈", 1),
        ("宪法", "《", 0),
    ]
    assert found[1].parent == 0
    for c in found:
        assert text[c.start:c.end] == c.text


def test_an_unclosed_title_is_left_to_the_bracket_rules():
    doc = parse_document("学习《民法典等法律法规。\n学习《宪法》。")
    assert [c.text for c in find_citations(doc)] == ["宪法"]


# ---------------------------------------------------------------------------------------------
# Registry


def test_registry_knows_laws_with_and_without_the_state_name_and_central_documents():
    reg = registry()
    for title in ["宪法", "民法典", "中华人民共和国民法典", "行政复议法", "中华人民共和国行政复议法",
                  "行政复议法实施条例", "法治政府建设实施纲要（2021—2025年）",
                  "法治政府建设实施纲要（2021－2025年）", "信访工作条例", "纲要", "实施细则"]:
        assert reg.accepts(title), title
    assert len(reg.entries) > 3000
    assert reg.entry("纲要") is None, "a shared short alias names no single document"
    assert reg.entry("法治政府建设实施纲要（2015—2020年）").period == (2015, 2020)


def test_forms_fold_dashes_and_brackets_only_for_the_near_miss_search():
    assert strict_form("纲要（2021－2025年）") == "纲要（2021—2025年）"
    assert strict_form("纲要（2021-2025年）") != "纲要（2021—2025年）"
    assert loose_form("纲要(2021-2025年)") == loose_form("纲要（2021——2025年）") == "纲要（2021—2025年）"


@pytest.mark.parametrize("a, b, limit, expected", [
    ("法治", "法制", 3, 1), ("abc", "abc", 0, 0), ("纲要（2021—2025年", "纲要（2021—2025年）", 2, 1),
    ("abcdef", "uvwxyz", 2, 3),  # stops early: limit + 1
])
def test_edit_distance_is_bounded(a, b, limit, expected):
    assert edit_distance(a, b, limit) == expected


def _levenshtein(a, b):
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


@given(st.text("法治制纲要—", max_size=9), st.text("法治制纲要—", max_size=9), st.integers(0, 4))
def test_banded_edit_distance_agrees_with_the_full_table(a, b, limit):
    full = _levenshtein(a, b)
    assert edit_distance(a, b, limit) == (full if full <= limit else limit + 1)


@given(st.text("法治制纲要—（）年的", max_size=30), st.text("法治制纲要—（）年的", max_size=30))
def test_diff_opcodes_are_difflibs(a, b):
    import difflib

    assert diff_opcodes(a, b) == difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()


def test_data_versions_name_every_data_file():
    versions = citations.lawlint_data_versions()
    assert set(versions) == {"citations_documents", "citations_laws", "citations_repeals", "citations_matching"}
    assert all(versions.values())


# ---------------------------------------------------------------------------------------------
# C101 near misses


@pytest.mark.parametrize("cited, hint", [
    ("法治政府建设实施纲要（2021-2025年）", "连接号"),
    ("法治政府建设实施纲要（2021~2025年）", "连接号"),
    ("法治政府建设实施纲要（2021～2025年）", "连接号"),
    ("法治政府建设实施纲要（2021——2025年）", "连接号"),
    ("法治政府建设实施纲要（20212025年）", "缺少连接号"),
    ("法治政府建设实施纲要（2021—2025）", "缺少“年”"),
    ("法治政府建设实施纲要(2021—2025年)", "全角"),
    ("法制政府建设实施纲要（2021—2025年）", "法制"),
    ("法治政府建设实施纲要（2021—2024年）", "2021—2025年"),
    ("法治政府建设实施纲要（2021—2025年", "括号不完整"),
])
def test_near_misses_of_the_2021_outline_name_the_canonical_title(lint, cited, hint):
    diags = only(lint, f"组织干部研读《{cited}》主要内容。\n", "C101")
    assert len(diags) == 1
    assert "《法治政府建设实施纲要（2021—2025年）》" in diags[0].message
    assert hint in diags[0].message
    assert (diags[0].line, diags[0].column) == (1, 8)
    assert diags[0].end_column == 8 + len(cited)


@pytest.mark.parametrize("cited, canonical", [
    ("党政主要负责人履行推进法治建设的第一责任人职责规定", "党政主要负责人履行推进法治建设第一责任人职责规定"),
    ("法治政府建设与责任落实督查工作规定", "法治政府建设与责任落实督察工作规定"),
    ("中央关于全面推进依法治国若干重大问题的决定", "中共中央关于全面推进依法治国若干重大问题的决定"),
    ("关于推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见",
     "关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见"),
    ("中国人民共和国行政复议法", "中华人民共和国行政复议法"),
    ("中华人民共和国政府信息开条例", "中华人民共和国政府信息公开条例"),
    ("法治社会建设实施纲要（2020-2025年）", "法治社会建设实施纲要（2020—2025年）"),
    # one character typed wrong in a long national title, also in its kind word
    ("重大行政决策程序暂性条例", "重大行政决策程序暂行条例"),
    ("优化营商环境条列", "优化营商环境条例"),
    ("法治政府建设实施钢要（2021—2025年）", "法治政府建设实施纲要（2021—2025年）"),
    ("中华人民共和国政府信息公开条列", "中华人民共和国政府信息公开条例"),
])
def test_other_misquoted_titles(lint, cited, canonical):
    diags = only(lint, f"认真学习《{cited}》。\n", "C101")
    assert [d.message.split("应为")[1][:len(canonical) + 2] for d in diags] == [f"《{canonical}》"]


def test_a_near_miss_carries_a_safe_fix_to_the_canonical_title(lint):
    text = "研读《法治政府建设实施纲要（2021-2025年）》。\n"
    (diag,) = only(lint, text, "C101")
    assert diag.fix.applicability is Applicability.SAFE
    (edit,) = diag.fix.edits
    assert text[:edit.start] + edit.content + text[edit.end:] == "研读《法治政府建设实施纲要（2021—2025年）》。\n"


CORRECT_TITLES = [
    "中央宣传部、司法部关于在公民中开展法治宣传教育的第七个五年规划（2016—2020年）",
    "法治政府建设实施纲要（2015—2020年）",
    "法治政府建设实施纲要（2021－2025年）",  # the government web release uses U+FF0D
    "中共中央、国务院关于印发〈法治政府建设实施纲要（2021—2025年）〉的通知",
    "宪法", "民法典", "中华人民共和国民法典", "中华人民共和国行政复议法", "行政复议法", "行政复议法实施条例",
    "中华人民共和国政府信息公开条例", "政府信息公开条例", "优化营商环境条例", "重大行政决策程序暂行条例",
    "纲要", "实施方案", "规定",
    # local documents: not in the registry, never near misses
    "回龙坝镇行政规范性文件合法性审核规定", "重庆市法治政府建设实施方案（2016—2020年）",
    "重庆市法治政府建设实施纲要（2021—2025年）", "关于加强法治建设的意见",
    "关于推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度工作方案的通知",
    "关于加强法治政府建设的实施意见", "2021年沙坪坝区法治政府建设工作要点",
    # other places' regulations that the registry does not hold
    "天津市文明行为促进条例", "天津市市容和环境卫生管理条例", "天津市城乡规划条例", "重庆市优化营商环境条例",
    # a kind that is not the registry's kind with one character changed
    "优化营商环境实施方案", "重大行政决策程序实施细则",
    # another part or edition of a numbered series
    "“九五”普法规划", "最高人民法院关于审理劳动争议案件适用法律问题的解释（三）",
]


@pytest.mark.parametrize("title", CORRECT_TITLES)
def test_correct_and_local_titles_are_silent(lint, title):
    assert c_diags(lint, f"2021年，认真学习《{title}》。\n") == []


# ---------------------------------------------------------------------------------------------
# C201 wrong kind of document


def test_a_rule_cited_as_an_opinion_is_reported(lint):
    text = "我单位党政主要负责人认真贯彻落实《党政主要负责人履行推进法治建设第一责任人职责的意见》精神。\n"
    (diag,) = c_diags(lint, text)
    assert diag.code == "C201"
    assert "《党政主要负责人履行推进法治建设第一责任人职责规定》" in diag.message
    assert "“规定”" in diag.message and "“意见”" in diag.message


@pytest.mark.parametrize("title", [
    "党政主要负责人履行推进法治建设第一责任人职责实施办法",
    "党政主要负责人履行推进法治建设第一责任人职责的实施意见",
    "某区党政主要负责人履行推进法治建设第一责任人职责规定",
])
def test_local_implementing_documents_of_a_central_rule_are_silent(lint, title):
    assert c_diags(lint, f"制定《{title}》。\n") == []


def test_a_title_inside_a_title_is_checked_on_its_own(lint):
    # 《…《…》…》 itself is P103's (paired marks); the inner title is still compared with the registry.
    text = "落实《中共中央、国务院关于印发《法治政府建设实施纲要（2021-2025年）》的通知》。\n"
    diags = c_diags(lint, text)
    assert [(d.code, d.column) for d in diags] == [("C101", 17)]


def test_an_inner_title_in_single_marks_is_named_with_single_marks(lint):
    text = "落实《中共中央、国务院关于印发〈法治政府建设实施纲要（2021-2025年）〉的通知》。\n"
    (diag,) = c_diags(lint, text)
    assert "应为〈法治政府建设实施纲要（2021—2025年）〉" in diag.message


# ---------------------------------------------------------------------------------------------
# C202 发文字号


@pytest.mark.parametrize("number, problem", [
    ("发改办财金[2019]527号", "六角括号"),
    ("发改办财金【2019】527号", "六角括号"),
    ("发改办财金（2019）527号", "六角括号"),
    ("发改办财金(2019)527号", "六角括号"),
    ("发改办财金〔2019〕第527号", "不加“第”"),
    ("发改办财金〔2019〕0527号", "前导0"),
])
def test_wrong_document_numbers(lint, number, problem):
    (diag,) = only(lint, f"按照《关于完善信用修复机制的通知》（{number}）要求。\n", "C202")
    assert problem in diag.message and "“〔2019〕527号”" in diag.message
    assert diag.column == 24  # the bracketed year, after the organ's code


@pytest.mark.parametrize("text", [
    "按照《关于完善信用修复机制的通知》（发改办财金〔2019〕527号）要求。",
    "严格执行《重大行政决策程序暂行条例》（国务院令第713号）。",
    "该案经（2019）渝0106民初123号判决。",
    "共办理案件2019件，其中第527号案件已结。",
    "依法作出《行政处罚决定书》（渝沙公行罚决字〔2023〕第123号）。",  # a penalty number, not a 发文字号
])
def test_correct_numbers_and_look_alikes_are_silent(lint, text):
    assert only(lint, text + "\n", "C202") == []


# ---------------------------------------------------------------------------------------------
# C203 a plan whose period does not cover the report year


def test_implementing_the_2015_outline_in_2022_is_reported(lint):
    text = "2022年，我镇认真贯彻落实《法治政府建设实施纲要（2015—2020年）》，推进法治政府建设。\n"
    (diag,) = c_diags(lint, text)
    assert diag.code == "C203"
    assert "2022" in diag.message and "《法治政府建设实施纲要（2021—2025年）》" in diag.message


@pytest.mark.parametrize("text", [
    "2020年，我镇认真贯彻落实《法治政府建设实施纲要（2015—2020年）》，推进法治政府建设。",  # seed 002
    "2022年，我镇认真贯彻落实《法治政府建设实施纲要（2021—2025年）》。",
    "2020年，我镇认真贯彻落实《法治政府建设实施纲要（2021—2025年）》。",  # an anachronism: Y203's
    "2022年，我镇回顾《法治政府建设实施纲要（2015—2020年）》的实施成效。",  # looking back, not implementing
    ("2021年，按照《中央宣传部、司法部关于在公民中开展法治宣传教育的第七个五年规划（2016—2020年）》要求，"
     "我镇顺利完成七五普法总结验收。"),
])
def test_periods_that_fit_or_are_not_implemented_are_silent(lint, text):
    assert c_diags(lint, text + "\n") == []


def test_a_local_plan_whose_period_has_ended(lint):
    text = "2022年，根据《重庆市法治政府建设实施方案（2016—2020年）》要求，推进依法行政。\n"
    (diag,) = c_diags(lint, text)
    assert diag.code == "C203" and "2016—2020年" in diag.message and "应为现行" not in diag.message
    assert c_diags(lint, text.replace("2022年", "2020年")) == []


def test_the_period_check_needs_a_report_year(lint):
    assert c_diags(lint, "认真贯彻落实《法治政府建设实施纲要（2015—2020年）》。\n") == []
    assert codes(c_diags(lint, "认真贯彻落实《法治政府建设实施纲要（2015—2020年）》。\n",
                         report_year=2023)) == ["C203"]


# ---------------------------------------------------------------------------------------------
# C204 superseded documents


def test_superseded_documents(lint):
    text = "2023年，我镇开展了“3.15”宣传、信访条例、反诈宣传等活动，组织学习《中华人民共和国合同法》。\n"
    diags = c_diags(lint, text)
    assert [(d.code, d.column) for d in diags] == [
        ("C204", text.index("信访条例") + 1), ("C204", text.index("中华人民共和国合同法") + 1)]
    assert "《信访工作条例》" in diags[0].message and "2022年5月1日" in diags[0].message
    assert "《中华人民共和国民法典》" in diags[1].message


def test_a_regulation_expired_without_a_date_counts_only_from_the_law_lists_year(lint):
    # Every version of 《药品行政保护条例》 is marked expired in the law list (taken in 2025), with
    # no repeal date: in a 2023 report it may still have been in force.
    text = "{}年，我镇组织学习《药品行政保护条例》。\n"
    assert registry().laws_snapshot.year == 2025
    assert only(lint, text.format(2023), "C204") == []
    (diag,) = only(lint, text.format(2025), "C204")
    assert "已失效" in diag.message and "2025年4月" in diag.message


@pytest.mark.parametrize("text", [
    "2021年，我镇开展了“3.15”宣传、信访条例、反诈宣传等活动。",  # replaced only in May 2022
    "2020年，组织学习《中华人民共和国合同法》。",  # repealed on 1 January 2021
    "2023年，我镇开展了信访工作条例、劳动合同法、反诈宣传等活动。",
    "2023年，《信访条例》废止后，我镇组织学习《信访工作条例》。",
    "2023年，我镇开展信访条例宣传。",  # not a whole list item: left alone
])
def test_superseded_documents_in_time_or_in_context_are_silent(lint, text):
    assert only(lint, text + "\n", "C204") == []


# ---------------------------------------------------------------------------------------------
# C205–C207 以下简称


def test_unused_abbreviation_is_info_and_a_used_one_is_silent(lint):
    text = "根据《法治政府建设与责任落实督察工作规定》（以下简称《规定》）要求，现报告如下。\n"
    (diag,) = c_diags(lint, text)
    assert diag.code == "C205" and diag.severity.value == "info"
    assert text[diag.start:diag.end] == "《规定》"
    assert c_diags(lint, text + "按照《规定》第二十五条要求公开报告。\n") == []
    assert c_diags(lint, text + "按照规定第二十五条要求公开报告。\n") == [], "used, if without 书名号"


def test_a_word_inside_another_title_is_not_a_use_of_the_abbreviation(lint):
    text = ("根据《法治政府建设实施纲要（2021—2025年）》（以下简称《纲要》），"
            "学习《法治社会建设实施纲要（2020—2025年）》。\n")
    assert codes(c_diags(lint, text)) == ["C205"]


def test_abbreviation_used_before_its_definition(lint):
    text = ("按照《纲要》要求推进。\n"
            "根据《法治政府建设实施纲要（2021—2025年）》（以下简称《纲要》），落实《纲要》。\n")
    diags = c_diags(lint, text)
    assert [(d.code, d.line, d.column) for d in diags] == [("C206", 1, 3)]
    assert "第2行" in diags[0].message


def test_the_defined_title_itself_is_not_a_use_before_the_definition(lint):
    text = "根据《规定》（以下简称《规定》）要求，按照《规定》推进。\n"
    assert c_diags(lint, text) == []


def test_one_abbreviation_for_two_documents_but_not_for_two_prefixed_ones(lint):
    bad = ("根据《甲镇法治建设实施方案》（以下简称《实施方案》）和《乙镇普法工作实施方案》"
           "（以下简称《实施方案》），按照《实施方案》推进。\n")
    assert [d.code for d in c_diags(lint, bad)] == ["C207"]
    good = ("根据《重庆市法治政府建设实施方案（2016—2020年）》（以下简称我市《实施方案》）和"
            "《重庆市荣昌区法治政府建设实施方案（2017—2020年）》（以下简称我区《实施方案》），"
            "落实我市《实施方案》和我区《实施方案》。\n")
    assert c_diags(lint, good) == []


# ---------------------------------------------------------------------------------------------
# Robustness


@settings(max_examples=150, deadline=None)
@given(st.text("《》〈〉（）()—-～年2015以下简称纲要规定法治制中华人民共和国、，。\n〔〕[]第0号", max_size=60))
def test_any_arrangement_of_marks_never_breaks_the_rules(registry, text):
    diags = make_engine(registry, select="C", report_year=2023).lint_text(text)
    assert [d.message for d in diags if d.code.startswith("X")] == []
    for d in diags:
        assert 0 <= d.start <= d.end <= len(text)


# ---------------------------------------------------------------------------------------------
# Fixtures and seeds


def _rows(diags):
    return [(d.line, d.code) for d in diags]


def test_bad_fixture_reports_each_planted_defect(lint):
    text = (FIXTURES / "bad" / "citations_titles.txt").read_text(encoding="utf-8")
    assert _rows(c_diags(lint, text)) == [
        (3, "C203"),  # 2022 report implementing the 2015—2020 纲要
        (5, "C101"), (5, "C101"), (5, "C101"),  # ASCII dash, 法制社会, 中国人民共和国
        (6, "C201"), (6, "C101"),  # …职责的意见, 督查
        (7, "C202"),  # [2019]第08号
        (8, "C204"), (8, "C205"),  # 合同法 in 2022, 《规划》 never used
        (10, "C206"), (10, "C205"), (10, "C207"), (10, "C205"),
    ]


def test_good_fixture_is_silent(lint):
    text = (FIXTURES / "good" / "citations_titles.txt").read_text(encoding="utf-8")
    assert c_diags(lint, text) == []


def _seed(lint, prefix):
    return c_diags(lint, seed_path(prefix).read_text(encoding="utf-8"))


def test_seed_000_outline_without_closing_bracket_is_caught_and_local_titles_are_not(lint):
    diags = _seed(lint, "000")
    assert _rows(diags) == [(12, "C101")]
    assert "应为《法治政府建设实施纲要（2021—2025年）》" in diags[0].message
    assert diags[0].column == 37


def test_seed_004_wrong_kind_and_tianjin_titles(lint):
    diags = _seed(lint, "004")
    assert _rows(diags) == [(37, "C201")]


def test_seed_003_bare_petition_regulation_in_a_2023_list(lint):
    diags = _seed(lint, "003")
    assert _rows(diags) == [(19, "C204")]
    line = seed_path("003").read_text(encoding="utf-8").splitlines()[18]
    assert line[diags[0].column - 1:diags[0].end_column - 1] == "信访条例"


def test_seed_002_unused_abbreviations_only(lint):
    diags = _seed(lint, "002")
    assert [(d.line, d.code) for d in diags] == [(7, "C205")] * 4
    line = seed_path("002").read_text(encoding="utf-8").splitlines()[6]
    assert [line[d.column - 1:d.end_column - 1] for d in diags] == [
        "《规定》", "《纲要》", "我市《实施方案》", "我区《实施方案》"]


def test_a_registry_read_back_gives_the_same_entries_and_answers():
    from lawlint.cache import pickled, unpickle

    built = registry()
    again = unpickle(pickled(built))
    assert again.entries == built.entries and again.laws_snapshot == built.laws_snapshot
    assert again.entries[5] is again.entries[5]  # one object per entry: rules compare with `is`
    assert [e.title for e in again.replaced_entries()] == [e.title for e in built.replaced_entries()]
    for title in ("法治政府建设实施纲要（2021—2025年）", "中华人民共和国行政处罚法", "法制政府建设实施纲要（2021—2025年）"):
        assert again.accepts(title) == built.accepts(title)
        mine, theirs = (reg.near(title, lambda key, other: 2) for reg in (again, built))
        assert (mine and (mine.entry.title, mine.form, mine.distance)) == (theirs and (theirs.entry.title, theirs.form, theirs.distance))
    assert unpickle(pickled(again)).entries == built.entries  # a partly made copy stores every entry
