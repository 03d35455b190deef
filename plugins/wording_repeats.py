"""W401 — a function character or a word typed twice (wording_repeats.toml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from lawlint.diagnostics import Applicability, Fix, Severity
from lawlint.rules import Rule

from .datafile import load_toml
from .wording_common import doc_title_spans, inside
from lawlint.regexhint import lazy

REPEATS = "wording_repeats.toml"
_CJK = "\u4e00-\u9fff"

@dataclass(frozen=True)
class RepeatData:
    chars: dict  # char -> (free_after, starts)
    never_doubled: frozenset
    doubled_char: re.Pattern


@cache
def repeat_data() -> RepeatData:
    data = load_toml(REPEATS)
    chars = {ch: (tuple(v.get("free_after", ())), tuple(v.get("starts", ()))) for ch, v in data["char"].items()}
    pattern = re.compile("(" + "|".join(map(re.escape, chars)) + r")\1")
    return RepeatData(chars, frozenset(data.get("never_doubled", ())), pattern)


_REPEATED_WORD = lazy(rf"([{_CJK}]{{2,8}})\1")


def _periodic(unit: str) -> bool:
    """True when unit is itself a repetition of a shorter unit ("哈哈", "研究研究")."""
    return any(len(unit) % n == 0 and unit[:n] * (len(unit) // n) == unit for n in range(1, len(unit) // 2 + 1))


def doubled_chars(text: str, data: RepeatData):
    """(start, end, char) of a function character typed twice."""
    for match in data.doubled_char.finditer(text):
        i = match.start()
        ch = match.group(1)
        free_after, starts = data.chars[ch]
        # The first ch closes a word that ch may follow (目的 + 的) or the second opens one (了 + 了解).
        if any(i + 1 >= len(word) and text[i + 1 - len(word):i + 1] == word for word in free_after):
            continue
        if any(text.startswith(word, i + 1) for word in starts):
            continue
        # AABB reduplication: 实实在在, 是是非非, 的的确确.
        if i >= 2 and text[i - 2] == text[i - 1] and text[i - 1] != ch:
            continue
        if i + 3 < len(text) and text[i + 2] == text[i + 3] and text[i + 2] != ch:
            continue
        yield i, i + 2, ch


def repeated_words(text: str, data: RepeatData):
    """(start, end, word) of a word of two or more characters typed twice in a row."""
    for match in _REPEATED_WORD.finditer(text):
        unit = match.group(1)
        if _periodic(unit):
            continue
        if len(unit) == 2 and unit not in data.never_doubled:
            continue
        yield match.start(), match.end(), unit


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
        titles = doc_title_spans(doc)
        for line in doc.lines:
            for start, end, ch in doubled_chars(line.text, data):
                s = line.start + start
                yield self.finding(
                    s, line.start + end, f"“{ch}{ch}”重复，疑为多打了一个“{ch}”",
                    fix=Fix.replace(s + 1, s + 2, "", f"删去一个“{ch}”", Applicability.UNSAFE),
                )
            for start, end, word in repeated_words(line.text, data):
                s = line.start + start
                if inside(titles, s, line.start + end):
                    continue  # an issuer before its own title: 《最高人民法院人民法院对外委托…规定》
                yield self.finding(
                    s, line.start + end, f"“{word}”重复出现，疑为多打了一遍",
                    fix=Fix.replace(s + len(word), line.start + end, "", f"删去重复的“{word}”",
                                    Applicability.UNSAFE),
                )


RULES = [RepeatedText]
