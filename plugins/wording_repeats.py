"""W401 — a function character or a word typed twice (wording_repeats.toml)."""

from __future__ import annotations

import re
from functools import cache

from lawlint.diagnostics import Applicability, Fix, Severity
from lawlint.regexhint import LazyPattern, lazy
from lawlint.rules import Rule

from .datafile import load_toml
from .wording_common import doc_title_spans, inside

REPEATS = "wording_repeats.toml"
_CJK = "\u4e00-\u9fff"


class RepeatData:
    __slots__ = ("chars", "never_doubled", "doubled_char", "other_low_bytes")

    def __init__(self, chars: dict[str, tuple[tuple[str, ...], tuple[str, ...]]], never_doubled: frozenset[str],
                 doubled_char: LazyPattern):
        self.chars = chars  # char -> (free_after, starts)
        self.never_doubled, self.doubled_char = never_doubled, doubled_char
        # A bytes.translate table: 1 for a byte that is no function character's low byte, else 0.
        low_bytes = {ord(char) & 0xFF for char in chars}
        self.other_low_bytes = bytes(int(value not in low_bytes) for value in range(256))


@cache
def repeat_data() -> RepeatData:
    data = load_toml(REPEATS)
    chars = {ch: (tuple(v.get("free_after", ())), tuple(v.get("starts", ()))) for ch, v in data["char"].items()}
    # Compiled on first use: the rule finds doubled characters without it (_possible_repeats).
    pattern = lazy("(" + "|".join(map(re.escape, chars)) + r")\1")
    return RepeatData(chars, frozenset(data.get("never_doubled", ())), pattern)


_LONGEST_UNIT = 8
_REPEATED_WORD = lazy(rf"([{_CJK}]{{2,{_LONGEST_UNIT}}})\1")


def _periodic(unit: str) -> bool:
    """True when unit is itself a repetition of a shorter unit ("哈哈", "研究研究")."""
    return any(len(unit) % n == 0 and unit[:n] * (len(unit) // n) == unit for n in range(1, len(unit) // 2 + 1))


def doubled_chars(text: str, data: RepeatData, lo: int = 0, hi: int | None = None):
    """(start, end, char) of a function character typed twice, in text[lo:hi] (one line)."""
    hi = len(text) if hi is None else hi
    for match in data.doubled_char.finditer(text, lo, hi):
        if _is_slip(text, match.start(), match.group(1), data, lo, hi):
            yield match.start(), match.start() + 2, match.group(1)


def _is_slip(text: str, i: int, ch: str, data: RepeatData, lo: int, hi: int) -> bool:
    """Whether ch doubled at text[i:i+2] is a slip, looking no further than the line lo..hi."""
    free_after, starts = data.chars[ch]
    # The first ch closes a word that ch may follow (目的 + 的) or the second opens one (了 + 了解).
    if any(i + 1 - lo >= len(word) and text[i + 1 - len(word):i + 1] == word for word in free_after):
        return False
    if any(text.startswith(word, i + 1, hi) for word in starts):
        return False
    # AABB reduplication: 实实在在, 是是非非, 的的确确.
    if i - lo >= 2 and text[i - 2] == text[i - 1] and text[i - 1] != ch:
        return False
    return not (i + 3 < hi and text[i + 2] == text[i + 3] and text[i + 2] != ch)


def repeated_words(text: str, data: RepeatData, lo: int = 0, hi: int | None = None):
    """(start, end, word) of a word of two or more characters typed twice in a row, in
    text[lo:hi] (a line, or a run of CJK characters: a repeat never spans anything else)."""
    hi = len(text) if hi is None else hi
    for match in _REPEATED_WORD.finditer(text, lo, hi):
        unit = match.group(1)
        if _periodic(unit):
            continue
        if len(unit) == 2 and unit not in data.never_doubled:
            continue
        yield match.start(), match.end(), unit


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _possible_repeats(text: str, data: RepeatData) -> tuple[list[int], list[int]]:
    """Where a function character is doubled, and where a repeated word that W401 reports may
    start (a superset), both found in C.

    A unit of n characters typed twice needs text[i + k] == text[i + n + k] for every k < n.
    Each character stands here for its low byte (equal characters have equal low bytes): the
    XOR of those bytes with themselves shifted by n is zero where they agree, so bytes.find of
    n zero bytes finds every such i, instead of a pattern with a backreference being tried at
    each of the thousands of positions of a report.  A two-character word is reported only
    when it is one of never_doubled, so only those are kept; the exact pattern then decides.
    """
    low = text.encode("utf-32-le", "surrogatepass")[::4]  # one byte per character
    size = len(low)
    whole = int.from_bytes(low, "little")
    doubled, words = [], []
    # Nonzero where no function character stands: a report has dozens of neighbours with equal
    # low bytes (two line ends, "00", 部门), and only its few doubled 的 or 了 are of interest.
    no_function_char = int.from_bytes(low.translate(data.other_low_bytes), "little")
    for n in range(1, _LONGEST_UNIT + 1):
        agree = whole ^ (whole >> (8 * n))
        if n == 1:
            agree |= no_function_char
        agree = agree.to_bytes(size, "little")
        zeros = b"\0" * n
        i = agree.find(zeros)
        while 0 <= i <= size - 2 * n:
            if n == 1:
                if text[i] in data.chars and text[i + 1] == text[i]:
                    doubled.append(i)
            elif n > 2 or text[i:i + 2] in data.never_doubled:
                words.append(i)
            i = agree.find(zeros, i + 1)
    return doubled, sorted(words)


def _cjk_run(text: str, i: int) -> tuple[int, int]:
    """The run of CJK characters around offset i."""
    start = end = i
    while start > 0 and _is_cjk(text[start - 1]):
        start -= 1
    while end < len(text) and _is_cjk(text[end]):
        end += 1
    return start, end


def _doubled_chars_at(places: list[int]) -> list[int]:
    """The starts of the doubled function characters that data.doubled_char.finditer gives:
    they do not overlap ("的的的" is one match)."""
    starts, last_end = [], 0
    for i in places:
        if i >= last_end:
            starts.append(i)
            last_end = i + 2
    return starts


def _repeated_words_near(text: str, data: RepeatData, places: list[int]):
    """repeated_words over the whole text, run only on the runs of CJK characters around
    places (the matches of one run do not depend on any other run)."""
    done_until = 0
    for i in places:
        if i < done_until or not _is_cjk(text[i]):
            continue
        start, done_until = _cjk_run(text, i)
        yield from repeated_words(text, data, start, done_until)


class RepeatedText(Rule):
    """A function character or a word typed twice ("的的", "进一步进一步") is a typing slip.

    Only a closed set of function characters is checked, with the words they form on either side
    (目的的, 为了了解, 实实在在 stay silent), and a two-character word only when it can never be
    reduplicated (加强加强); legitimate reduplication (常常, 层层压实, 研究研究) is never reported.
    """

    code = "W401"
    name = "repeated-text"
    severity = Severity.WARNING
    summary = "字词重复（如“的的”“进一步进一步”）"
    norm = "《党政机关公文处理工作条例》第十九条（文字准确、精炼）"
    bad = "进一步进一步加强行政执法队伍的的建设。\n"
    good = "进一步加强行政执法队伍建设，层层压实责任，做到件件有回音，为了了解群众需求实实在在办事。\n"
    fixable = True

    def check(self, doc, ctx):
        data = repeat_data()
        text = doc.text
        doubled, words = _possible_repeats(text, data)
        # A doubled character never spans a line end; the checks around it stay in its line.
        for s in _doubled_chars_at(doubled):
            ch = text[s]
            line = doc.line_of(s)
            if not _is_slip(text, s, ch, data, line.start, line.end):
                continue
            yield self.finding(
                s, s + 2, f"“{ch}{ch}”重复，疑为多打了一个“{ch}”",
                fix=Fix.replace(s + 1, s + 2, "", f"删去一个“{ch}”", Applicability.UNSAFE),
            )
        for s, end, word in _repeated_words_near(text, data, words):
            if inside(doc_title_spans(doc), s, end):
                continue  # an issuer before its own title: 《最高人民法院人民法院对外委托…规定》
            yield self.finding(
                s, end, f"“{word}”重复出现，疑为多打了一遍",
                fix=Fix.replace(s + len(word), end, "", f"删去重复的“{word}”", Applicability.UNSAFE),
            )


RULES = [RepeatedText]
