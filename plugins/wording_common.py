"""Shared by the W modules: punctuation sets, and where the titles in 《》 are."""

from __future__ import annotations

import re

from lawlint.regexhint import lazy

# Marks that end a list item or a clause, and all punctuation and spacing (a fixed form or a
# repeated word never includes them).
CLAUSE_END = set("。；！？：\n")
PUNCTUATION = set("，。、；：！？“”‘’（）《》〈〉【】〔〕…—·,.;:!?()[] \u3000\t\n")


_TITLE = lazy(r"《[^《》\n]*》")


def title_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _TITLE.finditer(text)]


def doc_title_spans(doc) -> list[tuple[int, int]]:
    return doc.fact("wording.title_spans", lambda d: title_spans(d.text))


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when start..end lies strictly inside one of spans (inside the 《》 marks)."""
    return any(s < start and end < e for s, e in spans)


def inside_title(text: str, start: int, end: int) -> bool:
    """inside(title_spans(text), start, end), found around start..end alone: the nearest 《
    before, the nearest 》 after, and between them nothing a title cannot hold (《, 》, a line
    break).  Cheaper than all the titles of a text when a few places are asked about."""
    opening = text.rfind("《", 0, start)
    closing = text.find("》", end)
    if opening < 0 or closing < 0:
        return False
    between = text[opening + 1:closing]
    return "《" not in between and "》" not in between and "\n" not in between


def anchor_offsets(anchors, text: str) -> list[int]:
    """Where any of the anchor patterns matches in text, in text order.

    An anchor opens with one literal character (and checks its context with lookarounds after
    it), so the regex engine skips from one occurrence of that character to the next at the speed
    of a plain string search; a pattern that opens with a character class, an alternation or a
    lookbehind is instead tried at every position.  One anchor per character keeps that speed.
    """
    if len(anchors) == 1:
        return [match.start() for match in anchors[0].finditer(text)]
    return sorted(match.start() for anchor in anchors for match in anchor.finditer(text))


def after_one_of(words) -> str:
    """A regex that holds where the text before ends with one of words.

    Python's lookbehinds need a fixed width, so the words go into one lookbehind per length.
    """
    by_length: dict[int, list[str]] = {}
    for word in dict.fromkeys(words):
        by_length.setdefault(len(word), []).append(re.escape(word))
    return "(?:" + "|".join(f"(?<={'|'.join(group)})" for _, group in sorted(by_length.items())) + ")"


def _escape(text: str) -> str:
    """re.escape(text), at once for letters and CJK characters, which re.escape leaves alone."""
    return text if text.isalnum() else re.escape(text)


def _char_class(chars) -> str:
    return "[" + "".join(map(_escape, sorted(set(chars)))) + "]"


def _balanced_groups(items: list[tuple[str, str]], depth: int, count: int) -> list[tuple[list[str], list]]:
    """(key, word) items cut by their key's character at depth into about count groups of about
    equally many items: (the characters, the items) of each group."""
    by_char: dict[str, list[tuple[str, str]]] = {}
    for item in items:
        by_char.setdefault(item[0][depth], []).append(item)
    groups, chars, members, target = [], [], [], len(items) / max(count, 1)
    for char in sorted(by_char):
        chars.append(char)
        members.extend(by_char[char])
        if len(members) >= target:
            groups.append((chars, members))
            chars, members = [], []
    if chars:
        groups.append((chars, members))
    return groups


# A group of at most this many words is tried word by word; a larger one is first split by the
# next character (measured on the benchmark reports: smaller leaves add more class tests, larger
# ones more alternatives tried one by one).
_LEAF_SIZE = 24


def word_starts_pattern(words) -> re.Pattern | None:
    """A pattern that matches at exactly the offsets where one of words starts (None: no words).

    Search it from each hit + 1 to find overlapping words too.  The match is the longest word
    starting there, so finditer gives what an alternation of the words, longest first, gives.

    A plain alternation of hundreds of words is slow even when grouped by first character: at
    each of the hundreds of places where some word's (common) first character occurs, the
    engine tries every group in turn.  Here the first character is one character class (the
    engine skips to it quickly), and the following characters pick a group through a few
    character classes at each level, as in a trie; inside a small group each word is its
    remaining characters followed by a lookbehind over the whole word (which checks the
    characters the classes let through).
    """
    return anchored_words_pattern(dict.fromkeys(words, 0))  # each word anchored on its first character


def anchored_words_pattern(anchors: dict[str, int]) -> re.Pattern | None:
    """A pattern that matches where the anchor character of a whole word stands (None: no words).

    anchors maps each word to the index of its anchor character.  Search the pattern from each
    hit + 1 to find every anchor; which words stand there, the caller checks with str.startswith.

    word_starts_pattern stops at every occurrence of some word's first character, and each stop
    costs the engine a match attempt; a report holds hundreds of 法, 行, 人 that start a word
    of a large dictionary.  Anchored on a rarer character of each word, the scan stops far less
    often.  The trie is then built on each word from its anchor on, and the lookbehind of a
    leaf, over the whole word, checks the characters before the anchor too.
    """
    from lawlint.buildcache import compile_regex, derived

    items = sorted((word[index:], word) for word, index in anchors.items() if word)
    if not items:
        return None
    # A run with a warm cache takes the source and the compiled program from there: building the
    # source takes a few milliseconds of Python for the dictionary's ~400 words.
    key = "\n".join(f"{index} {word}" for word, index in sorted(anchors.items()))
    return compile_regex(derived("anchored-words", key, lambda: _trie_source(items)))


def _trie_source(items: list[tuple[str, str]]) -> str:
    """The trie of (key, word) items: the classes follow each key, a leaf looks behind at its word
    (of which the key is the end)."""
    return f"{_char_class(key[0] for key, _ in items)}(?:{_trie_rests(items, 1)})"


def _trie_rests(items: list[tuple[str, str]], depth: int) -> str:
    """Alternatives for items after the first depth characters of their keys were matched by classes."""
    ended = [word for key, word in items if len(key) == depth]
    longer = [(key, word) for key, word in items if len(key) > depth]
    if len(longer) <= _LEAF_SIZE:
        # Sorted by next character: the engine rejects an alternative by its first character.
        ordered = sorted(longer, key=lambda item: (item[0][depth], -len(item[0]), item[0]))
        alternatives = [f"{_escape(key[depth:])}(?<={_escape(word)})" for key, word in ordered]
    else:
        group_count = max(2, round((len(longer) / _LEAF_SIZE) ** 0.5))
        alternatives = []
        for chars, group in _balanced_groups(longer, depth, group_count):
            alternatives.append(f"{_char_class(chars)}(?:{_trie_rests(group, depth + 1)})")
    if ended:
        alternatives.append(_looking_behind_at(ended, depth))
    return "|".join(alternatives)


def _looking_behind_at(words: list[str], depth: int) -> str:
    """A lookbehind for any of words, whose keys end here, depth characters after their anchor.

    Lookbehinds need a fixed width, so there is one per length.  Words anchored on a later
    character reach back before their keys and can be many (all those anchored on their last
    character end at depth 1): a class of their keys' last characters first turns away, at the
    cost of one test, the many places where none of them ends.
    """
    by_length: dict[int, list[str]] = {}
    for word in words:
        by_length.setdefault(len(word), []).append(_escape(word))
    lookbehinds = [f"(?<={'|'.join(group)})" for _, group in sorted(by_length.items())]
    if len(lookbehinds) == 1 and len(words[0]) == depth:
        return lookbehinds[0]
    return f"(?<={_char_class(word[-1] for word in words)})(?:{'|'.join(lookbehinds)})"


def word_starts(pattern: re.Pattern | None, text: str) -> list[int]:
    """The offsets where pattern (word_starts_pattern, anchored_words_pattern) matches, overlapping
    ones included."""
    found: list[int] = []
    if pattern is None:
        return found
    search = pattern.search
    hit = search(text)
    while hit is not None:
        start = hit.start()
        found.append(start)
        hit = search(text, start + 1)
    return found
