"""The grammar's heading lines as one regex, so that classifying a line costs one match.

The LALR parser handles a heading line token by token at ~8 µs a token in Python, which made the
parse of a report cost as much as all its rules.  The heading rules of ``report.lark`` are
regular (a fixed sequence of terminals, with optional parts), so this module turns them, as lark
compiled them, into one regex with a capturing group per terminal.  Every flattened expansion of
h1–h4 is a path through a trie of terminals whose branches are ordered as lark's contextual lexer
tries terminals (priority, then width, then name), so that where two terminals could both match
(EXTRA_DELIM or the start of a TITLE) the one the lexer picks is tried first.  The grammar stays
the one description; a line that starts as a heading but that the regex does not read in full
goes to the parser, and a test compares both on generated lines.

The trie keeps the regex small: each terminal is written once per place it can occur, not once per
expansion (the 48 expansions share 30 terminal groups; 0.6 KB of regex instead of 4 KB), which
matters because ``re`` compiles in Python and each character class holding three or more runs of
characters, one of them beyond Latin-1 (the CJK numerals, even "[ \t\u3000]"), costs ~0.3 ms to
compile: ~5 ms for this regex instead of ~60 ms.

The built description (regex source and which group is which terminal) is plain data:
``SHIPPED_SPEC`` below is the one built from the grammar in this package, used whenever the
grammar's digest is ``SHIPPED_GRAMMAR_SHA256``, so that no run imports lark (~60 ms) to build it;
any other grammar is built with lark and kept by ``lawlint.buildcache``.  ``python -m
lawlint.headingmatch`` prints both afresh, and a test checks that they are up to date.
"""

from __future__ import annotations

import itertools
import re

HEADING_RULES = {"h1": 1, "h2": 2, "h3": 3, "h4": 4}

# What the matcher says of a line that starts as a heading but that the regex cannot read in
# full: such a line goes to the parser.
UNREAD = "unread"


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
    writer = _TrieWriter({name: t.pattern.to_regexp() for name, t in terminals.items()})
    return {"line": writer.line(_trie(alternatives)), "ends": writer.ends}


def _trie(alternatives: list[tuple[str, list[str]]]) -> tuple:
    """The sorted expansions as a trie: a node is (branches, rule), branches ((terminal, node), …)
    in lexer order (the expansions' order), rule the heading whose expansion ends there, or None."""
    root: dict = {}
    for rule, sequence in alternatives:
        node = root
        for name in sequence:
            node = node.setdefault(name, {})
        node[None] = rule

    def freeze(node: dict) -> tuple:
        return tuple((name, freeze(child)) for name, child in node.items() if name is not None), node.get(None)

    return freeze(root)


class _TrieWriter:
    """Writes the trie as regex source.  Each terminal is a capturing group, numbered as written;
    each end of an expansion is an empty group, the last to close in a match that ends there,
    listed in ``ends`` as [its number, rule, [[group number, terminal], …] of the terminals on the
    way there].  An end whose rule is None marks a line the parser must read."""

    def __init__(self, regexps: dict[str, str]):
        self.regexps = regexps
        self.number = 1  # capturing groups written so far: group 1 holds the blanks before a heading
        self.ends: list[list] = []

    def line(self, root: tuple) -> str:
        """Blanks (those str.lstrip() strips), then the heading.  Like the lexer, the regex keeps
        the first terminal that starts the line (the first in lexer order): when the rest of the
        line cannot follow it, the line is left to the parser."""
        branches, _rule = root
        sources = []
        for name, child in branches:
            source, here = self.terminal(name, [])
            sources.append(rf"{source}(?:{self.node(child, here)}\Z|{self.end(None, [])})")
        return rf"([^\S\n]*+)(?:{'|'.join(sources)})"

    def terminal(self, name: str, path: list) -> tuple[str, list]:
        self.number += 1
        here = path + [[self.number, name]]
        self.number += re.compile(self.regexps[name]).groups
        return f"({self.regexps[name]})", here

    def end(self, rule: str | None, path: list) -> str:
        self.number += 1
        self.ends.append([self.number, rule, path])
        return "()"

    def node(self, node: tuple, path: list) -> str:
        branches, rule = node
        # "X then S, or S alone", X first in lexer order, is written once as "X? S": the regex
        # tries the same paths in the same order.  A group of an X that did not match has no span.
        if branches and branches[0][1] == (branches[1:], rule):
            source, here = self.terminal(branches[0][0], path)
            return f"{source}?{self.node(branches[0][1], here)}"
        sources = []
        for name, child in branches:
            source, here = self.terminal(name, path)
            sources.append(source + self.node(child, here))
        if rule is not None:
            sources.append(self.end(rule, path))
        return sources[0] if len(sources) == 1 else f"(?:{'|'.join(sources)})"


class HeadingMatcher:
    def __init__(self, spec: dict, compile_regex=re.compile):
        self.match = compile_regex(spec["line"]).match
        # By the number of the group that ends a match: (rule, [(group number, terminal), …]).
        self.ends = {number: (rule, [(group, name) for group, name in cut]) for number, rule, cut in spec["ends"]}

    def classify(self, line: str) -> tuple[str, list[tuple[str, int, str]], int] | str | None:
        """(rule, tokens, lead) for a heading line the regex reads in full; ``UNREAD`` for a line
        that starts as a heading but that only the parser can read; None for any other line,
        which can only be a PARA line.  A token is (terminal, column counted from 1 at the first
        non-blank character, text); ``lead`` is the number of blank characters before it."""
        match = self.match(line)
        if match is None:
            return None
        rule, cut = self.ends[match.lastindex]
        if rule is None:
            return UNREAD
        lead = match.end(1)
        base = lead - 1
        tokens = []
        for number, name in cut:
            start, stop = match.span(number)
            if start >= 0:  # an optional terminal that did not match has no span
                tokens.append((name, start - base, line[start:stop]))
        return rule, tokens, lead


def shipped_source(spec: dict, grammar: str) -> str:
    """The Python source of SHIPPED_GRAMMAR_SHA256 and SHIPPED_SPEC for ``spec`` built from ``grammar``."""
    import hashlib

    out = [f'SHIPPED_GRAMMAR_SHA256 = "{hashlib.sha256(grammar.encode("utf-8")).hexdigest()}"',
           "SHIPPED_SPEC = {", '    "line": (']
    out += [f"        {_string_literal(piece)}" for piece in _pieces(spec["line"], 70)]
    out += ["    ),", '    "ends": [']
    # Ends hold numbers, None and names (rule and terminal names): no quote to escape.
    out += [f"        {end!r},".replace("'", '"') for end in spec["ends"]]
    out += ["    ],", "}"]
    return "\n".join(out) + "\n"


def _pieces(source: str, width: int) -> list[str]:
    """``source`` cut after a "|" once a piece is ``width`` characters long (for a readable literal)."""
    pieces, start = [], 0
    for index, char in enumerate(source):
        if char == "|" and index + 1 - start >= width:
            pieces.append(source[start:index + 1])
            start = index + 1
    return pieces + [source[start:]] if start < len(source) else pieces


def _string_literal(text: str) -> str:
    literal = repr(text)
    return f'"{literal[1:-1]}"' if literal[0] == "'" and '"' not in text else literal


# Built by ``python -m lawlint.headingmatch`` from grammars/report.lark; a test checks that it is
# what build_spec makes of that grammar.
SHIPPED_GRAMMAR_SHA256 = "58e08713d5d21bc060ebcc7254697133758b2081a5a46a59cb6b1a49f3911d35"
SHIPPED_SPEC = {
    "line": (
        "([^\\S\\n]*+)(?:([（(][ \t\u3000]*(?=[一二三四五六七八九十百零〇两]{1,4}[ \t\u3000]*[）)]))(?:([一二三四五六七八九十百零〇两]{1,4})([ \t\u3000]*[）)])([、.．，,])?([^\n。]+)?(?:(。)([^\n]+)?()|"
        "())\\Z|())|([（(][ \t\u3000]*(?=[0-9０-９]{1,2}[ \t\u3000]*[）)]))(?:([0-9０-９]{1,2})([ \t\u3000]*[）)])([、.．，,])?([^\n。]+)?(?:(。)([^\n]+)?()|"
        "())\\Z|())|([一二三四五六七八九十百零〇两]{1,4}(?=[ \t\u3000]*(?:、|[.．](?![0-9０-９]))))(?:([ \t\u3000]*[、.．])([^\n。]+)?(?:(。)([^\n]+)?()|"
        "())\\Z|())|([0-9０-９]{1,2}(?=[ \t\u3000]*(?:、(?![0-9０-９])|[.．](?![0-9０-９]))))(?:([ \t\u3000]*[.．、])([^\n。]+)?(?:(。)([^\n]+)?()|"
        "())\\Z|())|([0-9０-９]{1,2}(?=[）)]))(?:([ \t\u3000]*[）)])([、.．，,])?([^\n。]+)?(?:(。)([^\n]+)?()|"
        "())\\Z|()))"
    ),
    "ends": [
        [9, "h2", [[2, "PAREN_OPEN_CN"], [3, "CN_NUM_IN_PAREN"], [4, "PAREN_CLOSE"], [5, "EXTRA_DELIM"], [6, "TITLE"], [7, "FULL_STOP"], [8, "BODY"]]],
        [10, "h2", [[2, "PAREN_OPEN_CN"], [3, "CN_NUM_IN_PAREN"], [4, "PAREN_CLOSE"], [5, "EXTRA_DELIM"], [6, "TITLE"]]],
        [11, None, []],
        [19, "h4", [[12, "PAREN_OPEN_AR"], [13, "AR_NUM_IN_PAREN"], [14, "PAREN_CLOSE"], [15, "EXTRA_DELIM"], [16, "TITLE"], [17, "FULL_STOP"], [18, "BODY"]]],
        [20, "h4", [[12, "PAREN_OPEN_AR"], [13, "AR_NUM_IN_PAREN"], [14, "PAREN_CLOSE"], [15, "EXTRA_DELIM"], [16, "TITLE"]]],
        [21, None, []],
        [27, "h1", [[22, "CN_NUM"], [23, "H1_DELIM"], [24, "TITLE"], [25, "FULL_STOP"], [26, "BODY"]]],
        [28, "h1", [[22, "CN_NUM"], [23, "H1_DELIM"], [24, "TITLE"]]],
        [29, None, []],
        [35, "h3", [[30, "AR_NUM"], [31, "H3_DELIM"], [32, "TITLE"], [33, "FULL_STOP"], [34, "BODY"]]],
        [36, "h3", [[30, "AR_NUM"], [31, "H3_DELIM"], [32, "TITLE"]]],
        [37, None, []],
        [44, "h4", [[38, "AR_NUM_BEFORE_PAREN"], [39, "PAREN_CLOSE"], [40, "EXTRA_DELIM"], [41, "TITLE"], [42, "FULL_STOP"], [43, "BODY"]]],
        [45, "h4", [[38, "AR_NUM_BEFORE_PAREN"], [39, "PAREN_CLOSE"], [40, "EXTRA_DELIM"], [41, "TITLE"]]],
        [46, None, []],
    ],
}


if __name__ == "__main__":
    from lawlint.parse import _parser, grammar_text

    print(shipped_source(build_spec(_parser()), grammar_text()), end="")
