"""The shortcuts W101/W102 take for speed find what the plain ways find."""

from __future__ import annotations

import random

from lawlint.plugins.wording_common import inside, inside_title, title_spans
from lawlint.plugins.wording_dictionary import Dictionary, _builtin_entries


def _brute_force_starts(text: str, entries) -> list[tuple[int, str]]:
    """(start, wrong) of every entry's wrong text in text, tried at every offset."""
    return [(pos, entry.wrong) for pos in range(len(text)) for entry in entries
            if text.startswith(entry.wrong, pos)]


def test_anchored_scan_finds_every_wrong_text_as_a_scan_from_every_offset_does():
    # Entries without a pattern of their own: a candidate is then exactly their wrong text.
    plain = [entry for entry in _builtin_entries() if entry.pattern is None]
    dictionary = Dictionary(plain)
    rng = random.Random(7)
    words = [entry.wrong for entry in plain]
    filler = list("法治政府建设依法行政，。、《》\n制度化")
    for _ in range(300):
        parts = [rng.choice(words) if rng.random() < 0.4 else "".join(rng.choices(filler, k=rng.randrange(4)))
                 for _ in range(12)]
        text = "".join(parts)
        found = [(cand.start, cand.entry.wrong) for cand in dictionary.candidates(text)]
        expected = sorted(_brute_force_starts(text, plain), key=lambda item: (item[0], -len(item[1])))
        assert sorted(found) == sorted(expected)
        assert [start for start, _ in found] == sorted(start for start, _ in found)


def test_inside_title_agrees_with_the_title_spans():
    rng = random.Random(11)
    alphabet = list("《》\n法治政府") + ["法制", "。"]
    for _ in range(2000):
        text = "".join(rng.choices(alphabet, k=rng.randrange(1, 20)))
        spans = title_spans(text)
        for start in range(len(text)):
            for end in range(start + 1, len(text) + 1):
                assert inside_title(text, start, end) == inside(spans, start, end), (text, start, end)
