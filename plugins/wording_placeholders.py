"""W501 — template slots left in a report (wording_placeholders.toml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from lawlint.diagnostics import Severity
from lawlint.regexhint import first_chars, hinted
from lawlint.rules import Rule

from .datafile import load_toml

PLACEHOLDERS = "wording_placeholders.toml"

@dataclass(frozen=True)
class Placeholder:
    name: str
    pattern: re.Pattern
    message: str
    must_fire: tuple[str, ...] = ()
    must_not_fire: tuple[str, ...] = ()
    # The characters every match starts with (None: too many to say).  Most reports hold none of
    # "X×*_【", and looking for a character is far cheaper than running the pattern.
    first: frozenset[str] | None = None

    def may_match(self, text: str) -> bool:
        return self.first is None or any(char in text for char in self.first)


@cache
def placeholders() -> tuple[Placeholder, ...]:
    data = load_toml(PLACEHOLDERS)
    surnames = "".join(sorted(set("".join(data.get("surnames", "").split()))))
    out = []
    for raw in data.get("placeholder", []):
        pattern = raw["pattern"].replace("{surname}", re.escape(surnames))
        # Most slots' patterns open with a lookbehind; the hint lets the scan skip ahead.
        compiled = re.compile(pattern)
        out.append(Placeholder(raw["name"], hinted(compiled), raw["message"],
                               tuple(raw.get("must_fire", ())), tuple(raw.get("must_not_fire", ())),
                               first_chars(compiled, limit=8)))
    return tuple(out)


def placeholder_findings(text: str):
    taken: list[tuple[int, int]] = []
    for placeholder in placeholders():
        if not placeholder.may_match(text):
            continue
        for match in placeholder.pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            taken.append(match.span())
            yield match.start(), match.end(), placeholder.message.format(text=match.group())


class LeftoverPlaceholder(Rule):
    """Template slots left in the text ("XX街道", "××年××月", "某某镇", "【 】", "（此处填写…）").

    Reports are often written from last year's file or a template; a slot that survives into the
    published report is an obvious sign that nobody finished it.  Anonymised names in case
    descriptions ("农民工李某", "张某某") are normal and stay silent.
    """

    code = "W501"
    name = "placeholder"
    severity = Severity.ERROR
    summary = "残留模板占位符（如“XX街道”“××年”“某某镇”“【 】”）"
    norm = "《党政机关公文处理工作条例》第十九条（内容完整、准确）"
    bad = "现就XX街道××年法治政府建设情况报告如下，共办理案件【 】件。\n"
    good = "现就双河街道2020年法治政府建设情况报告如下，化解了农民工李某讨薪问题。\n"

    def check(self, doc, ctx):
        for start, end, message in placeholder_findings(doc.text):
            yield self.finding(start, end, message)


RULES = [LeftoverPlaceholder]
