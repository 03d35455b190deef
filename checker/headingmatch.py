"""The grammar's heading lines as one regex, so that classifying a line costs one match.

The LALR parser handles a heading line token by token at ~8 µs a token in Python, which made the
parse of a report cost as much as all its rules.  The heading rules of ``report.lark`` are
regular (a fixed sequence of terminals, with optional parts), so this module turns them, as lark
compiled them, into one alternation with a capturing group per terminal: every flattened
expansion of h1–h4 becomes an alternative, ordered as lark's contextual lexer tries terminals
(priority, then width, then name), so that where two terminals could both match (EXTRA_DELIM or
the start of a TITLE) the one the lexer picks comes first.  The grammar stays the one
description; a line the regex does not match in full goes to the parser, and a test compares
both on generated lines.

The built description (regex source and which group is which terminal) is plain data, kept by
``lawlint.buildcache``, so a run with a warm cache does not even import lark.
"""

from __future__ import annotations

import itertools
import re

HEADING_RULES = {"h1": 1, "h2": 2, "h3": 3, "h4": 4}


def build_spec(parser) -> dict:
    """The heading regex and its groups, from a lark LALR parser built on the report grammar."""
    terminals = {t.name: t for t in parser.terminals}
    lexer_order = sorted(terminals.values(),
                         key=lambda t: (-t.priority, -t.pattern.max_width, -len(t.pattern.value), t.name))
    rank = {t.name: i for i, t in enumerate(lexer_order)}
    expansions: dict[str, list[list[str]]] = {}
    for rule in parser.rules:
        expansions.setdefault(rule.origin.name, []).append([symbol.name for symbol in rule.expansion])

    def flat(name: str, seen: tuple[str, ...] = ()) -> list[list[str]]:
        if name in terminals:
            return [[name]]
        if name in seen:
            raise ValueError(f"recursive rule {name}: not a regular heading rule")
        sequences = []
        for expansion in expansions[name]:
            parts = [flat(symbol, seen + (name,)) for symbol in expansion]
            sequences.extend(list(itertools.chain.from_iterable(combo)) for combo in itertools.product(*parts))
        return sequences

    alternatives = [(rule, sequence) for rule in HEADING_RULES for sequence in flat(rule)]
    # The lexer takes, at each point, the first terminal in its order that matches; "the line
    # ends here" comes after every terminal.
    alternatives.sort(key=lambda item: [rank[name] for name in item[1]] + [len(rank)])
    sources, groups, number = [], [], 0
    for index, (rule, sequence) in enumerate(alternatives):
        number += 1  # the alternative's own group
        pieces, cut = [], []
        for name in sequence:
            regexp = terminals[name].pattern.to_regexp()
            number += 1
            cut.append([number, name])
            number += re.compile(regexp).groups
            pieces.append(f"({regexp})")
        sources.append(f"(?P<a{index}>{''.join(pieces)})")
        groups.append([rule, cut])
    firsts = []
    for _rule, sequence in alternatives:
        if sequence[0] not in firsts:
            firsts.append(sequence[0])
    starts = "|".join(f"(?:{terminals[name].pattern.to_regexp()})" for name in firsts)
    return {"line": "|".join(sources), "groups": groups, "starts": rf"[^\S\n]*(?:{starts})"}


class HeadingMatcher:
    def __init__(self, spec: dict, compile_regex=re.compile):
        self.line = compile_regex(spec["line"]).fullmatch
        # Where the grammar can start a heading: the terminals that begin h1–h4 (with their
        # lookaheads) after blanks.  A line it does not match can only be a PARA line.
        self.starts = compile_regex(spec["starts"]).match
        self.groups = [(rule, [(number, name) for number, name in cut]) for rule, cut in spec["groups"]]

    def classify(self, line: str) -> tuple[str, list[tuple[str, int, str]], int] | None:
        """(rule, tokens, lead) for a heading line the regex reads in full, else None.  A token is
        (terminal, column counted from 1 at the first non-blank character, text)."""
        body = line.lstrip()
        match = self.line(body)
        if match is None:
            return None
        rule, cut = self.groups[int(match.lastgroup[1:])]
        tokens = []
        for number, name in cut:
            start, end = match.span(number)
            tokens.append((name, start + 1, body[start:end]))
        return rule, tokens, len(line) - len(body)
