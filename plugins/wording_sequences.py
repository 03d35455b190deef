"""W301 — fixed lists and phrases quoted from central documents (wording_sequences.toml).

A list is recognised when all its members but one appear in order, close together in one clause,
and the remaining item is within an edit or two of the expected member; a phrase when a run of
text keeps its ends and differs by an edit or two.  Exact occurrences are never reported.
"""

from __future__ import annotations

import re
from functools import cache

from lawlint.diagnostics import Applicability, Fix, Severity
from lawlint.regexhint import lazy
from lawlint.rules import Rule

from .datafile import load_toml
from .textdistance import edit_distance
from .wording_common import CLAUSE_END, PUNCTUATION, word_starts_pattern
from .wording_dictionary import doc_matches

SEQUENCES = "wording_sequences.toml"


def _tolerance(member: str) -> int:
    return 1 if len(member) <= 4 else 2


# Plain classes with slots: a dataclass or a typing.NamedTuple costs ~0.5 ms to make at import.
class Sequence:
    __slots__ = ("name", "members", "tail", "must_fire", "must_not_fire", "needed", "reach")

    def __init__(self, name: str, members: tuple[str, ...], tail: tuple[str, ...] = (),
                 must_fire: tuple[str, ...] = (), must_not_fire: tuple[str, ...] = ()):
        self.name, self.members, self.tail = name, members, tail
        self.must_fire, self.must_not_fire = must_fire, must_not_fire
        # How many members a chain that is reported holds: every member but one, and at least
        # two (most reports name one member alone, "法治政府建设", and such hits form no chain).
        self.needed = max(2, len(members) - 1)
        # How far apart (in characters, a member step) two members of one chain may be.
        self.reach = max(map(len, members)) + 3


class Phrase:
    __slots__ = ("text", "must_fire", "must_not_fire")

    def __init__(self, text: str, must_fire: tuple[str, ...] = (), must_not_fire: tuple[str, ...] = ()):
        self.text, self.must_fire, self.must_not_fire = text, must_fire, must_not_fire


class FixedForms:
    __slots__ = ("sequences", "phrases", "member_index", "member_pattern", "phrase_anchors")

    def __init__(self, sequences: tuple[Sequence, ...], phrases: tuple[Phrase, ...],
                 member_index: dict[str, list[tuple[int, int]]], member_pattern: re.Pattern | None,
                 phrase_anchors: tuple[tuple[re.Pattern | None, bool], ...]):
        self.sequences, self.phrases = sequences, phrases
        self.member_index = member_index  # member text -> [(sequence number, member number)]
        # Derived indexes for speed: the members (word_starts_pattern: the longest member at each
        # place, as an alternation longest first), and for each phrase a pattern that finds where
        # a window can start, from its first character or its last (_phrase_anchor).
        self.member_pattern, self.phrase_anchors = member_pattern, phrase_anchors


@cache
def fixed_forms() -> FixedForms:
    data = load_toml(SEQUENCES)
    sequences = tuple(
        Sequence(s["name"], tuple(s["members"]), tuple(s.get("tail", ())),
                 tuple(s.get("must_fire", ())), tuple(s.get("must_not_fire", ())))
        for s in data.get("sequence", [])
    )
    phrases = tuple(
        Phrase(p["text"], tuple(p.get("must_fire", ())), tuple(p.get("must_not_fire", ())))
        for p in data.get("phrase", [])
    )
    index: dict[str, list[tuple[int, int]]] = {}
    for s_no, (seq, raw) in enumerate(zip(sequences, data.get("sequence", []))):
        for m_no, member in enumerate(seq.members):
            # Accepted variants of a member (依法治市 for 依法治国 in a city's report) count as it.
            for written in (member, *raw.get("variants", {}).get(member, ())):
                index.setdefault(written, []).append((s_no, m_no))
    return FixedForms(
        sequences=sequences, phrases=phrases, member_index=index,
        member_pattern=word_starts_pattern(index),
        phrase_anchors=tuple(_phrase_anchor(phrase.text) for phrase in phrases),
    )


def _best_item(candidates, member):
    """The (distance, start, end, text) closest to member among candidate items, or None.

    A distance past the member's tolerance is only known to be past it (edit_distance stops
    there): such an item is never reported, and any item within the tolerance beats it."""
    limit = _tolerance(member)
    best = None
    for start, end, text in candidates:
        if not text or any(ch in PUNCTUATION for ch in text):
            continue
        if abs(len(text) - len(member)) > 1:
            continue
        distance = edit_distance(text, member, limit)
        key = (distance, abs(len(text) - len(member)))
        if best is None or key < best[0]:
            best = (key, start, end, text)
    if best is None:
        return None
    (distance, _), start, end, text = best
    return distance, start, end, text


_ITEM_SEPARATOR = lazy(r"([、，,])")
_CONJUNCTION = lazy(r"以及|和|及|与")
_CONJUNCTION_AT_END = lazy(r"(?:以及|和|及|与)$")
_LAST_ITEM_SEPARATOR = lazy(r"、以及|、和|以及|[、，]|和|及|与")
# After the last item of a list: the end of the clause or a word that closes the list.
_LIST_CLOSERS = tuple("，。；、：！？”）\n的等全各") + ("方面",)


def _deviating_item(text: str, hits, missing: int, seq: Sequence):
    """Where the one missing member should be, the item actually written there, if it is close."""
    member = seq.members[missing]
    before = [h for h in hits if h[2] < missing]
    after = [h for h in hits if h[2] > missing]
    if before and after:
        left, right = before[-1], after[0]
        if right[2] - left[2] != 2:
            return None
        # One item expected; a gap may also hold an extra member (民主协商), so try each item.
        # Items are split at 顿号 and commas only: 和/及/与 may be part of a word (参与权).
        items, pos = [], left[1]
        for part in _ITEM_SEPARATOR.split(text[left[1]:right[0]]):
            if part and part not in "、，,":
                items.append((pos, pos + len(part), part))
                # The conjunction before the last member may sit on either side of the split.
                lead = _CONJUNCTION.match(part)
                trail = _CONJUNCTION_AT_END.search(part)
                start = pos + (lead.end() if lead else 0)
                end = pos + (trail.start() if trail else len(part))
                if (lead or trail) and start < end:
                    items.append((start, end, text[start:end]))
            pos += len(part)
        return _best_item(items, member)
    if after and missing == 0:
        first = after[0]
        if first[2] != 1:
            return None
        head = text[max(0, first[0] - 1):first[0]]
        if head not in ("、", "，"):
            return None
        end = first[0] - 1
        candidates = [(end - n, end, text[end - n:end]) for n in (len(member) - 1, len(member), len(member) + 1)
                      if end - n >= 0]
        return _best_item(candidates, member)
    if before and missing == len(seq.members) - 1:
        last = before[-1]
        if last[2] != missing - 1:
            return None
        rest = text[last[1]:last[1] + len(member) + 4]
        sep = _LAST_ITEM_SEPARATOR.match(rest)
        if not sep:
            return None
        start = last[1] + sep.end()
        candidates = []
        for n in (len(member) - 1, len(member), len(member) + 1):
            end = start + n
            closers = _LIST_CLOSERS + seq.tail
            if end <= len(text) and (end == len(text) or text.startswith(closers, end)):
                candidates.append((start, end, text[start:end]))
        return _best_item(candidates, member)
    return None


def _hits_by_sequence(text: str, forms: FixedForms) -> dict[int, list[tuple[int, int, int]]]:
    """(start, end, member number) of the members found, by sequence, for the sequences of which
    enough distinct members were found to form a chain that is reported."""
    matches = list(forms.member_pattern.finditer(text))
    # A report names a member or two of a few lists, some a dozen times ("法治政府"): the
    # sequences worth a look are told from the distinct words found, before any hit is made.
    seen: dict[int, set[int]] = {}
    for word in {match[0] for match in matches}:
        for s_no, m_no in forms.member_index[word]:
            seen.setdefault(s_no, set()).add(m_no)
    wanted = {s_no for s_no, members in seen.items() if len(members) >= forms.sequences[s_no].needed}
    hits_by_seq: dict[int, list[tuple[int, int, int]]] = {}
    if wanted:
        for match in matches:
            for s_no, m_no in forms.member_index[match[0]]:
                if s_no in wanted:
                    hits_by_seq.setdefault(s_no, []).append((match.start(), match.end(), m_no))
    return hits_by_seq


def sequence_findings(text: str, forms: FixedForms):
    """(start, end, written, expected member, sequence) for each deviating member of a fixed list."""
    if forms.member_pattern is None:
        return
    for s_no, hits in _hits_by_sequence(text, forms).items():
        seq = forms.sequences[s_no]
        for chain in _chains(text, hits, seq.reach):
            if len(chain) < seq.needed:
                continue
            present = {h[2] for h in chain}
            missing = [i for i in range(len(seq.members)) if i not in present]
            if len(missing) != 1 or len(present) < 2:
                continue
            item = _deviating_item(text, chain, missing[0], seq)
            if item is None:
                continue
            distance, start, end, written = item
            if 0 < distance <= _tolerance(seq.members[missing[0]]):
                yield start, end, written, seq.members[missing[0]], seq


def _chains(text: str, hits, limit: int):
    """Runs of member hits in increasing member order, close together within one clause."""
    chain: list[tuple[int, int, int]] = []
    for hit in hits:
        if chain:
            prev = chain[-1]
            steps = hit[2] - prev[2]
            if (steps <= 0 or hit[0] - prev[1] > steps * limit
                    or any(ch in CLAUSE_END for ch in text[prev[1]:hit[0]])):
                yield chain
                chain = []
        chain.append(hit)
    if chain:
        yield chain


def _only_a_doubled_character(window: str, target: str) -> bool:
    return len(window) == len(target) + 1 and any(
        window[i] == window[i + 1] and window[:i] + window[i + 1:] == target for i in range(len(window) - 1))


def _window_lengths(target: str) -> tuple[int, ...]:
    """The lengths of the windows phrase_findings compares with target."""
    return (len(target) - 1, len(target), len(target) + 1)


# Characters that fill these reports (法 alone is ~3.5 % of a report's characters): a phrase that
# opens with one of them is looked for from its last character, which is much rarer there.
_FREQUENT = frozenset("法治的政府")


def _phrase_anchor(target: str) -> tuple[re.Pattern | None, bool]:
    """A pattern that matches one character of each window that can pass phrase_findings' test,
    and whether that character is the window's last one (else its first).

    Such a window has len(target) ± 1 characters, opens with target's first character and
    ends with its last, and keeps either its first two characters and last one or its last two.
    The pattern opens with one of the window's end characters (the rarer one), so the regex
    engine jumps between its few occurrences as fast as str.find, and looks around it for the
    rest; one pattern a phrase looks at the text once.

    The anchor does not look at the characters between (a window with punctuation or a line end
    among them fails phrase_findings' own test), so it holds no character class, and compiling
    it costs next to nothing; a class of the punctuation marks, repeated at every place of every
    window, cost ~25 ms of pure-Python compilation at every start without a cache."""
    from lawlint.buildcache import compile_regex

    at_end = target[0] in _FREQUENT
    head, tail = re.escape(target[:2]), re.escape(target[-2:])
    first, last = re.escape(target[0]), re.escape(target[-1])
    checks = []
    for n in _window_lengths(target):
        if n >= 3:
            gap = f".{{{n - 3}}}"
            if at_end:  # the last character matched, the window's start behind it
                checks += [f"(?<={head}{gap}{last})", f"(?<={first}{gap}{tail})"]
            else:  # the first character matched, the window's end ahead of it
                checks += [f"(?={re.escape(target[1])}{gap}{last})", f"(?={gap}{tail})"]
        elif n == 2 and (target[1] == target[-1] or target[0] == target[-2]):
            # A window of two characters: its first two are its last two.
            checks.append(f"(?<={first}{last})" if at_end else f"(?={last})")
    if not checks:
        return None, at_end
    return compile_regex(f"{last if at_end else first}(?:{'|'.join(dict.fromkeys(checks))})"), at_end


def _phrase_starts(text: str, forms: FixedForms) -> list[tuple[int, int]]:
    """(offset, phrase number) of every window start that can pass phrase_findings' test, in
    text order (a few more: a window may hold punctuation, and a window found from its end
    gives a start for each window length; phrase_findings drops them)."""
    starts: set[tuple[int, int]] = set()
    for index, (anchor, at_end) in enumerate(forms.phrase_anchors):
        target = forms.phrases[index].text
        # The other end's character is a cheap test that rules most phrases out, such as
        # 谁执法谁普法, whose characters most reports lack.
        if anchor is None or (target[0] if at_end else target[-1]) not in text:
            continue
        if not at_end:
            starts.update((match.start(), index) for match in anchor.finditer(text))
            continue
        for match in anchor.finditer(text):
            for n in _window_lengths(target):
                start = match.end() - n
                if start >= 0 and text[start] == target[0]:
                    starts.add((start, index))
    return sorted(starts)


def _overlaps_a_phrase(text: str, phrases: tuple[Phrase, ...], start: int, end: int) -> bool:
    """Whether some phrase, written exactly, overlaps text[start:end] (searched only there)."""
    return any(text.find(phrase.text, max(0, start - len(phrase.text) + 1), end - 1 + len(phrase.text)) >= 0
               for phrase in phrases)


def phrase_findings(text: str, forms: FixedForms):
    """(start, end, written, phrase) for text that starts and ends like a fixed phrase but differs.

    A window counts when it keeps the phrase's first two characters and its last one, or its first
    one and last two: a changed word in the middle or a slip at either end is found, while another
    phrase that merely ends the same way ("依法规范公正文明执法") is not.
    """
    for i, index in _phrase_starts(text, forms):
        target = forms.phrases[index].text
        best = None
        for n in _window_lengths(target):
            window = text[i:i + n]
            if len(window) != n:
                continue
            if not ((window[:2] == target[:2] and window[-1] == target[-1]) or window[-2:] == target[-2:]):
                continue
            # The cheap tests first: most windows are the phrase itself, written right.
            if window == target or not PUNCTUATION.isdisjoint(window):
                continue
            if _only_a_doubled_character(window, target):
                continue  # W401 reports "和和" itself
            limit = 2 if len(target) >= 8 else 1
            distance = edit_distance(window, target, limit)  # past limit: limit + 1
            if not (0 < distance <= limit and (best is None or distance < best[0])):
                continue
            if not _overlaps_a_phrase(text, forms.phrases, i, i + n):
                best = (distance, n, window)
        if best:
            yield i, i + best[1], best[2], target


class FixedSequence(Rule):
    """A member of a fixed political or legal list written wrong: "民主选举、民主决策、民族管理…".

    Lists such as the four 民主, 知情权、参与权、表达权、监督权 or 严格规范公正文明执法 are quoted from
    central documents and must be reproduced exactly; one deviating member ("民族管理", "监督" for
    "监督权", "工作" for "公正") is a typo that changes a political formula.  The lists are data
    (wording_sequences.toml); a list is recognised when its other members appear in order, so new
    corruptions are caught too.
    """

    code = "W301"
    name = "fixed-sequence"
    severity = Severity.WARNING
    summary = "固定表述中的成员写错（如“民主选举、民主决策、民族管理、民主监督”）"
    norm = "中央文件固定表述（《村民委员会组织法》第二条；党的十九大报告；《法治政府建设实施纲要（2021—2025年）》）"
    bad = "保证了民主选举、民主决策、民族管理、民主监督全过程，坚持严格规范工作文明执法。\n"
    good = "保证了民主选举、民主决策、民主管理、民主监督全过程，坚持严格规范公正文明执法。\n"
    fixable = True

    def check(self, doc, ctx):
        forms = fixed_forms()
        text = doc.text
        for start, end, written, member, seq in sequence_findings(text, forms):
            if _named_elsewhere(doc, ctx, start, end):
                continue
            full = "、".join(seq.members)
            yield self.finding(
                start, end, f"固定表述“{full}”中的“{written}”应为“{member}”",
                fix=Fix.replace(start, end, member, f"改为“{member}”", Applicability.UNSAFE),
                data={"sequence": seq.name},
            )
        for start, end, written, phrase in phrase_findings(text, forms):
            if _named_elsewhere(doc, ctx, start, end):
                continue
            yield self.finding(
                start, end, f"固定表述应为“{phrase}”，此处写作“{written}”",
                fix=Fix.replace(start, end, phrase, f"改为“{phrase}”", Applicability.UNSAFE),
                data={"sequence": phrase},
            )


def _named_elsewhere(doc, ctx, start: int, end: int) -> bool:
    """Whether a slip the dictionary names overlaps start..end without being exactly it ("法制思维"
    in 法治思维和法治方式 is reported once, by W101/W102).  Asked only of a finding, which most
    reports lack, rather than listing the dictionary's matches of every report."""
    named = [(c.start, c.end) for c in doc_matches(doc, ctx)]
    return any(s < end and start < e for s, e in named) and (start, end) not in named


RULES = [FixedSequence]
