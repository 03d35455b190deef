"""Which required part of the annual report each top-level section is (the S rules' model).

The parts, their heading words and their order come from a profile in sections_profiles.toml
(or a repository's own TOML file); nothing here names a part.  The outline of a document is
computed once per document and profile (``outline``) and shared by the S rules.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lawlint.document import Document, Heading, Paragraph, Section
from lawlint.reportyear import YEAR_PATTERN, report_year, year_value
from lawlint.regexhint import lazy

from .datafile import read_data, versioned

PROFILES_FILE = "sections_profiles.toml"
DEFAULT_PROFILE = "default"


# ---------------------------------------------------------------------------------------------
# Word patterns ("A+B|C": A and (B or C))


@dataclass(frozen=True, slots=True)
class Pattern:
    terms: tuple[tuple[str, ...], ...]  # every term must occur; a term is a tuple of alternatives

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


def _patterns(items) -> tuple[Pattern, ...]:
    return tuple(Pattern.parse(item) for item in items or ())


# Prefilters by the identity of their pattern tuple (which the entry keeps alive): hashing a tuple
# of patterns on every call cost more than the prefilter saved.
_PREFILTERS: dict[int, tuple[tuple[Pattern, ...], re.Pattern | None]] = {}


def _prefilter(patterns: tuple[Pattern, ...]) -> re.Pattern | None:
    """A regex for every word of every pattern's first term: a text it misses matches none of
    ``patterns``, so most (heading, part) pairs are settled by one scan."""
    entry = _PREFILTERS.get(id(patterns))
    if entry is None or entry[0] is not patterns:
        words = sorted({alt for p in patterns if p.terms for alt in p.terms[0]}, key=lambda w: (-len(w), w))
        entry = (patterns, re.compile("|".join(re.escape(w) for w in words)) if words else None)
        _PREFILTERS[id(patterns)] = entry
    return entry[1]


def _any(patterns: tuple[Pattern, ...], text: str) -> bool:
    if not patterns:
        return False
    prefilter = _prefilter(patterns)
    if prefilter is None or prefilter.search(text) is None:
        return any(p.matches(text) for p in patterns if not p.terms)
    return any(p.matches(text) for p in patterns)


def _first_find(patterns: tuple[Pattern, ...], text: str) -> tuple[int, int] | None:
    found = [span for span in (p.find(text) for p in patterns) if span is not None]
    return min(found) if found else None


# ---------------------------------------------------------------------------------------------
# Profiles


@dataclass(frozen=True)
class Part:
    id: str
    number: int
    name: str  # short, for messages and the summary table
    full: str  # the wording of the 规定
    title: str  # a heading to suggest
    required: bool
    rank: int
    rank_from: int  # the part may take any rank from rank_from to rank
    unique: bool
    heading: tuple[Pattern, ...]
    heading_not: tuple[Pattern, ...]
    lead: tuple[Pattern, ...]
    lead_not: tuple[Pattern, ...]
    yields_to: tuple[str, ...]  # parts that win when one heading names both ("*": all)
    stays_with: dict  # part id → words that keep this part beside it ("{year}": the report year)
    beats: tuple[str, ...]  # the converse, for a profile's own part that outranks a built-in one
    next_year: bool

    def names_heading(self, text: str) -> bool:
        return _any(self.heading, text) and not _any(self.heading_not, text)

    def leads(self, sentence: str) -> bool:
        return _any(self.lead, sentence) and not _any(self.lead_not, sentence)

    def lead_span(self, sentence: str) -> tuple[int, int] | None:
        return _first_find(self.lead, sentence) if self.leads(sentence) else None


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    norm: str
    subject: tuple[str, ...]
    generic_headings: frozenset[str]
    generic_default: str | None
    signature_parts: tuple[str, ...]  # parts only this kind of report has
    since_year: int | None  # the first report year the parts apply to
    parts: tuple[Part, ...]

    def part(self, part_id: str) -> Part:
        return next(p for p in self.parts if p.id == part_id)

    def mentions_subject(self, text: str) -> bool:
        return any(word in text for word in self.subject)


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
def _raw_tables(extra_files: tuple[str, ...]) -> tuple[dict, str]:
    """All raw profiles (built-in, then each extra file in order) and a version string."""
    builtin = read_data(PROFILES_FILE)
    table = tomllib.loads(builtin)
    profiles = dict(table.get("profiles", {}))
    version = versioned(table.get("version", ""), builtin)
    for path in extra_files:
        try:
            data = Path(path).read_bytes()
            extra = tomllib.loads(data.decode("utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ProfileError(f"无法读取报告结构配置文件 {path}：{exc}") from exc
        profiles.update(extra.get("profiles", {}))
        version += f"+{Path(path).name}:{hashlib.sha256(data).hexdigest()[:8]}"
    return profiles, version


def builtin_version() -> str:
    return _raw_tables(())[1]


def available_profiles(extra_files=()) -> list[str]:
    return sorted(_raw_tables(tuple(extra_files))[0])


@cache
def load_profile(name: str = DEFAULT_PROFILE, extra_files: tuple[str, ...] = ()) -> Profile:
    raw = _resolve(name, _raw_tables(extra_files)[0])
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
    if isinstance(files, (str, Path)):
        files = (files,)
    return load_profile(ctx.option("profile", DEFAULT_PROFILE) or DEFAULT_PROFILE, tuple(str(f) for f in files))


# ---------------------------------------------------------------------------------------------
# Headings and first sentences

# Words that only say "this year" or "last year"; a heading without them says the same.
_TIME_WORDS = lazy(r"(?:上一?|本|今)年度?|全年|年度|[0-9]{4}年度?|[零〇一二三四五六七八九]{4}年度?")
_OWNER_WORDS = lazy(r"^(?:我|本)(?:镇|乡|街道|区|县|市|局|委|办|单位|部门|中心|系统)")
_PUNCT = lazy(r"[\s\u3000，,、；;：:。.！!？?（）()“”‘’\"'《》〈〉【】\[\]—\-－·]")
_SENTENCE_END = lazy(r"[。！？；]")


def heading_years(text: str) -> list[int]:
    return [year_value(m) for m in YEAR_PATTERN.finditer(text)]


def core_words(title: str) -> str:
    """A heading without years, "本年度", "我镇" and punctuation: what is left says what it is."""
    text = _PUNCT.sub("", title)
    text = _TIME_WORDS.sub("", text)
    return _OWNER_WORDS.sub("", text)


def first_sentence(text: str) -> str:
    match = _SENTENCE_END.search(text)
    return text[: match.start()] if match else text


def parts_named_by(title: str, profile: Profile, year: int | None) -> frozenset[str]:
    """The parts a heading names by its words (and by a year after the report year)."""
    text = _PUNCT.sub("", title)
    named = {p.id for p in profile.parts if p.names_heading(text)}
    if year is not None and (year + 1) in heading_years(title):
        named |= {p.id for p in profile.parts if p.next_year}
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
            if year is not None and year in heading_years(text):
                return True
        elif word in text:
            return True
    return False


# A sentence announces its subject near its start; "…取得明显成效，但仍存在不足" is an overview.
LEAD_WINDOW = 20


def part_led_by(sentence: str, profile: Profile, year: int | None) -> str | None:
    """The part a first sentence announces, if any (never the default part of generic headings)."""
    for part in profile.parts:
        if part.id == profile.generic_default:
            continue
        span = part.lead_span(sentence)
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


@dataclass
class SectionParts:
    section: Section
    parts: frozenset[str]
    source: str | None  # HEADING, GENERIC, CONTENT, or None when it names no part
    evidence: Paragraph | None = None  # the paragraph whose first sentence decided (CONTENT)

    @property
    def heading(self) -> Heading:
        return self.section.heading


@dataclass
class Evidence:
    """Where a part's content was found when no top-level section is that part."""

    start: int
    end: int
    line: int
    within: Section | None  # the top-level section it sits in, None before the first heading
    kind: str  # "subheading" or "paragraph"


@dataclass
class Outline:
    profile: Profile
    year: int | None
    sections: list[SectionParts] = field(default_factory=list)
    elsewhere: dict[str, Evidence] = field(default_factory=dict)
    implicit: set[str] = field(default_factory=set)  # present without any heading to show for it

    def named(self, part_id: str) -> list[SectionParts]:
        """Top-level sections that are this part by their heading (generic headings included)."""
        return [s for s in self.sections if part_id in s.parts and s.source in (HEADING, GENERIC)]

    def by_content(self, part_id: str) -> list[SectionParts]:
        return [s for s in self.sections if part_id in s.parts and s.source == CONTENT]

    def present(self, part_id: str) -> bool:
        return bool(self.named(part_id) or self.by_content(part_id) or part_id in self.elsewhere
                    or part_id in self.implicit)

    @property
    def recognised(self) -> set[str]:
        return {pid for s in self.sections if s.source == HEADING for pid in s.parts}


def _first_paragraph(section: Section) -> Paragraph | None:
    return section.paragraphs[0] if section.paragraphs else None


def _classify(section: Section, profile: Profile, year: int | None) -> SectionParts:
    title = section.title
    named = parts_named_by(title, profile, year)
    generic = core_words(title) in profile.generic_headings
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


def _top_of(section: Section) -> Section | None:
    while section.parent is not None and section.parent.level != 0:
        section = section.parent
    return section if section.parent is not None else None


def _find_elsewhere(doc: Document, part_id: str, profile: Profile, year: int | None,
                    named_by: dict[str, frozenset[str]], memo: dict) -> Evidence | None:
    """The first sub-heading or paragraph that carries a part with no top-level section.

    ``named_by`` memoises ``parts_named_by`` per title and ``memo`` the paragraphs' leading
    sentences across the parts looked for, so a long report is not re-read once per missing part.
    """
    part = profile.part(part_id)
    for section in doc.root.walk():
        if section.level == 0:
            continue
        heading = section.heading
        if section.parent is not None and section.parent.level != 0:
            title = heading.title
            named = named_by.get(title)
            if named is None:
                named = named_by[title] = parts_named_by(title, profile, year)
            if part_id in named:
                span = heading.span
                return Evidence(span.start, span.end, heading.line.number, _top_of(section), "subheading")
    if "sentences" not in memo:
        memo["sentences"] = [(para, offset, sentence) for para in doc.paragraphs
                             for offset, sentence in leading_sentences(para.text)]
    for para, offset, sentence in memo["sentences"]:
        span = part.lead_span(sentence)
        if span is None and part.next_year and year is not None and _starts_with_year(sentence, year + 1):
            span = YEAR_PATTERN.match(sentence).span()
        if span is not None:
            start = para.span.start + offset
            within = _section_of_offset(doc, start)
            return Evidence(start + span[0], start + span[1], para.line.number, within, "paragraph")
    return None


_ENUMERATED = lazy(r"[一二三四五六七八九十]+是|其[一二三四五六七八九十]+[，,]|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[.．、]")


def leading_sentences(text: str):
    """(offset, sentence) of the sentences that open a paragraph or an enumerated point
    ("二是……"): where a report states what a passage is about."""
    start = 0
    for match in _SENTENCE_END.finditer(text + "。"):
        sentence = text[start:match.start()]
        stripped = sentence.lstrip()
        if stripped and (start == 0 or _ENUMERATED.match(stripped)):
            yield start + len(sentence) - len(stripped), stripped
        start = match.end()


def _section_of_offset(doc: Document, offset: int) -> Section | None:
    current = None
    for section in doc.sections:
        if section.heading.line.start <= offset:
            current = section
    return current


def _assume_topic_sections_are_the_default_part(outline: Outline) -> None:
    """A report may set out its measures as one top-level section per topic ("一、依法全面履行
    政府职能" …) before its shortcomings; when no heading names the default part, those sections
    before the first named part are that part."""
    default = outline.profile.generic_default
    if default is None or outline.named(default):
        return
    for entry in outline.sections:
        if entry.source is not None:
            break
        if entry.section.paragraphs or entry.section.children:
            entry.parts, entry.source = frozenset({default}), GENERIC


def build_outline(doc: Document, profile: Profile, year: int | None) -> Outline:
    outline = Outline(profile=profile, year=year)
    outline.sections = [_classify(s, profile, year) for s in doc.sections]
    _assume_topic_sections_are_the_default_part(outline)
    if not doc.sections and doc.paragraphs and profile.generic_default:
        # A report written as plain paragraphs: its body is the measures, whatever else it lacks.
        outline.implicit.add(profile.generic_default)
    named_by: dict[str, frozenset[str]] = {}
    memo: dict = {}
    for part in profile.parts:
        if not outline.named(part.id) and not outline.by_content(part.id):
            found = _find_elsewhere(doc, part.id, profile, year, named_by, memo)
            if found is not None:
                outline.elsewhere[part.id] = found
    return outline


def outline(doc: Document, ctx) -> Outline:
    profile = profile_for(ctx)
    year = report_year(doc, ctx.report_year).year
    return doc.fact(("sections.outline", profile.name, id(profile), year),
                    lambda d: build_outline(d, profile, year))
