"""The year a report is about, found once per document and shared by every rule that needs it.

Order of evidence (issue: report year): a configured override; the title ("2021年法治政府建设
情况报告"); the opening ("现就XX街道2020年度法治政府建设情况报告如下", or an opening sentence that
starts "2023年，"); the closing date minus one (reports on year Y are dated early in Y+1), or the
closing date's own year when it falls in July or later (an in-year report).
"""

from __future__ import annotations

import re
from collections import namedtuple
from itertools import islice

from .document import Document, Span
from .regexhint import lazy

_DIGIT_VALUE = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"零": 0}
# A four-digit year, in Arabic digits or written digit by digit ("二〇二三"), not part of a longer
# number.
YEAR_PATTERN = lazy(r"(?<![0-9０-９])((?:19|20)[0-9]{2})(?![0-9０-９])|([零〇一二三四五六七八九]{4})(?=年)", hint=True)
_OPENING_REPORT = lazy(
    r"(?:现就|现将|就)[^。：:]{0,30}?((?:19|20)[0-9]{2})\s*年度?[^。：:]{0,20}?法治[^。：:]{0,20}?报告"
)
# "2023年，我镇…", "2021年在区委…", "2020年是…收官之年"; not "2018年以来" or "2021年1月".
_OPENING_YEAR = lazy(r"^((?:19|20)[0-9]{2})\s*年(?:度)?(?:[，,、]|是|在|我|全|本)")
_OPENING_PARAGRAPHS = 3


class ReportYear(namedtuple("_ReportYear", "year source span", defaults=(None,))):
    """The year (an int, or None), where it came from ("override", "title", "opening",
    "closing-date" or "none") and the Span it was read from, when it was read from the text."""

    __slots__ = ()

    @property
    def known(self) -> bool:
        return self.year is not None


def year_value(match: re.Match) -> int:
    """The integer year of a YEAR_PATTERN match."""
    if match.group(1):
        return int(match.group(1))
    return int("".join(str(_DIGIT_VALUE[ch]) for ch in match.group(2)))


def _year_in(text: str, offset: int) -> tuple[int, Span] | None:
    match = YEAR_PATTERN.search(text)
    if match is None:
        return None
    return year_value(match), Span(offset + match.start(), offset + match.end())


# Years that are not the report year even in a title: one end of a range ("2016—2020年"), a
# starting point ("2018年以来"), or a year inside a cited title ("《…纲要（2015—2020年）》").
_RANGE_MARK = "—–－-~～至到"
_NOT_REPORT_YEAR_AFTER = lazy(r"\s*年?\s*(?:[—–－\-~～至到]|以来|以前|之前|起)")


def _is_standalone_year(text: str, match: re.Match) -> bool:
    before = text[: match.start()].rstrip()
    if before and before[-1] in _RANGE_MARK:
        return False
    if _NOT_REPORT_YEAR_AFTER.match(text, match.end()):
        return False
    return before.count("《") <= before.count("》")


def standalone_years(text: str, offset: int = 0) -> list[tuple[int, Span]]:
    """Years in ``text`` that can name a report year: not range ends, not "以来", not in 《》."""
    return [
        (year_value(m), Span(offset + m.start(), offset + m.end()))
        for m in YEAR_PATTERN.finditer(text)
        if _is_standalone_year(text, m)
    ]


# A year given in a short bracketed line right under the title: "（2023年度）"; not a date.
_YEAR_SUBTITLE = lazy(r"^[（(][^（）()月日]{4,12}[）)]$")


def title_year(doc: Document) -> tuple[int, Span] | None:
    """The first standalone year of the title (or of a "（2023年度）" line under it), with its span."""
    # Read once per document: the report year and several Y rules ask for it.
    return doc.fact("reportyear.title_year", _title_year)


def _title_year(doc: Document) -> tuple[int, Span] | None:
    for line in doc.title_block.title_lines:
        found = standalone_years(line.text, line.start)
        if found:
            return found[0]
    if doc.title_block.title_lines:
        last = doc.title_block.title_lines[-1].number
        following = next((line for line in doc.lines if line.number > last and line.content), None)
        if following is not None and _YEAR_SUBTITLE.match(following.content):
            found = standalone_years(following.text, following.start)
            if found:
                return found[0]
    return None


def opening_years(doc: Document) -> list[tuple[int, Span]]:
    """Years the opening gives for the report: "现就…2020年度…报告如下" and "2023年，我镇…"."""
    # Read once per document (a fresh list each time, so a caller may change its own).
    return list(doc.fact("reportyear.opening_years", _opening_years))


def _opening_years(doc: Document) -> tuple[tuple[int, Span], ...]:
    paragraphs = list(islice((p for p in doc.paragraphs if not p.run_in), _OPENING_PARAGRAPHS))
    found: list[tuple[int, Span]] = []
    if paragraphs:
        match = _OPENING_YEAR.match(paragraphs[0].text)
        if match:
            start = paragraphs[0].span.start + match.start(1)
            found.append((int(match.group(1)), Span(start, start + 4)))
    for para in paragraphs:
        match = _OPENING_REPORT.search(para.text)
        if match:
            start = para.span.start + match.start(1)
            found.append((int(match.group(1)), Span(start, start + 4)))
            break
    return tuple(found)


def _from_title(doc: Document) -> ReportYear | None:
    found = title_year(doc)
    if found:
        return ReportYear(found[0], "title", found[1])
    return None


def _from_opening(doc: Document) -> ReportYear | None:
    found = opening_years(doc)
    if not found:
        return None
    # "现就…2020年度…报告如下" names the report year outright; prefer it to a first sentence's year.
    year, span = found[-1]
    return ReportYear(year, "opening", span)


# The month of the closing date, in Arabic or Chinese numerals ("2022年1月10日", "二〇二二年一月十日").
_CLOSING_MONTH = lazy(r"年\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,2})\s*月")
_CN_MONTH = {name: i for i, name in enumerate(
    ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"], start=1)}
# Annual reports are written early in the following year; one dated in the second half of a year
# is an in-year report on that same year (seed 002: "2020年9月18日", report on 2020).
_SAME_YEAR_FROM_MONTH = 7


def _from_closing_date(doc: Document) -> ReportYear | None:
    line = doc.closing.date
    if line is None:
        return None
    found = _year_in(line.text, line.start)
    if not found:
        return None
    year = found[0] - 1
    month = _CLOSING_MONTH.search(line.text)
    if month:
        raw = month.group(1).translate(str.maketrans("０１２３４５６７８９", "0123456789"))
        value = int(raw) if raw.isdigit() else _CN_MONTH.get(raw, 0)
        if value >= _SAME_YEAR_FROM_MONTH:
            year = found[0]
    return ReportYear(year, "closing-date", found[1])


def _find(doc: Document) -> ReportYear:
    for finder in (_from_title, _from_opening, _from_closing_date):
        found = finder(doc)
        if found is not None:
            return found
    return ReportYear(None, "none")


def report_year(doc: Document, override: int | None = None) -> ReportYear:
    """The report year of ``doc``; ``override`` (from --report-year or the configuration) wins."""
    if override is not None:
        return ReportYear(override, "override")
    return doc.fact("report_year", _find)
