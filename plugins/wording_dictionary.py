"""W101, W102 — misused words from a wrong → right dictionary (wording_words.toml).

Each entry carries the context in which it is wrong (a regex with lookarounds, a minimum report
year, "not inside 《》", "not after an earlier full form") and its own examples; repositories add
entries in the same format through the `dictionaries` option.  One pass over the text finds every
entry: one pattern finds where some entry's wrong text stands around a rare character of it (its
anchor), then only the entries with that anchor character are tried.
"""

from __future__ import annotations

import re
from functools import cache

from lawlint.diagnostics import Applicability, Fix, Severity
from lawlint.regexhint import LazyPattern, lazy
from lawlint.reportyear import report_year
from lawlint.rules import Rule
from lawlint.buildcache import compile_regex

from .datafile import data_bytes, read_data
from .wording_common import anchored_words_pattern, inside, inside_title, word_starts

WORDS = "wording_words.toml"


# Plain classes with slots: a dataclass or a typing.NamedTuple costs ~0.5 ms to make at import.
class Entry:
    __slots__ = ("wrong", "right", "severity", "category", "pattern", "fix", "note", "source", "min_year",
                 "outside_titles", "unless_earlier", "must_fire", "must_not_fire", "examples_year", "origin")

    def __init__(self, wrong: str, right: str, severity: Severity, category: str,
                 pattern: re.Pattern | LazyPattern | None = None, fix: str = "safe", note: str = "",
                 source: str = "", min_year: int | None = None, outside_titles: bool = False,
                 unless_earlier: str = "", must_fire: tuple[str, ...] = (), must_not_fire: tuple[str, ...] = (),
                 examples_year: int = 2023, origin: str = ""):
        self.wrong, self.right, self.severity, self.category = wrong, right, severity, category
        self.pattern = pattern
        self.fix = fix  # "safe", "unsafe" or "none"
        self.note, self.source = note, source
        self.min_year, self.outside_titles, self.unless_earlier = min_year, outside_titles, unless_earlier
        self.must_fire, self.must_not_fire, self.examples_year = must_fire, must_not_fire, examples_year
        self.origin = origin  # the data file, for error messages


_ENTRY_KEYS = {
    "wrong", "right", "pattern", "severity", "category", "fix", "note", "source", "min_year",
    "outside_titles", "unless_earlier", "must_fire", "must_not_fire", "examples_year",
}


class DictionaryError(ValueError):
    pass


_SEVERITIES = {"error": Severity.ERROR, "warning": Severity.WARNING}


def parse_entries(data: dict, origin: str, *, lazy_patterns: bool = False) -> list[Entry]:
    """The entries of a dictionary file's tables.  Their patterns are compiled here, so that a
    broken one is reported when the file is read; with lazy_patterns (the built-in file, whose
    tests try every entry) each is compiled when a report first holds its wrong text, which
    spares compiling ~60 patterns at a start without a cache."""
    return [_parse_entry(raw, origin, number, lazy_patterns)
            for number, raw in enumerate(data.get("entry", []), start=1)]


def _parse_entry(raw: dict, origin: str, number: int, lazy_patterns: bool) -> Entry:
    def error(problem: str) -> DictionaryError:
        return DictionaryError(f"{origin} entry {number} ({raw.get('wrong', '?')!r}): {problem}")

    unknown = raw.keys() - _ENTRY_KEYS
    if unknown:
        raise error(f"unknown keys {sorted(unknown)}")
    if not raw.get("wrong") or "right" not in raw:
        raise error("needs wrong and right")
    pattern = raw.get("pattern") or None
    if pattern and lazy_patterns:
        pattern = lazy(pattern)
    elif pattern:
        try:
            pattern = compile_regex(pattern)
        except re.error as exc:
            raise error(f"bad pattern: {exc}") from exc
    severity = raw.get("severity", "warning")
    if severity not in ("error", "warning"):
        raise error("severity must be error or warning")
    # Entries whose right form depends on meaning say fix = "unsafe" themselves.
    fix = raw.get("fix", "safe")
    if fix not in ("safe", "unsafe", "none"):
        raise error("fix must be safe, unsafe or none")
    return Entry(
        wrong=raw["wrong"], right=raw["right"], severity=_SEVERITIES[severity],
        category=raw.get("category", ""), pattern=pattern, fix=fix,
        note=raw.get("note", ""), source=raw.get("source", ""),
        min_year=raw.get("min_year"), outside_titles=bool(raw.get("outside_titles", False)),
        unless_earlier=raw.get("unless_earlier", ""),
        must_fire=tuple(raw.get("must_fire", ())), must_not_fire=tuple(raw.get("must_not_fire", ())),
        examples_year=int(raw.get("examples_year", 2023)), origin=origin,
    )


class Candidate:
    __slots__ = ("start", "end", "entry")

    def __init__(self, start: int, end: int, entry: Entry):
        self.start, self.end, self.entry = start, end, entry


@cache
def _commonness() -> dict[str, int]:
    """How common each character of wording_common_characters.txt is (higher: more common)."""
    lines = read_data("wording_common_characters.txt").splitlines()
    characters = "".join(line.strip() for line in lines if line.strip() and not line.startswith("#"))
    return {char: len(characters) - rank for rank, char in enumerate(characters)}


def _anchor_indexes(words: list[str]) -> list[int]:
    """Where each word's anchor character is (_least_common_anchors, then _fewer_anchor_characters).
    A run with a warm cache reads them from there: working them out takes ~2 ms of Python."""
    from lawlint.buildcache import derived

    def work_out() -> str:
        commonness = _commonness()
        anchors = _least_common_anchors(words, commonness)
        _fewer_anchor_characters(words, anchors, commonness)
        return " ".join(map(str, anchors))

    return list(map(int, derived("dictionary-shared-anchors", "\n".join(words), work_out).split()))


def _least_common_anchors(words: list[str], commonness: dict[str, int]) -> list[int]:
    """Where the least common character of each word is (the first of equally rare ones)."""
    indexes = []
    for word in words:
        ranks = [commonness.get(char, 0) for char in word]
        indexes.append(ranks.index(min(ranks)))
    return indexes


def _fewer_anchor_characters(words: list[str], anchors: list[int], commonness: dict[str, int]) -> None:
    """Move words onto anchor characters that other words already have, where that spares one.

    The scan stops at every occurrence of every anchor character, so a common one costs a report
    dozens of stops even when a single word needs it: 法制社会's least common character is 会, but
    法制政府 already anchors on 制.  Most common first, an anchor character whose words all hold
    another anchor character is given up, each word moving to the least common of those."""
    words_on: dict[str, list[int]] = {}
    for number, (word, index) in enumerate(zip(words, anchors)):
        words_on.setdefault(word[index], []).append(number)
    for char in sorted(words_on, key=lambda c: (-commonness.get(c, 0), c)):
        moves = []
        for number in words_on[char]:
            word = words[number]
            others = [(commonness.get(c, 0), index) for index, c in enumerate(word) if c != char and c in words_on]
            if not others:
                break
            moves.append((number, min(others)[1]))
        else:
            del words_on[char]
            for number, index in moves:
                anchors[number] = index
                words_on[words[number][index]].append(number)


class Dictionary:
    """All entries, found in one pass over the text by a rare character of their `wrong` text
    (their anchor: _anchor_indexes).

    One regex finds every place where some entry's wrong text stands around its anchor
    (anchored_words_pattern); at each such place only the entries with that anchor character
    are tried (str.startswith, then the entry's own pattern).
    """

    def __init__(self, entries: list[Entry]):
        self.entries = entries
        words = sorted({entry.wrong for entry in entries})
        anchors = dict(zip(words, _anchor_indexes(words)))
        # At one place, entries are tried longest first, then in file order, as a scan from each
        # start would try them.
        self._position = {id(entry): position for position, entry in enumerate(entries)}
        self._by_anchor: dict[str, list[tuple[int, Entry]]] = {}
        for entry in entries:
            index = anchors[entry.wrong]
            self._by_anchor.setdefault(entry.wrong[index], []).append((index, entry))
        self._anchors = anchored_words_pattern(anchors)

    def candidates(self, text: str) -> list[Candidate]:
        """Every place where an entry's wrong text (and its pattern) matches; overlaps kept;
        in text order, longer entries first at one place."""
        found = []
        for anchor in word_starts(self._anchors, text):
            for index, entry in self._by_anchor[text[anchor]]:
                pos = anchor - index
                if pos < 0 or not text.startswith(entry.wrong, pos):
                    continue
                if entry.pattern is None:
                    found.append(Candidate(pos, pos + len(entry.wrong), entry))
                    continue
                match = entry.pattern.match(text, pos)
                if match and match.end() > pos:
                    found.append(Candidate(pos, match.end(), entry))
        if len(found) > 1:
            position = self._position
            found.sort(key=lambda cand: (cand.start, -len(cand.entry.wrong), position[id(cand.entry)]))
        return found


@cache
def _dictionary(extra_paths: tuple[str, ...]) -> Dictionary:
    entries = _builtin_entries()
    for path in extra_paths:
        entries.extend(_extra_entries(path))
    return Dictionary(entries)


def _extra_entries(path: str) -> list[Entry]:
    import tomllib  # imported only when used: a run with a warm cache reads no TOML at all

    with open(path, encoding="utf-8") as file:
        text = file.read()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DictionaryError(f"{path}: {exc}") from exc
    return parse_entries(data, path)


def _builtin_entries() -> list[Entry]:
    """The entries of wording_words.toml.  A run with a warm cache loads them as tuples of plain
    values (~0.4 ms), instead of the file's tables as JSON and parse_entries over them (~2 ms)."""
    from lawlint.buildcache import pickle_build

    def build() -> list[tuple]:
        import tomllib

        return [_entry_row(entry) for entry in parse_entries(tomllib.loads(read_data(WORDS)), WORDS,
                                                             lazy_patterns=True)]

    return [_entry_from_row(row) for row in pickle_build(f"entries-{WORDS}", data_bytes(WORDS), build)]


def _entry_row(entry: Entry) -> tuple:
    """Entry's arguments as plain values: the severity's value, the pattern's source."""
    values = {name: getattr(entry, name) for name in Entry.__slots__}
    values["severity"] = entry.severity.value
    values["pattern"] = None if entry.pattern is None else entry.pattern.pattern
    return tuple(values.values())


def _entry_from_row(row: tuple) -> Entry:
    wrong, right, severity, category, pattern, *rest = row
    return Entry(wrong, right, _SEVERITIES[severity], category, None if pattern is None else lazy(pattern), *rest)


def dictionary_for(ctx) -> Dictionary:
    extra = ctx.option("dictionaries", []) or []
    return _dictionary(tuple(str(p) for p in extra))


def _year(doc, ctx) -> int:
    found = report_year(doc, ctx.report_year)
    # A text with no year at all (a fragment) is judged as a report on last year.
    return found.year if found.year is not None else ctx.today.year - 1


def applicable_candidates(text: str, dictionary: Dictionary, year: int,
                          titles: list[tuple[int, int]]) -> list[Candidate]:
    """Candidates whose entry's conditions (report year, titles, earlier text) hold."""
    return _applicable(text, dictionary.candidates(text), year, titles)


def _applicable(text: str, candidates: list[Candidate], year: int,
                titles: list[tuple[int, int]] | None) -> list[Candidate]:
    """titles: the spans of the titles in 《》, or None to look around each candidate instead."""
    applicable = []
    for cand in candidates:
        entry = cand.entry
        if entry.min_year is not None and year < entry.min_year:
            continue
        if entry.outside_titles and (inside(titles, cand.start, cand.end) if titles is not None
                                     else inside_title(text, cand.start, cand.end)):
            continue
        if entry.unless_earlier and text.find(entry.unless_earlier, 0, cand.start) >= 0:
            continue
        applicable.append(cand)
    return applicable


def dictionary_matches(doc, dictionary: Dictionary, year: int) -> list[Candidate]:
    """Entries that apply, one per place: where two overlap, the earlier and then longer wins.

    Whether a candidate stands in a title in 《》 is looked at around it alone: the few candidates
    whose entry asks (in ~40% of reports) do not pay for finding every title of the report."""
    candidates = dictionary.candidates(doc.text)
    applicable = _applicable(doc.text, candidates, year, None)
    applicable.sort(key=lambda c: (c.start, -(c.end - c.start)))
    chosen, last_end = [], -1
    for cand in applicable:
        if cand.start >= last_end:
            chosen.append(cand)
            last_end = cand.end
    return chosen


def doc_matches(doc, ctx) -> list[Candidate]:
    """The dictionary entries that apply to doc, memoised per document."""
    dictionary = dictionary_for(ctx)
    year = _year(doc, ctx)
    key = ("wording.dictionary", id(dictionary), year)
    return doc.fact(key, lambda d: dictionary_matches(d, dictionary, year))


_LABELS = {
    "别字": "错别字", "词语误用": "用词不当", "规范表述": "表述不规范", "公文用语": "公文用字不规范",
    "数字用法": "数字用法不规范", "标点": "标点用法不规范", "政治表述": "政治性表述不规范",
}
_DEVELOPER_NOTE = lazy(r"[A-Za-z:]|咬文嚼字")


def dictionary_message(found: str, entry: Entry) -> str:
    label = _LABELS.get(entry.category, "用词不规范")
    message = f"{label}：“{found}”应为“{entry.right}”"
    # Notes copied from English-language sources are for developers, not for the reader.
    # A note that only repeats the right form ("法治政府建设") adds nothing for the reader.
    if entry.note and not _DEVELOPER_NOTE.search(entry.note) and not entry.note.startswith(entry.right):
        message += f"（{entry.note}）"
    return message


class _DictionaryRule(Rule):
    fixable = True
    _severity: Severity = Severity.ERROR

    def check(self, doc, ctx):
        for cand in doc_matches(doc, ctx):
            entry = cand.entry
            if entry.severity is not self._severity:
                continue
            found = doc.text[cand.start:cand.end]
            fix = None
            if entry.fix != "none":
                applicability = Applicability.SAFE if entry.fix == "safe" else Applicability.UNSAFE
                fix = Fix.replace(cand.start, cand.end, entry.right, f"改为“{entry.right}”", applicability)
            yield self.finding(cand.start, cand.end, dictionary_message(found, entry), fix=fix,
                               data={"wrong": found, "right": entry.right, "category": entry.category})


class MisusedWord(_DictionaryRule):
    """A wrong character or word that changes or blurs the meaning: 别字, 截止/截至, 法制/法治.

    A published report is read as the government's own word; "法制政府", "截止目前" or "人民调节"
    tell the reader that nobody proofread it.  The pairs come from a data file (wording_words.toml)
    where each pair carries the context in which it is wrong, so correct uses such as "截止日期" or
    "法制审核" stay silent.
    """

    code = "W101"
    name = "misused-word"
    severity = Severity.ERROR
    summary = "错别字或用词错误（如“截止目前”“法制政府”“人民调节”）"
    norm = "《党政机关公文处理工作条例》第十九条（文字准确）；《通用规范汉字表》；GF 1001-2001《第一批异形词整理表》"
    bad = "截止目前，全镇共调解纠纷56件，法制政府建设稳步推进。\n"
    good = "截至目前，全镇共调解纠纷56件，法治政府建设稳步推进，截止日期为3月31日。\n"
    _severity = Severity.ERROR


class NonstandardWording(_DictionaryRule):
    """A variant form or wording that official documents do not use: 其它, 帐户, 做出决定, 七五普法.

    These are not wrong in everyday writing, but 公文 follow one recommended form (GF 1001-2001,
    the plans' own wording, fixed political expressions), and a reviewer marks every deviation.
    Political fixed forms ("习近平新时代中国特色社会主义思想" in full) are reported here too.
    """

    code = "W102"
    name = "nonstandard-wording"
    severity = Severity.WARNING
    summary = "不规范的词形或表述（如“其它”“帐户”“做出决定”、政治性表述不完整）"
    norm = "GF 1001-2001《第一批异形词整理表》；《党政机关公文处理工作条例》第十九条；中央文件规范表述"
    bad = "对其它事项做出决定，坚持以习近平新时代中国特色思想为指导。\n"
    good = "对其他事项作出决定，坚持以习近平新时代中国特色社会主义思想为指导。\n"
    _severity = Severity.WARNING


RULES = [MisusedWord, NonstandardWording]
