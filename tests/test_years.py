"""Y rules: report year consistency, milestones, stale plans, anachronisms and dates."""

from datetime import date

import pytest
from conftest import FIXTURES, codes, seed_path
from lawlint.plugins import years


def report(year_title: str, body: str, closing: str = "") -> str:
    """A small report: title, an opening paragraph, then ``body`` (headings and paragraphs)."""
    text = f"{year_title}\n\n{body}"
    if closing:
        text += f"\n\nXX镇人民政府\n{closing}\n"
    return text


TITLE_2023 = "关于2023年法治政府建设情况的报告"
OPEN_2023 = "2023年，我镇坚持依法行政，现将有关情况报告如下：\n"


# --- Y101 heading-year -----------------------------------------------------------------------


def test_heading_with_last_years_year_is_flagged_on_the_year(lint):
    text = report(TITLE_2023, OPEN_2023 + "一、2022年推进法治政府建设的主要举措和成效\n我镇完善了制度。\n")
    diags = lint(text, select="Y101")
    assert codes(diags) == ["Y101"]
    d = diags[0]
    assert (d.line, d.column, d.end_column) == (4, 3, 7)
    assert "2022年" in d.message and "2023年" in d.message


def test_next_year_part_must_name_the_following_year(lint):
    body = OPEN_2023 + "一、2023年推进法治政府建设的主要举措和成效\n二、2023年推进法治政府建设的工作思路和主要安排\n"
    diags = lint(report(TITLE_2023, body), select="Y101")
    assert [(d.line, d.code) for d in diags] == [(5, "Y101")]
    assert "2024年" in diags[0].message


def test_next_year_part_with_the_following_year_is_silent(lint):
    body = (OPEN_2023 + "一、2023年推进法治政府建设的主要举措和成效\n二、2023年党政主要负责人履行第一责任人职责情况\n"
            "三、2023年推进法治政府建设存在的不足和原因\n四、2024年推进法治政府建设的工作思路目标举措\n"
            "五、其他需要报告的情况\n")
    assert lint(report(TITLE_2023, body), select="Y") == []


@pytest.mark.parametrize("heading", ["一、2023年存在的问题及下一步打算", "二、2024年拟开展的重点工作",
                                     "三、2024年工作要点"])
def test_plan_headings_and_mixed_headings_are_silent(lint, heading):
    assert lint(report(TITLE_2023, OPEN_2023 + heading + "\n"), select="Y101") == []


@pytest.mark.parametrize("heading", [
    "一、2016—2020年普法工作回顾",
    "一、2018年以来法治政府建设的主要举措",
    "一、主要举措（较2022年明显提升）",
    "一、贯彻《法治政府建设实施纲要（2021—2025年）》情况",
    "一、截至2023年底法治政府建设情况",
    "一、2023年推进法治政府建设的主要举措和成效（2024年1月统计）",
    "一、2022年12月，区委依法治区办来我镇督导检查",
    "一、强化组织领导，2022年共召开专题会议4次",
])
def test_years_that_do_not_name_the_part_are_silent(lint, heading):
    assert lint(report(TITLE_2023, OPEN_2023 + heading + "\n"), select="Y101") == []


def test_heading_year_needs_a_trusted_report_year(lint):
    # No year in the title or the opening: the report year would only be guessed from the date.
    text = "法治政府建设情况报告\n\n我镇坚持依法行政。\n一、2021年主要举措和成效\n\nXX镇人民政府\n2023年1月5日\n"
    assert lint(text, select="Y101") == []


def test_title_and_opening_in_conflict_report_once(lint):
    # Y102 reports the conflict; headings that fit the opening's year are not reported again.
    body = ("2022年，我镇坚持依法行政。\n一、2022年推进法治政府建设的主要举措和成效\n"
            "二、2023年推进法治政府建设的主要安排\n2023年，我镇将继续推进。\n")
    diags = lint(report("2023年法治政府建设情况报告", body), select="Y")
    assert codes(diags) == ["Y102"]


def test_report_year_override_is_used(lint):
    text = "法治政府建设情况报告\n\n我镇坚持依法行政。\n一、2021年主要举措和成效\n"
    assert codes(lint(text, select="Y101", report_year=2022)) == ["Y101"]
    assert lint(text, select="Y101", report_year=2021) == []


# --- Y102 opening-year -----------------------------------------------------------------------


def test_opening_year_that_contradicts_the_title(lint):
    diags = lint(report("2021年法治政府建设情况报告", "2022年，我镇全面推进依法行政。\n"), select="Y102")
    assert codes(diags) == ["Y102"]
    assert (diags[0].line, diags[0].column, diags[0].end_column) == (3, 1, 5)


def test_opening_report_sentence_that_contradicts_the_title(lint):
    body = "根据上级要求，现就我街道2020年度法治政府建设情况报告如下：\n一、主要举措\n"
    diags = lint(report("关于2021年度法治政府建设情况的报告", body), select="Y102")
    assert codes(diags) == ["Y102"] and "2020年" in diags[0].message


@pytest.mark.parametrize("opening", [
    "2018年以来，我镇持续推进依法行政。",
    "2021年在区委、区政府的正确领导下，我镇全面推进依法行政。",
    "今年以来，我镇在区委的领导下推进依法行政。",
    "2021年1月至12月，我镇共召开专题会议6次。",
])
def test_openings_that_agree_or_name_no_report_year_are_silent(lint, opening):
    assert lint(report("2021年法治政府建设情况报告", opening + "\n"), select="Y102") == []


# --- Y103 plan-year --------------------------------------------------------------------------


def test_plan_sentence_with_the_report_year_is_flagged(lint):
    body = (OPEN_2023 + "一、主要举措和成效\n我镇完善了制度。\n二、下一步工作计划\n一是加强学习。2023年，我镇将继续深化法治建设。\n"
            "2022年我镇要进一步完善制度。\n")
    diags = lint(report(TITLE_2023, body), select="Y103")
    assert [(d.line, d.column) for d in diags] == [(7, 8), (8, 1)]


def test_plan_sentences_that_look_back_or_ahead_are_silent(lint):
    body = (OPEN_2023 + "一、主要举措和成效\n2022年，我镇将制度汇编成册。\n二、下一步工作计划\n"
            "2023年，我镇取得了一定成绩。2024年，我镇将继续深化法治建设。到2022年底已完成的任务将巩固。"
            "2023年，我镇主要存在执法力量不足的问题。\n")
    assert lint(report(TITLE_2023, body), select="Y103") == []


# --- Y104 results-year -----------------------------------------------------------------------


def test_work_done_in_a_later_year_is_flagged(lint):
    body = ("2021年，我镇推进依法行政。\n一、主要举措和成效\n一是化解矛盾。2022年共调解成功各类民事纠纷256件。\n"
            "二是2023年，全镇累计发放宣传资料3000余份。\n")
    diags = lint(report("2021年法治政府建设情况报告", body), select="Y104")
    assert [(d.line, d.column) for d in diags] == [(5, 8), (6, 3)]


@pytest.mark.parametrize("sentence", [
    "2022年，我镇将继续深化调解工作，力争调解成功率达到99%。",
    "2022年我镇要进一步完善制度。",
    "2020年共调解纠纷210件，2021年共调解256件。",
    "到2025年，全镇基本建成法治政府。",
    "2022年以来，我镇共开展宣传12场。",
    "2022年1月，我镇召开总结会。",
    "2016—2022年累计培训干部300人次。",
    "《2022年全镇普法宣传清单》共列出任务12项。",
    "截至2022年，全镇共建成法治文化阵地12个。",
    "全年调解纠纷312件，较2022年，全镇共减少20件。",
])
def test_plans_comparisons_and_dates_are_silent(lint, sentence):
    body = "2021年，我镇推进依法行政。\n一、主要举措和成效\n" + sentence + "\n"
    assert lint(report("2021年法治政府建设情况报告", body), select="Y104") == []


def test_next_year_part_is_not_checked_for_results(lint):
    body = "2021年，我镇推进依法行政。\n一、主要举措和成效\n我镇完善了制度。\n二、下一年度工作计划\n2022年，全镇共开展培训4次。\n"
    assert lint(report("2021年法治政府建设情况报告", body), select="Y104") == []


# --- Y201 milestone-year ---------------------------------------------------------------------


@pytest.mark.parametrize("title,sentence", [
    ("2021年法治政府建设情况报告", "今年是“八五”普法的第二年，我镇制定了普法计划。"),
    ("2023年法治政府建设情况报告", "今年是八五普法规划实施的第二年。"),
    ("2022年法治政府建设情况报告", "今年是建党100周年，我镇开展了系列活动。"),
    ("2022年法治政府建设情况报告", "2022年是“十四五”规划开局之年。"),
    ("2021年法治政府建设情况报告", "2021年是“七五”普法收官之年。"),
    ("2020年法治政府建设情况报告", "2020年是新中国成立70周年。"),
    ("2022年法治政府建设情况报告", "今年是建党百年，我镇开展了系列活动。"),
    ("2022年法治政府建设情况报告", "今年是党的二十大召开之年，也是“八五”普法的第三年。"),
])
def test_milestone_that_does_not_fit_the_year(lint, title, sentence):
    diags = lint(report(title, "我镇全面推进依法行政。" + sentence + "\n"), select="Y201")
    assert codes(diags) == ["Y201"], sentence


@pytest.mark.parametrize("title,sentence", [
    ("关于2022年法治政府建设工作情况的报告", "今年是“八五”普法的第二年，我镇拟好“八五”普法工作计划。"),
    ("2021年法治政府建设情况报告", "2021年是中国共产党成立100周年，是“十四五”开局之年，也是“八五”普法启动之年。"),
    ("2020年法治政府建设情况报告", "2020年是“七五”普法收官之年，也是“十三五”规划收官之年。"),
    ("2021年法治政府建设情况报告", "今年是建党一百周年。"),
    ("2022年法治政府建设情况报告", "去年是建党100周年，今年是我镇连续第三年获评先进。"),
    ("2023年法治政府建设情况报告", "今年是全面贯彻党的二十大精神的开局之年，也是八五普法的关键之年。"),
    ("2024年法治政府建设情况报告", "在建党100周年之际，我镇开展了主题活动。"),
    ("2022年法治政府建设情况报告", "2022年是党的二十大召开之年，我镇回顾了建党100周年系列活动。"),
    ("2020年法治政府建设情况报告", "2016—2020年是“七五”普法实施期，2016年至2020年是我镇连续第五年获评先进。"),
])
def test_milestones_that_fit_or_are_not_dated_are_silent(lint, title, sentence):
    assert lint(report(title, "我镇全面推进依法行政。" + sentence + "\n"), select="Y201") == []


def test_this_year_in_the_plan_part_may_mean_the_following_year(lint):
    body = ("我镇全面推进依法行政。\n一、主要举措和成效\n我镇完善了制度。\n二、下一年度工作安排\n"
            "今年是“八五”普法的第三年，我镇将继续推进。\n")
    assert lint(report("2022年法治政府建设情况报告", body), select="Y201") == []


def test_milestone_span_covers_the_milestone(lint):
    text = report("2021年法治政府建设情况报告", "今年是“八五”普法的第二年。\n")
    [d] = lint(text, select="Y201")
    assert text.split("\n")[d.line - 1][d.column - 1:d.end_column - 1] == "“八五”普法的第二年"
    assert "2022年" in d.message


# --- Y202 stale-plan -------------------------------------------------------------------------


def test_seven_five_plan_carried_out_in_2022_is_stale(lint):
    diags = lint(report("2022年法治政府建设情况报告", "2022年，我镇深入开展“七五”普法，成效明显。\n"), select="Y202")
    assert codes(diags) == ["Y202"]


def test_plan_carried_out_before_it_began(lint):
    text = report("2020年法治政府建设情况报告", "2020年，我镇深入开展“八五”普法，成效明显。\n")
    diags = lint(text, select="Y202")
    assert codes(diags) == ["Y202"] and "尚未开始" in diags[0].message


def test_preparing_the_next_plan_is_silent(lint):
    body = ("2020年，我镇谋划“八五”普法，做好“七五”“八五”普法衔接。\n一、主要举措和成效\n我镇完善了制度。\n"
            "二、下一年度工作安排\n深入推进“八五”普法。\n")
    assert lint(report("2020年法治政府建设情况报告", body), select="Y202") == []


@pytest.mark.parametrize("title,sentence", [
    ("2021年法治政府建设情况报告", "2021年，我镇做好“七五”普法总结验收工作。"),
    ("2021年法治政府建设情况报告", "我镇获评全国“七五”普法先进单位。"),
    ("2020年法治政府建设情况报告", "2020年，我镇深入推进“七五”普法。"),
    ("2022年法治政府建设情况报告", "“七五”普法期间，我镇累计开展活动200余场，目前深入推进“八五”普法。"),
    ("2021年法治政府建设情况报告", "我镇圆满完成七五普法各项任务，启动八五普法。"),
])
def test_looking_back_at_a_finished_plan_is_silent(lint, title, sentence):
    assert lint(report(title, sentence + "\n"), select="Y202") == []


# --- Y203 anachronism ------------------------------------------------------------------------


@pytest.mark.parametrize("title,sentence", [
    ("2019年法治政府建设情况报告", "2019年，我镇坚持以习近平法治思想为指导。"),
    ("2021年法治政府建设情况报告", "2021年，我镇认真学习贯彻党的二十大精神。"),
    ("2021年法治政府建设情况报告", "党的二十大报告指出，要扎实推进依法行政。"),
    ("2020年法治政府建设情况报告", "《民法典》施行以来，我镇依法调处婚姻家庭纠纷。"),
    ("2020年法治政府建设情况报告", "依据《中华人民共和国民法典》第一千零七十九条调解离婚纠纷。"),
    ("2020年法治政府建设情况报告", "我镇对照《法治政府建设实施纲要（2021—2025年）》查找差距。"),
    ("2020年法治政府建设情况报告", "我镇对照《法治政府建设实施纲要(2021-2025年)》查找差距。"),
    ("2022年法治政府建设情况报告", "我镇深入学习贯彻党的二十届三中全会精神。"),
    ("2019年法治政府建设情况报告", "我镇认真贯彻中央全面依法治国工作会议精神。"),
])
def test_references_to_later_events(lint, title, sentence):
    assert codes(lint(report(title, sentence + "\n"), select="Y203")) == ["Y203"], sentence


@pytest.mark.parametrize("title,sentence", [
    ("2020年法治政府建设情况报告", "2020年，我镇深入学习宣传习近平法治思想。"),
    ("2021年法治政府建设情况报告", "以优异成绩迎接党的二十大胜利召开。"),
    ("2022年法治政府建设情况报告", "喜迎党的二十大，深入学习贯彻党的二十大精神。"),
    ("2021年法治政府建设情况报告", "为党的二十大召开营造安全稳定的社会环境。"),
    ("2021年法治政府建设情况报告", "认真落实党的二十大代表选举工作，学习贯彻党的二十大召开前夕的部署。"),
    ("2020年法治政府建设情况报告", "我镇大力宣传民法典，学习《民法典》，民法典颁布以来开展宣讲12场。"),
    ("2020年法治政府建设情况报告", "根据民法典精神清理规范性文件，为民法典施行做好准备。"),
    ("2020年法治政府建设情况报告", "《民法典》将于2021年1月1日起施行，我镇提前组织学习。"),
    ("2020年法治政府建设情况报告", "为确保《民法典》实施后各项工作顺利衔接，开展文件清理。"),
    ("2021年法治政府建设情况报告", "深入学习贯彻党的十九届六中全会精神。"),
    ("2019年法治政府建设情况报告", "深入学习贯彻党的十九大精神。"),
    ("2020年法治政府建设情况报告", "认真贯彻中央全面依法治国工作会议精神，学习习近平新时代中国特色社会主义思想。"),
    ("2019年法治政府建设情况报告", "配合起草法治社会建设实施纲要、法治中国建设规划。"),
    ("2020年法治政府建设情况报告", "2016年是《纲要》施行的第一年，今年是《纲要》收官之年。"),
])
def test_timely_or_forward_looking_mentions_are_silent(lint, title, sentence):
    assert lint(report(title, sentence + "\n"), select="Y203") == [], sentence


# --- Y204 impossible-date --------------------------------------------------------------------


@pytest.mark.parametrize("sentence,bad", [
    ("2021年4月31日，我镇召开会议。", "2021年4月31日"),
    ("2月30日开展宣传。", "2月30日"),
    ("2021年2月29日开展宣传。", "2021年2月29日"),
    ("2021年13月完成清理。", "2021年13月"),
    ("二〇二一年九月三十一日召开会议。", "二〇二一年九月三十一日"),
    ("13月5日召开会议。", "13月5日"),
])
def test_impossible_dates(lint, sentence, bad):
    text = report("2021年法治政府建设情况报告", sentence + "\n")
    [d] = lint(text, select="Y204")
    assert text.split("\n")[d.line - 1][d.column - 1:d.end_column - 1] == bad


@pytest.mark.parametrize("sentence", [
    "2020年2月29日召开会议，2月29日前完成，12月31日前办结。",
    "1-10月共办理案件30件，3月至5月开展专项整治。",
    "开展“3.15”“6.26”宣传活动，每月15日为学法日。",
    "二〇二一年九月三十日召开会议，十一月十一日开展宣传。",
    "连续12个月未发生案件。",
    "农历二月三十日举办庙会普法活动。",
])
def test_possible_dates_and_date_like_text_are_silent(lint, sentence):
    assert lint(report("2021年法治政府建设情况报告", sentence + "\n"), select="Y204") == []


# --- Y205–Y207 closing date ------------------------------------------------------------------


def test_seed_002_closing_date_inside_the_report_year_is_found(lint):
    diags = lint(seed_path("002").read_text(encoding="utf-8"), select="Y")
    assert [(d.line, d.column, d.code) for d in diags] == [(39, 1, "Y205")]
    assert "2020年9月18日" in diags[0].message


@pytest.mark.parametrize("closing,expected", [
    ("2021年12月31日", ["Y205"]),
    ("2022年1月1日", []),
    ("2022年3月31日", []),
    ("2022年4月1日", ["Y206"]),
    ("2024年2月1日", ["Y206"]),
    ("2027年1月1日", ["Y207"]),  # after today (2026-11-23): the future date says more
    ("二〇二二年二月十日", []),
])
def test_closing_date_window(lint, closing, expected):
    text = report("2021年法治政府建设情况报告", "2021年，我镇推进依法行政。\n", closing)
    assert sorted(codes(lint(text, select="Y2"))) == expected


def test_bracketed_date_under_the_title_is_the_date_of_writing(lint):
    text = "2021年法治政府建设情况报告\n（2021年11月30日）\n\n2021年，我镇推进依法行政。\n"
    diags = lint(text, select="Y2")
    assert [(d.code, d.line, d.column) for d in diags] == [("Y205", 2, 2)]
    text = "2021年法治政府建设情况报告\n（2022年1月30日）\n\n2021年，我镇推进依法行政。会议于（2021年5月1日）召开。\n"
    assert lint(text, select="Y2") == []


def test_half_year_report_may_be_dated_inside_the_year(lint):
    text = report("2021年上半年法治政府建设工作情况报告", "2021年，我镇推进依法行政。\n", "2021年7月5日")
    assert lint(text, select="Y205") == []


def test_closing_date_rules_need_a_report_year_not_read_from_the_date(lint):
    text = "法治政府建设情况报告\n\n我镇推进依法行政。\n\nXX镇人民政府\n2022年9月1日\n"
    assert lint(text, select="Y205,Y206") == []


def test_future_date_follows_the_injected_today(lint):
    text = report("2025年法治政府建设情况报告", "2025年，我镇推进依法行政。\n", "2026年3月1日")
    assert lint(text, select="Y207", today=date(2026, 11, 23)) == []
    assert codes(lint(text, select="Y207", today=date(2026, 2, 1))) == ["Y207"]


def test_work_dated_after_today_among_the_results(lint):
    body = ("2025年，我镇推进依法行政。\n一、主要举措和成效\n2027年3月5日，我镇召开专题会议。我镇于2026年12月1日开展宣传。"
            "我镇将于2027年1月10日召开总结会，2027年3月31日前完成清理，《条例》自2027年1月1日起施行。\n"
            "二、下一年度工作安排\n2027年2月1日召开动员会。\n")
    diags = lint(report("2025年法治政府建设情况报告", body), select="Y207", today=date(2026, 11, 23))
    assert [(d.line, d.column) for d in diags] == [(5, 1), (5, 23)]


def test_report_year_in_the_future(lint):
    text = report("2032年法治政府建设情况报告", "我镇推进依法行政。\n")
    diags = lint(text, select="Y207", today=date(2026, 11, 23))
    assert codes(diags) == ["Y207"] and diags[0].line == 1


# --- fixtures --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["years_consistent.txt", "years_2020_report.txt"])
def test_fixtures_with_consistent_years_are_silent(lint, name):
    text = (FIXTURES / "good" / name).read_text(encoding="utf-8")
    assert lint(text, select="Y") == []


def test_fixture_with_injected_year_defects(lint):
    text = (FIXTURES / "bad" / "years_inconsistent.txt").read_text(encoding="utf-8")
    found = [(d.line, d.column, d.code) for d in lint(text, select="Y")]
    assert found == [
        (6, 3, "Y101"),  # "一、2020年推进…" in a report on 2021 (title and opening)
        (7, 18, "Y201"),  # "今年是“八五”普法的第二年" in 2021 (the second year is 2022)
        (7, 35, "Y202"),  # "深入开展“七五”普法" in 2021
        (7, 48, "Y203"),  # "学习贯彻党的二十大精神" in a report on 2021
        (7, 56, "Y204"),  # "2021年4月31日"
        (8, 13, "Y104"),  # "2022年，全镇共调解纠纷312件" among the 2021 results
        (13, 3, "Y101"),  # plan part "2021年…主要安排" should be 2022
        (14, 1, "Y103"),  # "2021年，我镇将…" in the plan part
        (19, 1, "Y205"),  # dated 2021-09-18, before the report year ended
    ]


# --- the anchored searches give what a scan of the whole text gives ----------------------------
#
# The rules find subjects, dates, years and plan names from a literal anchor ("年", "月", "五")
# instead of scanning the text; on any text they must find exactly what the scan finds.

_PIECES = list("0123456789０１〇零一二三四五六七八九十年月日号度今本是正值恰逢，,。 \n—-至农历[]") + [
    "[bookmark: x]", "\u200b", "2020", "2021年", "一、", "（一）", "今年是", "2019年，是", "八五", "七五",
    "“", "”", "普法", "四、下一年度工作计划\n"]


def _random_texts(count=400, seed=7):
    import random
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 50))) for _ in range(count)]


def test_anchored_searches_match_the_whole_text_scans():
    import re

    from lawlint.parse import parse_document

    heads = {head for plan in years.knowledge().plans for head in plan.heads}
    for text in _random_texts():
        doc = parse_document(text)
        assert [m.span() for m in years._subjects(text)] == [m.span() for m in years._SUBJECT.finditer(text)]
        assert list(years._document_dates(doc)) == list(years._written_dates(doc.text))
        assert list(years._dates_in(text, 7)) == list(years._written_dates(text, 7))
        assert [m.span() for m in years._year_months(doc)] == [m.span() for m in years._YEAR_MONTH.finditer(doc.text)]
        assert years._heads_written(text) == {head for head in heads if head in text}
        named = {offset for part in (True, False) for _, offset in years._years_named(doc, part)}
        for para in doc.paragraphs:  # every year before "年" that a paragraph rule can read
            for m in re.finditer(r"(?=(?:[0-9]{4}|[〇零一二三四五六七八九]{4})\s*年)", para.text):
                assert para.span.start + m.start() in named, (text, para.text)


def test_years_before_nian_are_found_through_blanked_residue():
    from lawlint.parse import parse_document

    # The parser reads a run-in body with the zero-width space blanked: "2031 年".
    text = "2021年法治政府建设情况报告\n\n2021年，我镇推进。\n一、主要举措。2031\u200b年，我镇共调解纠纷。\n"
    doc = parse_document(text)
    assert (2031, text.index("2031")) in years._years_named(doc, in_next_year_part=False)


def test_every_piece_of_residue_begins_with_one_of_the_parsers_openings():
    # RESIDUE_OPENINGS tells the Y rules when a run-in body differs from the text.
    from lawlint.parse import _RESIDUE, RESIDUE_OPENINGS

    text = "[bookmark: _GoBack]一、\u200b\u200c\u200d\u2060\ufeff标题[bookmark: x]"
    pieces = [m.group() for m in _RESIDUE.finditer(text)]
    assert len(pieces) == 7
    assert all(piece.startswith(RESIDUE_OPENINGS) for piece in pieces)


def test_event_needles_are_in_every_mention():
    for event in years.knowledge().events:
        for mention in ("党的二十大", "二十大", "法治政府建设实施纲要(2021-2025年)", "民法典", "十九届六中全会"):
            if event.pattern.search(mention):
                assert any(needle in mention for needle in event.needles), (event.key, mention)


# --- data ------------------------------------------------------------------------------------


def test_knowledge_file_loads_and_has_a_version():
    data = years.knowledge()
    assert data.version
    assert years.lawlint_data_versions() == {"years_knowledge": data.version}
    plans = {p.key: (p.start, p.end) for p in data.plans}
    assert plans["七五普法"] == (2016, 2020) and plans["八五普法"] == (2021, 2025)
    events = {e.key: e.when for e in data.events}
    assert events["二十大"] == date(2022, 10, 16) and events["民法典施行"] == date(2021, 1, 1)


def test_seeds_print_only_the_reviewed_y_diagnostic(lint):
    found = []
    for prefix in ("000", "001", "002", "003", "004"):
        found += [(prefix, d.line, d.code) for d in lint(seed_path(prefix).read_text(encoding="utf-8"), select="Y")]
    assert found == [("002", 39, "Y205")]


def test_long_report_is_linted_in_linear_time(lint):
    # Thirty seeds end to end (~450,000 characters): an unbounded backward search per match made
    # this take minutes; bounded by the line it takes well under a second.
    import time

    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("seeds/*.txt"))) * 30
    started = time.perf_counter()
    lint(text, select="Y")
    assert time.perf_counter() - started < 10
