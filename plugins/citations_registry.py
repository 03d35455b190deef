"""The registry of canonical titles and a fast near-miss search over it.

Three data files beside this module: ``citations_documents.tsv`` (central 纲要/规划/意见/规定 with
aliases, periods and successors), ``citations_laws.tsv`` (laws, regulations and judicial
interpretations, one row per version) and ``citations_repeals.tsv`` (repeal dates we know).
Everything is loaded once, on first use.

Matching: a cited title is accepted when it equals a known written form (the canonical title, an
alias, a law without its "中华人民共和国" prefix).  Otherwise a character-bigram index gives a
handful of candidates and a bounded edit distance decides whether it is a near miss.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from itertools import chain
from operator import add, itemgetter

from lawlint.regexhint import lazy

from .datafile import content_hash, read_data
from .textdistance import edit_distance

PACKAGE = "lawlint.plugins"
DOCUMENTS_FILE = "citations_documents.tsv"
LAWS_FILE = "citations_laws.tsv"
REPEALS_FILE = "citations_repeals.tsv"

PRC = "中华人民共和国"
# Aliases this short (《纲要》《规定》《实施方案》) name many documents; never fuzzy-match them.
SHORT_ALIAS = 4

# Dashes and brackets people type instead of the canonical "—" and "（）" inside a title.
_LOOSE_DASHES = lazy(r"—{2,}|[-‐‑–−﹣~～－]")
_LOOSE_BRACKETS = (("(", "（"), (")", "）"), ("〔", "（"), ("〕", "）"), ("[", "（"), ("]", "）"))
_SPACES = lazy(r"[\s\u3000]+")

# Document kinds, longest first so that 实施意见 wins over 意见.
DOC_TYPES = (
    "实施条例", "实施细则", "实施办法", "实施意见", "实施方案", "实施纲要", "指导意见", "工作方案",
    "暂行条例", "暂行规定", "暂行办法", "工作规定", "工作条例", "工作要点", "行动计划", "行动方案",
    "意见", "规定", "条例", "办法", "决定", "决议", "通知", "纲要", "规划", "方案", "细则", "规则",
    "解释", "批复", "计划", "要点", "制度", "清单", "法",
)
# A trailing （2021—2025年） or （试行）, also when its closing bracket was lost.
PERIOD_TAIL = lazy(r"[（(][^（）()]*[）)]?$")

# A place name at the head of a title: the registry's local regulations are only a sample, so a
# title that differs from an entry in its place name is a different document, not a misspelling.
PLACE_SUFFIXES = ("省", "市", "区", "县", "镇", "乡", "街道", "自治州", "旗", "盟")


def strict_form(title: str) -> str:
    """The form compared for exact acceptance: "－" (U+FF0D) is accepted quietly as "—"."""
    if " " in title or "\u3000" in title or "\t" in title:
        title = _SPACES.sub("", title)
    # str.replace beats str.translate with a dict table by an order of magnitude here.
    return title.replace("－", "—").replace("《", "〈").replace("》", "〉")


def loose_form(title: str) -> str:
    """The form compared for near misses: every dash and bracket variant folded together."""
    return loose_of_strict(strict_form(title))


def loose_of_strict(strict: str) -> str:
    """loose_form of a title already in its strict form."""
    folded = _LOOSE_DASHES.sub("—", strict)
    for wrong, right in _LOOSE_BRACKETS:
        if wrong in folded:
            folded = folded.replace(wrong, right)
    return folded


# DOC_TYPES by length, longest first: a title ends with at most one kind of each length.
_DOC_TYPES_BY_LENGTH = tuple(
    (length, frozenset(kind for kind in DOC_TYPES if len(kind) == length))
    for length in sorted({len(kind) for kind in DOC_TYPES}, reverse=True)
)


def doc_type(title: str) -> str:
    """The kind of document a title names (意见, 规定, 条例 …), ignoring a trailing （…）."""
    core = PERIOD_TAIL.sub("", title) if "（" in title or "(" in title else title
    for length, kinds in _DOC_TYPES_BY_LENGTH:
        if core[-length:] in kinds:
            return core[-length:]
    return ""


def type_stem(title: str) -> tuple[str, str]:
    """(stem, kind): the title without its kind and a linking 的 (…职责的意见 → …职责, 意见)."""
    core = PERIOD_TAIL.sub("", strict_form(title))
    kind = doc_type(core)
    stem = core[: len(core) - len(kind)] if kind else core
    return stem.removesuffix("的").removeprefix(PRC), kind


# The most edits form_budget allows.
MAX_EDITS = 3


def form_budget(form: str) -> tuple[str, int]:
    """(kind, edits allowed for its kind) of a registry form: by the length of its distinctive
    core (without its kind, "中华人民共和国" and a trailing （…）)."""
    stem, _ = type_stem(form)
    core = len(re.sub(r"（[^（）]*）$", "", stem.removeprefix(PRC)))
    if core < 5:
        allowed = 0
    elif core < 8:
        allowed = 1
    elif core < 16:
        allowed = 2
    else:
        allowed = MAX_EDITS
    return doc_type(form), allowed


@dataclass(eq=False)  # identity: entries are compared and cached as objects
class Entry:
    """One document of the registry."""

    title: str  # canonical, with 〈〉 for titles inside the title
    source: str  # "document" (cited_documents) or "law" (law_titles) or "repeal"
    category: str = ""
    period: tuple[int, int] | None = None
    successor: str = ""
    replaced_on: date | None = None  # when the successor took over or the title was repealed
    all_expired: bool = False
    forms: set[str] = field(default_factory=set)  # accepted strict forms

    @property
    def central(self) -> bool:
        return self.source == "document" or self.category in ("法律", "行政法规", "宪法")


@dataclass(frozen=True)
class Match:
    entry: Entry
    form: str  # the accepted written form closest to the citation
    distance: int  # 0 when the citation is an accepted form
    ambiguous: bool = False  # another entry is just as close


class Registry:
    def __init__(self, entries: list[Entry], laws_snapshot: date = date.min):
        self.entries = entries
        # The latest publication date in the law list: its expired flags are true as of then.
        self.laws_snapshot = laws_snapshot
        self._by_form: dict[str, list[Entry]] = {}
        self._loose: dict[str, list[tuple[Entry, str]]] = {}
        self._grams: dict[str, list[int]] = {}
        self._gram_sets: dict[str, frozenset[int]] = {}  # built on first use, for the largest postings
        # Postings sorted by the length of their forms, built on first use (see reachable).
        self._gram_lengths: dict[str, tuple[list[int], list[int]]] = {}
        self._sorted_keys: list[str] | None = None  # the loose forms in order, built on first use
        self._posting_sizes: dict[str, int] = {}
        self._loose_keys: list[str] = []
        self._stems: dict[str, list[Entry]] = {}
        for entry in entries:
            for form in entry.forms:
                owners = self._by_form.setdefault(form, [])
                if entry not in owners:
                    owners.append(entry)
        for form, owners in self._by_form.items():
            entry = owners[0]
            key = loose_form(form)
            if key not in self._loose:
                self._loose[key] = []
                index = len(self._loose_keys)
                self._loose_keys.append(key)
                for gram in set(_bigrams(key)):
                    self._grams.setdefault(gram, []).append(index)
            self._loose[key].append((entry, form))
        self._posting_sizes = {gram: len(posting) for gram, posting in self._grams.items()}
        self._budgets = {key: form_budget(key) for key in self._loose_keys}
        # For each kind, the lengths a citation may have to be within budget of a form of it.
        reach: dict[str, set[int]] = {}
        for key, (kind, allowed) in self._budgets.items():
            if allowed:
                reach.setdefault(kind, set()).update(range(len(key) - allowed, len(key) + allowed + 1))
        self.lengths_in_reach = {kind: frozenset(lengths) for kind, lengths in reach.items()}
        for entry in entries:
            if entry.central:
                stem, kind = type_stem(entry.title)
                if kind and len(stem) >= 6:
                    self._stems.setdefault(stem, []).append(entry)

    def accepts(self, title: str) -> bool:
        """Whether the title is written exactly as one of the registry's accepted forms."""
        return strict_form(title) in self._by_form

    def entry(self, title: str) -> Entry | None:
        """The one document an accepted form names; None when unknown or shared (《纲要》)."""
        owners = self.owners(strict_form(title))
        return owners[0] if len(owners) == 1 else None

    def owners(self, strict: str) -> list[Entry]:
        """The documents an accepted form (given in strict form) names: none when the title is
        not accepted, several when it is shared (《纲要》)."""
        return self._by_form.get(strict, [])

    def has_prefix(self, prefix: str) -> bool:
        """Whether some loose form starts with ``prefix``."""
        if self._sorted_keys is None:
            self._sorted_keys = sorted(self._loose_keys)
        i = bisect_left(self._sorted_keys, prefix)
        return i < len(self._sorted_keys) and self._sorted_keys[i].startswith(prefix)

    def by_stem(self, stem: str) -> list[Entry]:
        return self._stems.get(stem, [])

    def is_loose_form(self, key: str) -> bool:
        """Whether a loose form (see loose_form) is exactly one of the registry's."""
        return key in self._loose

    def form_budget(self, key: str) -> tuple[str, int]:
        """form_budget of a loose form of the registry, worked out when it was built."""
        return self._budgets[key]

    def reachable(self, key: str, edits: int) -> list[tuple[str, int]] | None:
        """Every loose form that may be within ``edits`` edits of the loose form ``key``, with
        how many of a few chosen bigrams of the key it lacks (a superset, cheap to take, for
        ruling a near miss out); None when the key is too short to rule anything out.

        The bigrams at even offsets do not overlap, so an edit (of the key, then of what it
        became) breaks at most one of their occurrences: a form within d edits lacks at most d
        of their distinct values, and holds at least one of any edits + 1 of them.  The rarest
        have the shortest postings, and a local title's are often in no posting at all.
        """
        sizes = self._posting_sizes
        grams = set(map(add, key[0::2], key[1::2]))  # without a loop in Python
        wanted = edits + 1
        if len(grams) < wanted:
            return None
        indexed = grams & sizes.keys()
        # Bigrams in no posting are the rarest of all: the indexed ones fill the places left.
        places = wanted - (len(grams) - len(indexed))
        if places <= 0:
            return []
        rarest = sorted(indexed, key=sizes.__getitem__)[:places]
        # Only forms of a length within reach count: one slice of each posting, not all of it.
        shortest, longest = len(key) - edits, len(key) + edits
        held = Counter(chain.from_iterable(
            posting[bisect_left(lengths, shortest):bisect_right(lengths, longest)]
            for posting, lengths in map(self._posting_by_length, rarest)
        ))
        keys = self._loose_keys
        return [(keys[index], wanted - count) for index, count in held.items()]

    def _posting_by_length(self, gram: str) -> tuple[list[int], list[int]]:
        """A posting sorted by the length of its forms, and those lengths (for bisecting)."""
        found = self._gram_lengths.get(gram)
        if found is None:
            keys = self._loose_keys
            posting = sorted(self._grams[gram], key=lambda index: len(keys[index]))
            found = self._gram_lengths[gram] = (posting, [len(keys[index]) for index in posting])
        return found

    def candidates(self, key: str, limit: int = 8, grams: int = 12) -> list[str]:
        """Loose forms sharing the most of the key's rarest bigrams (and of a similar length).

        Common bigrams (中华, 人民, 关于) would make every lookup walk thousands of postings; a near
        miss shares most of its rare bigrams with its target anyway.
        """
        # Ties broken by the bigram itself: a set's order changes with the hash seed of the process.
        postings = sorted(((gram, self._grams.get(gram, ())) for gram in set(_bigrams(key))),
                          key=lambda item: (len(item[1]), item[0]))
        out = []
        for index in self._most_shared(postings[:grams], limit * 4):
            other = self._loose_keys[index]
            if abs(len(other) - len(key)) <= 4:
                out.append(other)
            if len(out) >= limit:
                break
        return out

    def _most_shared(self, postings: list[tuple[str, list[int]]], n: int) -> list[int]:
        """The n indices found in the most postings, ties in the order they first appear: what
        ``Counter(chain(*postings)).most_common(n)`` ranks, without counting the last, largest
        posting (条例, 人民: up to thousands of entries) one entry at a time.
        """
        if not postings:
            return []
        counts = Counter(chain.from_iterable(posting for _, posting in postings[:-1]))
        last_gram, last = postings[-1]
        if counts:
            counts.update(self._posting_set(last_gram).intersection(counts))
        # A stable sort keeps equal counts in the order they first appeared, as most_common does.
        ranked = [index for index, _ in sorted(counts.items(), key=itemgetter(1), reverse=True)[:n]]
        # An index found only in the last posting counts 1 and appears after all the others: it
        # ranks after them, in the order of that posting.
        for index in last:
            if len(ranked) >= n:
                break
            if index not in counts:
                ranked.append(index)
        return ranked

    def _posting_set(self, gram: str) -> frozenset[int]:
        found = self._gram_sets.get(gram)
        if found is None:
            found = self._gram_sets[gram] = frozenset(self._grams.get(gram, ()))
        return found

    def near(self, title: str, budget, exclude: Entry | None = None) -> Match | None:
        """The closest entry within ``budget(key, other)`` edits of the loose form, if any.

        ``exclude`` leaves one entry out (to measure how a title missing from the registry fares).
        """
        key = loose_form(title)
        if key in self._loose and exclude is None:
            entry, form = self._loose[key][0]
            ambiguous = len({id(e) for e, _ in self._loose[key]}) > 1 or len(self._by_form[form]) > 1
            return Match(entry, form, 0, ambiguous)
        best: list[tuple[int, str]] = []
        for other in self.candidates(key):
            if exclude is not None and any(e is exclude for e, _ in self._loose[other]):
                continue
            limit = budget(key, other)
            if limit <= 0:
                continue
            distance = edit_distance(key, other, limit)
            if distance <= limit:
                best.append((distance, other))
        if not best:
            return None
        best.sort()
        distance, other = best[0]
        entry, form = self._loose[other][0]
        ambiguous = (len(best) > 1 and best[1][0] == distance and self._loose[best[1][1]][0][0] is not entry) \
            or len({id(e) for e, _ in self._loose[other]}) > 1
        return Match(entry, form, distance, ambiguous)


def _bigrams(text: str) -> list[str]:
    return [text[i:i + 2] for i in range(len(text) - 1)] or [text]


# ---------------------------------------------------------------------------------------------
# Loading


_read = read_data


def _rows(name: str) -> list[dict[str, str]]:
    lines = [line for line in _read(name).splitlines() if line and not line.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:]]


def _date(text: str) -> date | None:
    match = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text or "")
    if not match:
        return None
    return date(int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1))


def _period(text: str) -> tuple[int, int] | None:
    match = re.match(r"(\d{4})\D+(\d{4})", text or "")
    return (int(match.group(1)), int(match.group(2))) if match else None


def _law_forms(title: str) -> set[str]:
    """A law is cited with or without "中华人民共和国", also inside an interpretation's title."""
    full = strict_form(title)
    forms = {full, full.removeprefix(PRC)}
    if "〈" + PRC in full:
        forms.add(full.replace("〈" + PRC, "〈"))
    return {form for form in forms if form}


@cache
def registry() -> Registry:
    """The registry, kept by lawlint.buildcache: building its index takes ~0.1 s of a start."""
    from pathlib import Path

    from lawlint.buildcache import pickle_build

    source = b"\0".join([Path(__file__).read_bytes()] + [_read(name).encode("utf-8")
                                                          for name in (DOCUMENTS_FILE, LAWS_FILE, REPEALS_FILE)])
    return pickle_build("citations-registry", source, _build_registry)


def _build_registry() -> Registry:
    entries: list[Entry] = []
    by_title: dict[str, Entry] = {}

    documents = _rows(DOCUMENTS_FILE)
    for row in documents:
        entry = Entry(title=strict_form(row["title"]), source="document", period=_period(row["period"]),
                      successor=row["superseded_by"])
        entry.forms = _law_forms(row["title"])
        entry.forms.update(strict_form(alias) for alias in row["aliases"].split("|") if alias)
        entries.append(entry)
        by_title[entry.title] = entry
    for entry in entries:
        successor = by_title.get(strict_form(entry.successor)) if entry.successor else None
        if successor is not None:
            successor_row = next(r for r in documents if strict_form(r["title"]) == successor.title)
            entry.replaced_on = _date(successor_row["in_force"]) or _date(successor_row["issued"])

    versions: dict[str, list[dict[str, str]]] = {}
    snapshot = date.min
    for row in _rows(LAWS_FILE):
        versions.setdefault(row["title"], []).append(row)
        published = _date(row["publish"])
        if published is not None and published > snapshot:
            snapshot = published
    for title, rows in versions.items():
        key = strict_form(title)
        entry = by_title.get(key)
        if entry is None:
            entry = Entry(title=key, source="law", category=rows[0]["category"])
            entries.append(entry)
            by_title[key] = entry
        else:
            entry.category = rows[0]["category"]
        entry.all_expired = all(r["expired"] == "1" for r in rows)
        entry.forms |= _law_forms(title)

    for row in _rows(REPEALS_FILE):
        key = strict_form(row["title"])
        entry = by_title.get(key)
        if entry is None:
            entry = Entry(title=key, source="repeal", category="法律")
            entry.forms = _law_forms(row["title"])
            entries.append(entry)
            by_title[key] = entry
        entry.successor = row["successor"]
        entry.replaced_on = _date(row["repealed"])
    return Registry(entries, snapshot)


@cache
def data_versions() -> dict[str, str]:
    """A short content hash of each data file, for ``lawlint --version``."""
    return {
        name.removesuffix(".tsv"): content_hash(_read(name))
        for name in (DOCUMENTS_FILE, LAWS_FILE, REPEALS_FILE)
    }
