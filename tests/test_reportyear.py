"""The shared report-year finder: title, opening, closing date, override; and how it was found."""

import pytest
from conftest import seed_path
from lawlint.parse import parse_document
from lawlint.reportyear import opening_years, report_year, standalone_years, title_year


def year_of(text, override=None):
    found = report_year(parse_document(text), override)
    return found.year, found.source


@pytest.mark.parametrize("prefix,expected", [
    ("000", (2021, "title")),
    ("001", (2022, "title")),
    ("002", (2020, "opening")),  # "现就双河街道2020年度法治政府建设情况报告如下"
    ("003", (2023, "title")),
    ("004", (2021, "title")),  # title split over two lines
])
def test_seed_report_years(prefix, expected):
    doc = parse_document(seed_path(prefix).read_text(encoding="utf-8"))
    found = report_year(doc)
    assert (found.year, found.source) == expected
    assert doc.text[found.span.start:found.span.end] == str(expected[0])


def test_title_year_written_in_chinese_digits():
    assert year_of("二〇二二年度法治政府建设情况报告\n\n我镇推进依法行政。\n") == (2022, "title")


def test_title_year_skips_a_cited_title_and_a_range():
    text = "关于落实《纲要（2015—2020年）》及2019年度工作的报告\n\n我镇推进依法行政。\n"
    assert year_of(text) == (2019, "title")


def test_bracketed_year_under_the_title_counts_as_the_title_year():
    assert year_of("法治政府建设情况报告\n（2023年度）\n\n我镇推进依法行政。\n") == (2023, "title")
    # A bracketed full date under the title is the date of writing, not the report year.
    text = "法治政府建设情况报告\n（2024年1月10日）\n\n我镇推进依法行政。\n"
    assert year_of(text) == (None, "none")


def test_title_with_only_a_range_falls_back_to_the_opening():
    text = "关于2016—2020年法治政府建设情况的报告\n\n2020年，我镇推进依法行政。\n"
    assert year_of(text) == (2020, "opening")


@pytest.mark.parametrize("opening,expected", [
    ("2021年，我镇坚持依法行政。", (2021, "opening")),
    ("2021年度，我镇坚持依法行政。", (2021, "opening")),
    ("2021年在区委、区政府的正确领导下，我镇坚持依法行政。", (2021, "opening")),
    ("2020年是“七五”普法收官之年。", (2020, "opening")),
    ("根据《法治政府建设与责任落实督察工作规定》要求，现就XX街道2020年度法治政府建设情况报告如下：",
     (2020, "opening")),
    ("2018年以来，我镇坚持依法行政。", (None, "none")),
    ("2021年1月，区委印发了工作要点。", (None, "none")),
])
def test_opening_sentence(opening, expected):
    assert year_of(f"法治政府建设情况报告\n\n{opening}\n") == expected


def test_report_sentence_wins_over_a_first_sentence_year():
    text = "法治政府建设情况报告\n\n2021年，我镇坚持依法行政。现将我镇2020年度法治政府建设情况报告如下：\n"
    doc = parse_document(text)
    assert [y for y, _ in opening_years(doc)] == [2021, 2020]
    assert report_year(doc).year == 2020


@pytest.mark.parametrize("closing,expected", [
    ("2022年1月10日", 2021),
    ("2022年3月31日", 2021),
    ("二〇二二年二月十日", 2021),
    ("2020年9月18日", 2020),  # an in-year report, as seed 002 would be without its opening
    ("二〇二〇年十二月一日", 2020),
])
def test_closing_date_is_the_last_resort(closing, expected):
    text = f"法治政府建设情况报告\n\n我镇坚持依法行政。\n\nXX镇人民政府\n{closing}\n"
    assert year_of(text) == (expected, "closing-date")


def test_override_wins():
    assert year_of("2021年法治政府建设情况报告\n\n正文。\n", override=2023) == (2023, "override")


def test_standalone_years():
    text = "2016—2020年，2018年以来，《纲要（2015—2020年）》，较2022年，2023年"
    assert [y for y, _ in standalone_years(text)] == [2022, 2023]


def test_title_year_none_without_a_year():
    assert title_year(parse_document("法治政府建设情况报告\n\n正文。\n")) is None
