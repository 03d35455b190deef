"""Which required part of the annual report each top-level section is (the S rules' model).

The parts, their heading words and their order come from a profile in sections_profiles.toml
(or a repository's own TOML file); nothing here names a part.  The outline of a document is
computed once per document and profile (``outline``) and shared by the S rules.
"""

from __future__ import annotations

import os
import re
from collections import namedtuple
from collections.abc import Callable
from functools import cache, cached_property
from itertools import groupby
from re import _constants as re_constants, _parser as re_parser

from lawlint.buildcache import compile_regex, plain_build
from lawlint.document import Document, Heading, Paragraph, Section
from lawlint.reportyear import YEAR_PATTERN, report_year, year_value
from lawlint.regexhint import lazy

from .datafile import load_toml, read_data, versioned

PROFILES_FILE = "sections_profiles.toml"
DEFAULT_PROFILE = "default"

# The model's classes are named tuples or plain classes, not dataclasses: making a dataclass
# costs ~0.5–2 ms at every start (its methods are generated and exec'd), a named tuple ~0.1 ms.


# ---------------------------------------------------------------------------------------------
# Word patterns ("A+B|C": A and (B or C))


class Pattern(namedtuple("_Pattern", "terms")):
    """``terms``: every term must occur; a term is a tuple of alternatives."""

    __slots__ = ()

    @classmethod
    def parse(cls, text: str) -> "Pattern":
        return cls(tuple(tuple(alt for alt in term.split("|") if alt) for term in text.split("+")))

    def matches(self, text: str) -> bool:
        return all(any(alt in text for alt in term) for term in self.terms)

    def find(self, text: str) -> tuple[int, int] | None:
        """The span of the earliest word of a match, or None."""
        if not self.matches(text):
            return None
        hits = [(text.find(alt), len(alt)) for term in self.terms for alt in term if alt in text]
        start, size = min(hits)
        return start, start + size


class Patterns:
    """Word patterns of one kind (a part's heading words, say): a text matches when any one does."""

    def __init__(self, patterns: tuple[Pattern, ...] = ()):
        self.patterns = patterns

    def __bool__(self) -> bool:
        return bool(self.patterns)

    @cached_property
    def first_words(self) -> frozenset[str]:
        """Every word of every pattern's first term: a text without one matches no pattern."""
        return frozenset(alt for p in self.patterns for alt in p.terms[0])

    @cached_property
    def first_chars(self) -> frozenset[str]:
        """The first characters of first_words."""
        return frozenset(word[0] for word in self.first_words)

    @cached_property
    def sentence_words(self) -> tuple[str, ...]:
        """The first words that fit in one sentence (no sentence or line end in them): the
        others match no sentence."""
        return tuple(sorted(w for w in self.first_words if not any(ch in w for ch in _SENTENCE_ENDS + "\n")))

    # Compiled on first use: most patterns are one term, a list of words that one regex search
    # settles; the few of several terms are screened by their first term's words.

    @cached_property
    def _one_term(self) -> re.Pattern | None:
        return _word_regex(alt for p in self.patterns if len(p.terms) == 1 for alt in p.terms[0])

    @cached_property
    def _several_terms(self) -> tuple[re.Pattern | None, tuple[Pattern, ...]]:
        several = tuple(p for p in self.patterns if len(p.terms) > 1)
        return _word_regex(alt for p in several for alt in p.terms[0]), several

    def matches(self, text: str) -> bool:
        one_term = self._one_term
        if one_term is not None and one_term.search(text) is not None:
            return True
        screen, several = self._several_terms
        return (screen is not None and screen.search(text) is not None
                and any(p.matches(text) for p in several))

    @cached_property
    def word_sets(self) -> tuple[frozenset[str], tuple[tuple[frozenset[str], ...], ...]]:
        """The words of the one-term patterns, and the terms of each other pattern (see _meets)."""
        one_term = frozenset(alt for p in self.patterns if len(p.terms) == 1 for alt in p.terms[0])
        several = tuple(tuple(frozenset(term) for term in p.terms) for p in self.patterns if len(p.terms) > 1)
        return one_term, several

    def first_find(self, text: str) -> tuple[int, int] | None:
        found = [span for span in (p.find(text) for p in self.patterns) if span is not None]
        return min(found) if found else None


def _meets(word_sets, found: set[str]) -> bool:
    """Whether a text holding the words ``found`` matches patterns given by their word_sets."""
    one_term, several = word_sets
    if not one_term.isdisjoint(found):
        return True
    for terms in several:
        for term in terms:
            if term.isdisjoint(found):
                break
        else:
            return True
    return False


def _word_regex(words) -> re.Pattern | None:
    """A regex matching the longest of ``words`` that starts at a place, or None when there are
    none.  It is written as a trie ("主要负责人|主要领导" as "主要(?:负责人|领导)"): the engine tries
    the alternatives of a group one by one, and a trie has few at each character."""
    words = sorted(set(words))
    return compile_regex(_trie(words)) if words else None


def _trie(words: list[str]) -> str:
    """The regex source of a trie of ``words`` (sorted, not empty); an optional group is greedy,
    so the longest word wins."""
    alternatives = []
    for char, group in groupby(words, key=lambda word: word[0]):
        rests = [word[1:] for word in group]
        longer = [rest for rest in rests if rest]
        source = re.escape(char)
        if longer:
            source += f"(?:{_trie(longer)})" + ("?" if len(longer) < len(rests) else "")
        alternatives.append(source)
    return "|".join(alternatives)


def _patterns(items) -> Patterns:
    return Patterns(tuple(Pattern.parse(item) for item in items or ()))


class _PartNamer:
    """Which parts a heading names by its words (Profile.parts_naming), with one regex call.

    A finder gives the heading's words; each part's heading and exclusion patterns are then sets
    of words to meet, so a part is judged by a few set operations, and only the parts with a
    word of their heading patterns' first terms are judged at all.
    """

    def __init__(self, parts: tuple[Part, ...]):
        words = {alt for part in parts for patterns in (part.heading, part.heading_not)
                 for p in patterns.patterns for term in p.terms for alt in term}
        self.finder = _WordFinder(words)
        # For each match of the finder, the words within it and the parts (by index) it may name.
        self.entries = {match: (within, frozenset(i for i, part in enumerate(parts)
                                                  if not part.heading.first_words.isdisjoint(within)))
                        for match, within in self.finder.within.items()}
        self.tests = [(part.id, part.heading.word_sets, part.heading_not.word_sets if part.heading_not else None)
                      for part in parts]

    def named(self, text: str) -> set[str]:
        hits = self.finder.hits(text)
        if len(hits) == 1:  # (most headings: its entry's sets serve as they are)
            found, candidates = self.entries[hits[0]]
        else:
            found, candidates = set(), set()
            for hit in hits:
                words, parts = self.entries[hit]
                found |= words
                candidates |= parts
        named = set()
        for i in candidates:
            part_id, heading, excluded = self.tests[i]
            if _meets(heading, found) and (excluded is None or not _meets(excluded, found)):
                named.add(part_id)
        return named


class _WordFinder:
    """Which of a fixed set of words a short text holds, in about one regex call.

    ``findall`` finds, left to right, the longest match at each place where one starts and goes
    on after it.  A word it passes over starts inside a match: it either ends there too (a piece
    of the match, taken from a table) or runs on past its end.  For the second case the regex
    also looks for overlapping words run together ("举措" and "措施" as "举措施"), so that the
    run is the longer match; after a match that a word can still overhang (three overlapping
    words), the search restarts one character after each match instead.
    """

    _RUN_ROUNDS = 2  # runs of up to four overlapping words

    def __init__(self, words):
        words = sorted(set(words))
        # The same words make the same tables at every run: a later run reads them back.
        tables = plain_build(f"sections-word-finder-{self._RUN_ROUNDS}", repr(words).encode("utf-8"),
                            lambda: _finder_tables(words, self._RUN_ROUNDS))
        self.regex = compile_regex(tables["regex"]) if tables["regex"] else None
        self.within = {run: frozenset(within) for run, within in tables["within"].items()}
        self.overhung = frozenset(tables["overhung"])

    def hits(self, text: str) -> list[str]:
        """The matches in ``text``: the words it holds are those within them."""
        if self.regex is None:
            return []
        hits = self.regex.findall(text)
        return self._every_hit(text) if not self.overhung.isdisjoint(hits) else hits

    def _every_hit(self, text: str) -> list[str]:
        hits = []
        match = self.regex.search(text)
        while match is not None:
            hits.append(match.group())
            match = self.regex.search(text, match.start() + 1)
        return hits


def _finder_tables(words: list[str], rounds: int) -> dict:
    """A _WordFinder's tables, as plain data (kept by plain_build): the regex source of the words
    and their runs (``rounds`` times, each run so far with each word that overhangs it), the words
    within each run, and the runs that a word may overhang (those whose run with the word is not
    looked for)."""
    longer = _longer_words_by_prefix(words)
    runs = set(words)
    for _ in range(rounds):
        runs |= {run[:i] + word for run in runs for i, word in _overhangs(run, longer)}
    return {
        "regex": _trie(sorted(runs)) if runs else "",
        "within": {run: [w for w in words if w in run] for run in sorted(runs)},
        "overhung": sorted(run for run in runs if any(
            run[:i] + word not in runs for i, word in _overhangs(run, longer))),
    }


def _longer_words_by_prefix(words) -> dict[str, list[str]]:
    """For each proper prefix of a word, the words that start with it (and so run on past it)."""
    longer: dict[str, list[str]] = {}
    for word in words:
        for end in range(1, len(word)):
            longer.setdefault(word[:end], []).append(word)
    return longer


def _overhangs(run: str, longer: dict[str, list[str]]):
    """(offset, word) for each word that can start at an offset in ``run`` and run on past its
    end: the words that start with the rest of ``run`` from there and are longer than it."""
    return [(i, word) for i in range(1, len(run)) for word in longer.get(run[i:], ())]


# ---------------------------------------------------------------------------------------------
# Profiles


_PART_FIELDS = (
    "id",
    "number",
    "name",  # short, for messages and the summary table
    "full",  # the wording of the 规定
    "title",  # a heading to suggest
    "required",
    "rank",
    "rank_from",  # the part may take any rank from rank_from to rank
    "unique",
    "heading",  # Patterns, as are the next three
    "heading_not",
    "lead",
    "lead_not",
    "yields_to",  # parts that win when one heading names both ("*": all)
    "stays_with",  # part id → words that keep this part beside it ("{year}": the report year)
    "beats",  # the converse, for a profile's own part that outranks a built-in one
    "next_year",
)


class Part(namedtuple("_Part", _PART_FIELDS)):
    __slots__ = ()

    def leads(self, sentence: str) -> bool:
        return self.lead.matches(sentence) and not self.lead_not.matches(sentence)

    def lead_span(self, sentence: str) -> tuple[int, int] | None:
        return self.lead.first_find(sentence) if self.leads(sentence) else None


_ProfileFields = namedtuple("_ProfileFields", (
    "name",
    "description",
    "norm",
    "subject",  # a tuple of str
    "generic_headings",  # a frozenset of str
    "generic_default",  # str or None
    "signature_parts",  # parts only this kind of report has
    "since_year",  # the first report year the parts apply to, or None
    "parts",  # a tuple of Parts
))


class Profile(_ProfileFields):
    """A profile's fields, and what is built from them on first use (kept in the instance's
    __dict__, which this subclass of the named tuple has)."""

    def part(self, part_id: str) -> Part:
        part = self._part_by_id.get(part_id)
        # (An id of no part raises as it always has.)
        return part if part is not None else next(p for p in self.parts if p.id == part_id)

    @cached_property
    def _part_by_id(self) -> dict[str, Part]:
        by_id: dict[str, Part] = {}
        for part in self.parts:
            by_id.setdefault(part.id, part)  # the first of two with one id, as a search finds
        return by_id

    @cached_property
    def _position_by_id(self) -> dict[str, int]:
        positions: dict[str, int] = {}
        for position, part in enumerate(self.parts):
            positions.setdefault(part.id, position)
        return positions

    def position(self, part_id: str) -> int:
        """Where the part stands in the profile's list (after every part, for an unknown id)."""
        return self._position_by_id.get(part_id, len(self.parts))

    @cached_property
    def generic_ends(self) -> tuple[frozenset[str], frozenset[str]] | None:
        """The characters a generic title can start and end with (see _is_generic), or None
        when the characters core_words removes are not known."""
        removable = _core_removable()
        if removable is None:
            return None
        headings = [g for g in self.generic_headings if g]
        return removable | {g[0] for g in headings}, removable | {g[-1] for g in headings}

    @cached_property
    def parts_naming(self) -> Callable[[str], set[str]]:
        """parts_naming(text): the ids of the parts whose heading patterns match ``text`` and whose
        exclusions do not (a _PartNamer's method, built on first use)."""
        return _PartNamer(self.parts).named

    @cached_property
    def _lead_screen(self) -> tuple[re.Pattern | None, int]:
        """A regex of every word of the lead patterns of the parts a sentence can announce, and
        the length of the longest."""
        words = {alt for part in self.parts if part.id != self.generic_default
                 for p in part.lead.patterns for term in p.terms for alt in term}
        return _word_regex(words), max(map(len, words), default=0)

    def may_lead(self, sentence: str, window: int) -> bool:
        """Whether a word of some part's lead patterns starts in the first ``window`` + 1
        characters of ``sentence``: a part announces itself only with a word there."""
        screen, longest = self._lead_screen
        return screen is not None and screen.search(sentence, 0, window + longest) is not None

    def mentions_subject(self, text: str) -> bool:
        for word in self.subject:  # (a loop: a generator costs more than the two words)
            if word in text:
                return True
        return False


class ProfileError(ValueError):
    pass


def _part(raw: dict) -> Part:
    return Part(
        id=raw["id"],
        number=int(raw.get("number", 0)),
        name=raw["name"],
        full=raw.get("full", raw["name"]),
        title=raw.get("title", raw.get("full", raw["name"])),
        required=bool(raw.get("required", True)),
        rank=int(raw.get("rank", raw.get("number", 0))),
        rank_from=int(raw.get("rank_from", raw.get("rank", raw.get("number", 0)))),
        unique=bool(raw.get("unique", True)),
        heading=_patterns(raw.get("heading")),
        heading_not=_patterns(raw.get("heading_not")),
        lead=_patterns(raw.get("lead")),
        lead_not=_patterns(raw.get("lead_not")),
        yields_to=tuple(raw.get("yields_to", ())),
        stays_with={k: tuple(v) for k, v in raw.get("stays_with", {}).items()},
        beats=tuple(raw.get("beats", ())),
        next_year=bool(raw.get("next_year", False)),
    )


def _resolve(name: str, raw_profiles: dict, seen: tuple[str, ...] = ()) -> dict:
    """The raw table of a profile with its ``extends`` chain applied."""
    if name in seen:
        raise ProfileError(f"报告结构配置（profile）“{name}”循环继承")
    if name not in raw_profiles:
        known = "、".join(sorted(raw_profiles))
        raise ProfileError(f"未知的报告结构配置（profile）“{name}”；可用的有：{known}")
    raw = dict(raw_profiles[name])
    base_name = raw.pop("extends", None)
    if base_name is None:
        return raw
    base = _resolve(base_name, raw_profiles, seen + (name,))
    parts = [dict(p) for p in base.get("parts", [])]
    by_id = {p["id"]: p for p in parts}
    for entry in raw.pop("parts", []):
        if entry["id"] in by_id:
            by_id[entry["id"]].update(entry)
        else:
            parts.append(dict(entry))
    merged = {**base, **raw, "parts": parts}
    return merged


@cache
def _raw_tables(extra_files: tuple[str, ...]) -> dict:
    """All raw profiles (built-in, then each extra file in order)."""
    # (A previous run's parse of the built-in file, when the build cache has it.)
    profiles = dict(load_toml(PROFILES_FILE).get("profiles", {}))
    if extra_files:
        import tomllib  # (pure Python and slow to import: only for a repository's own profiles)
    for path in extra_files:
        try:
            with open(path, "rb") as file:
                extra = tomllib.loads(file.read().decode("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ProfileError(f"无法读取报告结构配置文件 {path}：{exc}") from exc
        profiles.update(extra.get("profiles", {}))
    return profiles


def builtin_version() -> str:
    """The built-in profiles' version, worked out only when asked (``lawlint --version``): a
    linting run does not hash the file."""
    return versioned(load_toml(PROFILES_FILE).get("version", ""), read_data(PROFILES_FILE))


def available_profiles(extra_files=()) -> list[str]:
    return sorted(_raw_tables(tuple(extra_files)))


@cache
def load_profile(name: str = DEFAULT_PROFILE, extra_files: tuple[str, ...] = ()) -> Profile:
    raw = _resolve(name, _raw_tables(extra_files))
    try:
        parts = tuple(_part(p) for p in raw.get("parts", []))
    except KeyError as exc:
        raise ProfileError(f"报告结构配置“{name}”中的部分缺少字段 {exc}") from exc
    return Profile(
        name=name,
        description=raw.get("description", ""),
        norm=raw.get("norm", ""),
        subject=tuple(raw.get("subject", ())),
        generic_headings=frozenset(raw.get("generic_headings", ())),
        generic_default=raw.get("generic_default"),
        signature_parts=tuple(raw.get("signature_parts", ())),
        since_year=raw.get("since_year"),
        parts=parts,
    )


def profile_for(ctx) -> Profile:
    files = ctx.option("profile_files", ()) or ()
    if isinstance(files, (str, os.PathLike)):
        files = (files,)
    return load_profile(ctx.option("profile", DEFAULT_PROFILE) or DEFAULT_PROFILE, tuple(map(str, files)))


# ---------------------------------------------------------------------------------------------
# Headings and first sentences

# Words that only say "this year" or "last year"; a heading without them says the same.
_TIME_WORDS = lazy(r"(?:上一?|本|今)年度?|全年|年度|[0-9]{4}年度?|[零〇一二三四五六七八九]{4}年度?")
_OWNER_WORDS = lazy(r"^(?:我|本)(?:镇|乡|街道|区|县|市|局|委|办|单位|部门|中心|系统)")
_PUNCT = lazy(r"[\s\u3000，,、；;：:。.！!？?（）()“”‘’\"'《》〈〉【】\[\]—\-－·]")
_SENTENCE_ENDS = "。！？；"
_SENTENCE_END = lazy(f"[{_SENTENCE_ENDS}]")


def heading_years(text: str) -> list[int]:
    return [year_value(m) for m in YEAR_PATTERN.finditer(text)]


# Where YEAR_PATTERN's second form, a year spelled out in numerals, can be: four numerals before
# a 年 (found from the 年, which the engine finds fast).
_SPELLED_YEAR = lazy(r"年(?<=[零〇一二三四五六七八九]{4}年)")


def has_year(text: str, year: int) -> bool:
    """``year in heading_years(text)``, settled without reading the years in most headings: a year
    in digits is written as str(year), one spelled out needs four numerals before 年."""
    if str(year) not in text and _SPELLED_YEAR.search(text) is None:
        return False
    return year in heading_years(text)


def _without_punct(title: str) -> str:
    # Most titles are letters and digits only, which _PUNCT never matches (str.isalnum is far
    # cheaper than a regex over every character).
    return title if title.isalnum() else _PUNCT.sub("", title)


def core_words(title: str) -> str:
    """A heading without years, "本年度", "我镇" and punctuation: what is left says what it is."""
    return _core_of(_without_punct(title))


def _core_of(text: str) -> str:
    """core_words of a title whose punctuation is removed."""
    text = _TIME_WORDS.sub("", text)
    return _OWNER_WORDS.sub("", text)


def _is_generic(text: str, profile: Profile) -> bool:
    """``_core_of(text) in profile.generic_headings``, mostly settled by the text's first and last
    characters: the time and owner words remove only their own characters, so one of the others
    at either end of the text stays at that end of what is left."""
    ends = profile.generic_ends
    if text and ends is not None and (text[0] not in ends[0] or text[-1] not in ends[1]):
        return False
    return _core_of(text) in profile.generic_headings


@cache
def _core_removable() -> frozenset[str] | None:
    """Every character _core_of may remove, or None when the patterns do not say simply (read
    back from the build cache: parsing the patterns costs ~0.5 ms)."""
    sources = (_TIME_WORDS.pattern, _OWNER_WORDS.pattern)
    chars = plain_build("sections-core-removable", "\n".join(sources).encode("utf-8"),
                       lambda: _removable_by(sources))
    return None if chars is None else frozenset(chars)


def _removable_by(sources) -> list[str] | None:
    chars: set[str] = set()
    for source in sources:
        found = _characters(re_parser.parse(source).data)
        if found is None:
            return None
        chars |= found
    return sorted(chars)


def _characters(items) -> set[str] | None:
    """Every character a parsed regex of literals, classes and ranges can match; None for other
    constructs (categories such as \\s, negated classes), where it cannot be said simply."""
    chars: set[str] = set()
    for op, arg in items:
        if op is re_constants.LITERAL:
            chars.add(chr(arg))
        elif op is re_constants.IN:
            for kind, value in arg:
                if kind is re_constants.LITERAL:
                    chars.add(chr(value))
                elif kind is re_constants.RANGE:
                    chars.update(map(chr, range(value[0], value[1] + 1)))
                else:
                    return None
        elif op is re_constants.BRANCH or op in (re_constants.MAX_REPEAT, re_constants.MIN_REPEAT,
                                                 re_constants.SUBPATTERN):
            branches = arg[1] if op is re_constants.BRANCH else [arg[-1]]
            for branch in branches:
                found = _characters(branch)
                if found is None:
                    return None
                chars |= found
        elif op is not re_constants.AT:
            return None
    return chars


def first_sentence(text: str) -> str:
    match = _SENTENCE_END.search(text)
    return text[: match.start()] if match else text


def parts_named_by(title: str, profile: Profile, year: int | None) -> frozenset[str]:
    """The parts a heading names by its words (and by a year after the report year)."""
    return _parts_named_by(title, _without_punct(title), profile, year)


def _parts_named_by(title: str, text: str, profile: Profile, year: int | None,
                    next_year_possible: bool = True) -> frozenset[str]:
    """parts_named_by of a title and its ``text`` without punctuation; ``next_year_possible``
    False when the caller knows the title has no year after ``year``."""
    named = profile.parts_naming(text)
    if year is not None and next_year_possible and has_year(title, year + 1):
        named |= {p.id for p in profile.parts if p.next_year}
    if len(named) < 2:
        return frozenset(named)
    # A part yields to the more specific parts named by the same heading ("*": to any other).
    return frozenset(pid for pid in named if not _yields(profile.part(pid), named - {pid}, profile, text, year))


def _yields(part: Part, others: set[str], profile: Profile, text: str, year: int | None) -> bool:
    others = {other for other in others if not _stays_with(part, other, text, year)}
    if not others:
        return False
    if "*" in part.yields_to or set(part.yields_to) & others:
        return True
    return any(part.id in profile.part(other).beats for other in others)


def _stays_with(part: Part, other: str, text: str, year: int | None) -> bool:
    for word in part.stays_with.get(other, ()):
        if word == "{year}":
            if year is not None and has_year(text, year):
                return True
        elif word in text:
            return True
    return False


# A sentence announces its subject near its start; "…取得明显成效，但仍存在不足" is an overview.
LEAD_WINDOW = 20


def part_led_by(sentence: str, profile: Profile, year: int | None) -> str | None:
    """The part a first sentence announces, if any (never the default part of generic headings)."""
    by_words = profile.may_lead(sentence, LEAD_WINDOW)
    for part in profile.parts:
        if part.id == profile.generic_default:
            continue
        span = part.lead_span(sentence) if by_words else None
        if span is not None and span[0] <= LEAD_WINDOW:
            return part.id
        if part.next_year and year is not None and _starts_with_year(sentence, year + 1):
            return part.id
    return None


def _starts_with_year(sentence: str, year: int) -> bool:
    match = YEAR_PATTERN.match(sentence)
    return match is not None and year_value(match) == year


# ---------------------------------------------------------------------------------------------
# The outline

HEADING, GENERIC, CONTENT = "heading", "generic", "content"
_BY_HEADING = (HEADING, GENERIC)  # the sources of a section that its heading names


class SectionParts:
    __slots__ = ("_part_list", "evidence", "parts", "section", "source")

    def __init__(self, section: Section, parts: frozenset[str], source: str | None,
                 evidence: Paragraph | None = None):
        self.section = section
        self.parts = parts
        self.source = source  # HEADING, GENERIC, CONTENT, or None when it names no part
        self.evidence = evidence  # the paragraph whose first sentence decided (CONTENT)
        self._part_list: list[Part] | None = None

    @property
    def heading(self) -> Heading:
        return self.section.heading

    def part_list(self, profile: Profile) -> list[Part]:
        """The profile's parts this section is, looked up once, in the profile's order: a set's
        order changes with the process's hash seed, and a rule that takes the first of two parts
        of equal rank (S202) must name the same one on every run."""
        if self._part_list is None:
            self._part_list = [profile.part(p) for p in sorted(self.parts, key=lambda p: (profile.position(p), p))]
        return self._part_list


class Evidence(namedtuple("_Evidence", "start end line within kind")):
    """Where a part's content was found when no top-level section is that part: its span, its
    line number, the top-level Section it sits in (None before the first heading) and its kind
    ("subheading" or "paragraph")."""

    __slots__ = ()


class Outline:
    def __init__(self, profile: Profile, year: int | None, sections: list[SectionParts]):
        self.profile = profile
        self.year = year
        self.sections = sections
        self.elsewhere: dict[str, Evidence] = {}
        self.implicit: set[str] = set()  # present without any heading to show for it
        # Every S rule asks for every part; the sections are final when the outline is made.
        self._named: dict[str, list[SectionParts]] = {}
        self._by_content: dict[str, list[SectionParts]] = {}
        # The sections whose heading (not only their content) names a part, in order.
        self.placed: list[SectionParts] = []
        for entry in self.sections:
            if entry.parts and entry.source in _BY_HEADING:
                self.placed.append(entry)
                index = self._named
            elif entry.source == CONTENT:
                index = self._by_content
            else:
                continue
            for part_id in entry.parts:
                index.setdefault(part_id, []).append(entry)

    def named(self, part_id: str) -> list[SectionParts]:
        """Top-level sections that are this part by their heading (generic headings included)."""
        return self._named.get(part_id, [])

    def by_content(self, part_id: str) -> list[SectionParts]:
        return self._by_content.get(part_id, [])

    def has_section(self, part_id: str) -> bool:
        """Whether a top-level section is this part, by its heading or by its content."""
        return part_id in self._named or part_id in self._by_content

    def present(self, part_id: str) -> bool:
        return (part_id in self._named or part_id in self._by_content or part_id in self.elsewhere
                or part_id in self.implicit)

    @property
    def recognised(self) -> set[str]:
        return {pid for s in self.sections if s.source == HEADING for pid in s.parts}


def _first_paragraph(section: Section) -> Paragraph | None:
    return section.paragraphs[0] if section.paragraphs else None


def _classify_all(sections: list[Section], profile: Profile, year: int | None) -> list[SectionParts]:
    titles = [section.title for section in sections]
    # The next year, looked for once in all the titles (one a line): most name no year after it.
    next_year_possible = year is not None and has_year("\n".join(titles), year + 1)
    return [_classify(s, title, profile, year, next_year_possible) for s, title in zip(sections, titles)]


def _classify(section: Section, title: str, profile: Profile, year: int | None,
              next_year_possible: bool = True) -> SectionParts:
    text = _without_punct(title)
    named = _parts_named_by(title, text, profile, year, next_year_possible)
    generic = _is_generic(text, profile)
    if named and not generic:
        return SectionParts(section, named, HEADING)
    lead = _first_paragraph(section)
    if lead is not None:
        led = part_led_by(first_sentence(lead.text), profile, year)
        if led is not None:
            return SectionParts(section, frozenset({led}), CONTENT, lead)
    if generic and profile.generic_default:
        return SectionParts(section, frozenset({profile.generic_default}), GENERIC)
    return SectionParts(section, frozenset(), None)


class _Elsewhere:
    """Finds the first sub-heading or paragraph that carries a part with no top-level section.

    Most parts looked for are found nowhere, so each search first asks whether the text can hold
    the part at all: the sub-headings' titles and the paragraphs are each read as one text, and
    only the few sentences that hold one of the part's words are looked at.
    """

    def __init__(self, doc: Document, profile: Profile, year: int | None):
        self.doc, self.profile, self.year = doc, profile, year
        self.named_by: dict[str, frozenset[str]] = {}  # parts_named_by per sub-heading title
        self._titles: str | None = None
        self._subheading_indices: frozenset[int] | None = None
        self._paragraphs: str | None = None

    def find(self, part: Part) -> Evidence | None:
        return self._in_subheading(part) or self._in_paragraph(part)

    def _heading_titles(self) -> str:
        """The titles of all headings, one a line."""
        if self._titles is None:
            self._titles = "\n".join([heading.title for heading in self.doc.headings])
        return self._titles

    def _subheadings_holding(self, chars) -> list[int]:
        """The indices in doc.headings of the sub-headings whose titles hold one of ``chars``,
        in document order."""
        text = self._heading_titles()
        found = sorted({text.count("\n", 0, at) for at in _occurrences(text, chars)})  # (by line: heading)
        if not found:
            return found
        return [i for i in found if i in self._subheadings()]

    def _subheadings(self) -> frozenset[int]:
        """The indices in doc.headings of the headings that head no top-level section."""
        if self._subheading_indices is None:
            top = {id(section.heading) for section in self.doc.sections}
            self._subheading_indices = frozenset(i for i, heading in enumerate(self.doc.headings)
                                                 if id(heading) not in top)
        return self._subheading_indices

    def _in_subheading(self, part: Part) -> Evidence | None:
        # A title names the part by a word only if it holds the word's first character, and by
        # the year only if it holds the next year; few titles hold either.
        candidates = self._subheadings_holding(part.heading.first_chars)
        year = self.year
        by_year = part.next_year and year is not None and has_year(self._heading_titles(), year + 1)
        if not candidates and not by_year:
            return None
        headings = self.doc.headings
        if by_year:  # any sub-heading may name it by the year
            candidates = sorted(self._subheadings())
        for i in candidates:
            heading = headings[i]
            title = heading.title
            named = self.named_by.get(title)
            if named is None:
                named = self.named_by[title] = parts_named_by(title, self.profile, self.year)
            if part.id in named:
                span = heading.span
                # The top-level section it belongs to: the last one whose heading comes before
                # (the headings are in document order, as Section.walk gives their sections).
                within = _section_of_offset(self.doc, span.start)
                return Evidence(span.start, span.end, heading.line.number, within, "subheading")
        return None

    def _paragraph_text(self) -> str:
        """The paragraphs' text, one a line."""
        if self._paragraphs is None:
            self._paragraphs = "\n".join([para.text for para in self.doc.paragraphs])
        return self._paragraphs

    def _in_paragraph(self, part: Part) -> Evidence | None:
        next_year = self.year + 1 if part.next_year and self.year is not None else None
        for para, offset, sentence in self._candidate_sentences(part, next_year):
            span = part.lead_span(sentence)
            if span is None and next_year is not None and _starts_with_year(sentence, next_year):
                span = YEAR_PATTERN.match(sentence).span()
            if span is not None:
                start = para.span.start + offset
                within = _section_of_offset(self.doc, start)
                return Evidence(start + span[0], start + span[1], para.line.number, within, "paragraph")
        return None

    def _candidate_sentences(self, part: Part, next_year: int | None):
        """(paragraph, offset, sentence) of the leading sentences, in document order, that hold
        a word of the part's first lead term or start with the next year: no other can carry it."""
        words = part.lead.sentence_words
        if not words and next_year is None:
            return
        text = self._paragraph_text()
        hits = _occurrences(text, words)
        if next_year is not None:
            hits += [m.start() for m in YEAR_PATTERN.finditer(text) if year_value(m) == next_year]
            hits.sort()
        paragraphs = self.doc.paragraphs
        last = None
        for hit in hits:
            i = text.count("\n", 0, hit)  # the paragraph, and where it starts
            para = paragraphs[i]
            found = leading_sentence_at(para.text, hit - text.rfind("\n", 0, hit) - 1)
            if found is not None and (i, found[0]) != last:
                last = (i, found[0])
                yield para, found[0], found[1]


def _occurrences(text: str, words) -> list[int]:
    """Where each of ``words`` occurs in ``text``, in order (str.find: in a long text, far
    cheaper than a regex that tries every word at every character)."""
    found = []
    for word in words:
        at = text.find(word)
        while at != -1:
            found.append(at)
            at = text.find(word, at + 1)
    found.sort()
    return found


_ENUMERATED = lazy(r"[一二三四五六七八九十]+是|其[一二三四五六七八九十]+[，,]|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[.．、]")


def leading_sentence_at(text: str, at: int) -> tuple[int, str] | None:
    """(offset, sentence) of the sentence of ``text`` holding position ``at`` when it opens the
    paragraph or an enumerated point ("二是……"): where a report states what a passage is about."""
    start = max(text.rfind(end, 0, at) for end in _SENTENCE_ENDS) + 1
    match = _SENTENCE_END.search(text, at)
    sentence = text[start:match.start() if match else len(text)]
    stripped = sentence.lstrip()
    if stripped and (start == 0 or _ENUMERATED.match(stripped)):
        return start + len(sentence) - len(stripped), stripped
    return None


def _section_of_offset(doc: Document, offset: int) -> Section | None:
    current = None
    for section in doc.sections:
        if section.heading.line.start <= offset:
            current = section
    return current


def _assume_topic_sections_are_the_default_part(sections: list[SectionParts], profile: Profile) -> None:
    """A report may set out its measures as one top-level section per topic ("一、依法全面履行
    政府职能" …) before its shortcomings; when no heading names the default part, those sections
    before the first named part are that part."""
    default = profile.generic_default
    if default is None or any(default in entry.parts and entry.source in _BY_HEADING for entry in sections):
        return
    for entry in sections:
        if entry.source is not None:
            break
        if entry.section.paragraphs or entry.section.children:
            entry.parts, entry.source = frozenset({default}), GENERIC


def build_outline(doc: Document, profile: Profile, year: int | None) -> Outline:
    sections = _classify_all(doc.sections, profile, year)
    _assume_topic_sections_are_the_default_part(sections, profile)
    outline = Outline(profile=profile, year=year, sections=sections)
    if not doc.sections and doc.paragraphs and profile.generic_default:
        # A report written as plain paragraphs: its body is the measures, whatever else it lacks.
        outline.implicit.add(profile.generic_default)
    elsewhere = _Elsewhere(doc, profile, year)
    for part in profile.parts:
        if not outline.has_section(part.id):
            found = elsewhere.find(part)
            if found is not None:
                outline.elsewhere[part.id] = found
    return outline


def outline(doc: Document, ctx) -> Outline:
    profile = profile_for(ctx)
    year = report_year(doc, ctx.report_year).year
    return doc.fact(("sections.outline", profile.name, id(profile), year),
                    lambda d: build_outline(d, profile, year))
