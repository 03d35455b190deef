"""Y — years and dates: the report year used consistently, dated facts, possible dates.

The report year comes from lawlint.reportyear (title, opening, closing date).  Dated facts (plan
periods, anniversaries, events) live in years_knowledge.toml beside this module.  The written form
of a date (leading zeros, two-digit years) belongs to other families; these rules judge values.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import namedtuple
from collections.abc import Iterator
from datetime import date
from functools import cache

from lawlint.diagnostics import Severity
from lawlint.document import Document, Heading, Paragraph
from lawlint.hookspec import hookimpl
from lawlint.numerals import chinese_to_int
from lawlint.parse import has_residue
from lawlint.reportyear import (
    ReportYear,
    opening_years,
    report_year,
    standalone_years,
    title_year,
)
from lawlint.rules import Rule
from lawlint.regexhint import lazy
from lawlint.buildcache import plain_build

from .datafile import content_hash, read_data

_DATA_PACKAGE = "lawlint.plugins"
_KNOWLEDGE_FILE = "years_knowledge.toml"

_DUCHA = "《法治政府建设与责任落实督察工作规定》"
_NORM_SECTIONS = (_DUCHA + "：法治政府建设年度报告写明上一年度推进法治政府建设的主要举措和成效、"
                  "存在的不足和原因，以及下一年度推进法治政府建设的主要安排")
_NORM_DEADLINE = _DUCHA + "第二十四条：每年4月1日之前通过报刊、网站等新闻媒体向社会公开上一年度法治政府建设情况报告"
_NORM_DATE = "《党政机关公文处理工作条例》第九条（成文日期）；GB/T 9704-2012 7.3.5：成文日期用阿拉伯数字将年、月、日标全"

# Years the text itself states ("2023年"); a report's own year is trusted for consistency checks
# only when read from the title, the opening or the configuration, not guessed from the date.
_TRUSTED_SOURCES = ("override", "title", "opening")


# ---------------------------------------------------------------------------------------------
# The dated knowledge file


# Plain classes with slots, not dataclasses: a dataclass costs ~1 ms of every start to create.
class Plan:
    __slots__ = ("key", "label", "start", "end", "stale_after_end", "name_regex", "heads")

    def __init__(self, key: str, label: str, start: int, end: int, stale_after_end: bool,
                 name_regex: str, heads: tuple[str, ...]):
        self.key = key
        self.label = label  # as a message writes it: "“八五”普法"
        self.start = start
        self.end = end
        self.stale_after_end = stale_after_end
        self.name_regex = name_regex  # matches the plan's short name, quotes allowed ("“八五”普法")
        self.heads = heads  # the names' numerals ("八五"), which every written name contains


class Anniversary:
    __slots__ = ("key", "base", "name_regex", "names")

    def __init__(self, key: str, base: int, name_regex: str, names: tuple[str, ...]):
        self.key = key
        self.base = base
        self.name_regex = name_regex
        self.names = names


class Event:
    __slots__ = ("key", "label", "fact", "when", "pattern", "mode", "held_before", "held_after",
                 "anticipation", "not_after", "needs_article", "about_report_year", "needles")

    def __init__(self, *, key: str, label: str, fact: str, when: date, pattern: re.Pattern, mode: str,
                 held_before: re.Pattern, held_after: re.Pattern, anticipation: re.Pattern,
                 not_after: re.Pattern, needs_article: bool, about_report_year: bool,
                 needles: tuple[str, ...]):
        self.key = key
        self.label = label
        self.fact = fact
        self.when = when
        self.pattern = pattern
        self.mode = mode  # "any" or "held"
        self.held_before = held_before
        self.held_after = held_after
        self.anticipation = anticipation
        self.not_after = not_after
        self.needs_article = needs_article
        self.about_report_year = about_report_year
        self.needles = needles  # literal text that every mention contains at least one of


class Knowledge:
    __slots__ = ("version", "plans", "anniversaries", "events")

    def __init__(self, version: str, plans: tuple[Plan, ...], anniversaries: tuple[Anniversary, ...],
                 events: tuple[Event, ...]):
        self.version = version
        self.plans = plans
        self.anniversaries = anniversaries
        self.events = events


_QUOTE_OPEN = "[“\"‘']?"
_QUOTE_CLOSE = "[”\"’']?"


def _plan_name_head(name: str) -> str:
    return name[:name.index("五") + 1]


def _plan_name_regex(name: str) -> str:
    # "八五普法" is written "八五普法", "“八五”普法" or "八五”普法"; quotes go around the numeral.
    head = _plan_name_head(name)
    tail = name[len(head):]
    return _QUOTE_OPEN + re.escape(head) + _QUOTE_CLOSE + (r"\s*" + re.escape(tail) if tail else "")


_LOOKALIKES = {"（": "[（(]", "）": "[）)]", "—": "[—–－\\-~～]{1,2}"}
# The characters _flexible widens: where _needles cuts a name into its literal parts.
_LOOKALIKE = lazy("|".join(map(re.escape, _LOOKALIKES)))


def _flexible(literal: str) -> str:
    """A literal name as a regex that also accepts half-width brackets and other dashes."""
    return "".join(_LOOKALIKES.get(ch, re.escape(ch)) for ch in literal)


def _needles(literals: list[str]) -> tuple[str, ...]:
    """Text that every match of the ``_flexible`` names has one of: the longest part of each name
    that stays literal, leaving out one that holds another ("党的二十大" holds "二十大")."""
    longest = {max(_LOOKALIKE.split(literal), key=len) for literal in literals}
    return tuple(sorted(n for n in longest if not any(other != n and other in n for other in longest)))


def _words_regex(words: list[str], anchor: str) -> re.Pattern:
    body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return lazy(f"(?:{body}){anchor}" if anchor == "$" else f"{anchor}(?:{body})")


@cache
def _knowledge_file() -> tuple[str, dict]:
    """years_knowledge.toml's text and tables, its dates as ISO strings so that the tables are kept
    as plain data between runs (tomllib is pure Python; the knowledge and its version are built at
    every start)."""
    raw = read_data(_KNOWLEDGE_FILE)

    def parse() -> dict:
        import tomllib

        data = tomllib.loads(raw)
        for event in data["event"]:
            event["date"] = event["date"].isoformat()
        return data

    return raw, plain_build("years-knowledge", raw.encode("utf-8"), parse)


def _knowledge_version() -> str:
    raw, data = _knowledge_file()
    return data.get("version") or content_hash(raw)


@cache
def knowledge() -> Knowledge:
    data = _knowledge_file()[1]
    plans = tuple(
        Plan(p["key"], p["label"], p["start"], p["end"], p["stale_after_end"],
             "(?:" + "|".join(_plan_name_regex(n) for n in p["names"]) + ")",
             tuple(dict.fromkeys(_plan_name_head(n) for n in p["names"])))
        for p in data["plan"]
    )
    anniversaries = tuple(
        Anniversary(a["key"], a["base"], "(?:" + "|".join(re.escape(n) for n in a["names"]) + ")",
                    tuple(a["names"]))
        for a in data["anniversary"]
    )
    defaults = data["held_defaults"]
    # The default word lists, made into patterns once for all events.
    held_before = _words_regex(defaults["before"], "$")
    held_after = _words_regex(defaults["after"], "^")
    anticipation = _words_regex(defaults["anticipation"], "$")
    not_after = _words_regex(defaults["not_after"], "^")
    events = []
    for e in data["event"]:
        patterns = sorted(e["patterns"], key=len, reverse=True)
        events.append(Event(
            key=e["key"], label=e["label"], fact=e["fact"], when=date.fromisoformat(e["date"]),
            pattern=lazy("|".join(_flexible(p) for p in patterns)),
            mode=e["mode"],
            held_before=lazy(e["held_before_regex"]) if "held_before_regex" in e else held_before,
            held_after=lazy(e["held_after_regex"]) if "held_after_regex" in e else held_after,
            anticipation=anticipation,
            not_after=not_after,
            needs_article=e.get("held_before_needs_article", False),
            about_report_year=e.get("about_report_year", False),
            needles=_needles(patterns),
        ))
    return Knowledge(_knowledge_version(), plans, anniversaries, tuple(events))


# ---------------------------------------------------------------------------------------------
# Shared helpers


def _trusted_year(doc: Document, ctx) -> ReportYear | None:
    found = report_year(doc, ctx.report_year)
    if found.known and found.source in _TRUSTED_SOURCES:
        return found
    return None


def _candidate_years(doc: Document, found: ReportYear) -> frozenset[int]:
    """Every year the report gives for itself (title, opening), or just the configured one.

    When the title and the opening disagree, Y102 reports the conflict once; the other rules then
    report only what is wrong whichever of the two years is right, instead of repeating it.
    """
    if found.source == "override":
        return frozenset({found.year})

    def compute(d: Document) -> frozenset[int]:
        years = {found.year, *(year for year, _ in opening_years(d))}
        titled = title_year(d)
        if titled is not None:
            years.add(titled[0])
        return frozenset(years)

    return doc.fact(("years.candidates", found.year), compute)


_CLAUSE_END = "。；;！!？?\n"


# Sentence and clause bounds come from the positions of the marks of the line that holds the
# phrase (a line end is a mark of both kinds), found once per line and bisected: a search from
# each phrase to the next mark would be quadratic on a long line without one (a 100 KB line of
# "2021年是…" took seconds), and finding the marks of the whole text costs more than the few
# phrases that ask for them.
_SENTENCE_MARK = lazy("[" + re.escape(_CLAUSE_END) + "]")
_CLAUSE_MARK = lazy("[" + re.escape(_CLAUSE_END + "，,") + "]")
# kind → (the text, the line's start and end, its marks' positions): the line last asked for.
_marks_of: dict[str, tuple[str, int, int, list[int]]] = {}


def _line_marks(text: str, index: int, kind: str, pattern) -> tuple[str, int, int, list[int]]:
    """The marks of the line of ``text`` that holds ``index`` (which may be its line end)."""
    known = _marks_of.get(kind)
    if known is None or known[0] is not text or not known[1] <= index <= known[2]:
        start = text.rfind("\n", 0, index) + 1
        end = text.find("\n", index)
        end = len(text) if end < 0 else end
        known = _marks_of[kind] = (text, start, end, [m.start() for m in pattern.finditer(text, start, end)])
    return known


def _after_mark_before(text: str, index: int, kind: str, pattern) -> int:
    """One past the last mark before ``index`` (0 when there is none)."""
    _, start, _, marks = _line_marks(text, index, kind, pattern)
    i = bisect_left(marks, index)
    return marks[i - 1] + 1 if i else start


def _clause_start(text: str, index: int) -> int:
    """Start of the clause (after "，" or a sentence end) that holds ``index``."""
    return _after_mark_before(text, index, "clause", _CLAUSE_MARK)


def _sentence_end(text: str, index: int) -> int:
    _, _, end, marks = _line_marks(text, index, "sentence", _SENTENCE_MARK)
    i = bisect_left(marks, index)
    return marks[i] if i < len(marks) else end


def _sentence_start(text: str, index: int) -> int:
    return _after_mark_before(text, index, "sentence", _SENTENCE_MARK)


# A date written with a day: "2020年9月18日", "9月31日", "二〇二〇年九月十八日".  It is looked for
# in short pieces of text only (the runs around a "月", a paragraph), where a lookahead on its
# first characters ("hint") would not pay for compiling the pattern twice.
_NUM = r"[0-9０-９]{1,2}|[〇零一二三四五六七八九十]{1,3}"
_DATE = lazy(
    r"(?<![0-9０-９.．\-－/])"
    r"(?:((?:19|20)[0-9]{2}|[〇零一二三四五六七八九]{4})\s*年\s*)?"
    rf"({_NUM})\s*月\s*({_NUM})\s*[日号]"
)
# A year and a month without a day: "2021年13月".
_YEAR_MONTH = lazy(r"((?:19|20)[0-9]{2})\s*年\s*([0-9]{1,2})\s*月(?!\s*(?:[0-9０-９]|[〇零一二三四五六七八九十]{1,3}\s*[日号]))")
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_DIGIT_BY_DIGIT = {ch: str(i) for i, ch in enumerate("〇一二三四五六七八九")} | {"零": "0"}


def _number(text: str) -> int | None:
    text = text.translate(_FULLWIDTH)
    if text.isdigit():
        return int(text)
    return chinese_to_int(text)


def _year_number(text: str | None) -> int | None:
    if not text:
        return None
    if text.isdigit():
        return int(text)
    return int("".join(_DIGIT_BY_DIGIT[ch] for ch in text))


class WrittenDate(namedtuple("_WrittenDate", "year month day start end")):
    """A date as written (year, month and day are ints or None) and its span."""

    __slots__ = ()

    @property
    def label(self) -> str:
        year = f"{self.year}年" if self.year else ""
        return f"{year}{self.month}月{self.day}日"

    def value(self) -> date | None:
        if self.year is None or self.month is None or self.day is None:
            return None
        try:
            return date(self.year, self.month, self.day)
        except ValueError:
            return None


# Lunar dates ("农历二月三十日") have 30-day months of their own.
_LUNAR = lazy(r"(?:农历|阴历)\s*$")


def _written_dates(text: str, offset: int = 0,
                   start: int = 0, end: int | None = None) -> Iterator[WrittenDate]:
    """The dates of ``text`` (of its ``start``:``end`` part only, when given), placed at ``offset``."""
    for m in _DATE.finditer(text, start, len(text) if end is None else end):
        if _LUNAR.search(text, max(0, m.start() - 4), m.start()):
            continue
        yield WrittenDate(_year_number(m.group(1)), _number(m.group(2)), _number(m.group(3)),
                          offset + m.start(), offset + m.end())


# A date is written with digits, numerals, white space and 年月日号 only, and always has a "月";
# so every date of the text lies in the run of such characters around one of its few "月", and
# the date regexes, which the engine would try at every digit and numeral of the text, run on
# those runs only.  (A regex confined to a run behaves as on the whole text: its lookbehind still
# sees the text before the run, and the character after the run stops every path as it would.)
_DATE_CHARS = frozenset("0123456789０１２３４５６７８９〇零一二三四五六七八九十年月日号")
_DATE_RUN = lazy(r"[0-9０-９〇零一二三四五六七八九十年月日号\s]*")


def _month_runs(doc: Document) -> tuple[tuple[int, int], ...]:
    """``_month_runs_of(doc.text)``, found once per document."""
    return doc.fact("years.month_runs", lambda d: _month_runs_of(d.text))


def _month_runs_of(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each run of date characters around a "月" of ``text``, in order."""
    runs = []
    month = text.find("月")
    while month >= 0:
        start = month
        while start and (text[start - 1] in _DATE_CHARS or text[start - 1].isspace()):
            start -= 1
        end = _DATE_RUN.match(text, month).end()
        runs.append((start, end))
        month = text.find("月", end)
    return tuple(runs)


def _document_dates(doc: Document) -> Iterator[WrittenDate]:
    """``_written_dates(doc.text)``, read from the runs around the "月" of the text."""
    for start, end in _month_runs(doc):
        yield from _written_dates(doc.text, start=start, end=end)


def _dates_in(text: str, offset: int = 0) -> Iterator[WrittenDate]:
    """``_written_dates(text, offset)``, read from the runs around the "月" of ``text``."""
    for start, end in _month_runs_of(text):
        yield from _written_dates(text, offset, start, end)


def _year_months(doc: Document) -> Iterator[re.Match]:
    """``_YEAR_MONTH.finditer(doc.text)``, read from the runs around the "月" of the text."""
    for start, end in _month_runs(doc):
        yield from _YEAR_MONTH.finditer(doc.text, start, end)


# ---------------------------------------------------------------------------------------------
# Years named in the paragraphs


def _years_named(doc: Document, in_next_year_part: bool) -> list[tuple[int, int]]:
    """(year, offset) of each four-character year written before "年" in the paragraphs of the
    next-year parts (or in the others).

    Every year that the paragraph rules read stands before "年" ("2023年，", "二〇二七年三月五日"),
    and a report names few years that a rule could find wrong: a rule reads only the paragraphs
    that name such a year.  The years are found once, by a search for "年" in the text reversed
    (the engine finds a literal fast, where a pattern starting with a digit is tried at every
    digit), and each stands at the offset of its first character.
    """
    return doc.fact("years.named", _find_years_named)[in_next_year_part]


_YEAR_BEFORE_NIAN_REVERSED = lazy(r"年\s*([0-9]{4}|[〇零一二三四五六七八九]{4})")


def _find_years_named(doc: Document) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    text = _paragraph_text(doc)
    length = len(text)
    next_year_parts = doc.fact("years.future_spans", _future_spans)
    named = [(_year_number(m.group(1)[::-1]), length - m.end())
             for m in _YEAR_BEFORE_NIAN_REVERSED.finditer(text[::-1])]
    if not next_year_parts:
        return named, []
    outside, inside = [], []
    for found in named:
        (inside if _in_spans(next_year_parts, found[1]) else outside).append(found)
    return outside, inside




def _paragraph_text(doc: Document) -> str:
    """The text as the paragraphs read it, offset for offset.

    A paragraph's text is the document's, except a run-in body ("一是…。" followed by text on the
    heading's line), which the parser reads with conversion residue blanked (length for length).
    """
    text = doc.text
    if not has_residue(doc):
        return text
    pieces, done = [], 0
    for para in doc.paragraphs:
        if para.run_in:
            pieces += [text[done:para.span.start], para.text]
            done = para.span.end
    return "".join(pieces) + text[done:]


def _paragraphs_at(doc: Document, offsets: list[int]) -> list[Paragraph]:
    """The paragraphs, in order, that hold any of ``offsets``."""
    if not offsets:
        return []
    paragraphs = doc.paragraphs
    starts = doc.fact("years.paragraph_starts", lambda d: [para.span.start for para in d.paragraphs])
    held = {}
    for offset in sorted(offsets):
        index = bisect_right(starts, offset) - 1
        if index >= 0 and offset < paragraphs[index].span.end:
            held[index] = None
    return [paragraphs[index] for index in held]


# A report delivered at a meeting carries its date in brackets under the title: "（2022年1月10日）".
_DATE_UNDER_TITLE = lazy(r"^[（(]\s*[^（）()]{6,20}?\s*[）)]$")
_DATE_UNDER_TITLE_PARAGRAPHS = 2


def _closing_date(doc: Document) -> WrittenDate | None:
    """The 成文日期: the date line of the closing block, else a bracketed date under the title."""
    return doc.fact("years.closing_date", _find_closing_date)


def _find_closing_date(doc: Document) -> WrittenDate | None:
    line = doc.closing.date
    if line is not None:
        for written in _dates_in(line.text, line.start):
            if written.year is not None:
                return written
        return None
    for para in doc.paragraphs[:_DATE_UNDER_TITLE_PARAGRAPHS]:
        if _DATE_UNDER_TITLE.match(para.text):
            dates = list(_dates_in(para.text, para.span.start))
            if len(dates) == 1 and dates[0].year is not None:
                return dates[0]
    return None


# ---------------------------------------------------------------------------------------------
# Sections: which top-level part is the "next year" part


# Words of a part title; "下年" and "下一年" stand for "下一?年度?".
_FUTURE_WORDS = ("下年", "下一年", "下一步", "明年", "来年", "今后", "计划", "安排", "打算", "思路", "设想", "展望",
                 "努力方向", "工作目标", "拟")
_PAST_WORDS = ("成效", "成绩", "存在", "不足", "问题", "情况", "履行", "主要做法", "总结", "回顾")


def _has_any(title: str, words: tuple[str, ...]) -> bool:
    # A few "in" tests on a short title: a regex alternation of the words costs ~0.5 ms to compile.
    return any(map(title.__contains__, words))


def _part_kind(title: str) -> str:
    """"future" (the next-year part), "past" (the report year's work) or "mixed"."""
    future = _has_any(title, _FUTURE_WORDS)
    past = _has_any(title, _PAST_WORDS)
    if future and not past:
        return "future"
    if past and not future:
        return "past"
    return "mixed"


# A year in a heading that is not a claim about which year the part covers.
_COMPARISON_BEFORE = lazy(r"(?:较|比|同比|与|截至|截止|到|至|自|从)\s*$")
# ... and a year that starts a date ("一、2020年12月，召开…" is a list item, not a part).
_NOT_PART_YEAR_AFTER = lazy(
    r"\s*年\s*(?:底前|前|以后|后|之后|至今|起|(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,2})\s*月)"
)


_LIST_PUNCTUATION = lazy(r"[，,；;：:]")


def _heading_years(title: str, offset: int) -> list[tuple[int, int, int]]:
    out = []
    for year, span in standalone_years(title, offset):
        local_start, local_end = span.start - offset, span.end - offset
        if not title[local_end:].lstrip().startswith("年"):
            continue
        if _COMPARISON_BEFORE.search(title[:local_start]) or _NOT_PART_YEAR_AFTER.match(title, local_end):
            continue
        before = title[:local_start]
        # A part's title names its year up front; a year after a comma is in a list item's text.
        if _LIST_PUNCTUATION.search(before):
            continue
        if before.count("（") + before.count("(") > before.count("）") + before.count(")"):
            continue
        out.append((year, span.start, span.end))
    return out


class HeadingYear(Rule):
    """A top-level heading's year must be the report year, or the next year in the plan part.

    The 督察工作规定 fixes the parts of the report: the report year's measures, results and
    shortcomings, and the next year's plan.  "一、2022年推进法治政府建设的主要举措" in a report on
    2023, or "四、2023年工作思路" in it, is left over from last year's report or a typing slip, and
    tells the reviewer the wrong year.  Years in ranges, in cited titles or after "较"/"截至" are
    not claims about the part and are left alone.
    """

    code = "Y101"
    name = "heading-year"
    severity = Severity.ERROR
    summary = "一级标题中的年份与报告年度不一致（下一年度部分应为报告年度的下一年）"
    norm = _NORM_SECTIONS
    bad = ("关于2023年法治政府建设情况的报告\n\n2023年，我镇坚持依法行政，现将有关情况报告如下：\n"
           "一、2022年推进法治政府建设的主要举措和成效\n二、2023年推进法治政府建设存在的不足\n"
           "三、2023年推进法治政府建设的工作思路\n")
    good = ("关于2023年法治政府建设情况的报告\n\n2023年，我镇坚持依法行政，现将有关情况报告如下：\n"
            "一、2023年推进法治政府建设的主要举措和成效\n二、2023年推进法治政府建设存在的不足\n"
            "三、2024年推进法治政府建设的工作思路\n四、2016—2020年普法工作回顾\n")

    def check(self, doc, ctx):
        found = _trusted_year(doc, ctx)
        if found is None:
            return
        report = found.year
        for heading in _top_headings(doc):
            if "年" not in heading.title:
                continue  # a part's year is written "2023年"
            kind = _part_kind(heading.title)
            allowed = set()
            for year in _candidate_years(doc, found):
                allowed |= {"future": {year + 1}, "past": {year}, "mixed": {year, year + 1}}[kind]
            for year, start, end in _heading_years(heading.title, heading.title_span.start):
                if year in allowed:
                    continue
                if kind == "future":
                    message = (f"下一年度部分标题中的年份应为{report + 1}年（报告年度{report}年的下一年），"
                               f"实际为“{year}年”")
                else:
                    message = f"一级标题中的年份“{year}年”与报告年度（{report}年）不一致"
                yield self.finding(start, end, message,
                                   data={"year": year, "report_year": report, "part": kind})


class OpeningYear(Rule):
    """The title's year and the year the body opens with must agree.

    A report whose title says 2021 but whose first sentence reads "2022年，我镇…" (or "现就我镇
    2022年度法治政府建设情况报告如下") was copied from another year's report and only partly
    updated; one of the two years is wrong and the reviewer cannot tell which year is reported.
    """

    code = "Y102"
    name = "opening-year"
    severity = Severity.ERROR
    summary = "正文开头的年份与标题中的年份不一致"
    norm = _NORM_SECTIONS
    bad = "2021年法治政府建设情况报告\n\n2022年，我镇坚持以习近平法治思想为指导，全面推进依法行政。\n"
    good = "2021年法治政府建设情况报告\n\n2021年，我镇坚持以习近平法治思想为指导，全面推进依法行政。2018年以来成效明显。\n"

    def check(self, doc, ctx):
        titled = title_year(doc)
        if titled is None:
            return
        title_value = titled[0]
        for year, span in opening_years(doc):
            if year != title_value:
                yield self.finding(span.start, span.end,
                                   f"正文开头的年份“{year}年”与标题中的年份“{title_value}年”不一致，请核对报告年度",
                                   data={"year": year, "title_year": title_value})


_SENTENCE_OPENING_YEAR = lazy(r"((?:19|20)[0-9]{2})\s*年(?:度)?\s*(?:[，,]|(?=我|全|本))")
_FUTURE_VERB = lazy(r"将|(?<![需主重必])要(?![求点])|计划|力争|(?<!代)拟|准备")
_PAST_ASPECT = lazy(r"了|已|取得|完成|实现")


def _top_headings(doc: Document) -> list[Heading]:
    return doc.fact("years.top_headings", lambda d: [h for h in d.headings if h.level == 1])


def _future_spans(doc: Document) -> tuple[tuple[int, int], ...]:
    """Offsets from each next-year part's heading to the next top-level heading (or the end)."""
    tops = _top_headings(doc)
    spans = []
    for i, heading in enumerate(tops):
        # _part_kind(title) == "future", without the second search when the first says no.
        if _has_any(heading.title, _FUTURE_WORDS) and not _has_any(heading.title, _PAST_WORDS):
            end = tops[i + 1].line.start if i + 1 < len(tops) else len(doc.text)
            spans.append((heading.line.start, end))
    return tuple(spans)


def _in_future_part(doc: Document, offset: int) -> bool:
    return _in_spans(doc.fact("years.future_spans", _future_spans), offset)


def _in_spans(spans: tuple[tuple[int, int], ...], offset: int) -> bool:
    for start, end in spans:
        if start <= offset < end:
            return True
    return False


class PlanYear(Rule):
    """A sentence of the next-year part that opens with the report year or an earlier one is wrong.

    The last part of the report plans the next year.  "2023年，我镇将继续……" under "四、下一步工作
    计划" of a report on 2023 plans a year that is already over: the part was copied from last
    year's report.  Sentences that look back ("2023年，我镇取得了……") are left alone.
    """

    code = "Y103"
    name = "plan-year"
    severity = Severity.WARNING
    summary = "下一年度工作安排中的年份不是报告年度的下一年"
    norm = _NORM_SECTIONS
    bad = ("关于2023年法治政府建设情况的报告\n\n2023年，我镇全面推进依法行政。\n一、主要举措和成效\n"
           "我镇完善了制度。\n二、下一年度工作计划\n2023年，我镇将继续深化法治政府建设。\n")
    good = ("关于2023年法治政府建设情况的报告\n\n2023年，我镇全面推进依法行政。\n一、主要举措和成效\n"
            "我镇完善了制度。\n二、下一年度工作计划\n2024年，我镇将继续深化法治政府建设。"
            "2023年，我镇取得了一定成绩，但仍将查漏补缺。\n")

    def check(self, doc, ctx):
        found = _trusted_year(doc, ctx)
        if found is None:
            return
        report = found.year
        earliest = min(_candidate_years(doc, found))
        # Only the paragraphs of the next-year parts that name the report year or an earlier one.
        offsets = [offset for year, offset in _years_named(doc, in_next_year_part=True) if year <= earliest]
        for para in _paragraphs_at(doc, offsets):
            text = para.text
            for m in _SENTENCE_OPENING_YEAR.finditer(text):
                if _sentence_start(text, m.start()) != m.start():
                    continue
                year = int(m.group(1))
                if year > earliest:
                    continue
                sentence = text[m.end():_sentence_end(text, m.end())]
                if not _FUTURE_VERB.search(sentence) or _PAST_ASPECT.search(sentence):
                    continue
                start = para.span.start + m.start(1)
                yield self.finding(start, start + 4,
                                   f"下一年度工作安排应针对{report + 1}年，此处写作“{year}年”",
                                   data={"year": year, "report_year": report})


# "2022年，我镇共调解纠纷256件" / "2022年共办理…": a year that heads a statement of work done.
# Looked for in the few paragraphs that name a later year than the report's (no "hint": see _DATE).
_RESULT_YEAR = lazy(
    r"(?<![0-9０-９—–－\-~～至到])((?:19|20)[0-9]{2})\s*年度?\s*(?:[，,]|"
    r"(?=共|全年|累计|全镇|全街道|全乡|全区|全县|我镇|我街道|我乡|我局|我区|我县|本级))"
)
_DONE = lazy(r"共|累计|完成|办理|办结|调解|开展|召开|组织|发放|受理|化解|审核|审查|举办|培训|查处|录入|取得")
# "要" as a modal verb ("我镇要…"), not in 需要、主要、重要、必要、要求、要点.
_NOT_DONE = lazy(r"将|(?<!代)拟|计划|力争|预计|争取|确保|目标|(?<![需主重必])要(?![求点])|以来")


class ResultsYear(Rule):
    """Work reported as done cannot be dated after the report year.

    Outside the next-year part the report records what was done in the report year.  "2023年，我镇
    共调解纠纷256件" in a report on 2022 gives a year that had not happened when the figures were
    collected: the year was mistyped or the sentence was pasted from a later report.  Earlier
    years are left alone (they are often given for comparison), and so are plans ("将", "力争").
    """

    code = "Y104"
    name = "results-year"
    severity = Severity.WARNING
    summary = "记述已完成工作的年份晚于报告年度"
    norm = _NORM_SECTIONS
    bad = ("关于2022年法治政府建设情况的报告\n\n2022年，我镇全面推进依法行政。\n一、主要举措和成效\n"
           "2023年，我镇共调解纠纷256件，调解成功率98%。\n")
    good = ("关于2022年法治政府建设情况的报告\n\n2022年，我镇全面推进依法行政。\n一、主要举措和成效\n"
            "2022年，我镇共调解纠纷256件，2021年共调解210件。2023年，我镇将力争调解成功率达到99%。\n"
            "二、2023年工作安排\n2023年，全镇共开展培训4次。\n")

    def check(self, doc, ctx):
        found = _trusted_year(doc, ctx)
        if found is None:
            return
        newest = max(_candidate_years(doc, found))
        # Only the paragraphs outside the next-year parts that name a later year than the report's.
        offsets = [offset for year, offset in _years_named(doc, in_next_year_part=False) if year > newest]
        for para in _paragraphs_at(doc, offsets):
            text = para.text
            for m in _RESULT_YEAR.finditer(text):
                year = int(m.group(1))
                if year <= newest:
                    continue
                sentence = text[m.end():_sentence_end(text, m.end())]
                if not _DONE.search(sentence) or _NOT_DONE.search(sentence):
                    continue
                before = text[_sentence_start(text, m.start()):m.start()]
                if _COMPARISON_BEFORE.search(before) or _NOT_DONE.search(before):
                    continue
                if text[:m.start()].count("《") > text[:m.start()].count("》"):
                    continue  # a cited title's year
                start = para.span.start + m.start(1)
                yield self.finding(start, start + 4,
                                   f"“{year}年”晚于报告年度（{found.year}年），此处记述的是已完成的工作，请核对年份",
                                   data={"year": year, "report_year": found.year})


# ---------------------------------------------------------------------------------------------
# Milestones: "今年是“八五”普法的第二年", "2021年是建党100周年"


_SUBJECT = lazy(
    r"(今年|本年度|本年|(?<![0-9—–－\-~～至到])((?:19|20)[0-9]{2})\s*年度?)\s*(?:[，,]\s*)?(?:(?:既|又|也|还|正|恰)?是|正值|恰逢|适逢|喜逢)"
)
# The end of every subject, from its "年" on: found by a fast search for "年", where _SUBJECT
# itself would be tried at every digit of the text.
_SUBJECT_END = lazy(r"年度?\s*(?:[，,]\s*)?(?:(?:既|又|也|还|正|恰)?是|正值|恰逢|适逢|喜逢)")


def _subjects(text: str) -> Iterator[re.Match]:
    """``_SUBJECT.finditer(text)``, trying _SUBJECT only where a subject can start.

    A subject whose "年" is at ``nian`` starts one character before it ("今年", "本年度") or four
    digits before the white space before it ("2021 年"): trying those starts in order, and
    skipping those inside the last subject found, gives the matches finditer gives.
    """
    end = 0
    for tail in _SUBJECT_END.finditer(text):
        nian = tail.start()
        digits_end = nian
        while digits_end and text[digits_end - 1].isspace():
            digits_end -= 1
        for start in (digits_end - 4, nian - 1):
            if start >= end:
                subject = _SUBJECT.match(text, start)
                if subject:
                    yield subject
                    end = subject.end()


_ORDINAL = r"第\s*([一二三四五1-5])\s*个?\s*年"
_FIRST_YEAR = r"(?:开局|起步|启动|开篇)(?:之)?年|首年"
_LAST_YEAR = r"(?:收官)(?:之)?年|最后一年"
# "100周年", "一百周年", "百年华诞", and the centenary written "建党百年".
_ANNIVERSARY_NUMBER = r"(?:([0-9]{2,3}|[一二三四五六七八九十百]{1,4})\s*(?:周年|华诞)|(一?百)年)"


class Milestone:
    __slots__ = ("year", "label", "start", "end")

    def __init__(self, year: int, label: str, start: int, end: int):
        self.year, self.label, self.start, self.end = year, label, start, end


@cache
def _milestone_patterns() -> list[tuple[re.Pattern, Plan | Anniversary, tuple[str, ...]]]:
    """Each milestone pattern, with what it names and the text that every match of it holds.

    A pattern is compiled when a text first names its plan or anniversary (most name one or two)."""
    out: list[tuple[re.Pattern, Plan | Anniversary, tuple[str, ...]]] = []
    for plan in knowledge().plans:
        out.append((lazy(
            plan.name_regex + r"[^，,。；;！？\n]{0,12}?"
            + f"(?:{_ORDINAL}|({_FIRST_YEAR})|({_LAST_YEAR}))"), plan, plan.heads))
    for anniversary in knowledge().anniversaries:
        out.append((lazy(anniversary.name_regex + r"\s*" + _ANNIVERSARY_NUMBER), anniversary,
                    anniversary.names))
    return out


def _milestones(text: str) -> Iterator[Milestone]:
    for pattern, what, needles in _milestone_patterns():
        if not any(map(text.__contains__, needles)):
            continue  # the plan or the anniversary is not named
        for m in pattern.finditer(text):
            if isinstance(what, Plan):
                if m.group(1):
                    n = _number(m.group(1))
                    year, label = what.start + n - 1, f"{what.label}（{what.start}—{what.end}年）的第{m.group(1)}年"
                elif m.group(2):
                    year, label = what.start, f"{what.label}（{what.start}—{what.end}年）的开局之年"
                else:
                    year, label = what.end, f"{what.label}（{what.start}—{what.end}年）的收官之年"
            else:
                n = _number(m.group(1) or m.group(2))
                if not n:
                    continue
                year, label = what.base + n, m.group(0)
            yield Milestone(year, label, m.start(), m.end())


class MilestoneYear(Rule):
    """"今年是‘八五’普法的第二年" must fit the year it speaks of.

    The 普法 five-year plans and the 五年规划 have fixed periods (七五普法 2016—2020, 八五普法
    2021—2025, 十四五 2021—2025) and anniversaries have fixed years (建党100周年 is 2021).  A
    report on 2021 that calls its year "八五普法的第二年", or "2022年是建党100周年", states a
    false fact, usually because a sentence was reused from another year's report.
    """

    code = "Y201"
    name = "milestone-year"
    severity = Severity.ERROR
    summary = "“今年是‘八五’普法的第N年”“某年是建党N周年”等说法与年份不符"
    norm = ("《中央宣传部、司法部关于开展法治宣传教育的第八个五年规划（2021—2025年）》；"
            "《中央宣传部、司法部关于在公民中开展法治宣传教育的第七个五年规划（2016—2020年）》")
    bad = "2021年法治政府建设情况报告\n\n2021年，我镇全面推进依法行政。今年是“八五”普法的第二年，我镇制定了普法计划。\n"
    good = ("2022年法治政府建设情况报告\n\n2022年，我镇全面推进依法行政。今年是“八五”普法的第二年，"
            "我镇制定了普法计划。2021年是建党100周年，也是“十四五”开局之年。\n")

    def check(self, doc, ctx):
        text = doc.text
        for subject in _subjects(text):
            if subject.group(2):
                years = {int(subject.group(2))}
                said = f"“{subject.group(2)}年”"
            else:
                trusted = _trusted_year(doc, ctx)
                if trusted is None:
                    continue
                years = set(_candidate_years(doc, trusted))
                # In the next-year part, written early in the following year, "今年" may mean
                # either year.
                if _in_future_part(doc, subject.start()):
                    years |= {year + 1 for year in years}
                said = f"“{subject.group(1)}”（{trusted.year}年）"
            clause = _predicate(text, subject.end())
            for milestone in _milestones(clause):
                if milestone.year in years:
                    continue
                start = subject.end() + milestone.start
                yield self.finding(
                    start, subject.end() + milestone.end,
                    f"{milestone.label}是{milestone.year}年，与{said}不符",
                    data={"milestone_year": milestone.year, "said_year": min(years)},
                )


# "2021年是建党100周年，是“十四五”开局之年，也是“八五”普法启动之年": the predicate goes on
# through the clauses that start with "是"; "…，我镇以庆祝建党100周年为契机" is another clause.
_MORE_PREDICATE = lazy(r"\s*(?:也|又|更|还|同时也?|亦|既)?(?:是|正值|恰逢|适逢)")


_COMMA = lazy(r"[，,]")


def _predicate(text: str, start: int) -> str:
    """The clauses from ``start`` that carry the predicate on, read one comma at a time (the
    sentence may be a whole long line)."""
    end = _sentence_end(text, start)
    kept: list[str] = []
    while True:
        comma = _COMMA.search(text, start, end)
        part = text[start:comma.start() if comma else end]
        if kept and not _MORE_PREDICATE.match(part):
            break
        kept.append(part)
        if comma is None:
            break
        start = comma.end()
    return "，".join(kept)


# ---------------------------------------------------------------------------------------------
# A 普法 plan described as current outside its period


_CARRY_OUT = r"(?:推进|开展|实施|落实|推动|抓好|做好|深化|启动|贯彻|执行)"
_LOOKING_BACK = lazy(r"总结|验收|评估|收官|表彰|先进|考核|回头看|期间|成果|圆满|完成|终期|结束")
# Preparing the next plan is part of the last year of the old one: "谋划‘八五’普法" in 2020.
_PREPARING = lazy(r"谋划|制定|编制|起草|启动|筹备|准备|部署|征求|迎接|即将|明年|下一步|下一年|将|拟|计划|衔接")


@cache
def _plan_heads() -> tuple[frozenset[str], frozenset[int]]:
    """Every plan's heads, and their lengths."""
    heads = frozenset(head for plan in knowledge().plans for head in plan.heads)
    return heads, frozenset(len(head) for head in heads)


def _heads_written(text: str) -> set[str]:
    """The plans' heads ("七五", "十四五") that ``text`` holds.

    Every head ends in "五" (see _plan_name_head), so the text that ends at each "五" tells which
    are written: one search for a character instead of one search for each head.
    """
    heads, lengths = _plan_heads()
    found = set()
    wu = text.find("五")
    while wu >= 0:
        found.update(text[wu + 1 - length:wu + 1] for length in lengths if length <= wu + 1)
        wu = text.find("五", wu + 1)
    return found & heads


@cache
def _stale_patterns() -> list[tuple[re.Pattern, Plan]]:
    """Each plan's pattern, compiled when a report first names the plan outside its period."""
    return [
        (lazy(_CARRY_OUT + r"[^，,。；;、\n]{0,4}?" + plan.name_regex), plan)
        for plan in knowledge().plans if plan.stale_after_end
    ]


class StalePlan(Rule):
    """A report must not describe a 普法 plan outside its period as the one being carried out.

    七五普法 ran from 2016 to 2020 and 八五普法 from 2021 to 2025.  "深入推进‘七五’普法" in a
    report on 2021 or later is a sentence kept from an old report; "深入开展‘八五’普法" among the
    results of a report on 2020 describes a plan that did not exist yet.  Looking back ("七五普法
    总结验收", "七五普法先进单位" in 2021) and preparing ("谋划‘八五’普法" in 2020, or anything in the
    next-year part) are legitimate.
    """

    code = "Y202"
    name = "stale-plan"
    severity = Severity.WARNING
    summary = "把已经结束或尚未开始的普法规划（如2021年后的“七五”普法）当作当年正在实施的规划"
    norm = "《中央宣传部、司法部关于开展法治宣传教育的第八个五年规划（2021—2025年）》"
    bad = "2022年法治政府建设情况报告\n\n2022年，我镇深入推进“七五”普法，发放宣传资料3000余份。\n"
    good = ("2021年法治政府建设情况报告\n\n2021年，我镇深入推进“八五”普法，做好“七五”普法总结验收，"
            "开展“七五”普法先进评选。\n")

    def check(self, doc, ctx):
        found = _trusted_year(doc, ctx)
        if found is None:
            return
        text = doc.text
        candidates = _candidate_years(doc, found)
        earliest, newest = min(candidates), max(candidates)
        named = None
        for pattern, plan in _stale_patterns():
            if plan.start <= earliest <= plan.end or plan.start <= newest <= plan.end:
                continue
            named = _heads_written(text) if named is None else named
            if named.isdisjoint(plan.heads):
                continue  # the plan is not named: nothing to look for
            finished = earliest > plan.end
            for m in pattern.finditer(text):
                clause = text[_clause_start(text, m.start()):_sentence_end(text, m.end())]
                if finished and _LOOKING_BACK.search(clause):
                    continue
                if not finished and (_PREPARING.search(clause)
                                     or _in_future_part(doc, m.start())):
                    continue
                name = re.search(plan.name_regex, m.group(0))
                start = m.start() + name.start()
                if finished:
                    message = f"{found.year}年度的报告不应再写作正在实施"
                else:
                    message = f"在{found.year}年尚未开始，不应写作已在实施"
                yield self.finding(
                    start, m.end(), f"{plan.label}规划期为{plan.start}—{plan.end}年，{message}",
                    data={"plan": plan.key, "report_year": found.year, "finished": finished},
                )


# ---------------------------------------------------------------------------------------------
# Anachronisms


def _writing_deadline(year: int) -> date:
    # A report on year Y is published before 1 April of Y+1 (督察工作规定 第二十四条).
    return date(year + 1, 3, 31)


_ARTICLE_AFTER = lazy(r"》?\s*第[0-9一二三四五六七八九十百千零〇]+条")


def _treated_as_past(text: str, m: re.Match, event: Event) -> bool:
    if event.mode == "any":
        return True
    clause_start = _clause_start(text, m.start())
    before = text[max(clause_start, m.start() - 12):m.start()]
    near_before = text[max(clause_start, m.start() - 6):m.start()]
    if event.anticipation.search(near_before.removesuffix("党的")):
        return False
    after = text[m.end():m.end() + 12]
    if event.not_after.search(after):
        return False
    if event.held_after.search(after):
        return True
    if event.held_before.search(before.removesuffix("党的")):
        return not event.needs_article or bool(_ARTICLE_AFTER.match(after))
    return False


class Anachronism(Rule):
    """A report cannot refer to something that happened after it was written.

    A report on year Y is written by 31 March of Y+1.  "习近平法治思想" (set out in November 2020)
    in a report on 2019, "学习贯彻党的二十大精神" (October 2022) in a report on 2021, or
    "民法典施行以来" (in force 1 January 2021) in a report on 2020 means the year in the report is
    wrong or the text was copied from a later report.  Mentions that look ahead ("迎接党的二十大",
    "宣传民法典" in 2020) are right and stay silent.
    """

    code = "Y203"
    name = "anachronism"
    severity = Severity.WARNING
    summary = "报告提到了报告年度之后才发生的事件或才出台的文件"
    norm = _NORM_DEADLINE + "；事件日期见 years_knowledge.toml"
    bad = "2021年法治政府建设情况报告\n\n2021年，我镇认真学习贯彻党的二十大精神，全面推进依法行政。\n"
    good = ("2021年法治政府建设情况报告\n\n2021年，我镇坚持以习近平法治思想为指导，以优异成绩迎接党的二十大胜利召开，"
            "深入学习贯彻党的十九届六中全会精神，《民法典》施行以来依法调解纠纷。\n")

    def check(self, doc, ctx):
        found = _trusted_year(doc, ctx)
        if found is None:
            return
        text = doc.text
        newest = max(_candidate_years(doc, found))
        year_end, deadline = date(newest, 12, 31), _writing_deadline(newest)
        for event in knowledge().events:
            if event.when <= (year_end if event.about_report_year else deadline):
                continue
            if not any(map(text.__contains__, event.needles)):
                continue  # not named: nothing to look for
            for m in event.pattern.finditer(text):
                if not _treated_as_past(text, m, event):
                    continue
                yield self.finding(
                    m.start(), m.end(),
                    f"{event.label}{event.fact}，{found.year}年度的报告不应提及（请核对报告年度或删去）",
                    data={"event": event.key, "report_year": found.year},
                )


# ---------------------------------------------------------------------------------------------
# Dates


class ImpossibleDate(Rule):
    """A date must exist: no 13月, no 4月31日, no 2月30日, no 2月29日 in a common year.

    An impossible date in a report that will be published is an obvious slip that undermines its
    credibility, and the reader cannot tell which day was meant.
    """

    code = "Y204"
    name = "impossible-date"
    severity = Severity.ERROR
    summary = "日期不存在（如“4月31日”“2月30日”“13月”）"
    norm = _NORM_DATE
    bad = "2021年法治政府建设情况报告\n\n2021年4月31日，我镇召开法治政府建设专题会议。\n"
    good = ("2020年法治政府建设情况报告\n\n2020年2月29日，我镇召开专题会议；12月31日前完成清理，"
            "1-12月共办理案件30件，“3.15”宣传1次。\n")

    def check(self, doc, ctx):
        for written in _document_dates(doc):
            problem = _date_problem(written)
            if problem:
                yield self.finding(written.start, written.end, problem,
                                   data={"year": written.year, "month": written.month, "day": written.day})
        for m in _year_months(doc):
            month = int(m.group(2))
            if month == 0 or month > 12:
                yield self.finding(m.start(), m.end(), f"日期“{m.group(0)}”不存在：月份应为1至12",
                                   data={"month": month})


def _date_problem(written: WrittenDate) -> str | None:
    month, day = written.month, written.day
    if month is None or day is None:
        return None
    if month == 0 or month > 12:
        return f"日期“{written.label}”不存在：月份应为1至12"
    if day == 0:
        return f"日期“{written.label}”不存在：日应从1开始"
    # Without a year, 2月29日 may be right; take the longest February.
    longest = _days_in_month(written.year or 2000, month)
    if day > longest:
        if month == 2 and day == 29:
            return f"日期“{written.label}”不存在：{written.year}年不是闰年，2月只有28天"
        return f"日期“{written.label}”不存在：{month}月只有{longest}天"
    return None


_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in_month(year: int, month: int) -> int:
    """``calendar.monthrange(year, month)[1]``, without importing calendar (and locale) at start."""
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 29 if month == 2 and leap else _DAYS_IN_MONTH[month - 1]


def _closing_and_year(doc: Document, ctx) -> tuple[WrittenDate, date, ReportYear] | None:
    written = _closing_date(doc)
    if written is None:
        return None
    value = written.value()
    if value is None:
        return None
    found = _trusted_year(doc, ctx)
    if found is None:
        return None
    return written, value, found


_PART_YEAR_REPORT = lazy(r"半年|季度|[0-9一二三四五六七八九十]+月|中期")


class ClosingDateBeforeYearEnd(Rule):
    """A report on a year cannot be dated before that year is over.

    The annual report covers the whole report year, so its 成文日期 falls in the following year.
    A report on 2020 dated "2020年9月18日" either reports a year that is not over yet (an interim
    report filed as the annual one) or carries a wrong date.
    """

    code = "Y205"
    name = "closing-date-before-year-end"
    severity = Severity.WARNING
    summary = "成文日期早于报告年度结束"
    norm = _NORM_DEADLINE
    bad = "2020年法治政府建设情况报告\n\n2020年，我镇全面推进依法行政。\n\nXX镇人民政府\n2020年9月18日\n"
    good = "2020年法治政府建设情况报告\n\n2020年，我镇全面推进依法行政。\n\nXX镇人民政府\n2021年1月8日\n"

    def check(self, doc, ctx):
        found = _closing_and_year(doc, ctx)
        if found is None:
            return
        written, value, year = found
        if _PART_YEAR_REPORT.search(doc.title_block.title):
            return  # a half-year or quarterly report is written before the year is over
        # A date in the future is reported by Y207, which says more.
        earliest = min(_candidate_years(doc, year))
        if value < date(earliest + 1, 1, 1) and value <= ctx.today:
            yield self.finding(
                written.start, written.end,
                f"成文日期“{written.label}”早于报告年度（{year.year}年）结束，年度报告应在{year.year + 1}年初成文，"
                "请核对日期或报告年度",
                data={"date": value.isoformat(), "report_year": year.year},
            )


class ClosingDateAfterDeadline(Rule):
    """A report on year Y should be dated no later than 31 March of Y+1.

    Article 24 of the 督察工作规定 has the annual report published before 1 April of the following
    year; a later 成文日期 means the report missed the deadline, or the date (or the report year)
    is mistyped.
    """

    code = "Y206"
    name = "closing-date-after-deadline"
    severity = Severity.WARNING
    summary = "成文日期晚于次年3月31日（应在每年4月1日前公开）"
    norm = _NORM_DEADLINE
    bad = "2021年法治政府建设情况报告\n\n2021年，我镇全面推进依法行政。\n\nXX镇人民政府\n2022年5月10日\n"
    good = "2021年法治政府建设情况报告\n\n2021年，我镇全面推进依法行政。\n\nXX镇人民政府\n2022年3月31日\n"

    def check(self, doc, ctx):
        found = _closing_and_year(doc, ctx)
        if found is None:
            return
        written, value, year = found
        newest = max(_candidate_years(doc, year))
        if _writing_deadline(newest) < value <= ctx.today:
            yield self.finding(
                written.start, written.end,
                f"成文日期“{written.label}”晚于{year.year + 1}年3月31日；{year.year}年度报告应在"
                f"{year.year + 1}年4月1日前公开，请核对日期或报告年度",
                data={"date": value.isoformat(), "report_year": year.year},
            )


class FutureDate(Rule):
    """The date of writing, the report year and the dates of work done cannot lie in the future.

    A 成文日期 after today, a report on a year that has not begun, or "2027年3月5日，我镇召开…"
    among the year's results is a typing slip (2027 for 2021) that the reviewer should catch
    before the report is published.  Plans are not checked: dates in the next-year part, deadlines
    ("2027年3月31日前完成") and sentences that look ahead ("将于", "计划") stay silent.
    """

    code = "Y207"
    name = "future-date"
    severity = Severity.WARNING
    summary = "成文日期、报告年度或已开展工作的日期晚于今天"
    norm = _NORM_DATE
    bad = "2021年法治政府建设情况报告\n\n2021年，我镇全面推进依法行政。\n\nXX镇人民政府\n2062年1月10日\n"
    good = "2021年法治政府建设情况报告\n\n2021年，我镇全面推进依法行政。\n\nXX镇人民政府\n2022年1月10日\n"

    def check(self, doc, ctx):
        today = ctx.today
        written = _closing_date(doc)
        value = written.value() if written else None
        if value is not None and value > today:
            yield self.finding(written.start, written.end,
                               f"成文日期“{written.label}”晚于今天（{today.year}年{today.month}月{today.day}日）",
                               data={"date": value.isoformat(), "today": today.isoformat()})
        found = report_year(doc, ctx.report_year)
        if found.known and found.span is not None and found.source in ("title", "opening") and found.year > today.year:
            yield self.finding(found.span.start, found.span.end,
                               f"报告年度“{found.year}年”晚于今年（{today.year}年）",
                               data={"report_year": found.year, "today": today.isoformat()})
        yield from self._future_work(doc, today)

    def _future_work(self, doc, today):
        text = doc.text
        # Only the paragraphs outside the next-year parts that name this year or a later one.
        offsets = [offset for year, offset in _years_named(doc, in_next_year_part=False)
                   if year >= today.year]
        for para in _paragraphs_at(doc, offsets):
            for written in _dates_in(para.text, para.span.start):
                value = written.value()
                if value is None or value <= today:
                    continue
                if _DEADLINE_AFTER.match(text, written.end):
                    continue
                sentence = text[max(_sentence_start(text, written.start), para.span.start):written.start]
                if _LOOKING_AHEAD.search(sentence):
                    continue
                yield self.finding(written.start, written.end,
                                   f"日期“{written.label}”晚于今天（{today.year}年{today.month}月{today.day}日），"
                                   "已开展的工作不应写在将来的日期",
                                   data={"date": value.isoformat(), "today": today.isoformat()})


# A date that is a deadline or a start ("…前完成", "…起施行"), or a sentence that plans.
_DEADLINE_AFTER = lazy(r"\s*(?:前|之前|以前|止|为止|起|开始|后)")
_LOOKING_AHEAD = lazy(r"将|拟|计划|力争|预计|争取|确保|到|截至|截止|至")


@hookimpl
def lawlint_rules():
    return [HeadingYear, OpeningYear, PlanYear, ResultsYear, MilestoneYear, StalePlan, Anachronism,
            ImpossibleDate, ClosingDateBeforeYearEnd, ClosingDateAfterDeadline, FutureDate]


@hookimpl
def lawlint_data_versions():
    return {"years_knowledge": _knowledge_version()}
