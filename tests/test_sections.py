"""S rules: required parts, their order and duplicates, report type, title block, closing block.

The headings here are phrased on purpose unlike the seeds' headings, so that the part matching is
tested on the words of the 规定 and of real-world synonyms, not on five reports' exact lines.
"""

import re

import pytest

from conftest import FIXTURES, codes

from lawlint import buildcache
from lawlint.diagnostics import Applicability
from lawlint.plugins import sections as sections_module
from lawlint.plugins import sections_parts
from lawlint.plugins.sections_parts import (
    ProfileError,
    core_words,
    load_profile,
    parts_named_by,
)

TITLE = "青山县司法局\n青山县司法局2023年度法治政府建设情况报告\n\n"
OPENING = "2023年，县司法局坚持以习近平法治思想为指导，认真落实法治政府建设各项任务，现将有关情况报告如下。\n"
MEASURES = "一、2023年推进法治政府建设的主要做法和成效\n（一）规范行政执法。执法案卷评查合格率达到98%。\n"
PROBLEMS = "二、问题与不足\n执法人员专业力量不够，原因是培训投入不足。\n"
DUTY = "三、主要负责人履行法治建设职责情况\n局长带头学法，全年专题研究法治政府建设工作4次。\n"
PLANS = "四、二〇二四年工作打算\n深化普法宣传，加强执法队伍建设。\n"
OTHER = "五、其他需要报告的情况\n无。\n"
FULL = TITLE + OPENING + MEASURES + PROBLEMS + DUTY + PLANS + OTHER


def s_codes(lint, text, select="S", **kw):
    return codes(lint(text, select=select, **kw))


def line_of(text, needle):
    return next(i for i, line in enumerate(text.split("\n"), start=1) if needle in line)


# ---------------------------------------------------------------------------------------------
# Part matching


@pytest.mark.parametrize("heading, year, expected", [
    ("主要负责人履行法治建设职责情况", 2023, {"duty"}),
    ("2023年党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况", 2023, {"duty"}),
    ("二〇二四年工作打算", 2023, {"plans"}),
    ("2024年工作思路", 2023, {"plans"}),
    ("2024年重点工作", 2023, {"plans"}),  # only the year says it is next year's
    ("问题与不足", 2023, {"problems"}),
    ("当前工作中的短板弱项", 2023, {"problems"}),
    ("下一步打算", 2023, {"plans"}),
    ("下步工作重点", 2023, {"plans"}),
    ("区政府主要负责同志履行推进法治建设第一责任人职责情况", 2023, {"duty"}),
    ("下一步工作举措", 2023, {"plans"}),  # 举措 of the future are plans, not measures
    ("存在问题及下一步工作打算", 2023, {"problems", "plans"}),
    ("本年度法治政府建设取得的成效", 2023, {"measures"}),
    ("2023年工作开展情况", 2023, {"measures"}),
    ("其他需要报告的事项", 2023, {"other"}),
    ("2023年工作总结及2024年工作计划", 2023, {"measures", "plans"}),
    ("强化组织领导，周密安排部署", 2023, set()),
    ("坚持问题导向，推进依法行政", 2023, set()),
    ("加强队伍建设，补齐能力短板", 2023, set()),
    ("年度工作计划完成情况", 2023, {"measures"}),
    ("依法全面履行政府职能", 2023, set()),
])
def test_headings_name_parts_by_meaning(heading, year, expected):
    assert set(parts_named_by(heading, load_profile(), year)) == expected


def test_a_year_is_next_years_plan_only_after_the_report_year():
    assert "plans" not in parts_named_by("2024年重点工作", load_profile(), 2024)


@pytest.mark.parametrize("heading", ["基本情况", "2023年基本情况", "主要做法", "本年度工作开展情况", "我局主要工作"])
def test_generic_headings_are_recognised_with_years_and_owner_words(heading):
    assert core_words(heading) in load_profile().generic_headings


def _heading_words(profile):
    return sorted({alt for part in profile.parts for patterns in (part.heading, part.heading_not)
                   for p in patterns.patterns for term in p.terms for alt in term})


def _runs_word_by_word(words, rounds):
    """The word finder's runs and overhung runs as first written: every run against every word."""
    def offsets(run, word):
        return [i for i in range(1, len(run)) if len(word) > len(run) - i and word.startswith(run[i:])]

    runs = set(words)
    for _ in range(rounds):
        runs |= {run[:i] + word for run in runs for word in words for i in offsets(run, word)}
    overhung = {run for run in runs if any(run[:i] + word not in runs for word in words for i in offsets(run, word))}
    return runs, overhung


@pytest.mark.parametrize("profile", ["default", "strict"])
def test_the_word_finder_tables_are_those_of_every_run_against_every_word(profile):
    words = _heading_words(load_profile(profile))
    tables = sections_parts._finder_tables(words, sections_parts._WordFinder._RUN_ROUNDS)
    runs, overhung = _runs_word_by_word(words, sections_parts._WordFinder._RUN_ROUNDS)
    assert set(tables["within"]) == runs and set(tables["overhung"]) == overhung
    assert tables["within"] == {run: [w for w in words if w in run] for run in sorted(runs)}
    assert tables["regex"] == sections_parts._trie(sorted(runs))


def test_the_word_finder_read_back_from_the_build_cache_finds_as_one_built_afresh(tmp_path):
    words = _heading_words(load_profile())
    fresh = sections_parts._WordFinder(words)
    buildcache.configure(tmp_path)
    try:
        sections_parts._WordFinder(words)
        assert list(tmp_path.glob("sections-word-finder-*.marshal"))
        stored = sections_parts._WordFinder(words)
    finally:
        buildcache.configure(None)
    assert stored.regex.pattern == fresh.regex.pattern
    assert stored.within == fresh.within and stored.overhung == fresh.overhung
    for title in ("存在的问题和不足", "主要负责人履行推进法治建设第一责任人职责情况", "下一步工作举措施"):
        assert stored.hits(title) == fresh.hits(title)


# ---------------------------------------------------------------------------------------------
# S101 / S102: missing parts


def test_complete_report_with_free_phrasing_is_silent(lint):
    assert lint(FULL, select="S") == []


def test_complete_fixture_is_silent_for_every_rule(lint):
    text = (FIXTURES / "good" / "sections_complete.txt").read_text(encoding="utf-8")
    assert lint(text) == []


def test_missing_duty_points_at_the_heading_it_belongs_before(lint):
    text = TITLE + OPENING + MEASURES + PROBLEMS + PLANS + OTHER
    diags = [d for d in lint(text, select="S") if d.code == "S101"]
    assert len(diags) == 1
    d = diags[0]
    assert d.line == line_of(text, "四、二〇二四年工作打算") and d.column == 1
    assert "第一责任人" in d.message and "四、二〇二四年工作打算" in d.message
    assert d.severity.value == "error"
    assert d.extra["data"] == {"missing_part": "第一责任人职责情况"}


def test_two_missing_parts_before_one_heading_are_both_reported(lint):
    text = TITLE + OPENING + MEASURES + PLANS + OTHER
    diags = [d for d in lint(text, select="S101")]
    assert sorted(d.extra["data"]["missing_part"] for d in diags) == ["存在的不足和原因", "第一责任人职责情况"]
    assert {d.line for d in diags} == {line_of(text, "四、二〇二四年工作打算")}


def test_every_missing_part_is_printed_even_when_all_belong_at_one_heading(lint):
    text = TITLE + OPENING + OTHER.replace("五、", "一、")
    diags = lint(text, select="S")
    assert codes(diags) == ["S101"] * 4
    assert {d.line for d in diags} == {line_of(text, "一、其他需要报告的情况")}
    assert len({(d.column, d.end_column) for d in diags}) == 4


def test_a_missing_last_part_points_at_line_one(lint):
    text = TITLE + OPENING + MEASURES + PROBLEMS + DUTY
    diags = lint(text, select="S1")
    assert sorted(codes(diags)) == ["S101", "S102"]
    assert all(d.line == 1 for d in diags)
    assert next(d for d in diags if d.code == "S101").extra["data"]["missing_part"] == "下一年度主要安排"


def test_missing_other_matters_is_info(lint):
    diags = lint(TITLE + OPENING + MEASURES + PROBLEMS + DUTY + PLANS, select="S")
    assert codes(diags) == ["S102"] and diags[0].severity.value == "info"
    assert diags[0].extra["data"] == {"missing_part": "其他需要报告的情况"}


def test_run_in_headings_and_headings_with_years_are_parts(lint):
    text = TITLE + OPENING + (
        "一、2023年主要举措和成效。全年办理行政复议案件12件。\n"
        "二、上一年度存在的不足和原因。执法力量不足。\n"
        "三、2023年党政主要负责人履行推进法治建设第一责任人职责的情况。局长带头学法。\n"
        "四、下一年度主要安排。深化普法宣传。\n"
        "五、其他需要报告的情况。无。\n"
    )
    assert lint(text, select="S") == []


def test_a_report_whose_top_level_is_second_level_headings(lint):
    text = TITLE + OPENING + (
        "（一）主要举措及成效\n全年办理行政复议案件12件。\n"
        "（二）存在的问题\n执法力量不足。\n"
        "（三）党政主要负责人履行推进法治建设第一责任人职责情况\n局长带头学法。\n"
        "（四）下一步工作安排\n深化普法宣传。\n"
        "（五）其他需要报告的情况\n无。\n"
    )
    assert lint(text, select="S") == []


def test_measures_set_out_by_topic_count_as_the_measures_part(lint):
    text = TITLE + OPENING + (
        "一、依法全面履行政府职能\n全面梳理权责清单。\n"
        "二、完善依法行政制度体系\n开展规范性文件清理。\n"
        "三、存在的问题\n执法力量不足。\n"
        "四、党政主要负责人履行推进法治建设第一责任人职责情况\n局长带头学法。\n"
        "五、下一步工作计划\n深化普法宣传。\n"
        "六、其他需要报告的情况\n无。\n"
    )
    assert lint(text, select="S") == []


# ---------------------------------------------------------------------------------------------
# S201: a part with content but no heading of its own


def test_part_under_a_generic_heading_is_a_warning_not_a_missing_part(lint):
    text = TITLE + OPENING + (
        "一、总体情况\n局主要负责人切实履行推进法治建设第一责任人职责，定期听取法治工作汇报。\n"
        "二、主要做法\n（一）规范行政执法。执法案卷评查合格率达到98%。\n"
        "三、问题与不足\n执法力量不足。\n"
        "四、下一步打算\n深化普法宣传。\n"
        "五、其他需要报告的情况\n无。\n"
    )
    diags = lint(text, select="S")
    assert codes(diags) == ["S201"]
    d = diags[0]
    assert d.line == line_of(text, "一、总体情况") and d.severity.value == "warning"
    assert "一、总体情况" in d.message and "第一责任人" in d.message
    assert d.extra["data"] == {"missing_part": "第一责任人职责情况"}


def test_an_overview_that_mentions_shortcomings_late_stays_the_measures(lint):
    text = TITLE + OPENING + (
        "一、基本情况\n2023年，我局法治政府建设各项工作有序推进，依法行政水平明显提升，但仍存在一些不足。\n"
        "二、问题与不足\n执法力量不足。\n" + DUTY + PLANS + OTHER
    )
    assert lint(text, select="S") == []


def test_part_written_as_a_second_level_heading(lint):
    text = TITLE + OPENING + (
        "一、主要举措和成效\n（一）规范行政执法。执法案卷评查合格率达到98%。\n"
        "（二）主要负责人履行法治建设第一责任人职责情况。局长带头学法。\n"
        "二、存在的差距\n执法力量不足。\n"
        "三、明年工作安排\n深化普法宣传。\n"
        "四、其他需要报告的情况\n无。\n"
    )
    diags = lint(text, select="S")
    assert codes(diags) == ["S201"]
    assert diags[0].line == line_of(text, "（二）主要负责人") and "下级标题" in diags[0].message


def test_part_only_mentioned_in_a_paragraph(lint):
    text = TITLE + OPENING + (
        "一、主要举措和成效\n（一）规范行政执法。执法案卷评查合格率达到98%。\n"
        "（二）加强组织领导。\n局党组书记认真履行推进法治建设第一责任人职责，亲自部署重要工作。\n"
        "二、存在的差距\n执法力量不足。\n"
        "三、明年工作安排\n深化普法宣传。\n"
        "四、其他需要报告的情况\n无。\n"
    )
    diags = lint(text, select="S")
    assert codes(diags) == ["S201"]
    d = diags[0]
    assert d.line == line_of(text, "局党组书记") and "段落" in d.message
    assert d.source_line[d.column - 1:d.end_column - 1] == "第一责任人"


def test_part_stated_as_an_enumerated_point_inside_a_paragraph(lint):
    text = TITLE + OPENING + (
        "一、坚持党的领导，压实法治政府建设政治责任\n"
        "一是深入学习习近平法治思想，全年专题学习6次。二是压紧压实法治建设第一责任人职责，局长带头部署重要工作。\n"
        "二、存在的差距\n执法力量不足。\n"
        "三、下步工作重点\n深化普法宣传。\n"
        "四、其他需要报告的情况\n无。\n"
    )
    diags = lint(text, select="S")
    assert codes(diags) == ["S201"]
    d = diags[0]
    assert d.source_line[d.column - 1:d.end_column - 1] == "第一责任人"


def test_generic_headings_holding_different_parts_are_no_duplicate(lint):
    # 基本情况 holds the measures by default, 主要做法 too: never a duplicate or an order problem.
    text = TITLE + OPENING + (
        "一、基本情况\n全年办理行政复议案件12件。\n"
        "二、主要做法\n（一）规范行政执法。执法案卷评查合格率达到98%。\n"
        "三、问题与不足\n执法力量不足。\n" + DUTY.replace("三、", "四、") + PLANS.replace("四、", "五、")
        + OTHER.replace("五、", "六、")
    )
    assert lint(text, select="S") == []


# ---------------------------------------------------------------------------------------------
# S202 / S203: order and duplicates


def test_plans_before_shortcomings_is_out_of_order(lint):
    text = TITLE + OPENING + MEASURES + DUTY.replace("三、", "二、") + PLANS.replace("四、", "三、") \
        + PROBLEMS.replace("二、", "四、") + OTHER
    diags = lint(text, select="S202")
    assert len(diags) == 1 and diags[0].line == line_of(text, "四、问题与不足")
    assert "存在的不足和原因" in diags[0].message and "下一年度主要安排" in diags[0].message


def test_duty_before_shortcomings_is_accepted_by_default_but_not_by_the_strict_profile(lint):
    text = TITLE + OPENING + MEASURES + DUTY.replace("三、", "二、") + PROBLEMS.replace("二、", "三、") + PLANS + OTHER
    assert lint(text, select="S") == []
    strict = lint(text, select="S", options={"profile": "strict"})
    assert codes(strict) == ["S202"] and strict[0].line == line_of(text, "三、问题与不足")


def test_duty_may_come_first(lint):
    text = TITLE + OPENING + DUTY.replace("三、", "一、") + MEASURES.replace("一、", "二、") + PROBLEMS.replace("二、", "三、") \
        + PLANS + OTHER
    assert lint(text, select="S") == []


def test_duty_after_next_years_plans_is_out_of_order(lint):
    text = TITLE + OPENING + MEASURES + PROBLEMS + PLANS.replace("四、", "三、") + DUTY.replace("三、", "四、") + OTHER
    diags = lint(text, select="S")
    assert codes(diags) == ["S202"] and diags[0].line == line_of(text, "四、主要负责人")
    assert "第一责任人职责情况" in diags[0].message and "下一年度主要安排" in diags[0].message


def test_measures_after_plans_is_out_of_order(lint):
    text = TITLE + OPENING + PROBLEMS.replace("二、", "一、") + DUTY.replace("三、", "二、") \
        + PLANS.replace("四、", "三、") + MEASURES.replace("一、", "四、") + OTHER
    assert codes(lint(text, select="S202")) == ["S202"]


def test_two_shortcomings_sections_are_a_duplicate(lint):
    text = TITLE + OPENING + MEASURES + PROBLEMS + DUTY + "四、存在的困难和原因\n经费不足。\n" \
        + PLANS.replace("四、", "五、") + OTHER.replace("五、", "六、")
    diags = lint(text, select="S203")
    assert len(diags) == 1 and diags[0].line == line_of(text, "四、存在的困难")
    assert f"第{line_of(text, '二、问题与不足')}行" in diags[0].message


def test_a_repeated_part_out_of_place_is_reported_as_a_duplicate_only(lint):
    text = TITLE + OPENING + MEASURES + PROBLEMS + DUTY + PLANS + "五、存在的困难和原因\n经费不足。\n" \
        + OTHER.replace("五、", "六、")
    diags = lint(text, select="S")
    assert codes(diags) == ["S203"] and diags[0].line == line_of(text, "五、存在的困难")


def test_several_measures_sections_are_no_duplicate(lint):
    text = TITLE + OPENING + MEASURES + "二、取得的成效\n群众满意度提升。\n" + PROBLEMS.replace("二、", "三、") \
        + DUTY.replace("三、", "四、") + PLANS.replace("四、", "五、") + OTHER.replace("五、", "六、")
    assert lint(text, select="S") == []


# ---------------------------------------------------------------------------------------------
# S204: not a 法治政府建设 report


def test_government_information_report_gets_one_note_instead_of_missing_parts(lint):
    text = ("青山县人民政府办公室\n青山县2023年政府信息公开工作年度报告\n\n"
            "本报告根据《中华人民共和国政府信息公开条例》要求编制。\n一、总体情况\n全年主动公开信息3200条。\n"
            "二、主动公开政府信息情况\n见下表。\n三、存在的主要问题及改进情况\n公开质量有待提高。\n")
    diags = lint(text, select="S")
    assert codes(diags) == ["S204"]
    assert diags[0].line == 2 and "政府信息公开工作年度报告" in diags[0].message


def test_work_summary_on_another_subject_gets_one_note(lint):
    text = ("青山镇人民政府\n青山镇2023年工作总结\n\n2023年，全镇经济社会保持平稳发展。\n"
            "一、2023年工作情况\n完成固定资产投资3亿元。\n二、存在的问题\n产业结构单一。\n三、2024年工作打算\n招商引资。\n")
    assert codes(lint(text, select="S")) == ["S204"]


@pytest.mark.parametrize("title, kind", [
    ("青山镇2024年法治政府建设工作要点", "工作要点"),
    ("青山镇2023年度党政主要负责人履行推进法治建设第一责任人职责述法报告", "述法报告"),
])
def test_other_documents_on_the_rule_of_law_get_one_note(lint, title, kind):
    text = f"青山镇人民政府\n{title}\n\n为深入推进法治政府建设，结合我镇实际，制定本文。\n一、指导思想\n坚持依法行政。\n"
    diags = lint(text, select="S")
    assert codes(diags) == ["S204"] and kind in diags[0].message


def test_justice_bureau_work_summary_is_not_judged_as_an_annual_report(lint):
    text = ("青山县司法局\n青山县司法局2023年工作总结\n\n2023年，县司法局围绕法治政府建设中心任务，扎实推进法治政府建设示范创建。\n"
            "一、2023年工作情况\n协调推进法治政府建设，法治政府建设考核位列全市第一，法治政府建设督察整改全部完成。\n"
            "二、存在的问题\n队伍力量不足。\n三、2024年工作思路\n持续推进法治政府建设。\n")
    assert codes(lint(text, select="S")) == ["S204"]


def test_a_title_too_long_for_the_title_block_is_not_judged(lint):
    long_title = "中共青山镇委员会青山镇人民政府关于青山镇二〇二三年度推进法治政府建设工作情况和第一责任人履职情况的报告"
    text = FULL.replace("青山县司法局2023年度法治政府建设情况报告", long_title)
    assert lint(text, select="S2") == []


def test_reports_on_years_before_the_regulation_are_not_held_to_its_parts(lint):
    text = (TITLE + OPENING + MEASURES + PLANS).replace("2023年", "2017年").replace("2023", "2017")
    assert lint(text, select="S1") == []
    assert sorted(codes(lint(text.replace("2017", "2019"), select="S1"))) == ["S101", "S101", "S102"]


def test_untitled_fragment_is_not_judged(lint):
    assert lint("一、主要举措\n二、存在的不足\n四、下一年度安排\n", select="S") == []


# ---------------------------------------------------------------------------------------------
# Profiles


def test_a_profile_file_can_require_more_parts(lint, tmp_path):
    extra = tmp_path / "province.toml"
    extra.write_text(
        '[profiles.province]\nextends = "default"\n'
        'parts = [{ id = "rectify", number = 6, name = "督察整改情况", rank = 4, '
        'heading = ["整改"], beats = ["problems"], required = true }]\n', encoding="utf-8")
    options = {"profile": "province", "profile_files": [str(extra)]}
    diags = lint(FULL, select="S", options=options)
    assert codes(diags) == ["S101"] and diags[0].extra["data"] == {"missing_part": "督察整改情况"}
    fixed = FULL.replace("五、其他需要报告的情况", "五、督察反馈问题整改情况\n已全部整改。\n六、其他需要报告的情况")
    assert lint(fixed, select="S", options=options) == []


def test_a_profile_file_that_is_not_toml_is_named_in_the_error(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[profiles.x\n", encoding="utf-8")
    with pytest.raises(ProfileError, match=f"无法读取报告结构配置文件 {re.escape(str(bad))}："):
        load_profile("x", (str(bad),))


def test_an_unknown_profile_is_reported_not_ignored(lint):
    diags = lint(FULL, select="S", options={"profile": "nonesuch"})
    assert codes(diags) == ["X001"] and "nonesuch" in diags[0].message  # once, not once per rule
    with pytest.raises(ProfileError):
        load_profile("nonesuch")


def test_data_versions_are_reported():
    versions = sections_module.lawlint_data_versions()
    assert versions["sections_profiles"] and versions["sections_forms"]


# ---------------------------------------------------------------------------------------------
# Title block


def test_title_without_year(lint):
    text = FULL.replace("青山县司法局2023年度法治政府建设情况报告", "关于法治政府建设工作情况的报告")
    diags = lint(text, select="S2")
    assert codes(diags) == ["S211"] and diags[0].line == 2 and "2023年" in diags[0].message


@pytest.mark.parametrize("title", ["青山县司法局二〇二三年度法治政府建设情况报告", "关于2023年度法治政府建设工作的报告"])
def test_titles_with_a_year_in_any_form_pass(lint, title):
    assert lint(FULL.replace("青山县司法局2023年度法治政府建设情况报告", title), select="S2") == []


def test_title_split_over_two_lines_is_one_title(lint):
    text = FULL.replace("青山县司法局\n青山县司法局2023年度法治政府建设情况报告\n", "青山县司法局2023年度法治政府建设\n\n情况报告\n")
    assert lint(text, select="S") == []


def test_year_in_a_bracketed_line_under_the_title(lint):
    text = FULL.replace("青山县司法局2023年度法治政府建设情况报告\n", "法治政府建设情况报告\n（2023年度）\n")
    assert lint(text, select="S211") == []


def test_title_naming_the_subject_and_another_task_is_still_this_report(lint):
    text = FULL.replace("青山县司法局2023年度法治政府建设情况报告", "关于2023年度法治政府建设和政府信息公开工作情况的报告")
    assert lint(text, select="S") == []


def test_title_without_subject(lint):
    text = FULL.replace("青山县司法局2023年度法治政府建设情况报告", "青山县司法局2023年度依法行政工作报告")
    diags = lint(text, select="S2")
    assert codes(diags) == ["S212"] and diags[0].line == 2


def test_title_ending_in_another_genre(lint):
    text = FULL.replace("青山县司法局2023年度法治政府建设情况报告", "青山县司法局2023年度法治政府建设工作总结")
    diags = lint(text, select="S2")
    assert codes(diags) == ["S213"]
    d = diags[0]
    assert d.source_line[d.column - 1:d.end_column - 1] == "工作总结"


@pytest.mark.parametrize("addressee", ["县委、县政府", "镇党委、镇政府", "街道党工委", "县委依法治县办"])
def test_addressee_without_colon(lint, addressee):
    text = FULL.replace("青山县司法局2023年度法治政府建设情况报告\n\n", f"青山县司法局2023年度法治政府建设情况报告\n\n{addressee}\n\n")
    diags = lint(text, select="S214")
    assert len(diags) == 1 and diags[0].line == 4
    assert diags[0].fix.edits[0].content == "："


def test_addressee_ending_in_a_comma(lint):
    text = FULL.replace("青山县司法局2023年度法治政府建设情况报告\n\n", "青山县司法局2023年度法治政府建设情况报告\n\n县政府，\n\n")
    diags = lint(text, select="S214")
    assert len(diags) == 1 and diags[0].column == 4 and diags[0].fix.edits[0].content == "："


@pytest.mark.parametrize("line", ["县政府：", "青山县司法局", "（2024年1月10日）"])
def test_addressee_with_colon_or_lines_that_are_not_addressees_pass(lint, line):
    text = FULL.replace("青山县司法局2023年度法治政府建设情况报告\n\n", f"青山县司法局2023年度法治政府建设情况报告\n\n{line}\n\n")
    assert lint(text, select="S214") == []


# ---------------------------------------------------------------------------------------------
# Closing block


@pytest.mark.parametrize("written, right, safe", [
    ("2024年01月15日", "2024年1月15日", True),
    ("2024年1月05日", "2024年1月5日", True),
    ("二〇二四年一月十五日", "2024年1月15日", True),
    ("2024.1.15", "2024年1月15日", True),
    ("2024-01-15", "2024年1月15日", True),
    ("2024 年 1 月 15 日", "2024年1月15日", True),
    ("24.1.15", "2024年1月15日", False),
])
def test_closing_date_written_forms(lint, written, right, safe):
    text = FULL + f"\n青山县司法局\n{written}\n"
    diags = lint(text, select="S221")
    assert len(diags) == 1 and diags[0].line == line_of(text, written)
    assert f"“{right}”" in diags[0].message
    fix = diags[0].fix
    assert fix.edits[0].content == right
    assert (fix.applicability is Applicability.SAFE) == safe


def test_closing_date_without_day(lint):
    diags = lint(FULL + "\n青山县司法局\n2024年1月\n", select="S221")
    assert len(diags) == 1 and "年、月、日" in diags[0].message


@pytest.mark.parametrize("tail", ["\n青山县司法局\n2024年1月15日\n", "\n青山县司法局\n2024年12月31日\n抄送：县委依法治县办。\n",
                                  "\n全年共办理案件12件，于2024年1月15日完成。\n"])
def test_right_dates_and_dates_inside_sentences_pass(lint, tail):
    assert lint(FULL + tail, select="S221") == []


def test_cc_line_form(lint):
    text = FULL + "\n青山县司法局\n2024年1月15日\n抄送区委依法治区办、区司法局\n"
    diags = lint(text, select="S222")
    cc_line = line_of(text, "抄送区委")
    assert [(d.line, d.column) for d in diags] == [(cc_line, 1), (cc_line, 10), (cc_line, 14)]
    assert [d.fix.edits[0].content for d in diags] == ["：", "，", "。"]


@pytest.mark.parametrize("cc", ["抄送：区委依法治区办，区司法局。", "　抄送：区司法局。"])
def test_right_cc_lines_pass(lint, cc):
    assert lint(FULL + f"\n青山县司法局\n2024年1月15日\n{cc}\n", select="S222") == []


@pytest.mark.parametrize("sentence, flagged", [
    ("以上报告，妥否，请批示。", "妥否，请批示"),
    ("当否，请批示。", "当否，请批示"),
    ("以上报告如无不妥，请批转各单位执行。", "请批转各单位执行"),
    ("请予审批。", "请予审批"),
])
def test_request_for_approval_in_a_report(lint, sentence, flagged):
    text = FULL + sentence + "\n"
    diags = lint(text, select="S223")
    assert len(diags) == 1 and diags[0].severity.value == "error"
    d = diags[0]
    assert d.source_line[d.column - 1:d.end_column - 1] == flagged


@pytest.mark.parametrize("sentence", [
    "重大行政决策草案提请审批前，均经合法性审查。",
    "规范性文件报请县政府审批后印发。",
    "特此报告。",
    "对群众申请事项，请示上级后及时答复。",
])
def test_procedure_wording_is_not_a_request(lint, sentence):
    assert lint(FULL + sentence + "\n", select="S223") == []


def test_a_request_document_may_ask_for_approval(lint):
    text = "青山县司法局\n关于增加法律顾问经费的请示\n\n县政府：\n\n因工作需要，拟增加经费5万元。\n妥否，请批示。\n"
    assert lint(text, select="S223") == []


# ---------------------------------------------------------------------------------------------
# Fixtures


def test_bad_fixture_reports_each_structural_defect(lint):
    text = (FIXTURES / "bad" / "sections_structure.txt").read_text(encoding="utf-8")
    got = sorted((d.line, d.code) for d in lint(text, select="S"))
    assert got == [
        (1, "S102"),  # no 其他需要报告的情况
        (2, "S211"),  # title without the year
        (4, "S214"),  # addressee 县委、县政府 without its colon
        (7, "S201"),  # 基本情况 holds the 第一责任人 content
        (14, "S202"),  # shortcomings after the plans
        (16, "S203"),  # a second plans section
        (18, "S223"),  # 妥否，请批示
        (21, "S221"),  # 2025年02月10日
        (22, "S222"), (22, "S222"),  # 、 between organs, no final 。
    ]


@pytest.mark.parametrize("profile", ["default", "strict"])
def test_a_section_that_is_several_parts_lists_them_in_the_profiles_order(profile):
    """Not in a set's order, which follows the process's hash seed: S202 takes the first of two
    parts of equal rank, and must name the same part on every run."""
    loaded = sections_parts.load_profile(profile)
    ids = list(dict.fromkeys(part.id for part in loaded.parts))
    assert len(ids) >= 5
    for first in ids:
        for second in ids:
            if first == second:
                continue
            entry = sections_parts.SectionParts(section=None, parts=frozenset({first, second}), source=None)
            assert [part.id for part in entry.part_list(loaded)] == [i for i in ids if i in (first, second)]
