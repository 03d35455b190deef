"""P2 — punctuation, dashes and spaces in Chinese text (GB/T 15834-2011, GB/T 15835-2011).

lawlint follows the standards and the habits of official documents, not the conventions of other
Chinese linters: no spaces around numbers ("2021年", never "2021 年"), full-width marks in
Chinese text, the 一字线 "—" in year ranges.  The marks the rules look for are rare in a report,
so each rule first finds them, or the few lines that hold one, at str.find speed
(``_occurrences``, ``_lines_holding``) and reads only those, with patterns compiled once; the
tables of marks live in punctuation_marks.toml.

Not reported here: spaces at the start or end of a line and a line holding only a space (converter
residue, F family); full-width spaces, which indent or pad signature and date lines in 公文; heading
markers such as "(1)" and "1、" (H family).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from operator import attrgetter

from lawlint.diagnostics import Applicability, Edit, Fix, Severity
from lawlint.document import Document, Line
from lawlint.hookspec import hookimpl
from lawlint.plugins.brackets import PARTNERED_MARKS, analyse, marker_spans
from lawlint.rules import Rule
from lawlint.regexhint import lazy

from .datafile import load_toml, read_data, versioned

DATA_FILE = "punctuation_marks.toml"
_GBT15834 = "GB/T 15834-2011《标点符号用法》"
_GBT15835 = "GB/T 15835-2011《出版物上数字用法》"

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Chinese characters and the marks of Chinese text: CJK punctuation, full-width forms, curly
# quotes, 一字线, 省略号, 间隔号.
_CJK = _HAN + "\u3000-\u303f\uff00-\uffef\u2014\u2015\u2018\u2019\u201c\u201d\u2026\u00b7"
_ASCII_ALNUM = lazy(r"[A-Za-z0-9]")
_NUMBER = r"[0-9０-９]+(?:[.．][0-9０-９]+)?"
_ENTITY_BEFORE = lazy(r"&#?[A-Za-z0-9]{1,10}$")
# A space that is the only content of a pair ("【 】") is a template slot (W501), not a stray.
_EMPTY_PAIRS = frozenset({"【】", "（）", "〔〕", "［］", "《》", "“”", "()", "[]", "「」"})


def _bounds(charset: str) -> tuple[str, ...]:
    """Where the characters of ``charset`` (a regex class body of characters and "a-b" ranges,
    without escapes) begin and stop, in order: a character ``ch`` is in the class when
    ``bisect_right(bounds, ch)`` is odd ("", before every bound, is in no class).

    One bisect costs less than a regex call on a character, and compiling a regex class of
    Chinese characters costs ~1–2 ms of a run's start (re fills a map of the range in Python)."""
    ranges = []
    i = 0
    while i < len(charset):
        if charset[i + 1:i + 2] == "-" and i + 2 < len(charset):
            ranges.append((ord(charset[i]), ord(charset[i + 2])))
            i += 3
        else:
            ranges.append((ord(charset[i]), ord(charset[i])))
            i += 1
    bounds: list[int] = []
    for first, last in sorted(ranges):
        if bounds and first <= bounds[-1]:  # touches the range before: extend it
            bounds[-1] = max(bounds[-1], last + 1)
        else:
            bounds += [first, last + 1]
    return tuple(map(chr, bounds))


_HAN_BOUNDS = _bounds(_HAN)
_CJK_BOUNDS = _bounds(_CJK)


def _is_han(ch: str) -> bool:
    """Whether ``ch`` (one character, or "") is a Chinese character (``[{_HAN}]``)."""
    return bisect_right(_HAN_BOUNDS, ch) % 2 == 1


def _is_cjk(ch: str) -> bool:
    """Whether ``ch`` (one character, or "") is Chinese text: a character or a mark (``[{_CJK}]``)."""
    return bisect_right(_CJK_BOUNDS, ch) % 2 == 1


def _has_han(text: str) -> bool:
    return any(map(_is_han, text))


def _han_run_end(text: str, start: int, stop: int, most: int) -> int:
    """Where the run of Chinese characters from ``start`` ends: ``stop`` or ``most`` characters on
    at the latest."""
    end = start
    while end < stop and end - start < most and _is_han(text[end]):
        end += 1
    return end


def _han_run_start(text: str, start: int, stop: int, most: int) -> int:
    """Where the run of Chinese characters that ends at ``stop`` starts: ``start`` or ``most``
    characters back at the earliest."""
    begin = stop
    while begin > start and stop - begin < most and _is_han(text[begin - 1]):
        begin -= 1
    return begin


def _alt(items) -> str:
    """A regex alternation, longest first so that "——" wins over "—"."""
    return "|".join(re.escape(item) for item in sorted(items, key=len, reverse=True))


class MarkTable:
    """The tables of punctuation_marks.toml, made ready for the rules (``mark_table``).  A plain
    class whose fields are set by keyword: a dataclass costs ~1 ms of every start to create."""

    __slots__ = (
        "ascii",  # dict: half-width mark → full-width mark
        "periods",
        "range_connectors",  # every wrong connector, of years or of months
        "range_right",
        "range_names",
        "range_pattern",  # two years
        "month_pattern",  # two months ("1-6月")
        "unit_after",  # a unit at the start of the text after a space
        "number_then_unit",  # a number and a unit, at the start of the text after a space
        "heading_bad_endings",
        "repeat_chars",  # the marks of a repeat run, pauses and marks
        "repeat_pattern",
        "repeat_marks",
        "pauses",
        "ellipsis_right",
        "ellipsis_pattern",
        "ellipsis_needles",  # wrong 省略号 to look for, but those made of repeat marks
        "ellipsis_in_runs",  # wrong 省略号 made of repeat marks ("。。。"): in a repeat run
        "title_substitute_needles",  # the openers, but those that hold a shorter one
        "title_substitute_pattern",  # groups: open, content, close
    )

    def __init__(self, **fields):
        for name, value in fields.items():
            setattr(self, name, value)


def _version() -> str:
    # For lawlint --version and SARIF only: a linting run does not read and hash the file.
    return versioned(load_toml(DATA_FILE)["version"], read_data(DATA_FILE))


@cache
def mark_table() -> MarkTable:
    raw = load_toml(DATA_FILE)
    ascii_map = dict(raw["ascii"])
    periods = raw["period"]["marks"]
    rng = raw["range"]
    units = _alt(raw["units"]["after_number"])
    year = r"(?:19|20)[0-9]{2}"
    repeat = raw["repeat"]
    ellipsis = raw["ellipsis"]
    single = [w for w in ellipsis["wrong"] if len(w) == 1]
    runs = [w for w in ellipsis["wrong"] if len(w) > 1]
    # Literal prefixes ("\\.\\.\\.+", not "(?:\\.){3,}") let the regex engine skip ahead fast.
    ellipsis_parts = [f"{re.escape(w)}{re.escape(w[0])}*" for w in runs]
    ellipsis_parts += [f"{re.escape(w)}+" for w in single]  # a run of one: the check keeps it
    repeated = dict.fromkeys(repeat["pauses"] + repeat["marks"])  # in order, once each
    in_runs = [w for w in ellipsis["wrong"] if len(w) > 1 and set(w) <= repeated.keys()]
    substitutes = raw["title_substitutes"]["pairs"]
    return MarkTable(
        ascii=ascii_map,
        periods=tuple(periods),
        range_connectors=tuple(dict.fromkeys(rng["wrong"] + rng["month_wrong"])),
        range_right=rng["right"],
        range_names=dict(rng["names"]),
        range_pattern=lazy(
            rf"(?P<y1>{year})[ \t]*(?:年)?[ \t]*(?P<conn>{_alt(rng['wrong'])})[ \t]*"
            rf"(?P<y2>{year})(?![0-9])(?![\-.][0-9])"),
        month_pattern=lazy(
            rf"(?P<y1>1[0-2]|0?[1-9])(?:月)?(?P<conn>{_alt(rng['month_wrong'])})"
            rf"(?P<y2>1[0-2]|0?[1-9])月"),
        unit_after=lazy(f"(?:{units})"),
        number_then_unit=lazy(rf"{_NUMBER}[ \u00a0]*(?:{units})"),
        heading_bad_endings=tuple(raw["heading"]["bad_endings"]),
        repeat_chars="".join(repeated),
        repeat_pattern=lazy("[" + "".join(re.escape(ch) for ch in repeat["pauses"] + repeat["marks"]) + "]{2,}"),
        repeat_marks=frozenset(repeat["marks"]),
        pauses=frozenset(repeat["pauses"]),
        ellipsis_right=ellipsis["right"],
        ellipsis_pattern=lazy("|".join(ellipsis_parts)),
        ellipsis_needles=tuple(w for w in ellipsis["wrong"] if w not in in_runs),
        ellipsis_in_runs=tuple(in_runs),
        title_substitute_needles=tuple(o for o, _ in substitutes
                                       if not any(other != o and other in o for other, _ in substitutes)),
        title_substitute_pattern=lazy("|".join(
            f"(?P<open{i}>{re.escape(o)})(?P<body{i}>[^<>＜＞〈〉《》\n]{{1,80}}?)(?P<close{i}>{re.escape(c)})"
            for i, (o, c) in enumerate(substitutes))),
    )


def _lines_holding(doc: Document, needles) -> list[Line]:
    """The lines that hold one of ``needles``, in order.

    str.find looks for a string several times faster than a regex character class steps
    through Chinese text, and the marks the rules look for are rare: a rule finds its lines so
    and reads only those.
    """
    text, lines = doc.text, doc.lines
    found: set[int] = set()
    for needle in needles:
        pos = text.find(needle[0])  # a rare first character is missing at memchr speed
        if len(needle) > 1 and pos >= 0:
            pos = text.find(needle, pos)
        while pos >= 0:
            index = doc.position(pos)[0] - 1
            found.add(index)
            line = lines[index]
            pos = text.find(needle, line.start + len(line.text) + 1)  # on to the next line
    return [lines[index] for index in sorted(found)]


def _occurrences(doc: Document, needles) -> list[tuple[Line, int]]:
    """Every occurrence of ``needles`` as (line, column), in text order (a needle must not
    overlap itself).

    For marks rare enough that finding each with str.find beats stepping a regex through every
    line (see ``_lines_holding``).
    """
    text = doc.text
    positions = []
    for needle in needles:
        pos = text.find(needle[0])  # a rare first character is missing at memchr speed
        if len(needle) > 1 and pos >= 0:
            pos = text.find(needle, pos)
        while pos >= 0:
            positions.append(pos)
            pos = text.find(needle, pos + 1)
    positions.sort()
    lines = doc.lines
    found = []
    for pos in positions:
        line = lines[doc.position(pos)[0] - 1]
        found.append((line, pos - line.start))
    return found


def _repeat_runs(doc: Document) -> list[re.Match]:
    """Runs of two or more pause marks in the whole text ("。。", "，。"), for P206 and P208.

    The marks are in every sentence but runs of them are rare: every mark is folded into one
    with str.replace (C speed), and only a text where that one then comes twice in a row is
    scanned with the regex.  A run never crosses a line end.
    """
    def compute(d: Document) -> list[re.Match]:
        table = mark_table()
        folded = d.text
        for mark in table.repeat_chars[1:]:
            folded = folded.replace(mark, table.repeat_chars[0])
        if table.repeat_chars[0] * 2 not in folded:
            return []
        return list(table.repeat_pattern.finditer(d.text))

    return doc.fact("lawlint.punctuation.repeat_runs", compute)


# "工 作 报 告": a title spaced out character by character for display.
_LETTER_SPACED = lazy(f"(?:^|[ \u3000])[{_HAN}](?:[ \u3000]+[{_HAN}]){{3,}}(?:[ \u3000]|$)")


def _letter_spaced(text: str) -> bool:
    # Three spaces at least: the pattern (slow to compile) is needed for few titles.
    return text.count(" ") + text.count("\u3000") >= 3 and _LETTER_SPACED.search(text) is not None


def _layout_lines(doc: Document) -> set[int]:
    """Lines whose spacing is layout: issuers and addressee, closing lines (joint signatures,
    padded dates), and title lines spaced out character by character."""
    def compute(d: Document) -> set[int]:
        block = d.title_block
        lines = block.issuer_lines + ([block.addressee] if block.addressee else []) + d.closing.lines
        lines += [line for line in block.title_lines if _letter_spaced(line.content)]
        return {line.number for line in lines}

    return doc.fact("lawlint.punctuation.layout", compute)


def _han_prefix_counts(text: str) -> list[int]:
    """counts[i] = number of Chinese characters in text[:i]."""
    counts = [0]
    total = 0
    for ch in text:
        total += _is_han(ch)
        counts.append(total)
    return counts


_ASCII_WORD_CHARS = frozenset("0123456789%％.ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _after_chinese_word(text: str, col: int) -> bool:
    """A mark at the end of a line closes Chinese text when the number or word before it follows a
    Chinese character ("合格率均达100%," — but not "Hello world,")."""
    i = col
    while i > 0 and col - i < 40 and text[i - 1] in _ASCII_WORD_CHARS:
        i -= 1
    return i > 0 and _is_cjk(text[i - 1])


def _char(text: str, index: int) -> str:
    return text[index] if 0 <= index < len(text) else ""


# ---------------------------------------------------------------------------------------------


class HalfWidthPunctuation(Rule):
    """Chinese text takes full-width ，；：？！（）, not the ASCII marks.

    A half-width comma or bracket in a Chinese sentence is a typing slip (the input method was in
    English mode) that every reader sees; in a published report it looks careless.  A mark is
    reported only next to Chinese text, so numbers ("1,000"), times ("8:30"), web addresses and
    English words keep their ASCII marks; a half-width bracket is judged with its partner.
    """

    code = "P201"
    name = "half-width-punctuation"
    severity = Severity.WARNING
    summary = "中文语句中使用了半角标点（, ; : ? ! ( ) \"）"
    norm = f"{_GBT15834} 3.1、4.2–4.9：中文语句使用全角标点；{_GBT15835} 适用的数字、时间、网址除外"
    bad = "同时加强法制机构人员配备，提高法律专业人员比例,确保制度得到有效实施。\n"
    good = "提高法律专业人员比例，确保制度得到有效实施，上午8:30开会，网址www.gov.cn，共1,000份。\n"
    fixable = True

    def check(self, doc, ctx):
        table = mark_table()
        marks = _occurrences(doc, table.ascii)
        quoted = _lines_holding(doc, '"')
        if not marks and not quoted:
            return
        markers = marker_spans(doc)
        partner = None
        han_before: dict[int, list[int]] = {}  # by line: Chinese characters before each column
        for line, col in marks:
            text = line.text
            pos = line.start + col
            skip = markers.get(line.number)
            if skip is not None and skip[0] <= pos < skip[1]:
                continue
            mark = text[col]
            if mark in PARTNERED_MARKS:
                if partner is None:
                    partner = analyse(doc).partner
                if line.number not in han_before:
                    han_before[line.number] = _han_prefix_counts(text)
                chinese = self._bracket_in_chinese(text, col, partner.get(pos), line.start, han_before[line.number])
            else:
                chinese = (_is_cjk(_char(text, col - 1)) or _is_cjk(_char(text, col + 1))
                           or (not text[col + 1:].strip() and _after_chinese_word(text, col)))
                if mark == ";" and _ENTITY_BEFORE.search(text, max(0, col - 12), col):
                    continue  # the end of an HTML entity ("&ldquo;"): converter residue, F101
            if not chinese:
                continue
            right = table.ascii[mark]
            # "比例, 确保": the English-style space after the mark goes with it.
            fix_end = pos + 1
            if mark not in PARTNERED_MARKS:
                space = self._SPACE_AFTER.match(text, col + 1)
                if space and _is_cjk(_char(text, space.end())):
                    fix_end = line.start + space.end()
            yield self.finding(pos, pos + 1, f"中文语句中应使用全角“{right}”，不应使用半角“{mark}”",
                               fix=Fix.replace(pos, fix_end, right, f"改为“{right}”"))
        for line in quoted:
            yield from self._straight_quotes(line, markers.get(line.number))

    def _straight_quotes(self, line, skip):
        """ASCII '"' around Chinese words.  When the line's straight quotes pair up, a pair is
        reported when it encloses Chinese text (an ASCII-only pair such as a field code's
        "http://…" is left alone) and the direction is guessed from the order."""
        text = line.text
        cols = [i for i, ch in enumerate(text) if ch == '"']
        paired = len(cols) % 2 == 0
        for index, col in enumerate(cols):
            pos = line.start + col
            if skip is not None and skip[0] <= pos < skip[1]:
                continue
            fix = None
            if paired:
                start, end = (col, cols[index + 1]) if index % 2 == 0 else (cols[index - 1], col)
                if not _has_han(text[start:end]):
                    continue
                right = "“" if index % 2 == 0 else "”"
                fix = Fix.replace(pos, pos + 1, right, f"改为“{right}”", applicability=Applicability.UNSAFE)
            elif not (_is_cjk(_char(text, col - 1)) or _is_cjk(_char(text, col + 1))):
                continue
            yield self.finding(pos, pos + 1, '中文语句中应使用弯引号“”，不应使用直引号"', fix=fix)

    _SPACE_AFTER = lazy(r"[ \u00a0]+")

    @staticmethod
    def _bracket_in_chinese(text: str, col: int, other: int | None, line_start: int,
                            han_before: list[int]) -> bool:
        other_col = None if other is None else other - line_start
        if other_col is None or not 0 <= other_col < len(text):
            return _is_cjk(_char(text, col - 1)) or _is_cjk(_char(text, col + 1))
        start, end = min(col, other_col), max(col, other_col)
        if text[other_col] in "（）":
            return True  # a mixed pair "（…)": the half-width half is the odd one
        return (_is_cjk(_char(text, start - 1)) or _is_cjk(_char(text, end + 1))
                or han_before[end] > han_before[start])


class HalfWidthPeriod(Rule):
    """An ASCII "." between Chinese characters ("学法律.法润乡村") stands for some Chinese mark.

    It may be a 句号, a 顿号 between two items, or a 间隔号 "·" inside a name; which one depends
    on the meaning, so the fix is left to the writer.  Decimals ("546.54万元"), "1." headings and
    campaign dates ("“3.15”") have a digit beside the point and are not reported.
    """

    code = "P202"
    name = "half-width-period"
    severity = Severity.WARNING
    summary = "中文语句中使用了半角句点“.”"
    norm = f"{_GBT15834} 4.1（句号）、4.5（顿号）、4.16（间隔号）；“.”只作小数点等用法"
    bad = "开展千万市民学法律.法润乡村活动。\n"
    good = ("开展千万市民学法律、法润乡村活动，涉及金额546.54万元，开展“3.15”宣传，主要有：1.加强学习。\n"
            "1.完善制度\n")

    def check(self, doc, ctx):
        periods = mark_table().periods
        for line, col in _occurrences(doc, periods):
            text = line.text
            before, after = _char(text, col - 1), _char(text, col + 1)
            if before in periods or after in periods or not _ends_chinese_or_number(before):
                continue  # "..." is P208's; a point after a letter belongs to English or a code
            if after and not _is_han(after):
                continue  # decimals, "“3.15”", file names
            if not _ends_chinese_clause(text, col):
                continue
            pos = line.start + col
            mark = text[col]
            if col + 1 == len(text):
                yield self.finding(pos, pos + 1, f"句末使用了“{mark}”，应为句号“。”",
                                   fix=Fix.replace(pos, pos + 1, "。", "改为“。”"))
            else:
                yield self.finding(pos, pos + 1,
                                   f"中文语句中使用了“{mark}”：按语义应改为句号“。”、顿号“、”或间隔号“·”")


def _ends_chinese_or_number(ch: str) -> bool:
    """Whether a point after ``ch`` (one character, or "") may end a clause: ``[{_HAN}%％0-9]``."""
    return (ch != "" and ch in "%％0123456789") or _is_han(ch)


def _ends_chinese_clause(text: str, col: int) -> bool:
    """The point at ``col`` follows Chinese text: a character, "%", or a number written after one.

    "为12.其中" ends a clause; "1.完善制度" (a heading) and "：1.加强学习" (an inline list) do not.
    """
    start = col
    while start > 0 and text[start - 1].isdigit():
        start -= 1
    if start == col:
        return True  # a Chinese character or "%"
    return start > 0 and _is_han(text[start - 1])


# A number glued to a letter, digit, "/", "." or "-" is part of a code or a date, not a range end.
_RANGE_BLOCKED = lazy(r"[0-9A-Za-z/.\-]")


class YearRangeDash(Rule):
    """A range of years or months is joined by the 一字线 "—": "2016—2020年", "1—6月".

    "-" is a hyphen, "——" a 破折号 and "～" marks numeric ranges; in a year range they make a
    cited plan's title differ from the official one.  Only two years (or two months before "月") in
    increasing order are taken for a range, so ISO dates, standard numbers and phone numbers are
    left alone; "～" between months is a numeric range and allowed.
    """

    code = "P203"
    name = "year-range-dash"
    severity = Severity.WARNING
    summary = "年份、月份起止应使用一字线“—”"
    norm = f"{_GBT15834} 4.13.3.2：标示时间的起止用一字线；4.14 破折号不表示起止"
    bad = "获评2016年-2020年全国依法治理创建先进单位，落实《纲要（2021——2025年）》。\n"
    good = "获评2016—2020年全国依法治理创建先进单位，执行GB/T 9704-2012，于2021-03-15印发。\n"
    fixable = True

    _STANDARD_BEFORE = lazy(r"[A-Za-z][A-Za-z/]*\s*$")

    def check(self, doc, ctx):
        table = mark_table()
        for line in _lines_holding(doc, table.range_connectors):
            text = line.text
            for match in table.range_pattern.finditer(text):
                first, last = int(match.group("y1")), int(match.group("y2"))
                if not first < last <= first + 100 or _RANGE_BLOCKED.match(_char(text, match.start() - 1)):
                    continue
                if self._STANDARD_BEFORE.search(text, max(0, match.start() - 12), match.start()):
                    continue  # a standard's number ("GB 2020-2021") is not a range
                yield self._finding(table, line, match, "年份")
            if "月" in text:
                for match in table.month_pattern.finditer(text):
                    if (int(match.group("y1")) < int(match.group("y2"))
                            and not _RANGE_BLOCKED.match(_char(text, match.start() - 1))):
                        yield self._finding(table, line, match, "月份")

    def _finding(self, table, line, match, what):
        right = table.range_right
        conn = match.group("conn")
        start = line.start + match.start("conn")
        name = table.range_names.get(conn, f"“{conn}”")
        return self.finding(start, start + len(conn), f"{what}起止应使用一字线“{right}”，不应使用{name}",
                            fix=Fix.replace(start, start + len(conn), right, f"改为“{right}”"))


def _slogan_space(text: str, start: int, end: int) -> bool:
    """A single space between the two halves of a quoted slogan or theme, as they are published
    ("“以习近平法治思想为指引 坚定不移走中国特色社会主义法治道路”"): both halves are clauses of
    four characters or more inside one pair of quotes."""
    if end - start != 1:
        return False
    opening = text.rfind("“", 0, start)
    closing = text.find("”", end)
    if opening < 0 or closing < 0 or "”" in text[opening:start] or "“" in text[end:closing]:
        return False
    left, right = text[opening + 1:start], text[end:closing]
    return _slogan_half(left) and _slogan_half(right)


def _slogan_half(text: str) -> bool:
    """``[\u4e00-\u9fff、]{4,}`` (the whole text)."""
    return len(text) >= 4 and all("\u4e00" <= ch <= "\u9fff" or ch == "、" for ch in text)


class StraySpace(Rule):
    """Chinese text has no spaces: not between characters, not between a number and its unit.

    "涉及金额  546.54 万元" and "2021 年" come from pasting out of spreadsheets, web pages and
    English-style typesetting; GB/T 15835 writes "546.54万元", "2021年".  Leading and trailing
    spaces (converter residue), tabs (table cells) and full-width spaces (indents and padding of
    signature and date lines) are not reported here.
    """

    code = "P204"
    name = "stray-space"
    severity = Severity.WARNING
    summary = "中文语句中多余的空格（连续空格、汉字间空格、数字与单位间空格）"
    norm = f"{_GBT15835} 5.1、{_GBT15834}：汉字、数字与单位之间不加空格"
    bad = "调解成功率达95%以上，涉及金额  546.54 万元。\n"
    good = "调解成功率达95%以上，涉及金额546.54万元，执行GB/T 9704-2012 党政机关公文格式。\n"
    fixable = True

    # A run of spaces is reported when it holds a half-width one: runs of tabs only separate
    # table cells, runs of full-width spaces only pad lines.
    _HALF_SPACES = " \u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
    _RUN_CHARS = _HALF_SPACES + "\t\u3000"

    def check(self, doc, ctx):
        spaces = _occurrences(doc, self._HALF_SPACES)
        if not spaces:
            return
        table = mark_table()
        bounds: dict[int, tuple[int, int]] = {}  # by line: where its text starts and ends
        run_end = -1  # offset where the last run ended: the spaces before it are done
        for line, col in spaces:
            if line.start + col < run_end:
                continue
            text = line.text
            start = col
            while start > 0 and text[start - 1] in self._RUN_CHARS:
                start -= 1
            end = col + 1
            while end < len(text) and text[end] in self._RUN_CHARS:
                end += 1
            run_end = line.start + end
            if line.number not in bounds:
                bounds[line.number] = (len(text) - len(text.lstrip()), len(text.rstrip()))
            first, last = bounds[line.number]
            if start < first or end > last:
                continue  # spaces at the start or end of a line: converter residue (F family)
            run = text[start:end]
            before, after = text[start - 1], text[end]
            if before + after in _EMPTY_PAIRS:
                continue
            # Only a run of several spaces or one between Chinese characters depends on the layout.
            in_layout = ((len(run) > 1 or (_is_cjk(before) and _is_cjk(after)))
                         and line.number in _layout_lines(doc))
            message = self._problem(table, text, run, start, end, before, after, in_layout)
            if message is None:
                continue
            keep = " " if _ASCII_ALNUM.match(before) and _ASCII_ALNUM.match(after) else ""
            yield self.finding(line.start + start, line.start + end, message,
                               fix=Fix.replace(line.start + start, line.start + end, keep,
                                               "删除多余空格" if not keep else "改为一个空格"))

    @staticmethod
    def _label_after(text: str, end: int) -> bool:
        """"组  长：" and "联系人：王某  联系电话：" pad or separate labelled fields: layout, not
        prose (``[{_HAN}]{1,6}[：:]`` at ``end``)."""
        label_end = _han_run_end(text, end, len(text), 6)
        return label_end > end and text[label_end:label_end + 1] in ("：", ":")

    @staticmethod
    def _problem(table, text, run, start, end, before, after, in_layout) -> str | None:
        if not in_layout and StraySpace._label_after(text, end):
            in_layout = True
        if len(run) > 1 and not in_layout:
            return "中文语句中出现连续空格"
        if before.isdigit() and table.unit_after.match(text, end) and not _after_code(text, start):
            return "数字与计量单位之间不应有空格"
        if _is_han(before) and table.number_then_unit.match(text, end):
            return "汉字与数字之间不应有空格"
        if not in_layout and _is_cjk(before) and _is_cjk(after) and not _slogan_space(text, start, end):
            return "中文字符之间不应有空格"
        return None


def _after_code(text: str, digits_end: int) -> bool:
    """True when the digits before ``digits_end`` belong to a code such as "GB/T 9704-2012"."""
    start = digits_end
    while start > 0 and (text[start - 1].isdigit() or text[start - 1] == "."):
        start -= 1
    if start == 0:
        return False
    before = text[start - 1]
    if before in "-/":  # "9704-2012", "2023/12" — but not "2016年-2020 年"
        return start > 1 and _ASCII_ALNUM.match(text[start - 2]) is not None
    return _ASCII_ALNUM.match(before) is not None and not before.isdigit()


class EnumerationCommaBetweenTitles(Rule):
    """No 顿号 between items that each stand in 书名号 or in quotes: 《宪法》《民法典》, “A”“B”.

    The paired marks already separate the items, so GB/T 15834 drops the 顿号 between them; it
    stays only when something stands between the marks (a bracketed note).  Items that carry
    words outside their quotes (“3.15”宣传、“国家安全日”) are not reported.
    """

    code = "P205"
    name = "enumeration-comma-between-titles"
    severity = Severity.INFO
    summary = "并列的书名号或引号之间不用顿号"
    norm = f"{_GBT15834} 4.5.3.5：标有引号的并列成分之间、标有书名号的并列成分之间通常不用顿号"
    bad = "学习《中华人民共和国宪法》、《中华人民共和国民法典》等法律法规。\n"
    good = ("学习《中华人民共和国宪法》《中华人民共和国民法典》等法律法规，开展“春风送法律”、“3.15”宣传、"
            "禁毒宣传，根据《规定》（以下简称《规定》）、《纲要》要求。\n")
    fixable = True

    _ADJACENT = ("》、《", "”、“")

    @staticmethod
    def _item_goes_on(text: str, start: int, stop: int) -> bool:
        """“B”宣传、 — the item goes on after the quote (``[{_HAN}]{1,8}、`` at ``start``)."""
        end = _han_run_end(text, start, stop, 8)
        return start < end < stop and text[end] == "、"

    @staticmethod
    def _item_began_before(text: str, start: int, stop: int) -> bool:
        """、农村“A” — the item began before the quote (``、[{_HAN}]{1,8}`` ending at ``stop``)."""
        begin = _han_run_start(text, start, stop, 8)
        return start < begin < stop and text[begin - 1] == "、"

    def check(self, doc, ctx):
        text = doc.text
        for line, col in _occurrences(doc, self._ADJACENT):
            comma = line.start + col + 1
            closer, opener = text[comma - 1], text[comma + 1]
            # The items' own marks; the inner level uses other marks (〈〉, ‘’), so the nearest
            # ones are the partners even when a pair elsewhere in the line is broken.
            first_open = text.rfind(opener, line.start, comma)
            second_close = text.find(closer, comma + 1, line.end)
            if first_open < 0 or second_close < 0:
                continue
            if text.find(opener, comma + 2, second_close) >= 0 or text.find(closer, first_open, comma - 1) >= 0:
                continue  # a mark of the list is lost: the items cannot be told apart
            if self._item_goes_on(text, second_close + 1, line.end):
                continue
            if self._item_began_before(text, max(line.start, first_open - 9), first_open):
                continue
            kind = "书名号" if closer == "》" else "引号"
            yield self.finding(comma, comma + 1, f"并列的{kind}之间不用顿号",
                               fix=Fix.delete(comma, comma + 1, "删除顿号"))


class RepeatedPunctuation(Rule):
    """One pause takes one mark: "。。" and "，，" are typing slips, "，。" a half-edited sentence.

    Doubled marks are the commonest trace of editing in a hurry; a reviewer will mark every one.
    Three or more "。" are a wrong 省略号 and reported as such (P208).
    """

    code = "P206"
    name = "repeated-punctuation"
    severity = Severity.WARNING
    summary = "标点符号重复或连用（如“。。”“，，”“，。”）"
    norm = f"{_GBT15834} 4.1–4.8：一处停顿只用一个点号"
    bad = "全年未发生重大案件。。同时，，加强培训。\n"
    good = "全年未发生重大案件。同时加强培训……确保“三个及时”：及时介入。\n"
    fixable = True

    def check(self, doc, ctx):
        table = mark_table()
        for match in _repeat_runs(doc):
            run = match.group()
            start, end = match.span()
            if len(set(run)) == 1:
                if run[0] == "。" and len(run) >= 3:
                    continue  # a wrong 省略号 (P208)
                if run[0] not in table.repeat_marks:
                    continue
                yield self.finding(start, end, f"标点“{run[0]}”重复",
                                   fix=Fix.replace(start, end, run[0], f"只保留一个“{run[0]}”"))
            elif set(run) <= table.pauses:
                yield self.finding(start, end, f"点号“{run}”连用，一处停顿只用一个点号")


class HeadingTrailingMark(Rule):
    """A heading does not end in "，", "、" or "；": the mark is left over from a cut sentence.

    Headings carry no end punctuation (a run-in heading ends in "。", which is normal); a
    trailing comma or 顿号 shows the title was cut from running text and not finished.
    """

    code = "P207"
    name = "heading-trailing-mark"
    severity = Severity.WARNING
    summary = "标题末尾有多余的标点（，、；）"
    norm = f"GB/T 9704-2012 7.3.3；{_GBT15834} 4.2–4.5：逗号、顿号、分号不用于标题末尾"
    bad = "一、主要举措和成效，\n（一）依法决策\n"
    good = "一、主要举措和成效\n（一）科学民主决策情况。进一步完善决策机制。\n"
    fixable = True

    def check(self, doc, ctx):
        table = mark_table()
        titles = "\n".join(map(attrgetter("title"), doc.headings)) + "\n"
        if not any(ending + "\n" in titles for ending in table.heading_bad_endings):
            return  # the usual case: no title ends so, no need to walk the outline
        for section in doc.root.walk():
            heading = section.heading
            if heading is None:
                continue
            title = heading.title
            if title.endswith(("；", ";")) and not (section.paragraphs or section.children):
                continue  # "1.加强学习；" followed by "2.…" is a list item, where "；" is right
            if title and title.endswith(table.heading_bad_endings):
                pos = heading.title_span.end - 1
                yield self.finding(pos, pos + 1, f"标题末尾不应有“{title[-1]}”",
                                   fix=Fix.delete(pos, pos + 1, f"删除“{title[-1]}”"))


class EllipsisForm(Rule):
    """The 省略号 is "……" (two "…"), not "..." "。。。" or a single "…".

    Other spellings come from English typing habits or fonts; a published report should use the
    one form the standard gives.  ASCII dots count only next to Chinese text, so an English
    quotation or a web address keeps its dots.
    """

    code = "P208"
    name = "ellipsis-form"
    severity = Severity.WARNING
    summary = "省略号应写作“……”"
    norm = f"{_GBT15834} 4.11：省略号形式为“……”"
    bad = "开展宣传、培训、调解...不断提高水平。。。\n"
    good = "开展宣传、培训、调解……不断提高水平，网址www.gov.cn。\n"
    fixable = True

    def check(self, doc, ctx):
        table = mark_table()
        right = table.ellipsis_right
        lines = _lines_holding(doc, table.ellipsis_needles)
        runs = [match.start() for match in _repeat_runs(doc)
                if any(wrong in match.group() for wrong in table.ellipsis_in_runs)]
        if runs:
            lines = sorted(set(lines) | {doc.line_of(start) for start in runs}, key=lambda line: line.number)
        for line in lines:
            text = line.text
            for match in table.ellipsis_pattern.finditer(text):
                wrong = match.group()
                if wrong[0] == "…" and len(wrong) != 1:
                    continue  # "……" is right; longer runs mark omitted lines
                if wrong[0] == "." and not (_is_cjk(_char(text, match.start() - 1))
                                            or _is_cjk(_char(text, match.end()))):
                    continue
                start, end = line.start + match.start(), line.start + match.end()
                yield self.finding(start, end, f"省略号应写作“{right}”，不应写作“{wrong}”",
                                   fix=Fix.replace(start, end, right, f"改为“{right}”"))


class TitleMarkSubstitute(Rule):
    """A title is marked with 《》: not "<<民法典>>", "＜宪法＞" or a doubled "〈〈…〉〉".

    Angle brackets and less-than signs typed for 书名号 look alike on screen but are other
    characters; the title cannot be recognised as a citation, and the printed report shows the
    slip.  Only marks around Chinese text are reported ("1<2" and HTML tags are not titles).
    """

    code = "P209"
    name = "title-mark-substitute"
    severity = Severity.WARNING
    summary = "书名号应使用《》，不应使用<<>>、＜＞等符号代替"
    norm = f"{_GBT15834} 4.15：书名号的形式为双书名号《》和单书名号〈〉"
    bad = "组织学习<<中华人民共和国民法典>>和＜优化营商环境条例＞。\n"
    good = "组织学习《中华人民共和国民法典》和《关于印发〈实施方案〉的通知》，案卷中1<2类问题。\n"
    fixable = True

    _NOT_IN_TITLE = lazy(r"[A-Za-z，。；！？,;!?]")

    @classmethod
    def _comparison_or_tag(cls, text, match, body) -> bool:
        """Single "<" ">" are also comparisons ("1<2类问题，满意度>95%") and HTML tags."""
        before, after = _char(text, match.start() - 1), _char(text, match.end())
        return (before.isdigit() or after.isdigit() or body[0].isdigit() or body[-1].isdigit()
                or body != body.strip() or cls._NOT_IN_TITLE.search(body) is not None)

    def check(self, doc, ctx):
        table = mark_table()
        pattern = table.title_substitute_pattern
        for line in _lines_holding(doc, table.title_substitute_needles):
            text = line.text
            for match in pattern.finditer(text):
                index = next(i for i in range(len(match.groups()) // 3) if match.group(f"open{i}"))
                opener, body, closer = (match.group(f"{part}{index}") for part in ("open", "body", "close"))
                if not _has_han(body):
                    continue
                if len(opener) == 1 and self._comparison_or_tag(text, match, body):
                    continue
                start, end = line.start + match.start(), line.start + match.end()
                # Inside another title the marks for a title are 〈〉, not 《》 (GB/T 15834 4.15.3).
                inner = text.count("《", 0, match.start()) > text.count("》", 0, match.start())
                left, right = ("〈", "〉") if inner else ("《", "》")
                where = "书名号内的书名号" if inner else "书名号"
                yield self.finding(
                    start, start + len(opener),
                    f"{where}应使用“{left}{right}”，不应使用“{opener}{closer}”",
                    fix=Fix(f"改为{left}{body}{right}", (Edit(start, start + len(opener), left),
                                                        Edit(end - len(closer), end, right))),
                )


@hookimpl
def lawlint_rules():
    return [HalfWidthPunctuation, HalfWidthPeriod, YearRangeDash, StraySpace,
            EnumerationCommaBetweenTitles, RepeatedPunctuation, HeadingTrailingMark, EllipsisForm,
            TitleMarkSubstitute]


@hookimpl
def lawlint_data_versions():
    return {"punctuation_marks": _version()}
