"""S — sections and document structure: the report's required parts, its title and closing blocks.

The required parts and the words that name them come from a profile (sections_profiles.toml,
option ``profile``; more profiles from the option ``profile_files``); which part each top-level
section is lives in sections_parts.py.  The fixed forms of the title and closing blocks are in
sections_forms.toml.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import chain, islice
from operator import attrgetter

from lawlint.buildcache import compile_regex
from lawlint.diagnostics import Applicability, Fix, Severity
from lawlint.hookspec import hookimpl
from lawlint.reportyear import YEAR_PATTERN, report_year
from lawlint.rules import Rule

from lawlint.plugins import sections_parts as parts_model
from lawlint.plugins.sections_parts import Outline
from lawlint.regexhint import lazy

from .datafile import load_toml, read_data, versioned

FORMS_FILE = "sections_forms.toml"

_REPORT_NORM = "《法治政府建设与责任落实督察工作规定》（厅字〔2019〕28号）关于法治政府建设年度报告内容的规定"
_GBT9704_DATE = "GB/T 9704-2012《党政机关公文格式》7.3.5：成文日期用阿拉伯数字将年、月、日标全，年份标全称，月、日不编虚位"
_GBT9704_CC = "GB/T 9704-2012《党政机关公文格式》7.4.2：抄送机关名称后标全角冒号，机关间用逗号隔开，最后一个抄送机关名称后标句号"
_REGULATION_15 = "《党政机关公文处理工作条例》第十五条：不得在报告等非请示性公文中夹带请示事项"
_TITLE_NORM = ("《党政机关公文处理工作条例》第九条、GB/T 9704-2012 7.3.1：标题由发文机关名称、事由和文种组成；"
               "年度报告的事由须写明报告年度和“法治政府建设”")

_TITLE = "青山镇人民政府\n关于2023年法治政府建设情况的报告\n\n"
_OPENING = "2023年，我镇深入学习贯彻习近平法治思想，扎实推进法治政府建设，现将有关情况报告如下。\n"
_BODY = {
    "measures": "2023年推进法治政府建设的主要举措和成效\n（一）健全依法决策机制。重大行政决策均经合法性审查。\n",
    "problems": "存在的不足和原因\n基层执法人员专业能力不足，原因是培训不够。\n",
    "duty": "党政主要负责人履行推进法治建设第一责任人职责情况\n镇党委书记、镇长带头学法，亲自部署法治建设工作。\n",
    "plans": "2024年推进法治政府建设的主要安排\n持续加强执法队伍建设。\n",
    "other": "其他需要报告的情况\n无。\n",
}
_ALL_PARTS = ("measures", "problems", "duty", "plans", "other")
_NUMERALS = "一二三四五六七八九"


def _report(*part_ids: str, title: str = _TITLE, tail: str = "") -> str:
    """A small report for the rules' examples: the title, an opening and the given parts."""
    body = "".join(f"{_NUMERALS[i]}、{_BODY[p]}" for i, p in enumerate(part_ids or _ALL_PARTS))
    return title + _OPENING + body + tail


def _forms() -> dict:
    return load_toml(FORMS_FILE)


# ---------------------------------------------------------------------------------------------
# What kind of document this is

LAWGOV, OTHER, UNKNOWN = "lawgov", "other", "unknown"
_OPENING_PARAGRAPHS = 3
_SUBJECT_MIN_MENTIONS = 5  # a 法治政府建设 report names its subject far more often than this
_RECOGNISED_PARTS = 4


_TITLE_TAIL = lazy(r"[（(][^（）()]*[）)]$")  # "（送审稿）", "（2023年度）"


def _without_tail(text: str) -> str:
    """A one-line ``text`` without its bracketed tail ("（送审稿）"), if any."""
    return _TITLE_TAIL.sub("", text) if text.endswith(("）", ")")) else text


@cache
def _report_types() -> dict:
    """The forms file's report types, with the genre endings in one tuple for str.endswith."""
    types = _forms()["report_types"]
    return {**types, "genre_endings": tuple(entry["ending"] for entry in types["other_genres"]),
            "always": [entry for entry in types["other"] if entry.get("always")]}


def _title_text(doc) -> str:
    """doc.title_block.title, joined once for the several S rules that read it."""
    return doc.fact("sections.title_text", _joined_title)


def _joined_title(doc) -> str:
    return doc.title_block.title


def _title(doc, profile) -> str:
    """The title, when the lines taken for it read as one: they name the subject or a kind of
    document.  A title too long for the title block leaves only the issuer's name behind, and
    judging that as a title would be wrong."""
    title = _title_text(doc)
    words = _report_types()["document_words"]
    if title and (profile.mentions_subject(title) or any(word in title for word in words)):
        return title
    return ""


def _report_kind(doc, outline: Outline) -> tuple[str, str]:
    """("lawgov" | "other" | "unknown", the name of the other kind of report)."""
    key = ("sections.kind", outline.profile.name)
    kind = doc.facts.get(key)  # (doc.fact, without making a closure for every rule that asks)
    if kind is None:
        kind = doc.facts[key] = _judge_kind(doc, outline)
    return kind


def _structured(outline: Outline) -> bool:
    """Parts only a 法治政府建设 report has (the 第一责任人 part), or nearly all the parts."""
    recognised = outline.recognised
    return bool(recognised & set(outline.profile.signature_parts)) or len(recognised) >= _RECOGNISED_PARTS


def _judge_kind(doc, outline: Outline) -> tuple[str, str]:
    profile = outline.profile
    title = _title(doc, profile)
    types = _report_types()
    if title:
        if _without_tail(title).endswith(types["genre_endings"]):
            ending = _without_tail(title)
            for entry in types["other_genres"]:
                if ending.endswith(entry["ending"]):
                    return OTHER, entry["name"]
        for entry in types["always"]:
            if all(word in title for word in entry["words"]):
                return OTHER, entry["name"]
        if profile.mentions_subject(title):
            return LAWGOV, ""
        for entry in types["other"]:
            if all(word in title for word in entry["words"]):
                return OTHER, entry["name"]
        # A title on some other work: a 法治政府建设 report under a wrong title only when its
        # parts say so (a 司法局's work summary names 法治政府 often but has no 第一责任人 part).
        return (LAWGOV, "") if _structured(outline) and _mentions(doc, profile) else (OTHER, "")
    mentions = _mentions(doc, profile)
    if mentions >= _SUBJECT_MIN_MENTIONS:
        return LAWGOV, ""
    # (islice: the opening paragraphs are the first few, and the others are never read)
    opening = "\n".join(p.text for p in islice((p for p in doc.paragraphs if not p.run_in), _OPENING_PARAGRAPHS))
    if profile.mentions_subject(opening) or (mentions and _structured(outline)):
        return LAWGOV, ""
    return UNKNOWN, ""


def _mentions(doc, profile) -> int:
    return sum(doc.text.count(word) for word in profile.subject)


def _per_context(doc, ctx, key: str, compute):
    """``compute(doc, ctx)`` once per document and rule context.  The rules of one run share
    their context, so the options and the outline are looked up once per document, not once per
    rule."""
    memo = doc.facts.get(key)
    if memo is not None and memo[0] is ctx:
        return memo[1]
    value = compute(doc, ctx)
    doc.facts[key] = (ctx, value)
    return value


def _outline(doc, ctx) -> Outline | None:
    """The document's outline.  A profile that cannot be loaded is reported once per document
    (the first S rule to run raises, and the engine turns that into one internal diagnostic);
    the other S rules then stay silent."""
    return _per_context(doc, ctx, "sections.outline_for", _load_outline)


def _load_outline(doc, ctx) -> Outline | None:
    try:
        return parts_model.outline(doc, ctx)
    except parts_model.ProfileError:
        if doc.facts.get("sections.profile_error"):
            return None
        doc.facts["sections.profile_error"] = True
        raise


def _lawgov_outline(doc, ctx) -> Outline | None:
    """The outline of a 法治政府建设 report the profile applies to, or None."""
    return _per_context(doc, ctx, "sections.lawgov_for", _judge_outline)


def _judge_outline(doc, ctx) -> Outline | None:
    outline = _outline(doc, ctx)
    if outline is None:
        return None
    since = outline.profile.since_year
    if since is not None and outline.year is not None and outline.year < since:
        return None
    kind, _ = _report_kind(doc, outline)
    return outline if kind == LAWGOV else None


# ---------------------------------------------------------------------------------------------
# Anchors: several findings of one family may point at one heading, but never with one span


class _Anchors:
    """Spans for findings that point at a place rather than at text: each finding of one rule
    takes the next free span of the place, and a rule with ``second`` starts from the second span,
    so that S101 and S102 at one place keep distinct spans."""

    def __init__(self, second: bool = False):
        self.used: set[tuple[int, int]] = set()
        self.second = second

    def pick(self, candidates) -> tuple[int, int]:
        """The first free span of ``candidates`` (an iterable: most picks take the first one or
        two, so the rest is never built)."""
        candidates = iter(candidates)
        first = next(candidates)
        for span in (chain(candidates, (first,)) if self.second else chain((first,), candidates)):
            if span not in self.used:
                self.used.add(span)
                return span
        start = first[0]
        return start, start

    @staticmethod
    def _prefixes(start: int, end: int):
        yield start, end
        for k in range(1, end - start):
            yield start, start + k
        yield start, start

    @staticmethod
    def of_heading(heading):
        # Not the whole heading: S202 and S203 report on that span, and one family keeps only
        # one diagnostic per span.
        marker = (heading.marker_span.start, heading.marker_span.end)
        yield marker
        yield heading.title_span.start, heading.title_span.end
        whole = heading.span
        yield from (span for span in islice(_Anchors._prefixes(whole.start, whole.end), 1, None) if span != marker)

    @staticmethod
    def of_first_line(doc):
        for line in doc.lines:
            if line.content:
                span = line.stripped_span
                return _Anchors._prefixes(span.start, span.end)
        return iter([(0, 0)])


def _label(section) -> str:
    heading = section.heading
    return f"{heading.marker}{heading.title}"


def _missing_anchor(outline: Outline, part):
    """The heading before which a missing part belongs: the first section all of whose parts
    come after it, by rank or, where the order is free, by their number in the 规定."""
    for entry in outline.placed:
        if _all_after(entry.part_list(outline.profile), part):
            return entry.section
    return None


def _all_after(parts, part) -> bool:
    for other in parts:  # (a loop: all() over a generator costs more, for one part or two)
        if not (other.rank_from > part.rank or other.number > part.number):
            return False
    return True


class _MissingPart(Rule):
    required: bool

    def check(self, doc, ctx):
        outline = _lawgov_outline(doc, ctx)
        if outline is None:
            return
        anchors = None
        for part in outline.profile.parts:
            if part.required != self.required or outline.present(part.id):
                continue
            anchors = anchors or _Anchors(second=not self.required)
            before = _missing_anchor(outline, part)
            if before is not None:
                start, end = anchors.pick(_Anchors.of_heading(before.heading))
                where = f"，应在“{_label(before)}”之前补充"
            else:
                start, end = anchors.pick(_Anchors.of_first_line(doc))
                where = ""
            yield self.finding(start, end, self.message(part, where), data={"missing_part": part.name})

    def message(self, part, where: str) -> str:
        raise NotImplementedError


class MissingPart(_MissingPart):
    """A 法治政府建设年度报告 must report four things: the year's measures and results, its
    shortcomings and their causes, how the principal Party and government leaders performed their
    duty as first persons responsible for the rule of law, and next year's plans.  A report that
    leaves one out fails the 督察 review and is sent back; this rule finds each part by the words
    real reports use in their headings (synonyms, headings that carry the year, generic headings
    judged by their content) and reports the parts found nowhere, at the heading before which the
    part belongs.
    """

    code = "S101"
    name = "missing-part"
    severity = Severity.ERROR
    summary = "年度报告缺少必备部分（举措成效、不足原因、第一责任人履职、下一年度安排）"
    norm = _REPORT_NORM
    bad = _report("measures", "problems", "plans", "other")
    good = _report()
    required = True

    def message(self, part, where):
        return f"缺少年度报告必备部分“{part.full}”{where}"


class MissingOtherMatters(_MissingPart):
    """The fifth item of the report, 其他需要报告的情况, is often left out.  The 规定 lists it with
    the others; a report with nothing more to report says so ("无。") so the reader knows nothing
    was forgotten.  Informational only.
    """

    code = "S102"
    name = "missing-other-matters"
    severity = Severity.INFO
    summary = "年度报告未写“其他需要报告的情况”部分"
    norm = _REPORT_NORM
    bad = _report("measures", "problems", "duty", "plans")
    good = _report("measures", "problems", "duty", "plans", "other")
    required = False

    def message(self, part, where):
        return f"未见“{part.full}”部分；没有需要报告的事项时，可单列此部分并写“无。”"


class PartWithoutHeading(Rule):
    """A required part whose content is in the report but has no top-level heading of its own:
    written under a generic heading such as 基本情况, tucked into another part as a sub-heading,
    or mentioned only in a paragraph.  The content is there, so this is a warning, not a missing
    part; but the reviewer checks the report part by part, and a part that has no heading is easily
    judged missing.
    """

    code = "S201"
    name = "part-without-heading"
    severity = Severity.WARNING
    summary = "必备部分有内容但未单列标题（写在其他部分或泛称标题下）"
    norm = _REPORT_NORM
    bad = _report("measures", "problems", "plans", "other").replace(
        "（一）健全依法决策机制。", "（一）健全依法决策机制。镇党政主要负责人认真履行推进法治建设第一责任人职责。\n（二）规范执法。")
    good = _report()

    def check(self, doc, ctx):
        outline = _lawgov_outline(doc, ctx)
        if outline is None:
            return
        for part in outline.profile.parts:
            if not part.required or outline.named(part.id):
                continue
            by_content = outline.by_content(part.id)
            if by_content:
                entry = by_content[0]
                heading = entry.heading
                yield self.finding(
                    heading.span.start, heading.span.end,
                    f"“{_label(entry.section)}”写的是“{part.name}”（第{entry.evidence.line.number}行），"
                    f"但标题未体现；建议以“{part.title}”为题单列一部分",
                    data={"missing_part": part.name},
                )
                continue
            found = outline.elsewhere.get(part.id)
            if found is None:
                continue
            within = f"“{_label(found.within)}”" if found.within is not None else "正文开头"
            if found.kind == "subheading":
                message = f"“{part.name}”写成了{within}的下级标题，未单列为一部分"
            else:
                message = f"未单列“{part.name}”部分，相关内容只在{within}的段落中提及"
            yield self.finding(found.start, found.end, message, data={"missing_part": part.name})


_RANK, _RANK_FROM = attrgetter("rank"), attrgetter("rank_from")


class PartOrder(Rule):
    """The parts follow the order of the 规定: measures and results, shortcomings, the first
    responsible persons' duty, next year's plans, other matters.  Putting next year's plans before
    the shortcomings, or the results after the plans, makes the report hard to review against the
    list.  The default profile lets the first-responsible-person part stand anywhere before next
    year's plans (published reports put it first, second or third); the ``strict`` profile does
    not.
    """

    code = "S202"
    name = "part-order"
    severity = Severity.WARNING
    summary = "年度报告各部分顺序与规定不一致"
    norm = _REPORT_NORM
    bad = _report("measures", "plans", "problems", "duty", "other")
    good = _report("measures", "duty", "problems", "plans", "other")

    def check(self, doc, ctx):
        outline = _lawgov_outline(doc, ctx)
        if outline is None:
            return
        # A repeated part is S203's; its place is no separate defect.
        repeats = {id(entry) for entry, _, _ in _duplicates(doc, outline)}
        # The earliest rank every part so far allows, and the part and section that set it.
        floor = None
        for entry in outline.placed:
            if id(entry) in repeats:
                continue
            parts = entry.part_list(outline.profile)
            single = parts[0] if len(parts) == 1 else None  # nearly always: no min or max to take
            latest_possible = single or min(parts, key=_RANK)
            if floor is not None and latest_possible.rank < floor[0].rank_from:
                heading = entry.heading
                yield self.finding(
                    heading.span.start, heading.span.end,
                    f"部分顺序不当：“{latest_possible.name}”应排在第{floor[1].heading.line.number}行"
                    f"“{floor[0].name}”之前",
                )
                continue
            earliest_allowed = single or max(parts, key=_RANK_FROM)
            if floor is None or earliest_allowed.rank_from > floor[0].rank_from:
                floor = (earliest_allowed, entry)


class DuplicatePart(Rule):
    """Two top-level sections that both are the same part (two 存在的不足 sections, two plans
    sections) are usually a pasting slip, or a part split in two that the reviewer has to put
    together.  Generic headings (基本情况, 主要做法) are judged by their content and never count as
    a duplicate, and the measures part may span several sections.
    """

    code = "S203"
    name = "duplicate-part"
    severity = Severity.WARNING
    summary = "同一必备部分出现两次"
    norm = _REPORT_NORM
    bad = _report("measures", "problems", "duty", "plans", "plans", "other")
    good = _report()

    def check(self, doc, ctx):
        outline = _lawgov_outline(doc, ctx)
        if outline is None:
            return
        for entry, earlier, part in _duplicates(doc, outline):
            heading = entry.heading
            yield self.finding(
                heading.span.start, heading.span.end,
                f"“{part.name}”部分重复：第{earlier.heading.line.number}行的“{_label(earlier.section)}”已是这一部分",
            )


def _duplicates(doc, outline: Outline) -> list:
    """(section, the earlier section, part) for each later top-level section that repeats a part
    (for S202 and S203)."""
    return doc.fact(("sections.duplicates", id(outline)), lambda d: _find_duplicates(outline))


def _find_duplicates(outline: Outline) -> list:
    found = []
    first_of: dict[str, object] = {}
    for entry in outline.sections:
        if entry.source != parts_model.HEADING or len(entry.parts) != 1:
            continue
        (part_id,) = entry.parts
        part = outline.profile.part(part_id)
        if not part.unique:
            continue
        if part_id in first_of:
            found.append((entry, first_of[part_id], part))
        else:
            first_of[part_id] = entry
    return found


class WrongReportType(Rule):
    """lawlint checks 法治政府建设年度报告.  A 政府信息公开工作年度报告 or a general work summary
    has other required contents; judging it against the five parts of the 规定 would print a
    screen of false "missing part" errors.  One informational note says what the document seems to
    be instead, and the part rules stay silent.
    """

    code = "S204"
    name = "wrong-report-type"
    severity = Severity.INFO
    summary = "文档不是法治政府建设年度报告（如政府信息公开工作年度报告），未检查必备部分"
    norm = _REPORT_NORM
    bad = "青山区人民政府\n2023年政府信息公开工作年度报告\n\n本报告根据《中华人民共和国政府信息公开条例》编制。\n一、总体情况\n"
    good = _report()

    def check(self, doc, ctx):
        outline = _outline(doc, ctx)
        if outline is None:
            return
        kind, name = _report_kind(doc, outline)
        if kind != OTHER:
            return
        start, end = _title_span(doc) or next(_Anchors.of_first_line(doc))
        if name:
            message = f"本文像是{name}，不是法治政府建设年度报告，未按年度报告的必备部分检查"
        else:
            message = "标题和正文都未提及法治政府建设，本文不像法治政府建设年度报告，未按年度报告的必备部分检查"
        yield self.finding(start, end, message)


# ---------------------------------------------------------------------------------------------
# Title block


def _title_span(doc) -> tuple[int, int] | None:
    lines = doc.title_block.title_lines
    if not lines:
        return None
    return lines[0].stripped_span.start, lines[-1].stripped_span.end


def _lawgov_title(doc, ctx):
    """The profile, when the document is a 法治政府建设 report with a title we can judge."""
    return _per_context(doc, ctx, "sections.lawgov_title_for", _judge_title)


def _judge_title(doc, ctx):
    outline = _outline(doc, ctx)
    if outline is None or not _title(doc, outline.profile) or _report_kind(doc, outline)[0] != LAWGOV:
        return None
    return outline.profile


_GENRE_TAIL = lazy(r"(?:的)?(?:工作)?(?:报告|总结|汇报)$")


def _subject_span(doc) -> tuple[int, int]:
    """The 事由 of a one-line title: after the year, before the genre word; else the last line."""
    line = doc.title_block.title_lines[-1]
    span = line.stripped_span
    text = line.content
    start = 0
    year = YEAR_PATTERN.search(text)
    if year:
        start = year.end() + (1 if text[year.end():year.end() + 1] == "年" else 0)
        start += 1 if text[start:start + 1] == "度" else 0
    tail = _GENRE_TAIL.search(text)
    end = tail.start() if tail else len(text)
    if end <= start:
        return span.start, span.end
    return span.start + start, span.start + end


_YEAR_SUBTITLE = lazy(r"^[（(][^（）()]{0,12}[）)]$")


def _line_after_title(doc):
    """The first non-empty line after the title, if any (the title has lines)."""
    return doc.fact("sections.line_after_title", _find_line_after_title)


def _find_line_after_title(doc):
    last = doc.title_block.title_lines[-1].number
    # Line numbers count from 1, so the lines after the title start at index ``last``.
    for line in islice(doc.lines, last, None):
        if line.text and not line.text.isspace():  # (line.content, uncopied)
            return line
    return None


def _year_under_title(doc) -> bool:
    """A year given in a short bracketed line right under the title: "（2023年度）"."""
    nxt = _line_after_title(doc)
    return nxt is not None and bool(_YEAR_SUBTITLE.match(nxt.content)) and bool(YEAR_PATTERN.search(nxt.content))


class TitleWithoutYear(Rule):
    """The title of an annual report names the year it reports on ("青山镇2023年法治政府建设情况
    报告"): reports of several years are filed and published side by side, and a title without a
    year cannot be told apart from last year's.
    """

    code = "S211"
    name = "title-without-year"
    severity = Severity.WARNING
    summary = "标题未写明报告年度"
    norm = _TITLE_NORM
    bad = _report(title="青山镇人民政府\n关于法治政府建设情况的报告\n\n")
    good = _report()

    def check(self, doc, ctx):
        if _lawgov_title(doc, ctx) is None:
            return
        title = _title_text(doc)
        if YEAR_PATTERN.search(title) or _year_under_title(doc):
            return
        start, end = _title_span(doc)
        year = report_year(doc, ctx.report_year).year
        example = f"（如“{year}年”）" if year else ""
        yield self.finding(start, end, f"标题未写明报告年度{example}，看不出是哪一年的年度报告")


class TitleWithoutSubject(Rule):
    """The title names its subject, 法治政府建设, so the reader (and the publishing website) knows
    which of the government's annual reports this is.  A title such as "2023年依法行政工作报告"
    uses the name of an older report.
    """

    code = "S212"
    name = "title-without-subject"
    severity = Severity.WARNING
    summary = "标题未写明“法治政府建设”"
    norm = _TITLE_NORM
    bad = _report(title="青山镇人民政府\n关于2023年依法行政工作情况的报告\n\n")
    good = _report()

    def check(self, doc, ctx):
        profile = _lawgov_title(doc, ctx)
        if profile is None or profile.mentions_subject(_title_text(doc)):
            return
        start, end = _subject_span(doc)
        yield self.finding(start, end, "标题未写明“法治政府建设”，看不出是法治政府建设年度报告")


_WRONG_GENRE = lazy(r"(工作总结|总结|汇报材料|汇报|报告材料|材料|情况)$")


class TitleNotReport(Rule):
    """The genre word of the title is 报告: the annual report is a 报告 to the Party committee and
    the government above.  A title ending in 总结, 汇报 or 情况 names another genre or none.
    """

    code = "S213"
    name = "title-not-report"
    severity = Severity.WARNING
    summary = "标题未以文种“报告”结尾"
    norm = _TITLE_NORM
    bad = _report(title="青山镇人民政府\n2023年法治政府建设工作总结\n\n")
    good = _report()

    def check(self, doc, ctx):
        if _lawgov_title(doc, ctx) is None:
            return
        # A bracketed line under the title ("（2023年度）") is not where the genre word goes.
        lines = [l for l in doc.title_block.title_lines
                 if not (l.content.startswith(("（", "(")) and _TITLE_TAIL.fullmatch(l.content))]
        last = (lines or doc.title_block.title_lines)[-1]
        text = _without_tail(last.content).rstrip("。. \u3000")
        if text.endswith("报告"):
            return
        wrong = _WRONG_GENRE.search(text)
        if wrong:
            offset = last.text.index(text) + wrong.start()
            start, end = last.start + offset, last.start + offset + len(wrong.group())
            yield self.finding(start, end, f"标题的文种应为“报告”，而不是“{wrong.group()}”")
        else:
            start, end = _title_span(doc)
            yield self.finding(start, end, "标题应以文种“报告”结尾")


_ADDRESSEE_SPLIT = lazy(r"[、，,]")


@cache
def _addressee_organ():
    return compile_regex(_forms()["addressee"]["organ"])


def _addressee_line(doc):
    """The line after the title when it reads as a 主送机关 ("区政府", "区委、区政府"), with or
    without its colon."""
    if doc.title_block.addressee is not None:
        return doc.title_block.addressee
    if not doc.title_block.title_lines:
        return None
    nxt = _line_after_title(doc)
    if nxt is None:
        return None
    text = nxt.content.rstrip("：:，,；;。")
    # The first name settles nearly every line (an opening paragraph is no organ's name).
    if not _addressee_organ().fullmatch(_ADDRESSEE_SPLIT.split(text, 1)[0].strip()):
        return None
    if any(h.line.number == nxt.number for h in doc.headings):
        return None
    if all(_addressee_organ().fullmatch(name.strip()) for name in _ADDRESSEE_SPLIT.split(text)):
        return nxt
    return None


class AddresseeColon(Rule):
    """The addressee line (主送机关, "区政府：") ends in a full-width colon, which tells the reader
    that the report is addressed to that organ and the body follows.  Without it, or with a comma,
    the addressee reads as a stray line.  (A half-width ":" is reported by the punctuation rules.)
    """

    code = "S214"
    name = "addressee-colon"
    severity = Severity.WARNING
    summary = "主送机关后缺少全角冒号“：”"
    norm = "GB/T 9704-2012《党政机关公文格式》7.3.2：主送机关名称后标全角冒号"
    bad = _report(title=_TITLE + "区委、区政府\n\n")
    good = _report(title=_TITLE + "区委、区政府：\n\n")
    fixable = True

    def check(self, doc, ctx):
        line = _addressee_line(doc)
        if line is None:
            return
        span = line.stripped_span
        last = doc.text[span.end - 1]
        if last in "：:":
            return
        if last in "，,；;。.":
            yield self.finding(span.end - 1, span.end, "主送机关后应标全角冒号“：”",
                               fix=Fix.replace(span.end - 1, span.end, "：", "改为“：”"))
        else:
            yield self.finding(span.start, span.end, "主送机关后缺少全角冒号“：”",
                               fix=Fix.replace(span.end, span.end, "：", "加“：”"))


# ---------------------------------------------------------------------------------------------
# Closing block

_DIGITS = "0123456789０１２３４５６７８９"
_CN_DIGIT = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "Ｏ": 0, "O": 0}
_SEP = r"[ \t\u3000]*"
_LOOSE_DATE = lazy(
    rf"^(?P<y>[0-9０-９]{{2,4}}|[〇○Ｏ零一二三四五六七八九]{{2,4}}){_SEP}(?P<s1>年|[.．/／\-－]){_SEP}"
    rf"(?P<m>[0-9０-９]{{1,2}}|[一二三四五六七八九十]{{1,2}}){_SEP}(?P<s2>月|[.．/／\-－])"
    rf"{_SEP}(?P<d>[0-9０-９]{{1,2}}|[一二三四五六七八九十]{{1,3}}){_SEP}(?P<s3>日|号)?$"
)
_MONTH_ONLY = lazy(rf"^(?P<y>[0-9０-９]{{4}}|[〇○Ｏ零一二三四五六七八九]{{4}}){_SEP}年{_SEP}"
                         rf"(?P<m>[0-9０-９]{{1,2}}|[一二三四五六七八九十]{{1,2}}){_SEP}月$")
_CLOSING_LINES = 4
_DATE_FIRST = frozenset(_DIGITS) | frozenset(_CN_DIGIT)  # every character a date may start with


def _number(text: str) -> int | None:
    if text.isascii() and text.isdigit():  # (nearly every date: no character to look up)
        return int(text)
    if all(ch in _DIGITS for ch in text):
        return int("".join(str(_DIGITS.index(ch) % 10) for ch in text))
    if all(ch in _CN_DIGIT for ch in text):  # a year written digit by digit
        return int("".join(str(_CN_DIGIT[ch]) for ch in text))
    # 十, 十二, 二十, 二十三, 三十一
    if "十" in text:
        tens, _, ones = text.partition("十")
        tens_value = _CN_DIGIT.get(tens, 1) if tens else 1
        ones_value = _CN_DIGIT.get(ones, 0) if ones else 0
        if (tens and tens not in _CN_DIGIT) or (ones and ones not in _CN_DIGIT):
            return None
        return tens_value * 10 + ones_value
    return None


def _may_be_date(text: str) -> bool:
    """False for a line neither date form can match: both open with two digits or numerals (a
    line with leading white space is left to the patterns)."""
    return text[:1].isspace() or (text[:1] in _DATE_FIRST and text[1:2] in _DATE_FIRST)


def _closing_lines(doc):
    """The last few non-empty lines that may hold the signature, the date and 抄送."""
    return doc.fact("sections.closing_lines", _find_closing_lines)


def _find_closing_lines(doc):
    titles = {line.number for line in doc.title_block.lines}
    tail = []
    for line in reversed(doc.lines):  # from the end: the body is not read
        text = line.text
        if text and not text.isspace() and line.number not in titles:  # (line.content, uncopied)
            tail.append(line)
            if len(tail) == _CLOSING_LINES:
                break
    tail.reverse()
    return tail


class ClosingDateForm(Rule):
    """The 成文日期 is written in Arabic numerals with the year in full and no leading zeros:
    "2020年9月18日" (GB/T 9704-2012 7.3.5; the 1999 standard's Chinese numerals "二〇二〇年九月
    十八日" are out of date).  "2020年09月18日", "2020.9.18" and "20年9月18日" are slips a reviewer
    sends back.  Whether the date falls in the right year is checked by the Y rules.
    """

    code = "S221"
    name = "closing-date-form"
    severity = Severity.WARNING
    summary = "成文日期写法不规范（应为“2020年9月18日”式）"
    norm = _GBT9704_DATE
    bad = _report(tail="\n青山镇人民政府\n2024年01月15日\n")
    good = _report(tail="\n青山镇人民政府\n2024年1月15日\n")
    fixable = True

    def check(self, doc, ctx):
        for line in _closing_lines(doc):
            if not _may_be_date(line.text):
                continue
            text = line.content
            match = _LOOSE_DATE.match(text)
            if match is None:
                partial = _MONTH_ONLY.match(text)
                if partial:
                    span = line.stripped_span
                    yield self.finding(span.start, span.end, "成文日期应写全年、月、日（如“2020年9月18日”）")
                continue
            year, month, day = (_number(match.group(k)) for k in ("y", "m", "d"))
            if year is None or month is None or day is None or not (1 <= month <= 12 and 1 <= day <= 31):
                continue
            short_year = len(match.group("y")) == 2
            if short_year and match.group("s1") == "年":
                continue  # "24年" is the W rules' two-digit year
            if short_year:
                year += 2000
            canonical = f"{year}年{month}月{day}日"
            if text == canonical:
                continue
            span = line.stripped_span
            fix = Fix.replace(span.start, span.end, canonical, f"改为“{canonical}”",
                              applicability=Applicability.UNSAFE if short_year else Applicability.SAFE)
            yield self.finding(span.start, span.end,
                               f"成文日期应写作“{canonical}”（阿拉伯数字，年份写全，月、日前不加“0”）", fix=fix)


_CC_HEAD = lazy(r"^抄\s*送[ \t\u3000]*(?P<colon>[：:]?)")


class CcLineForm(Rule):
    """The 抄送 line reads "抄送：A，B。": a full-width colon after 抄送, commas between the
    organs, a full stop after the last one (GB/T 9704-2012 7.4.2).
    """

    code = "S222"
    name = "cc-line-form"
    severity = Severity.WARNING
    summary = "抄送行格式不规范（全角冒号、逗号分隔、句号结尾）"
    norm = _GBT9704_CC
    bad = _report(tail="\n青山镇人民政府\n2024年1月15日\n抄送：区司法局、区委依法治区办\n")
    good = _report(tail="\n青山镇人民政府\n2024年1月15日\n抄送：区司法局，区委依法治区办。\n")
    fixable = True

    def check(self, doc, ctx):
        lines = _closing_lines(doc)
        line = next((l for l in reversed(lines) if "抄送" in l.text and l.content.startswith("抄送")), None)
        if line is None:
            return
        span = line.stripped_span
        text = doc.text[span.start:span.end]
        head = _CC_HEAD.match(text)
        colon = head.group("colon")
        colon_at = span.start + head.start("colon")
        if not colon:  # a half-width ":" is reported by the punctuation rules
            at = span.start + len("抄送")
            yield self.finding(span.start, at, "“抄送”后应加全角冒号“：”",
                               fix=Fix.replace(at, colon_at, "：", "加“：”"))
        organs_start = span.start + head.end()
        organs = doc.text[organs_start:span.end]
        for match in re.finditer("、", organs):
            at = organs_start + match.start()
            yield self.finding(at, at + 1, "抄送机关之间应用逗号“，”隔开",
                               fix=Fix.replace(at, at + 1, "，", "改为“，”"))
        last = doc.text[span.end - 1]
        if last == "。" or not organs:
            return
        if last in ".．，,；;、":
            yield self.finding(span.end - 1, span.end, "最后一个抄送机关名称后应标句号“。”",
                               fix=Fix.replace(span.end - 1, span.end, "。", "改为“。”"))
        else:
            yield self.finding(span.end - 1, span.end, "最后一个抄送机关名称后应标句号“。”",
                               fix=Fix.replace(span.end, span.end, "。", "加“。”"))


_CLAUSE = lazy(r"[^，,；;：:。！!？?\n]+")


@cache
def _request_pattern():
    """(the phrases' first characters, any phrase anywhere, a phrase opening a clause, a clause
    that is a lead)."""
    forms = _forms()["request"]
    phrases = "|".join(sorted(map(re.escape, forms["phrases"]), key=len, reverse=True))
    leads = "|".join(sorted(map(re.escape, forms["leads"]), key=len, reverse=True))
    first_chars = frozenset(phrase[0] for phrase in forms["phrases"] if phrase)
    return (first_chars, compile_regex(phrases), compile_regex(rf"^(?:{phrases})"),
            compile_regex(rf"^(?:{leads})$"))


def _is_a_report(doc, ctx) -> bool:
    """A 报告 by its title, or, without a title, a 法治政府建设 report by its content."""
    title = _without_tail(_title_text(doc))
    if title:
        return title.endswith("报告")
    outline = _outline(doc, ctx)
    return outline is not None and _report_kind(doc, outline)[0] == LAWGOV


class RequestInReport(Rule):
    """A 报告 reports; it must not ask for approval.  "妥否，请批示" or "请予审批" belongs in a 请示,
    which the superior organ must answer; inside a 报告 the request is filed and never answered
    (《党政机关公文处理工作条例》第十五条).  Only a clause of its own is matched, so wording such as
    "提请审批" inside a sentence about procedure does not count.
    """

    code = "S223"
    name = "request-in-report"
    severity = Severity.ERROR
    summary = "报告中夹带请示事项（如“妥否，请批示”）"
    norm = _REGULATION_15
    bad = _report(tail="以上报告，妥否，请批示。\n")
    good = _report(tail="特此报告。\n")

    def check(self, doc, ctx):
        if not _is_a_report(doc, ctx):
            return
        first_chars, anywhere, phrase, lead = _request_pattern()
        # A paragraph's text is the document's, at most with residue blanked to spaces (which no
        # phrase holds), so a report without a phrase anywhere (nearly every one) has no clause
        # to read; most have not even a phrase's first character (a str search, far cheaper).
        if not any(char in doc.text for char in first_chars) or anywhere.search(doc.text) is None:
            return
        for para in doc.paragraphs:
            clauses = [(para.span.start + m.start(), m.group()) for m in _CLAUSE.finditer(para.text)]
            for i, (start, clause) in enumerate(clauses):
                stripped = clause.strip()
                if not phrase.match(stripped):
                    continue
                begin = start + clause.index(stripped)
                if i > 0 and lead.match(clauses[i - 1][1].strip()):
                    prev_start, prev = clauses[i - 1]
                    begin = prev_start + prev.index(prev.strip())
                end = start + len(clause.rstrip())
                yield self.finding(begin, end, f"报告中不得夹带请示事项：“{doc.text[begin:end]}”应删去，"
                                   "需要上级批准的事项另行请示")


RULES = [
    MissingPart, MissingOtherMatters, PartWithoutHeading, PartOrder, DuplicatePart, WrongReportType,
    TitleWithoutYear, TitleWithoutSubject, TitleNotReport, AddresseeColon,
    ClosingDateForm, CcLineForm, RequestInReport,
]


@hookimpl
def lawlint_rules():
    return list(RULES)


@hookimpl
def lawlint_data_versions():
    return {
        "sections_profiles": parts_model.builtin_version(),
        "sections_forms": versioned(_forms().get("version", ""), read_data(FORMS_FILE)),
    }
