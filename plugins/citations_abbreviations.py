"""Abbreviations a report defines with "（以下简称《纲要》）" and where it uses them."""

from __future__ import annotations

from bisect import bisect_right
from collections import namedtuple

from lawlint.document import Document
from lawlint.regexhint import lazy

from .citations_titles import find_citations

# （以下简称《纲要》） （以下简称“三项制度”） （以下简称我区《实施方案》） （下称督察规定）
_DEFINING_WORDS = ("以下简称", "以下称", "下称")  # all end in 称, the character looked for first
_DEFINITION = lazy(
    r"[（(](?:" + "|".join(_DEFINING_WORDS) + r")[为作]?[:：]?"
    r"(?P<prefix>[我本][省市区县镇乡])?"
    r"(?:《(?P<title>[^《》（）()\n]{1,30})》|“(?P<quoted>[^“”\n]{1,30})”|(?P<bare>[^《》“”（）()\n，。、；]{1,20}))"
    r"[）)]"
)
# The title cited just before the definition: 《…》 right before "（以下简称".
_TITLE_BEFORE = lazy(r"《([^《》\n]{1,120})》$")


# start, end: the abbreviation inside the definition, marks included (《纲要》, 我区《实施方案》);
# def_start, def_end: the whole "（以下简称…）"; prefix: 我市, 我区 … or ""; core: 纲要, 三项制度;
# marked: written in 书名号; document: the title defined, "" when the definition follows no 《》
# title.
class Definition(namedtuple("_Definition", "start end def_start def_end prefix core marked document")):
    __slots__ = ()

    @property
    def written(self) -> str:
        return self.prefix + (f"《{self.core}》" if self.marked else self.core)


def definitions(doc: Document) -> list[Definition]:
    return doc.fact("citations.abbreviations", _definitions)


def _definition_matches(text: str):
    """The matches of _DEFINITION in the text, tried only just before its defining words.

    Few reports define an abbreviation at all: str.find says so, from the rare 称, much faster
    than a scan with the pattern (which opens with the frequent "（").
    """
    starts = set()
    i = text.find("称")
    while i >= 0:
        for word in _DEFINING_WORDS:
            start = i - len(word)  # the opening bracket before the word
            if start >= 0 and text.startswith(word, start + 1):
                starts.add(start)
        i = text.find("称", i + 1)
    end = 0
    for start in sorted(starts):
        match = _DEFINITION.match(text, start) if start >= end else None
        if match is not None:
            yield match
            end = match.end()


def _definitions(doc: Document) -> list[Definition]:
    out = []
    for match in _definition_matches(doc.text):
        if match.group("title"):
            core, marked, group = match.group("title"), True, "title"
        elif match.group("quoted"):
            core, marked, group = match.group("quoted"), False, "quoted"
        else:
            core, marked, group = match.group("bare").strip(), False, "bare"
        if not core:
            continue
        start = match.start("prefix") if match.group("prefix") else match.start(group) - (group != "bare")
        end = match.end(group) + (group != "bare")
        before = _TITLE_BEFORE.search(doc.text, max(0, match.start() - 122), match.start())
        out.append(Definition(start, end, match.start(), match.end(), match.group("prefix") or "", core,
                              marked, before.group(1) if before else ""))
    return out


def uses(doc: Document, definition: Definition, marked_only: bool = False) -> list[int]:
    """Offsets where the abbreviation is used outside any definition (before or after its own).

    An abbreviation defined in 书名号 also counts when written without them (按照纲要要求), but not
    inside another title (…实施纲要（2020—2025年）》 is not a use of 《纲要》); ``marked_only``
    counts only the 《纲要》 form.
    """
    found = _cached_uses(doc, (definition.core, definition.marked))
    if marked_only and definition.marked:
        # The 《纲要》 uses are those given at their 《 (the abbreviation itself never holds one).
        return [offset for offset in found if doc.text[offset] == "《"]
    return found


def _cached_uses(doc: Document, key: tuple[str, bool]) -> list[int]:
    # Many definitions share an abbreviation (a report pasted twice, 《方案》 defined per section):
    # scan the text once per abbreviation, not once per definition, so long input stays linear.
    memo = doc.fact("citations.abbreviation_uses", lambda _doc: {})
    if key not in memo:
        memo[key] = _uses(doc, *key)
    return memo[key]


def _uses(doc: Document, core: str, marked: bool) -> list[int]:
    zones = doc.fact("citations.abbreviation_zones", _zones)
    found = []
    for start in _occurrences(doc.text, core):
        end = start + len(core)
        if _covered(zones.definitions, start):
            continue
        exact = doc.text[start - 1:start] == "《" and doc.text[end:end + 1] == "》"
        if exact and end + 1 in zones.definition_starts:
            continue  # the title being defined: 《规定》（以下简称《规定》）
        if marked and not exact and _covered(zones.titles, start):
            continue
        found.append(start - 1 if exact else start)
    return found


def _occurrences(text: str, word: str) -> list[int]:
    """Where the word occurs, without overlaps (as a regex search would find it)."""
    found = []
    i = text.find(word)
    while i >= 0:
        found.append(i)
        i = text.find(word, i + len(word))
    return found


class _Zones:
    __slots__ = ("definition_starts", "definitions", "titles")

    def __init__(self, definitions: tuple[list[int], list[int]], definition_starts: frozenset[int],
                 titles: tuple[list[int], list[int]]):
        self.definitions = definitions  # merged [start, end) intervals: starts, ends
        self.definition_starts = definition_starts
        self.titles = titles


def _zones(doc: Document) -> _Zones:
    defs = definitions(doc)
    return _Zones(_merged((d.def_start, d.def_end) for d in defs), frozenset(d.def_start for d in defs),
                  _merged((c.start, c.end) for c in find_citations(doc)))


def _merged(spans) -> tuple[list[int], list[int]]:
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(spans):
        if start >= end:
            continue
        if starts and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


def _covered(intervals: tuple[list[int], list[int]], offset: int) -> bool:
    """Whether some [start, end) interval holds ``offset`` (the intervals are merged and sorted)."""
    starts, ends = intervals
    i = bisect_right(starts, offset) - 1
    return i >= 0 and offset < ends[i]
