"""F — conversion residue and file-level defects.

Reports reach the reviewer after passing through Word, WPS, web editors and text converters.
Each pass can leave traces the author never saw: "[bookmark: _GoBack]", HTML tags, field codes,
zero-width characters, stray half-width spaces, mixed line ends, a legacy encoding.  They are
invisible in the author's editor but visible in the published text or harmful to search and
archiving.  Every rule here reports residue and (where the text can be fixed) deletes it.
"""

from __future__ import annotations

import re
from functools import cache

from lawlint.diagnostics import Applicability, Edit, Fix, Severity
from lawlint.hookspec import hookimpl
from lawlint.regexhint import lazy
from lawlint.rules import Rule

from .datafile import content_hash, load_toml, read_data

_DATA_PACKAGE = "lawlint.plugins"
_MARKUP_FILE = "residue_markup.toml"

_GBT9704_TEXT = "GB/T 9704-2012《党政机关公文格式》5.1、7：公文正文只含文字、标点和规定的格式要素"
_PUBLISH = "《党政机关公文处理工作条例》第十九条（公文文稿应当“文字精炼、用语准确、标点正确”）"


# ---------------------------------------------------------------------------------------------
# Data


class MarkupPattern:
    # A plain class with slots: a dataclass costs ~1 ms of every start to create, a named tuple ~0.3 ms.
    __slots__ = ("kind", "pattern", "message", "fix", "rule", "openings")

    def __init__(self, kind: str, pattern: re.Pattern, message: str, fix: str, rule: str,
                 openings: tuple[bytes | str, ...] | None = None):
        self.kind = kind
        self.pattern = pattern  # compiled on first use: a text that holds none of the openings never needs it
        self.message = message
        self.fix = fix  # "delete" or "unescape"
        self.rule = rule
        # Every match starts with one of these strings (None: the pattern does not say), as Latin-1
        # bytes when they can be, to be looked for in `_latin1`.  Markup is rare, so a few `in`
        # tests decide that most reports need no scan with the pattern at all.
        self.openings = openings

    def may_match(self, text: str, latin: bytes) -> bool:
        """Whether the text (whose `_latin1` is ``latin``) holds an opening of the pattern."""
        if self.openings is None:
            return True
        for opening in self.openings:
            if opening in (latin if isinstance(opening, bytes) else text):
                return True
        return False


def _latin1(doc) -> bytes:
    """The text's characters up to U+00FF, in order: a short string where markup and half-width
    characters are quick to look for (a string found in the text is found here too)."""
    return doc.fact("residue.latin1", lambda d: d.text.encode("latin-1", "ignore"))


def _present(doc, chars: str) -> list[str]:
    """The characters of ``chars`` that occur in the text."""
    latin = _latin1(doc)
    return [ch for ch in chars if (ch.encode("latin-1") in latin if ch <= "\xff" else ch in doc.text)]


@cache
def markup_patterns(rule: str) -> tuple[MarkupPattern, ...]:
    patterns = []
    for entry in load_toml(_MARKUP_FILE)["markup"]:
        if entry["rule"] != rule:
            continue
        openings = tuple(map(_as_latin1, entry["openings"])) or None
        patterns.append(MarkupPattern(entry["kind"], lazy(entry["pattern"]), entry["message"], entry["fix"],
                                      entry["rule"], openings))
    return tuple(patterns)


def _as_latin1(text: str) -> bytes | str:
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        return text


def _masked(doc, start: int, end: int) -> bool:
    """Inside markup the input layer blanked (markdown heading marks)."""
    return any(m_start <= start and end <= m_end for m_start, m_end in doc.meta.get("masked", ()))


# A quotation mark inside “…” is unreadable, so these are named.
_MARK_NAMES = {"“": "左双引号", "”": "右双引号", "‘": "左单引号", "’": "右单引号", '"': "双引号", "'": "单引号"}


def _replacement_action(replacement: str) -> str:
    if not replacement:
        return "应删除"
    if replacement in _MARK_NAMES:
        return f"应改为{_MARK_NAMES[replacement]}{replacement}"
    return f"应改为“{replacement}”"


def _markup_findings(rule: Rule, doc, applicability: Applicability):
    found: list[tuple[int, int, MarkupPattern]] = []
    latin = _latin1(doc)
    for entry in markup_patterns(rule.code):
        if not entry.may_match(doc.text, latin):
            continue
        for match in entry.pattern.finditer(doc.text):
            found.append((match.start(), match.end(), entry))
    # Longest match first at each start; a match inside an earlier one is not reported again.
    found.sort(key=lambda item: (item[0], -item[1]))
    covered_to = -1
    for start, end, entry in found:
        if start < covered_to or start == end:
            continue
        covered_to = end
        text = doc.text[start:end]
        replacement = ""
        if entry.fix == "unescape":
            import html  # ~3 ms to import, for the rare report that holds an HTML entity

            replacement = html.unescape(text).replace("\xa0", "")
        fix_message = f"改为“{replacement}”" if replacement else f"删除“{text}”"
        action = _replacement_action(replacement)
        yield rule.finding(
            start, end, entry.message.format(text=text, action=action),
            fix=Fix.replace(start, end, replacement, fix_message, applicability=applicability),
            data={"kind": entry.kind, "text": text},
        )


# ---------------------------------------------------------------------------------------------
# Rules


class ConverterMarkup(Rule):
    """Markup a converter printed as text: Word bookmarks, HTML tags and entities, field codes.

    "[bookmark: _GoBack]" (Word's last-edit bookmark), "<br/>", "&nbsp;" or "{ PAGE }" show
    that the text went through a converter and nobody proofread the result; in a published
    report they read as garbage and undermine the document's authority.  The markup carries no
    content, so the fix deletes it (an entity becomes its character).
    """

    code = "F101"
    name = "converter-markup"
    severity = Severity.WARNING
    summary = "文本中残留 Word 书签、网页标签、域代码等转换痕迹"
    norm = _GBT9704_TEXT
    bad = "一、主要举措\n[bookmark: _GoBack]（一）推进依法决策。<br/>全年审查文件12件&nbsp;。\n"
    good = "一、主要举措\n（一）推进依法决策。全年审查《关于加强书签管理的通知》等文件12件，1<2。\n"
    fixable = True

    def check(self, doc, ctx):
        yield from _markup_findings(self, doc, Applicability.SAFE)


class TemplateSlot(Rule):
    """A template or mail-merge placeholder left unfilled: {{单位名称}}, ${年度}, «单位».

    A report drafted from a template and submitted with a slot unreplaced is missing the very
    fact the slot stood for (an organ's name, a year, a number).  The slot must be filled by the
    author; deleting it is offered only as an unsafe fix because it does not restore the content.
    """

    code = "F103"
    name = "template-slot"
    severity = Severity.ERROR
    summary = "模板占位符（如“{{单位名称}}”）未替换"
    norm = _PUBLISH
    bad = "{{单位名称}}2023年法治政府建设情况报告\n"
    good = "某某镇2023年法治政府建设情况报告\n全年办理行政复议案件{3}件的写法不属于模板占位符。\n"
    fixable = True

    def check(self, doc, ctx):
        yield from _markup_findings(self, doc, Applicability.UNSAFE)


# Characters that never belong in report text and that a reader cannot see.
_INVISIBLE_NAMES = {
    "\u200b": "零宽空格", "\u200c": "零宽非连接符", "\u200d": "零宽连接符", "\u2060": "零宽不换行符",
    "\ufeff": "字节顺序标记（BOM）", "\u00ad": "软连字符", "\ufffc": "对象替换符", "\u180e": "蒙古文元音分隔符",
    "\u200e": "从左至右标记", "\u200f": "从右至左标记", "\u202a": "方向嵌入符", "\u202b": "方向嵌入符",
    "\u202c": "方向格式结束符", "\u202d": "方向覆盖符", "\u202e": "方向覆盖符",
}
_CONTROLS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f"
_INVISIBLE = lazy("[" + "".join(_INVISIBLE_NAMES) + _CONTROLS + "]+")
# The same characters, split for a quick test: those up to U+00FF, looked for in the text's
# Latin-1 characters (a short bytes string: the CJK text drops out), and the others one by one.
_LATIN_INVISIBLE = lazy(("[" + "".join(ch for ch in _INVISIBLE_NAMES if ch <= "\xff") + _CONTROLS + "]")
                        .encode("latin-1"))
_WIDE_INVISIBLE = "".join(ch for ch in _INVISIBLE_NAMES if ch > "\xff")
_REPLACEMENT_CHAR = "\ufffd"


def _may_hold_invisible(doc) -> bool:
    return bool(_LATIN_INVISIBLE.search(_latin1(doc)) or _present(doc, _WIDE_INVISIBLE))


def _describe(chars: str) -> str:
    names: list[str] = []
    for ch in chars:
        name = _INVISIBLE_NAMES.get(ch) or ("换页符" if ch == "\x0c" else "控制字符")
        label = f"{name} U+{ord(ch):04X}"
        if label not in names:
            names.append(label)
    return "、".join(names)


class InvisibleCharacter(Rule):
    """Zero-width characters, a byte order mark inside the text, and control characters.

    They come from copying out of web pages, WeChat articles and PDF files.  The reader cannot
    see them, but they split words for search and for this linter's own rules, and show as boxes
    or "?" on some publishing systems.  They carry nothing, so the fix deletes them.  A U+FFFD
    replacement character means a character was lost in a conversion: it is reported without a
    fix, because only the original can tell what it was.
    """

    code = "F102"
    name = "invisible-character"
    severity = Severity.WARNING
    summary = "文本中有零宽字符、控制字符等不可见字符或乱码替换符"
    norm = _GBT9704_TEXT
    bad = "一、主要举措\n全年\u200b审查规范性文件12件。\n"
    good = "一、主要举措\n全年审查规范性文件12件。\t\n"
    fixable = True

    def check(self, doc, ctx):
        text = doc.text
        if _may_hold_invisible(doc):
            yield from self._invisible(text)
        yield from self._replacement_chars(text)

    def _invisible(self, text: str):
        for match in _INVISIBLE.finditer(text):
            chars = match.group()
            count = f"{len(chars)} 个" if len(chars) > 1 else ""
            yield self.finding(
                match.start(), match.end(),
                f"此处有{count}不可见字符（{_describe(chars)}），是复制或转换残留，应删除",
                fix=Fix.delete(match.start(), match.end(), "删除不可见字符"),
                data={"chars": [f"U+{ord(ch):04X}" for ch in chars]},
            )

    def _replacement_chars(self, text: str):
        start = text.find(_REPLACEMENT_CHAR)
        while start >= 0:
            end = start
            while end < len(text) and text[end] == _REPLACEMENT_CHAR:
                end += 1
            yield self.finding(
                start, end,
                "此处有乱码替换符“\ufffd”，说明有字符在转换或解码时丢失，请对照原文补正",
                data={"chars": ["U+FFFD"] * (end - start)},
            )
            start = text.find(_REPLACEMENT_CHAR, end)


# Half-width spaces (and their typographic cousins) that converters leave at line edges.  The
# full-width space U+3000 is not among them: 公文 indents and pads signature and date lines with
# it on purpose.
_HALF_WIDTH_SPACES = " \u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
_EDGE_SPACES = _HALF_WIDTH_SPACES + "\t\u3000"


def _runs(text: str, offset: int, members: str) -> list[tuple[int, int]]:
    """Maximal runs of characters in ``members`` within text, as absolute spans."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        if text[i] in members:
            j = i
            while j < len(text) and text[j] in members:
                j += 1
            runs.append((offset + i, offset + j))
            i = j
        else:
            i += 1
    return runs


_EDGE_OR_BREAK = _EDGE_SPACES + "\n"


def _lines_with_edge_spaces(doc, chars: list[str]) -> list:
    """The lines where one of ``chars`` stands at a line edge or next to an edge space.

    A space in a line's leading or trailing blank run, or on a blank line, always does; a space
    between two words (GB/T 9704) never does, so most lines are never looked at.
    """
    text = doc.text
    numbers: set[int] = set()
    for ch in chars:
        i = text.find(ch)
        while i >= 0:
            if i == 0 or text[i - 1] in _EDGE_OR_BREAK or i + 1 == len(text) or text[i + 1] in _EDGE_OR_BREAK:
                numbers.add(doc.position(i)[0])
            i = text.find(ch, i + 1)
    return [doc.lines[number - 1] for number in sorted(numbers)]


class StraySpaces(Rule):
    """Half-width spaces at the start or end of a line, or on a line of their own.

    Word-to-text converters leave a space at the end of lines and a line holding a lone space at
    the end of the file; pasted text brings leading spaces.  They change nothing a reader should
    see, make lines differ in diffs and comparisons, and a leading half-width space misaligns
    the first-line indent of two full-width characters that GB/T 9704 prescribes.  Full-width
    spaces used to indent or pad signature and date lines are normal in 公文 and are not
    reported; a tab used for indentation is left alone (it is an indent, not residue), but a
    trailing tab is reported.  In a markdown file trailing spaces are a line break and stay.  The
    fix deletes the half-width spaces (and trailing tabs).
    """

    code = "F104"
    name = "stray-spaces"
    severity = Severity.INFO
    summary = "行首、行末或空行中有多余的半角空格"
    norm = "GB/T 9704-2012《党政机关公文格式》7.3.3：正文每个自然段左空二字，回行顶格"
    bad = "一、主要举措 \n 全年审查规范性文件12件。\n"
    good = "一、主要举措\n\u3000\u3000全年审查规范性文件12件。\n\t（一）依法决策\n某某镇人民政府\u3000\u3000\n"
    fixable = True

    def check(self, doc, ctx):
        present = _present(doc, _HALF_WIDTH_SPACES + "\t")
        if not present:
            return
        last = len(doc.lines)
        # In markdown two trailing spaces are a hard line break, i.e. markup, not residue.
        trailing = doc.meta.get("kind") != "markdown"
        for line in _lines_with_edge_spaces(doc, present):
            text = line.text
            if not text:
                continue
            if not text.strip(_EDGE_SPACES):
                yield from self._blank_line(doc, line, last)
                continue
            lead = len(text) - len(text.lstrip(_EDGE_SPACES))
            runs = _runs(text[:lead], line.start, _HALF_WIDTH_SPACES)
            runs = [run for run in runs if not _masked(doc, *run)]
            if runs:
                yield self._finding(runs, "行首有多余的半角空格")
            if not trailing:
                continue
            trail = len(text.rstrip(_EDGE_SPACES))
            runs = _runs(text[trail:], line.start + trail, _HALF_WIDTH_SPACES + "\t")
            runs = [run for run in runs if not _masked(doc, *run)]
            if runs:
                yield self._finding(runs, "行末有多余的空格")

    def _blank_line(self, doc, line, last: int):
        runs = _runs(line.text, line.start, _HALF_WIDTH_SPACES + "\t")
        runs = [run for run in runs if not _masked(doc, *run)]
        if not runs:
            return
        if line.number == last:
            message = "文件末尾的最后一行只有空格，是转换残留"
        else:
            message = "空行中有多余的空格"
        yield self._finding(runs, message)

    def _finding(self, runs: list[tuple[int, int]], message: str):
        edits = tuple(Edit(start, end, "") for start, end in runs)
        return self.finding(runs[0][0], runs[-1][1], message, fix=Fix(message="删除多余的空格", edits=edits))


_NEWLINE_NAMES = {"\n": "LF（Unix/Linux）", "\r\n": "CRLF（Windows）", "\r": "CR（旧版 Mac）"}


class MixedLineEndings(Rule):
    """One file, one kind of line end.

    A file whose lines end partly in CRLF and partly in LF was pasted together from several
    sources; some editors and upload forms then show doubled or missing line breaks.  Reported
    once per file, at the first line whose end differs from the majority.  There is no text fix
    (line ends are not part of the linted text); re-save the file with one kind of line end.
    """

    code = "F105"
    name = "mixed-line-endings"
    severity = Severity.INFO
    summary = "文件中混用了不同的换行符（CRLF 与 LF）"
    norm = "文本文件交换惯例：一个文件只用一种换行符（多为混合粘贴所致）"
    bad = "一、主要举措\n二、存在的不足\n三、下一年度安排\n"
    good = "一、主要举措\n二、存在的不足\n三、下一年度安排\n"
    bad_meta = {"newline": "\r\n", "newline_counts": {"\n": 1, "\r\n": 2, "\r": 0}, "newline_minority": [2]}
    good_meta = {"newline": "\r\n", "newline_counts": {"\n": 0, "\r\n": 3, "\r": 0}, "newline_minority": []}

    def check(self, doc, ctx):
        minority = doc.meta.get("newline_minority") or []
        if not minority or doc.meta.get("kind") == "docx":
            return
        first = minority[0]
        if not 1 <= first <= len(doc.lines):
            return
        line = doc.lines[first - 1]
        end = min(line.end + 1, len(doc.text))
        dominant = doc.meta.get("newline", "\n")
        others = sorted({k for k, n in (doc.meta.get("newline_counts") or {}).items() if n and k != dominant})
        other_names = "、".join(_NEWLINE_NAMES[k] for k in others) or "其他换行符"
        more = f"等 {len(minority)} 行" if len(minority) > 1 else ""
        yield self.finding(
            line.end, end,
            f"文件混用了换行符：多数行以 {_NEWLINE_NAMES.get(dominant, dominant)} 结尾，"
            f"第{first}行{more}以 {other_names} 结尾，建议统一",
            data={"dominant": dominant, "lines": list(minority)},
        )


_ENCODING_NAMES = {"gb18030": "GB18030（GBK）", "gbk": "GBK", "gb2312": "GB2312",
                   "utf-16-le": "UTF-16", "utf-16-be": "UTF-16", "utf-32-le": "UTF-32", "utf-32-be": "UTF-32"}


class LegacyEncoding(Rule):
    """The file is not in UTF-8.

    GB18030/GBK files from government desktops read as garbage on systems that assume UTF-8
    (web publishing, mobile, most tools), and UTF-16 files look binary to many of them.  lawlint
    reads them correctly; saving as UTF-8 keeps every later reader safe.  --fix keeps the file's
    own encoding, so this is advice, not a fix.
    """

    code = "F106"
    name = "legacy-encoding"
    severity = Severity.INFO
    summary = "文件不是 UTF-8 编码（如 GB18030/GBK、UTF-16）"
    norm = "文本文件交换惯例：UTF-8 是通用编码（GB 18030 文件在按 UTF-8 读取的系统上显示为乱码）"
    bad = "一、主要举措\n"
    good = "一、主要举措\n"
    bad_meta = {"encoding": "gb18030", "bom": False}
    good_meta = {"encoding": "utf-8", "bom": True}

    def check(self, doc, ctx):
        encoding = str(doc.meta.get("encoding") or "").lower()
        if not encoding or encoding.replace("_", "-") in ("utf-8", "utf8", "utf-8-sig", "ascii"):
            return
        name = _ENCODING_NAMES.get(encoding, encoding.upper())
        yield self.finding(0, 0, f"文件编码为 {name}，建议另存为 UTF-8", data={"encoding": encoding})


@hookimpl
def lawlint_rules():
    return [ConverterMarkup, InvisibleCharacter, TemplateSlot, StraySpaces, MixedLineEndings, LegacyEncoding]


@hookimpl
def lawlint_data_versions():
    # Asked for at every start: the tables are read (kept as JSON between runs), nothing is built.
    version = load_toml(_MARKUP_FILE).get("version", "?")
    return {"residue_markup": f"{version} ({content_hash(read_data(_MARKUP_FILE))})"}
