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
import sys
from bisect import bisect_left, bisect_right
from collections import Counter, namedtuple
from datetime import date
from functools import cache, partial
from itertools import accumulate, chain, compress, count, repeat
from operator import add, contains, itemgetter, methodcaller, not_

from lawlint.cache import pickled, unpickle
from lawlint.regexhint import lazy

from .datafile import content_hash, data_bytes, read_data
from .textdistance import edit_distance

PACKAGE = "lawlint.plugins"
DOCUMENTS_FILE = "citations_documents.tsv"
LAWS_FILE = "citations_laws.tsv"
REPEALS_FILE = "citations_repeals.tsv"
_DATA_FILES = (DOCUMENTS_FILE, LAWS_FILE, REPEALS_FILE)

PRC = "中华人民共和国"
# Aliases this short (《纲要》《规定》《实施方案》) name many documents; never fuzzy-match them.
SHORT_ALIAS = 4

# Dashes and brackets people type instead of the canonical "—" and "（）" inside a title.
_LOOSE_DASHES = lazy(r"—{2,}|[-‐‑–−﹣~～－]")
_DASH_VARIANTS = "-‐‑–−﹣~～－"  # the class above
_LOOSE_BRACKETS = (("(", "（"), (")", "）"), ("〔", "（"), ("〕", "）"), ("[", "（"), ("]", "）"))
_SPACES = lazy(r"[\s\u3000]+")
# What loose_of_strict folds: one search says whether a title holds any (most hold none).
_TO_FOLD = lazy("——|[" + re.escape(_DASH_VARIANTS + "".join(wrong for wrong, _ in _LOOSE_BRACKETS)) + "]")

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
    if _TO_FOLD.search(strict) is None:
        return strict
    folded = strict
    if "——" in folded or any(map(folded.__contains__, _DASH_VARIANTS)):
        folded = _LOOSE_DASHES.sub("—", folded)
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
    return kind_at_end(PERIOD_TAIL.sub("", title) if "（" in title or "(" in title else title)


def kind_at_end(core: str) -> str:
    """The kind a title (without a trailing （…）) ends with, or ""."""
    for length, kinds in _DOC_TYPES_BY_LENGTH:
        if core[-length:] in kinds:
            return core[-length:]
    return ""


def type_stem(title: str) -> tuple[str, str]:
    """(stem, kind): the title without its kind and a linking 的 (…职责的意见 → …职责, 意见)."""
    core = strict_form(title)
    if "（" in core or "(" in core:  # what PERIOD_TAIL opens with
        core = PERIOD_TAIL.sub("", core)
    kind = doc_type(core)
    stem = core[: len(core) - len(kind)] if kind else core
    return stem.removesuffix("的").removeprefix(PRC), kind


# The most edits form_budget allows.
MAX_EDITS = 3
_CLOSING_BRACKETS = lazy(r"（[^（）]*）$")


def form_budget(form: str) -> tuple[str, int]:
    """(kind, edits allowed for its kind) of a registry form: by the length of its distinctive
    core (without its kind, "中华人民共和国" and a trailing （…）)."""
    stem = type_stem(form)[0].removeprefix(PRC)
    core = len(_CLOSING_BRACKETS.sub("", stem) if stem.endswith("）") else stem)
    return doc_type(form), _allowed_edits(core)


def _allowed_edits(core: int) -> int:
    if core < 5:
        return 0
    if core < 8:
        return 1
    if core < 16:
        return 2
    return MAX_EDITS


def _key_budget(key: str) -> tuple[str, int]:
    """form_budget of a loose form of the registry (a strict form already), the short way when
    it holds no bracket: then nothing follows its kind, and doc_type finds it once."""
    if "（" in key or "(" in key:
        return form_budget(key)
    kind = kind_at_end(key)
    stem = key[:len(key) - len(kind)] if kind else key
    return kind, _allowed_edits(len(stem.removesuffix("的").removeprefix(PRC).removeprefix(PRC)))


_CENTRAL_CATEGORIES = ("法律", "行政法规", "宪法")


# The fields of an Entry: title (canonical, with 〈〉 for titles inside the title); source
# ("document": cited_documents, "law": law_titles, or "repeal"); category; period; successor;
# replaced_on (when the successor took over or the title was repealed); all_expired; forms (the
# accepted strict forms).
_EntryFields = namedtuple("_EntryFields", "title source category period successor replaced_on all_expired forms",
                          defaults=("", None, "", None, False, ()))


class Entry(_EntryFields):
    """One document of the registry.  There is one object per document: rules tell entries apart
    with ``is``."""

    __slots__ = ()

    @property
    def central(self) -> bool:
        return self.source == "document" or self.category in _CENTRAL_CATEGORIES


# An Entry from a tuple of its fields, without a Python frame.
_entry = partial(tuple.__new__, Entry)


class Match:
    """A registry entry a cited title names, exactly or as a near miss.  (A plain class: a named
    tuple costs ~0.2 ms to define at every start, and matches are few.)"""

    __slots__ = ("ambiguous", "distance", "entry", "form")

    def __init__(self, entry: Entry, form: str, distance: int, ambiguous: bool = False):
        self.entry = entry
        self.form = form  # the accepted written form closest to the citation
        self.distance = distance  # 0 when the citation is an accepted form
        self.ambiguous = ambiguous  # another entry is just as close


class Registry:
    """The entries, their accepted forms, and the loose forms searched for near misses.

    The bigram postings of the loose forms are found when a lookup first asks for them, by a scan
    of the forms joined in one string, and kept for the process: a report asks for a few dozen of
    the ~8,000 bigrams, and making them all (~65,000 short strings) took ~40 ms of every start
    without stored builds.  Everything else is built at once, of plain containers (str, int,
    tuples, lists and dicts; the tables give the entries' indices), so that the copy
    lawlint.buildcache stores loads in a few milliseconds.  That copy holds each entry's fields
    pickled on their own: reading it back makes ~3,400 bytes objects instead of ~37,000 field
    values (~2.5 → ~0.1 ms), and an entry is made of its fields when a lookup first hands it out
    (the rules see a few dozen of them in a report).
    """

    def __init__(self, entries: list[Entry], laws_snapshot: date = date.min):
        # The entries made so far (all, when built here; read back, only those a lookup handed
        # out), and when read back, each entry's fields pickled on their own.
        self._made: list[Entry | None] = list(entries)
        self._packed: list[bytes] | None = None
        # The latest publication date in the law list: its expired flags are true as of then.
        self.laws_snapshot = laws_snapshot
        # An accepted form to the index of the one entry it names, or to the list of the indices
        # of the entries sharing it.
        self._by_form = _owners_by_form(entries)
        # The loose forms, and those whose accepted forms are not just the form itself: to them.
        self._loose_keys, self._folded = _loose_keys_of(list(self._by_form))
        self._sorted_keys = sorted(self._loose_keys)
        # For each kind, its forms that allow an edit (by length), and the lengths a citation may
        # have to be within budget of one of them.
        self._editable, self.lengths_in_reach = _forms_in_reach(self._loose_keys)
        self._stems = _central_stems(entries)
        self._replaced = [index for index, entry in enumerate(entries) if entry.replaced_on is not None]
        self._start_lookups()

    def _start_lookups(self) -> None:
        """What lookups work out as they go, from the loose forms alone (never stored)."""
        self._loose = frozenset(self._loose_keys)
        self._budgets: dict[str, tuple[str, int]] = {}
        self._all_joined: _JoinedForms | None = None  # for the postings
        self._postings: dict[str, list[int]] = {}
        self._gram_sets: dict[str, frozenset[int]] = {}  # for the largest postings
        self._editable_joined: dict[tuple[str, ...], _JoinedForms] = {}

    _STORED = ("laws_snapshot", "_by_form", "_folded", "_loose_keys", "_sorted_keys", "_editable",
               "lengths_in_reach", "_stems", "_replaced")

    def __getstate__(self):
        packed = [self._packed[index] if entry is None else pickled(tuple(entry))
                  for index, entry in enumerate(self._made)]
        return (packed, *(getattr(self, name) for name in self._STORED))

    def __setstate__(self, state) -> None:
        self._packed, *stored = state
        self._made = [None] * len(self._packed)
        for name, value in zip(self._STORED, stored):
            setattr(self, name, value)
        self._start_lookups()

    def _entry_at(self, index: int) -> Entry:
        found = self._made[index]
        if found is None:
            found = self._made[index] = _entry(unpickle(self._packed[index]))
        return found

    @property
    def entries(self) -> list[Entry]:
        """Every entry, in the order of the data files."""
        return list(map(self._entry_at, range(len(self._made))))

    def replaced_entries(self) -> list[Entry]:
        """The entries with a date they were replaced or repealed on."""
        return list(map(self._entry_at, self._replaced))

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
        found = self._by_form.get(strict)
        if found is None:
            return []
        if type(found) is int:
            return [self._entry_at(found)]
        return list(map(self._entry_at, found))

    def look_up(self, stricts: list[str]) -> list[tuple[str, bool, Entry | None]]:
        """For each title in strict form: (the form, whether it is accepted, the one document it
        names or None); what owners tells, for all the titles of a report in one call."""
        by_form, entry_at = self._by_form, self._entry_at
        found = []
        for strict in stricts:
            owner = by_form.get(strict)
            if owner is None:
                found.append((strict, False, None))
            else:  # an index, or a list of several
                found.append((strict, True, entry_at(owner) if type(owner) is int else None))
        return found

    def _loose_pairs(self, key: str) -> list[tuple[Entry, str]]:
        """(entry, accepted form) for each accepted form of a registry loose form: the entry is
        the first the form names."""
        return [(self.owners(form)[0], form) for form in self._folded.get(key, (key,))]

    def has_prefix(self, prefix: str) -> bool:
        """Whether some loose form starts with ``prefix``."""
        i = bisect_left(self._sorted_keys, prefix)
        return i < len(self._sorted_keys) and self._sorted_keys[i].startswith(prefix)

    def by_stem(self, stem: str) -> list[Entry]:
        return list(map(self._entry_at, self._stems.get(stem, ())))

    def is_loose_form(self, key: str) -> bool:
        """Whether a loose form (see loose_form) is exactly one of the registry's."""
        return key in self._loose

    def form_budget(self, key: str) -> tuple[str, int]:
        """form_budget of a loose form of the registry, worked out once."""
        found = self._budgets.get(key)
        if found is None:
            found = self._budgets[key] = _key_budget(key)
        return found

    def _posting(self, gram: str) -> list[int]:
        """The indices (into the loose forms, ascending) of the forms _bigrams of which holds
        ``gram``, found on first use."""
        found = self._postings.get(gram)
        if found is None:
            if len(gram) != 2:  # what _bigrams gives for a form shorter than two characters
                found = [self._loose_keys.index(gram)] if len(gram) < 2 and gram in self._loose else []
            else:
                if self._all_joined is None:
                    self._all_joined = _JoinedForms(self._loose_keys)
                found = self._all_joined.indices_holding(gram)
            self._postings[gram] = found
        return found

    def reachable(self, key: str, edits: int, kinds) -> list[tuple[str, int]] | None:
        """Every loose form of one of the ``kinds`` that allows an edit and may be within
        ``edits`` edits of the loose form ``key``, with how many of a few chosen bigrams of the key
        it lacks (a superset, cheap to take, for ruling a near miss out); None when the key is
        too short to rule anything out.

        The bigrams at even offsets do not overlap, so an edit (of the key, then of what it
        became) breaks at most one of their occurrences: a form within d edits lacks at most d
        of their distinct values, and holds at least one of any edits + 1 of them.  Any choice
        gives a superset; the rarest (a local title's are often held by no form) make it small.
        Only the forms of a length within reach are looked at: one slice of each posting, which
        is in the order of the forms' lengths.
        """
        grams = set(map(add, key[0::2], key[1::2]))  # without a loop in Python
        wanted = edits + 1
        if len(grams) < wanted:
            return None
        forms = self._editable_forms(tuple(kinds))
        occurrences = forms.occurrences_of(grams)
        # Bigrams no form holds are the rarest of all: the others fill the places left.
        places = wanted - list(map(occurrences.__getitem__, grams)).count(0)
        if places <= 0:
            return []
        indexed = [gram for gram in grams if occurrences[gram]]
        rarest = sorted(indexed, key=occurrences.__getitem__)[:places]
        shortest, longest = len(key) - edits, len(key) + edits
        held = Counter(chain.from_iterable(forms.holding(gram, shortest, longest) for gram in rarest))
        return [(other, wanted - count) for other, count in held.items()]

    def _editable_forms(self, kinds: tuple[str, ...]) -> _JoinedForms:
        """The forms of these kinds that allow an edit, in the order of their lengths."""
        found = self._editable_joined.get(kinds)
        if found is None:
            forms = sorted(chain.from_iterable(self._editable.get(kind, ()) for kind in kinds), key=len)
            found = self._editable_joined[kinds] = _JoinedForms(forms)
        return found

    def candidates(self, key: str, limit: int = 8, grams: int = 12) -> list[str]:
        """Loose forms sharing the most of the key's rarest bigrams (and of a similar length).

        Common bigrams (中华, 人民, 关于) would make every lookup walk thousands of postings; a near
        miss shares most of its rare bigrams with its target anyway.
        """
        # Ties broken by the bigram itself: a set's order changes with the hash seed of the process.
        postings = sorted(((gram, self._posting(gram)) for gram in set(_bigrams(key))),
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
            found = self._gram_sets[gram] = frozenset(self._posting(gram))
        return found

    def near(self, title: str, budget, exclude: Entry | None = None) -> Match | None:
        """The closest entry within ``budget(key, other)`` edits of the loose form, if any.

        ``exclude`` leaves one entry out (to measure how a title missing from the registry fares).
        """
        key = loose_form(title)
        if key in self._loose and exclude is None:
            pairs = self._loose_pairs(key)
            entry, form = pairs[0]
            ambiguous = len({id(e) for e, _ in pairs}) > 1 or len(self.owners(form)) > 1
            return Match(entry, form, 0, ambiguous)
        best: list[tuple[int, str]] = []
        for other in self.candidates(key):
            if exclude is not None and any(e is exclude for e, _ in self._loose_pairs(other)):
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
        pairs = self._loose_pairs(other)
        entry, form = pairs[0]
        ambiguous = (len(best) > 1 and best[1][0] == distance and self._loose_pairs(best[1][1])[0][0] is not entry) \
            or len({id(e) for e, _ in pairs}) > 1
        return Match(entry, form, distance, ambiguous)


def _bigrams(text: str) -> list[str]:
    return list(map(add, text, text[1:])) or [text]


def _loose_forms_of_strict(forms: list[str]) -> list[str]:
    """loose_of_strict of each form, folded in one pass over them all (no form holds a line
    break, and no fold reaches over one).  A form with nothing to fold stays the same object."""
    folded = loose_of_strict("\n".join(forms)).split("\n")
    return [form if form == key else key for form, key in zip(forms, folded)]


def _owners_by_form(entries: list[Entry]) -> dict[str, int | list[int]]:
    by_form: dict[str, int | list[int]] = {}
    for index, entry in enumerate(entries):
        for form in entry.forms:  # the forms of one entry are distinct
            found = by_form.setdefault(form, index)
            if found != index:
                by_form[form] = [*found, index] if type(found) is list else [found, index]
    return by_form


def _loose_keys_of(forms: list[str]) -> tuple[list[str], dict[str, list[str]]]:
    """The distinct loose forms of the accepted forms, in order, and the loose forms whose
    accepted forms are not just themselves, to those forms (in order)."""
    loose = _loose_forms_of_strict(forms)
    if len(set(loose)) == len(loose):  # no two forms fold together (the registry as shipped)
        return loose, {key: [form] for form, key in zip(forms, loose) if key is not form}
    keys: list[str] = []
    folded: dict[str, list[str]] = {}
    seen: dict[str, list[str]] = {}
    for form, key in zip(forms, loose):
        found = seen.get(key)
        if found is None:
            found = seen[key] = [form]
            keys.append(key)
            if key != form:
                folded[key] = found
        else:
            found.append(form)
            folded[key] = found
    return keys, folded


def _central_stems(entries: list[Entry]) -> dict[str, list[int]]:
    """The stems (see type_stem) of central documents' titles, to the indices of their entries,
    for telling a wrong kind (C201)."""
    stems: dict[str, list[int]] = {}
    for index, entry in enumerate(entries):
        if entry.source == "document" or entry.category in _CENTRAL_CATEGORIES:  # entry.central
            stem, kind = type_stem(entry.title)
            if kind and len(stem) >= 6:
                stems.setdefault(stem, []).append(index)
    return stems


def _forms_in_reach(keys: list[str]) -> tuple[dict[str, list[str]], dict[str, frozenset[int]]]:
    """For each kind, the loose forms of it that allow an edit, by length; and the lengths a
    citation may have to be within budget of one of them."""
    kinds, allowed = zip(*map(_key_budget, keys)) if keys else ((), ())
    editable: dict[str, list[str]] = {}
    for key, kind in zip(compress(keys, allowed), compress(kinds, allowed)):
        editable.setdefault(kind, []).append(key)
    reach: dict[str, set[int]] = {}
    for kind, length, edits in set(zip(kinds, map(len, keys), allowed)):  # a few hundred
        if edits:
            reach.setdefault(kind, set()).update(range(length - edits, length + edits + 1))
    return ({kind: sorted(forms, key=len) for kind, forms in editable.items()},
            {kind: frozenset(lengths) for kind, lengths in reach.items()})


class _JoinedForms:
    """Loose forms one a line in one string (no form holds a line break), for finding the forms
    that hold a bigram by str.find; what is found is kept, as an index built as it is asked."""

    __slots__ = ("_counts", "_postings", "forms", "joined", "lengths", "starts")

    def __init__(self, forms: list[str]):
        self.forms = forms
        self.lengths = list(map(len, forms))
        self.joined = "\n".join(forms)
        # Where each form starts, and (last) the end of the text plus one.
        self.starts = [0, *accumulate(map((1).__add__, self.lengths))]
        self._counts: dict[str, int] = {}
        self._postings: dict[str, tuple[list[int], list[int]]] = {}

    def indices_holding(self, gram: str) -> list[int]:
        """The indices of the forms holding ``gram``, each once."""
        found: list[int] = []
        many = len(self.forms) // 8
        starts = self.starts
        at = self.joined.find(gram)
        while at >= 0:
            index = bisect_right(starts, at) - 1
            found.append(index)
            if len(found) > many:
                # A common bigram (条例, 人民): a test of each form left, in C, beats a search per hit.
                rest = range(index + 1, len(self.forms))
                return found + list(compress(rest, map(contains, self.forms[index + 1:], repeat(gram))))
            at = self.joined.find(gram, starts[index + 1])  # on at the next form
        return found

    def occurrences_of(self, grams: set[str]) -> dict[str, int]:
        """How often each of the ``grams`` occurs in the forms (one C scan each, kept): the forms
        holding it, or more when a form holds it twice.  A dict that holds them all."""
        counts = self._counts
        for gram in grams.difference(counts):
            counts[gram] = self.joined.count(gram)
        return counts

    def holding(self, gram: str, shortest: int, longest: int):
        """The forms holding ``gram`` with a length in [shortest, longest], each once (the forms
        are in the order of their lengths)."""
        found = self._postings.get(gram)
        if found is None:
            indices = self.indices_holding(gram)
            found = self._postings[gram] = (indices, [self.lengths[index] for index in indices])
        indices, lengths = found
        return map(self.forms.__getitem__, indices[bisect_left(lengths, shortest):bisect_right(lengths, longest)])


# ---------------------------------------------------------------------------------------------
# Loading


_read = cache(read_data)  # the data files' text is read for the versions and the build


def _rows(name: str) -> list[dict[str, str]]:
    header, *rows = (line.split("\t") for line in _lines(name))
    return [dict(zip(header, row)) for row in rows]


def _columns(name: str) -> dict[str, list[str]]:
    """A table's columns by name (for the law list: ~3,400 rows, no dict made per row)."""
    lines = _lines(name)
    header = lines[0].split("\t")
    width = len(header)
    if set(map(methodcaller("count", "\t"), lines)) != {width - 1}:
        # Rows of another width than the header's: split one by one (a ragged table is an error).
        rows = [line.split("\t") for line in lines[1:]]
        return dict(zip(header, map(list, zip(*rows, strict=True))))
    fields = "\t".join(lines).split("\t")  # one split for the whole table
    return {column: fields[width + i::width] for i, column in enumerate(header)}


def _lines(name: str) -> list[str]:
    return [line for line in _read(name).splitlines() if line and not line.startswith("#")]


_DATE = lazy(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def _date(text: str) -> date | None:
    match = _DATE.match(text or "")
    if not match:
        return None
    return date(int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1))


_PERIOD = lazy(r"(\d{4})\D+(\d{4})")


def _period(text: str) -> tuple[int, int] | None:
    match = _PERIOD.match(text or "")
    return (int(match.group(1)), int(match.group(2))) if match else None


def _law_forms(full: str) -> tuple[str, ...]:
    """A law (its title in strict form) is cited with or without "中华人民共和国", also inside an
    interpretation's title."""
    short = full.removeprefix(PRC)
    if "〈" + PRC not in full:  # most titles: no need for the general case below
        return (full, short) if short and short != full else (full,) if full else ()
    forms = (full, short, full.replace("〈" + PRC, "〈"))
    return tuple(dict.fromkeys(form for form in forms if form))


@cache
def registry() -> Registry:
    """The registry, kept by lawlint.buildcache: building it takes ~30 ms of a start."""
    from lawlint.buildcache import pickle_build

    with open(__file__, "rb") as file:  # this module's code builds it: its bytes are part of the key
        code = file.read()
    source = b"\0".join([code, *map(data_bytes, _DATA_FILES)])
    return pickle_build("citations-registry", source, _build_registry)


def _build_registry() -> Registry:
    entries: list[Entry] = []
    position: dict[str, int] = {}  # strict title → the index of its entry (the last one made)
    _add_documents(entries, position)
    laws = _columns(LAWS_FILE)
    _add_laws(laws, entries, position)
    _add_repeals(entries, position)
    return Registry(entries, _latest_date(set(laws["publish"])))


def _add_documents(entries: list[Entry], position: dict[str, int]) -> None:
    """The central documents, replaced on the day their successor took effect (when known)."""
    documents = _rows(DOCUMENTS_FILE)
    first_rows: dict[str, dict[str, str]] = {}
    for row in documents:
        title = strict_form(row["title"])
        aliases = (strict_form(alias) for alias in row["aliases"].split("|") if alias)
        forms = dict.fromkeys((*_law_forms(title), *aliases))
        position[title] = len(entries)
        entries.append(Entry(title, "document", period=_period(row["period"]), successor=row["superseded_by"],
                             forms=tuple(forms)))
        first_rows.setdefault(title, row)
    for i, entry in enumerate(entries):
        successor = strict_form(entry.successor) if entry.successor else None
        if successor in position:
            successor_row = first_rows[successor]
            replaced_on = _date(successor_row["in_force"]) or _date(successor_row["issued"])
            entries[i] = entry._replace(replaced_on=replaced_on)


def _add_laws(laws: dict[str, list[str]], entries: list[Entry], position: dict[str, int]) -> None:
    """The laws of the law list, one entry per title (its versions are rows of their own): a
    title already known (a central document) takes the list's category, expired flag and forms."""
    titles = laws["title"]
    # The first row of a title gives its category (the same string object for equal ones).
    categories = dict(zip(reversed(titles), map(sys.intern, reversed(laws["category"]))))
    in_force = {title for title, expired in zip(titles, laws["expired"]) if expired != "1"}
    distinct = list(dict.fromkeys(titles))  # in the order of their first row
    keys = strict_forms(distinct)  # no title of the list holds a NUL
    fields = list(zip(keys, map(categories.__getitem__, distinct), map(not_, map(in_force.__contains__, distinct))))
    if len(set(keys)) != len(keys):  # two titles of the list are one in strict form: one by one
        for key, category, all_expired in fields:
            if key in position:
                _update_law(entries, position[key], key, category, all_expired)
            else:
                position[key] = len(entries)
                entries.append(_entry((key, "law", category, None, "", None, all_expired, _law_forms(key))))
        return
    # The titles new to the registry (nearly all) make their entries by C-level passes; the
    # others (central documents) are updated.
    new = [key not in position for key in keys]
    new_keys = list(compress(keys, new))
    position.update(zip(new_keys, count(len(entries))))
    entries.extend(_entry((key, "law", category, None, "", None, all_expired, forms))
                   for (key, category, all_expired), forms in zip(compress(fields, new), map(_law_forms, new_keys)))
    for key, category, all_expired in compress(fields, map(not_, new)):
        _update_law(entries, position[key], key, category, all_expired)


def _update_law(entries: list[Entry], index: int, key: str, category: str, all_expired: bool) -> None:
    known = entries[index]
    entries[index] = known._replace(category=category, all_expired=all_expired,
                                    forms=tuple(dict.fromkeys((*known.forms, *_law_forms(key)))))


def _add_repeals(entries: list[Entry], position: dict[str, int]) -> None:
    """The repeal dates and successors we know, of entries known or not."""
    for row in _rows(REPEALS_FILE):
        key = strict_form(row["title"])
        if key not in position:
            position[key] = len(entries)
            entries.append(Entry(key, "repeal", "法律", forms=_law_forms(key)))
        i = position[key]
        entries[i] = entries[i]._replace(successor=row["successor"], replaced_on=_date(row["repealed"]))


def strict_forms(titles: list[str], separator: str = "\0") -> list[str]:
    """strict_form of each title: in one pass over them all when none holds a space (then it
    only replaces characters).  No title may hold the ``separator``."""
    if not titles:
        return []
    joined = separator.join(titles)
    if " " in joined or "\u3000" in joined or "\t" in joined:
        return list(map(strict_form, titles))
    return strict_form(joined).split(separator)


_ISO_DATE = lazy(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _latest_date(texts: set[str]) -> date:
    """The latest of the dates the texts open with (see _date), date.min when none does.  Of
    the complete ISO dates, which compare as strings, only the latest is read."""
    iso = set(filter(_ISO_DATE.fullmatch, texts))
    read = texts.difference(iso) | ({max(iso)} if iso else set())
    return max(filter(None, map(_date, read)), default=date.min)


@cache
def data_versions() -> dict[str, str]:
    """A short content hash of each data file, for ``lawlint --version``."""
    return {name.removesuffix(".tsv"): content_hash(_read(name)) for name in _DATA_FILES}
