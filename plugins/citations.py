"""C — citations of documents and laws: titles in 《》, 发文字号, 以下简称.

The titles are compared with a registry of canonical titles (citations_registry); the registry
only knows central documents, national laws and a sample of local regulations, so a title that is
not in it and not close to an entry is a local document and is never reported.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from operator import ne

from lawlint.buildcache import compile_regex
from lawlint.diagnostics import Applicability, Fix, Severity
from lawlint.hookspec import hookimpl
from lawlint.regexhint import lazy
from lawlint.reportyear import report_year
from lawlint.rules import Rule

from .citations_abbreviations import definitions, uses
from .citations_registry import (
    DOC_TYPES,
    MAX_EDITS,
    PERIOD_TAIL,
    PRC,
    SHORT_ALIAS,
    Entry,
    Match,
    data_versions,
    doc_type,
    edit_distance,
    kind_at_end,
    loose_form,
    loose_of_strict,
    registry,
    strict_form,
    strict_forms,
    type_stem,
)
from .citations_titles import find_citations
from .datafile import load_toml
from .textdistance import diff_opcodes

_GBT15834 = "GB/T 15834-2011《标点符号用法》4.15 书名号：标示书名、篇名、文件名等；书名号里边还要用书名号时，外面一层用双书名号，里边一层用单书名号"
_GBT9704_NUMBER = "GB/T 9704-2012《党政机关公文格式》7.2.4 发文字号：年份用六角括号“〔〕”括入，序号不加“第”字，不编虚位（即1不编为01）"
_REGULATION = "《党政机关公文处理工作条例》第十九条：引用公文应当先引标题，后引发文字号；《法治政府建设与责任落实督察工作规定》"

MATCHING_FILE = "citations_matching.toml"

# A place name at the head of a title (天津市…, 重庆市荣昌区…, 回龙坝镇…).  Titles that start with
# an issuing organ or "关于" are not place names.
_PLACE_HEAD = lazy(r"^(?!国务院|中共|中央|全国|最高|关于)[\u4e00-\u9fff]{1,10}?(?:自治区|自治州|自治县|省|市|区|县|镇|乡|街道|旗)")
_NUMERALS = lazy(r"[0-9０-９一二三四五六七八九十〇零]")


def _place_head_end(title: str) -> int:
    match = _PLACE_HEAD.match(title)
    return match.end() if match else 0


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _kind_typo(key: str, other: str) -> bool:
    """《优化营商环境条列》: the cited title's last characters are the registry title's kind with
    one character changed (条列 for 条例, 钢要 for 纲要, 暂性条例 for 暂行条例), and what the
    citation seems to name instead is no kind or a shorter one."""
    return _is_kind_typo(PERIOD_TAIL.sub("", key), doc_type(key), doc_type(other))


def _is_kind_typo(key_core: str, cited_kind: str, kind: str) -> bool:
    """_kind_typo of a cited title without its trailing （…）, given both kinds."""
    if len(kind) < 2 or len(key_core) < len(kind) or not kind.endswith(cited_kind) or kind == cited_kind:
        return False
    return sum(map(ne, key_core[-len(kind):], kind)) == 1


def _same_kind(key: str, other: str) -> bool:
    return doc_type(key) == doc_type(other) or _kind_typo(key, other)


def _budget_for(cited_kind: str, key_core: str):
    """Edits allowed between the citation (its loose form, of kind ``cited_kind`` and ``key_core``
    without its trailing （…）) and a registry form: none for another kind of document, else by
    the length of the form's distinctive core.

    The citation's kind is worked out once by the caller, not once for each candidate form.
    """
    reg = registry()

    def budget(_key: str, other: str) -> int:
        kind, allowed = reg.form_budget(other)
        if allowed and (kind == cited_kind or _is_kind_typo(key_core, cited_kind, kind)):
            return allowed
        return 0  # another kind of document: not worth an edit distance

    return budget


def near_miss(title: str, exclude=None):
    """A registry entry the title is a misspelling of, or None.  Precision first: see the guards.

    ``exclude`` pretends one entry is missing from the registry (for measurements).  The rules
    ask _near_misses, which searches a title cited twice in a report only once.
    """
    strict = strict_form(title)
    if exclude is None and registry().owners(strict):
        return None  # accepted as written
    return _near_miss_of_unaccepted(title, strict, exclude)


def _near_miss_of_unaccepted(title: str, strict: str, exclude=None):
    """near_miss of a title that is not an accepted form (or of any, given ``exclude``), given
    its strict form: the rules know both from _looked_up."""
    if "〈" in title or "《" in title or len(strict) <= SHORT_ALIAS:
        return None
    reg = registry()
    if exclude is None and _may_have_misspelt_prc(strict):
        prefixed = _misspelt_prc(strict)
        if prefixed is not None:
            return prefixed
    # The place name at the head of the loose form, looked for in the strict form: it is made of
    # CJK characters, which loose_of_strict leaves alone (it folds marks), so it is the same.
    head = _place_head_end(strict)
    if head and not reg.has_prefix(strict[:head]):
        return None  # every registry title differs in the place name at the head: see below
    key = loose_of_strict(strict)
    key_core = PERIOD_TAIL.sub("", key) if "（" in key or "(" in key else key  # what PERIOD_TAIL opens with
    cited_kind = kind_at_end(key_core)  # doc_type(key)
    registry_form = reg.is_loose_form(key)
    if not registry_form:
        kinds = _kinds_within_budget(cited_kind, key_core)
        if not _kind_in_reach(reg, len(key), kinds):
            return None  # most local titles: no form of a kind and length in reach
    budget = _budget_for(cited_kind, key_core)
    if not registry_form and not _any_form_within_budget(reg, key, budget, kinds):
        return None  # what most other local titles come to, without ranking the bigram candidates
    match = reg.near(title, budget, exclude)
    if match is None:
        return None
    other = loose_form(match.form)
    # A different kind of document (…工作方案的通知 against …的指导意见) is another document.
    if not _same_kind(key, other):
        return None
    # A different place name at the head: 天津市文明行为促进条例 is not a misspelt 北京市….
    differs_at = _common_prefix(key, other)
    if differs_at < max(_place_head_end(key), _place_head_end(other)):
        return None
    if not _only_slips(key, other, match.entry):
        return None
    return match


def _kinds_within_budget(cited_kind: str, key_core: str) -> list[str]:
    """The kinds a registry form may have for the citation to be within its budget (see
    _budget_for): the citation's own, and those it mistyped.

    _is_kind_typo accepts a longer kind ending with the cited one (暂性条例 for 暂行条例) or, for a
    title of no kind, a kind its end matches but for one character (条列 for 条例)."""
    mistyped = _longer_kinds(cited_kind) if cited_kind else _kinds_one_slip_from(key_core)
    if not mistyped:
        return [cited_kind]
    return [cited_kind, *(kind for kind in mistyped if _is_kind_typo(key_core, cited_kind, kind))]


def _kind_in_reach(reg, length: int, kinds: list[str]) -> bool:
    """Whether the registry has a form of one of the ``kinds`` (see _kinds_within_budget) and of
    a length within that form's budget of the citation's ``length``: no work per form, and most
    local titles (工作要点, 分解表, 通知 of any length) fail it."""
    reach = reg.lengths_in_reach
    for kind in kinds:
        if length in reach.get(kind, ()):
            return True
    return False


@cache
def _longer_kinds(kind: str) -> list[str]:
    """The longer kinds that end with a kind (条例: 实施条例, 暂行条例, 工作条例)."""
    return [longer for longer in DOC_TYPES if len(longer) > len(kind) and longer.endswith(kind)]


def _kinds_one_slip_from(text: str) -> list[str]:
    """The kinds (two characters or more) that the end of ``text`` matches with at most one
    character changed.  Such a kind ends with the text's last character or has its last but one
    where the text has it: only the few kinds that do are compared."""
    by_last, by_last_but_one = _kinds_by_end()
    candidates = by_last.get(text[-1:], ()) + by_last_but_one.get(text[-2:-1], ())
    return [kind for kind in dict.fromkeys(candidates)
            if len(kind) <= len(text) and sum(map(ne, text[-len(kind):], kind)) <= 1]


@cache
def _kinds_by_end() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """The kinds of two characters or more by their last character, and by their last but one."""
    by_last: dict[str, tuple[str, ...]] = {}
    by_last_but_one: dict[str, tuple[str, ...]] = {}
    for kind in DOC_TYPES:
        if len(kind) >= 2:
            by_last[kind[-1]] = (*by_last.get(kind[-1], ()), kind)
            by_last_but_one[kind[-2]] = (*by_last_but_one.get(kind[-2], ()), kind)
    return by_last, by_last_but_one


def _any_form_within_budget(reg, key: str, budget, kinds: list[str]) -> bool:
    """Whether any registry form may be within its budget of edits of the loose form ``key``
    (only forms of the ``kinds`` can be: see _kinds_within_budget).

    Registry.near can only find such a form, among the bigram candidates it ranks; when there is
    none in the whole registry it finds nothing, and the few forms that share the key's rarest
    bigrams are much cheaper to check than the ranking.
    """
    reachable = reg.reachable(key, MAX_EDITS, kinds)
    if reachable is None:
        return True  # too short to rule anything out
    for other, lacks in reachable:
        limit = budget(key, other)
        if (limit > 0 and lacks <= limit and abs(len(other) - len(key)) <= limit
                and edit_distance(key, other, limit) <= limit):
            return True
    return False


def _near_misses(doc) -> dict:
    """The near miss (see near_miss) of each title cited in the document that has one, by title."""
    return doc.fact("citations.near_misses", _find_near_misses)


def _find_near_misses(doc) -> dict:
    found = {}
    searched = set()  # each distinct title once
    for citation, (strict, accepted, _) in zip(find_citations(doc), _looked_up(doc)):
        title = citation.text
        if accepted or title in searched:
            continue
        searched.add(title)
        match = _near_miss_of_unaccepted(title, strict)
        if match is not None:
            found[title] = match
    return found


@cache
def _matching() -> dict:
    data = dict(load_toml(MATCHING_FILE))
    data["confusable"] = {frozenset(pair) for pair in data["confusable_pairs"]}
    return data


_MARKS = lazy(r"^[\W_—－（）〈〉、·]+$")


def _only_slips(cited: str, canonical: str, entry) -> bool:
    """Whether every difference between the two loose forms is a slip rather than another word.

    Slips: a lost or added mark, filler character or closing bracket; a confusable character
    (制 for 治); a wrong year digit in a document with a known period; for central documents, one
    changed character, a dropped modifier (全面) or a shortened issuer (中央 for 中共中央); and one
    lost character of a long name.
    """
    rules = _matching()
    central = entry.source == "document"
    # A national law or regulation with a long name may have one character typed wrong
    # (《重大行政决策程序暂性条例》); short names are too close to one another for that.
    long_national = entry.central and len(type_stem(canonical)[0].removeprefix(PRC)) >= rules["min_stem_for_dropped_char"]
    changed = 0
    for op, i1, i2, j1, j2 in diff_opcodes(cited, canonical):
        if op == "equal":
            continue
        ours, theirs = cited[i1:i2], canonical[j1:j2]
        if op == "replace":
            if len(ours) != 1 or len(theirs) != 1:
                return False
            if frozenset(ours + theirs) in rules["confusable"] or (_MARKS.match(ours) and _MARKS.match(theirs)):
                continue
            if ours.isdigit() and theirs.isdigit() and entry.period is not None:
                continue  # a wrong year of a known period
            if _NUMERALS.match(ours) or _NUMERALS.match(theirs):
                return False  # another part or edition: 解释（二）, “七五”普法规划
            changed += 1
            if not (central or long_national) or changed > 1:
                return False
            continue
        lost = ours or theirs  # insert or delete
        if _MARKS.match(lost) or all(ch in rules["filler"] for ch in lost):
            continue
        if ours.isdigit() or theirs.isdigit():
            if entry.period is None:
                return False
            continue
        if central and not ours and (theirs in rules["droppable_words"] or j2 <= canonical.find("关于")):
            continue  # 全面推行 written 推行, or the issuer 中共中央 written 中央
        if not ours and len(theirs) == 1 and len(type_stem(canonical)[0]) >= rules["min_stem_for_dropped_char"]:
            changed += 1  # one character lost from a long title
            if changed > 1:
                return False
            continue
        return False
    return True


# A head within two edits of "中华人民共和国" keeps at least five of its characters in at most three
# runs, so it holds one of its bigrams.
_PRC_BIGRAM = lazy("|".join(PRC[i:i + 2] for i in range(len(PRC) - 1)))


def _may_have_misspelt_prc(key: str) -> bool:
    """A cheap test that most titles fail, before _misspelt_prc."""
    return _PRC_BIGRAM.search(key, 0, len(PRC) + 2) is not None and not key.startswith(PRC)


def _misspelt_prc(key: str):
    """《中国人民共和国行政复议法》: a misspelt "中华人民共和国" before a law's accepted name
    (``key``, the title's strict form), which _may_have_misspelt_prc lets through."""
    reg = registry()
    for cut in range(len(PRC) - 2, len(PRC) + 3):
        head, rest = key[:cut], key[cut:]
        owners = reg.owners(PRC + rest) if len(rest) >= 2 else []  # already a strict form
        if not owners:
            continue
        distance = edit_distance(head, PRC, 2)
        if 0 < distance <= 2 and len(owners) == 1:
            return Match(owners[0], PRC + rest, distance)
    return None


# What _hint looks for (lazy: compiled, or read back from lawlint.buildcache, only for a near miss).
_WRONG_DASH = lazy(r"—{2,}|[-‐‑–−﹣~～]")
_HALF_WIDTH_BRACKET = lazy(r"[()\[\]〔〕]")
_YEARS_RUN_TOGETHER = lazy(r"\d{4}\d{4}")
_YEAR_RANGE = lazy(r"\d{4}[—－]\d{4}")
_YEAR_CLOSING = lazy(r"\d{4}）")
_YEAR_WITH_NIAN_CLOSING = lazy(r"\d{4}年）")


def _hint(cited: str, canonical: str, period=None) -> str:
    cited_s, canonical_s = strict_form(cited), strict_form(canonical)
    if loose_form(cited) == loose_form(canonical):
        if _WRONG_DASH.search(cited_s):
            return "年份区间应使用连接号“—”"
        if _HALF_WIDTH_BRACKET.search(cited_s):
            return "括号应使用全角“（）”"
        return ""
    if _YEARS_RUN_TOGETHER.search(cited_s):
        return "年份区间缺少连接号“—”"
    if "法制" in cited_s and "法治" in canonical_s and cited_s.replace("法制", "法治") == canonical_s:
        return "“法治”误作“法制”"
    if cited_s.count("（") != cited_s.count("）"):
        return "括号不完整"
    if period and _YEAR_RANGE.search(cited_s) and f"{period[0]}—{period[1]}" not in cited_s.replace("－", "—"):
        return f"实施期限为{period[0]}—{period[1]}年"
    if _YEAR_CLOSING.search(cited_s) and _YEAR_WITH_NIAN_CLOSING.search(canonical_s):
        return "年份后缺少“年”"
    if canonical_s.startswith(PRC) and not cited_s.startswith(PRC) and cited_s.endswith(canonical_s[len(PRC):]):
        return "“中华人民共和国”有误"
    return ""


def _year(doc, ctx):
    return report_year(doc, ctx.report_year).year


def _looked_up(doc) -> list[tuple[str, bool, Entry | None]]:
    """What the registry says of each citation of find_citations, asked once for all the rules:
    (the title's strict form, whether it is written as an accepted form, the one document it names)."""
    return doc.fact("citations.looked_up", _look_up)


def _look_up(doc) -> list[tuple[str, bool, Entry | None]]:
    # No title runs over a line end (see citations_titles).
    return registry().look_up(strict_forms([citation.text for citation in find_citations(doc)], "\n"))


def _citations_with_entries(doc):
    """(citation, entry) for each citation that names exactly one registry document; a title inside
    a title naming the same document as its parent is skipped (the notice carrying a 纲要)."""
    citations = find_citations(doc)
    entries = [entry for _, _, entry in _looked_up(doc)]
    for citation, entry in zip(citations, entries):
        if entry is None:
            continue
        if citation.parent is not None and entries[citation.parent] is entry:
            continue
        yield citation, entry


class CitationTitleNearMiss(Rule):
    """A title in 《》 that is a near miss of a registry title names the document wrongly.

    The titles of central documents and laws are fixed; a dropped character, 法制 for 法治, a wrong
    or missing dash, a lost "年" or a wrong period makes a published report misquote the document
    it claims to implement.  Titles not close to any entry (local documents) are never reported,
    and a title that differs in its place name or its kind of document is another document.
    """

    code = "C101"
    name = "citation-title-near-miss"
    severity = Severity.ERROR
    summary = "引用的文件、法律名称与正式名称不符"
    norm = _GBT15834 + "；" + _REGULATION
    bad = "认真研读《法治政府建设实施纲要（2021-2025年）》主要内容。\n"
    good = "认真研读《法治政府建设实施纲要（2021—2025年）》主要内容，学习《宪法》《民法典》。\n"
    fixable = True

    def check(self, doc, ctx):
        near_misses = _near_misses(doc)
        if not near_misses:
            return
        for citation in find_citations(doc):
            match = near_misses.get(citation.text)
            if match is None:
                continue
            hint = _hint(citation.text, match.form, match.entry.period)
            right = f"《{match.form}》" if citation.mark == "《" else f"〈{match.form}〉"
            message = f"引用的文件名称有误，应为{right}" + (f"（{hint}）" if hint else "")
            applicability = Applicability.UNSAFE if match.ambiguous else Applicability.SAFE
            fix = Fix.replace(citation.start, citation.end, match.form, f"改为{right}", applicability)
            yield self.finding(citation.start, citation.end, message, fix=fix,
                               data={"canonical": match.entry.title})


# Kinds a central document can have; a local implementing document (实施方案, 实施意见 …) that
# shares a central document's stem is legitimate.
_CENTRAL_KINDS = {"意见", "规定", "条例", "办法", "决定", "纲要", "规划", "指导意见", "暂行条例", "法", "决议"}


class CitationWrongKind(Rule):
    """A cited title with the right words but the wrong kind of document (意见 for 规定).

    《党政主要负责人履行推进法治建设第一责任人职责规定》 is a 规定; citing it as "…职责的意见" names a
    document that does not exist.  Only central documents and national laws are checked, and only
    when the cited kind is one a central document can have: a local 实施方案 or 实施意见 that shares
    the words of a central document is a different, legitimate document.
    """

    code = "C201"
    name = "citation-wrong-kind"
    severity = Severity.ERROR
    summary = "引用文件的文种有误（如将“规定”写成“意见”）"
    norm = _REGULATION
    bad = "认真贯彻落实《党政主要负责人履行推进法治建设第一责任人职责的意见》精神。\n"
    good = ("认真贯彻落实《党政主要负责人履行推进法治建设第一责任人职责规定》精神，"
            "制定《党政主要负责人履行推进法治建设第一责任人职责实施方案》。\n")
    fixable = True

    def check(self, doc, ctx):
        reg = registry()
        for citation, (strict, accepted, _) in zip(find_citations(doc), _looked_up(doc)):
            title = citation.text
            if accepted or "〈" in title or "《" in title or _place_head_end(strict):
                continue
            stem, kind = type_stem(title)
            if kind not in _CENTRAL_KINDS or len(stem) < 6:
                continue
            others = [e for e in reg.by_stem(stem) if type_stem(e.title)[1] != kind]
            if len(others) != 1 or title in _near_misses(doc):
                continue
            right = others[0].title
            if not title.startswith(PRC) and right.startswith(PRC):
                right = right.removeprefix(PRC)
            right_kind = type_stem(right)[1]
            yield self.finding(
                citation.start, citation.end,
                f"文种有误：该文件是“{right_kind}”，不是“{kind}”，应为《{right}》",
                fix=Fix.replace(citation.start, citation.end, right, f"改为《{right}》", Applicability.UNSAFE),
                data={"canonical": others[0].title},
            )


# 发改办财金〔2019〕527号 and its wrong forms: [2019], 【2019】, （2019）, 第527号, 〔2019〕0527号.
_NUMBER_OPENS = "〔[【（(［﹝{"
_NUMBER_CLOSES = "〕]】）)］﹞}"
_DOC_NUMBER = lazy(
    rf"(?<=[\u4e00-\u9fff])(?P<open>[{re.escape(_NUMBER_OPENS)}])\s*(?P<year>(?:19|20)\d{{2}})\s*"
    rf"(?P<close>[{re.escape(_NUMBER_CLOSES)}])\s*(?P<di>第)?\s*(?P<number>\d{{1,5}})\s*号",
    hint=True,
)
# Every character of a 文号 before its 号, besides digits and white space.
_NUMBER_MARKS = frozenset(_NUMBER_OPENS + _NUMBER_CLOSES + "第")


def _document_numbers(text: str):
    """The matches of _DOC_NUMBER in the text, found from the 号 that ends each of them.

    A 文号 holds no 号 but its last character, so a match ends at the first 号 after its start:
    each 号 is looked at with the run of number characters just before it, and the pattern only
    ever scans that run, not the whole text.
    """
    end = text.find("号")
    while end >= 0:
        start = end
        while start > 0 and (text[start - 1] in _NUMBER_MARKS or text[start - 1].isdecimal()
                             or text[start - 1].isspace()):  # what \d and \s match
            start -= 1
        if start < end:
            match = _DOC_NUMBER.search(text, start, end + 1)
            if match is not None:
                yield match
        end = text.find("号", end + 1)


_CASE_NUMBER = lazy(r"罚|裁|判|诉|案|复议|仲|执")


class DocumentNumberForm(Rule):
    """A 发文字号 is written 机关代字〔年份〕序号号: "发改办财金〔2019〕527号".

    GB/T 9704-2012 7.2.4 puts the year in 六角括号 〔〕, with no "第" before the serial number and
    no leading zeros.  "[2019]", "【2019】", "（2019）", "第527号" and "0527号" are the usual
    slips; a wrong 文号 also makes the cited document harder to find.
    """

    code = "C202"
    name = "document-number-form"
    severity = Severity.WARNING
    summary = "发文字号格式不规范（年份应用六角括号〔〕，序号不加“第”、不编虚位）"
    norm = _GBT9704_NUMBER
    bad = "按照《关于进一步完善信用修复机制的通知》（发改办财金[2019]第0527号）要求。\n"
    good = "按照《关于进一步完善信用修复机制的通知》（发改办财金〔2019〕527号）要求，对照国务院令第713号。\n"
    fixable = True

    def check(self, doc, ctx):
        for match in _document_numbers(doc.text):
            if _CASE_NUMBER.search(doc.text, max(0, match.start() - 10), match.start()):
                continue  # a case or penalty number (…行罚决字〔2019〕第5号) has conventions of its own
            problems = []
            if match.group("open") != "〔" or match.group("close") != "〕":
                problems.append(f"年份应使用六角括号“〔{match.group('year')}〕”")
            if match.group("di"):
                problems.append("序号前不加“第”")
            number = match.group("number")
            if len(number) > 1 and number.startswith("0"):
                problems.append("序号不编虚位（不加前导0）")
            if not problems:
                continue
            right = f"〔{match.group('year')}〕{int(number)}号"
            yield self.finding(match.start(), match.end(), "发文字号格式不规范：" + "，".join(problems) + f"，应为“{right}”",
                               fix=Fix.replace(match.start(), match.end(), right, f"改为“{right}”"))


def _governing_clause(text: str, start: int) -> str:
    """The clause before a citation, back to the last sentence or clause break."""
    window = text[max(0, start - 80):start]
    cut = max(window.rfind(mark) for mark in "。；！？，\n")
    return window[cut + 1:]


_GOVERNING = lazy(r"贯彻|落实|按照|根据|依据|推进|执行|对照|遵照|实施")
# A sentence that sums up the finished plan ("圆满完成七五普法规划确定的目标") looks back, rightly.
_LOOKING_BACK = lazy(r"总结|收官|验收|回顾|圆满完成|顺利完成|全面完成|评估")


def _sentence(text: str, offset: int) -> str:
    start = max(text.rfind("。", 0, offset), text.rfind("\n", 0, offset)) + 1
    ends = [i for i in (text.find("。", offset), text.find("\n", offset)) if i >= 0]
    return text[start:min(ends) if ends else len(text)]


# A period at the end of a local plan's title: 《重庆市法治政府建设实施方案（2016—2020年）》.
_TITLE_PERIOD = lazy(r"[（(]((?:19|20)\d{2})\s*[—\-－~～至]+\s*((?:19|20)\d{2})年?[）)]$")


def _period_of(strict: str, entry: Entry | None):
    """((first, last), successor) of a plan: from the registry, or from the end of its title."""
    if entry is not None and entry.period is not None:
        return entry.period, entry.successor
    match = _TITLE_PERIOD.search(strict) if strict.endswith(("）", ")")) else None
    if match is None or int(match.group(1)) > int(match.group(2)):
        return None
    return (int(match.group(1)), int(match.group(2))), ""


class CitedPeriodExpired(Rule):
    """A 纲要 or 规划 implemented in a report year after its period ended is the wrong edition.

    A report on 2022 that says it implements 《法治政府建设实施纲要（2015—2020年）》 cites an
    expired plan: the 2021—2025 纲要 replaced it.  Only citations governed by 贯彻, 落实, 按照,
    根据, 推进 and the like are checked; a report may still mention an old 纲要 when it looks back.
    Local plans count too when their title ends in a period ("实施方案（2016—2020年）").  A plan
    cited before its period began is an anachronism, reported by Y203.
    """

    code = "C203"
    name = "cited-period-expired"
    severity = Severity.WARNING
    summary = "贯彻落实的纲要、规划在报告年度之前已到期"
    norm = "《法治政府建设与责任落实督察工作规定》第二十五条：年度报告报告上一年度推进法治政府建设的情况"
    bad = "2022年，我镇认真贯彻落实《法治政府建设实施纲要（2015—2020年）》。\n"
    good = "2020年，我镇认真贯彻落实《法治政府建设实施纲要（2015—2020年）》。\n"

    def check(self, doc, ctx):
        citations = find_citations(doc)
        periods = [_period_of(strict, entry) for strict, _, entry in _looked_up(doc)]
        if not any(periods):
            return  # no plan with a period: the report year is not needed
        year = _year(doc, ctx)
        if year is None:
            return
        for citation, found in zip(citations, periods):
            if found is None:
                continue
            (first, last), successor = found
            if citation.parent is not None and periods[citation.parent] == found:
                continue  # the notice that carries the plan: reported once, on the plan
            # A plan cited before its period began is an anachronism (Y203), not an expired plan.
            if year <= last:
                continue
            outer = citation
            while outer.parent is not None:
                outer = citations[outer.parent]
            if not _GOVERNING.search(_governing_clause(doc.text, outer.outer_start)):
                continue
            if _LOOKING_BACK.search(_sentence(doc.text, outer.outer_start)):
                continue
            successor = f"，应为现行的《{successor}》" if successor else ""
            yield self.finding(
                citation.start, citation.end,
                f"《{citation.text}》的实施期限为{first}—{last}年，报告年度{year}年已不在其期限内{successor}",
                data={"period": [first, last], "report_year": year},
            )


# A bare name counts as a citation only as a whole item of a list or a sentence: between these
# punctuation marks, so that 合同法 inside 劳动合同法 is never read as the repealed 合同法.
_BEFORE_BARE_NAME = "、，。；：“”\n"
_AFTER_BARE_NAME = "、，。；：“”）\n"


class _BareNames:
    __slots__ = ("by_ending", "ends", "pattern")

    def __init__(self, pattern: re.Pattern, ends: tuple[re.Pattern, ...], by_ending: dict[str, tuple[str, ...]]):
        self.pattern = pattern
        # Where a name can end: one regex per last character of a name (法, 例, 则), which finds it
        # before a mark that may follow a name; and the names by their last two characters.
        self.ends = ends
        self.by_ending = by_ending


@cache
def _bare_superseded() -> _BareNames:
    """Bare names (without 《》) of documents that were replaced, as one alternation."""
    names = set()
    for entry in registry().replaced_entries():
        if entry.period is not None:
            continue
        for form in entry.forms:
            if len(form) >= 3 and not any(mark in form for mark in "（）〈〉"):
                names.add(form)
    # Longest first; names of one length in a fixed order, so that the pattern is the same in
    # every process (and its compiled program is read back from lawlint.buildcache).
    alternation = "|".join(sorted(sorted(map(re.escape, names)), key=len, reverse=True))
    before, after = re.escape(_BEFORE_BARE_NAME), re.escape(_AFTER_BARE_NAME)
    pattern = compile_regex(rf"(?:(?<=[{before}])|^)({alternation})(?=[{after}]|$)", re.MULTILINE)
    ends = tuple(compile_regex(rf"{re.escape(last)}(?=[{after}]|\Z)") for last in sorted({name[-1] for name in names}))
    by_ending: dict[str, list[str]] = {}
    for name in sorted(names):
        by_ending.setdefault(name[-2:], []).append(name)
    return _BareNames(pattern, ends, {ending: tuple(found) for ending, found in by_ending.items()})


def _bare_superseded_matches(doc):
    """The matches of the bare-name pattern, searched only on the lines where a name ends
    before a mark that may follow it.

    The pattern opens with a lookbehind, so a scan of the whole text tries every position; a name
    never spans a line, and the few places where one may end are found much faster from its last
    character (each regex below opens with it, so the engine skips from one to the next).
    """
    bare = _bare_superseded()
    text = doc.text
    numbers = set()
    for end_pattern in bare.ends:
        for hit in end_pattern.finditer(text):
            end = hit.end()
            for name in bare.by_ending.get(text[end - 2:end], ()):
                if end >= len(name) and text.startswith(name, end - len(name)):
                    numbers.add(doc.position(end - 1)[0])
                    break
    for number in sorted(numbers):
        line = doc.lines[number - 1]
        # Line by line, the pattern sees the same: a lookbehind looks before `pos`, and at `endpos`
        # (the line end) "$" holds as it does before the "\n".
        yield from bare.pattern.finditer(text, line.start, line.end)


_REPEAL_CONTEXT = lazy(r"废止|失效|取代|替代|修订|修改|施行前|原《")


class CitedDocumentSuperseded(Rule):
    """A document repealed or replaced before the report year is cited as if it were in force.

    The 《信访条例》 was replaced by the 《信访工作条例》 on 1 May 2022, the 《合同法》 and eight
    other civil laws by the 《民法典》 on 1 January 2021: a later report that studies, publicises or
    applies them shows outdated work.  A bare name counts only as a whole list item (信访条例 between
    顿号), and a sentence that speaks of the repeal itself is left alone.  A law whose every version
    the law list marks as expired, with no known date, is reported only for report years from the
    year the list was taken (2025): before that it may still have been in force.
    """

    code = "C204"
    name = "cited-document-superseded"
    severity = Severity.WARNING
    summary = "引用了报告年度之前已废止或被取代的文件、法规"
    norm = "《中华人民共和国立法法》；《信访工作条例》第五十条（2022年5月1日起施行）等"
    bad = "2023年，我镇开展了“3.15”宣传、信访条例、反诈宣传等集中普法宣传。组织学习《中华人民共和国合同法》。\n"
    good = ("2023年，我镇开展了“3.15”宣传、信访工作条例、反诈宣传等集中普法宣传。组织学习《中华人民共和国民法典》，"
            "对照《劳动合同法》开展检查。\n")

    def check(self, doc, ctx):
        cited = [(citation, entry) for citation, entry in _citations_with_entries(doc) if self._replaceable(entry)]
        bare = list(_bare_superseded_matches(doc))
        if not cited and not bare:
            return  # nothing that can have been replaced: the report year is not needed
        year = _year(doc, ctx)
        if year is None:
            return
        for citation, entry in cited:
            if self._replaced(entry, year) and not self._speaks_of_repeal(doc.text, citation.start):
                yield self._finding(citation.start, citation.end, citation.text, entry, year)
        inside_titles = [(c.outer_start, c.outer_end) for c in find_citations(doc)]
        reg = registry()
        for match in bare:
            if any(s <= match.start() < e for s, e in inside_titles):
                continue
            entry = reg.entry(match.group(1))
            if entry is None or entry.replaced_on is None or not self._replaced(entry, year):
                continue
            if self._speaks_of_repeal(doc.text, match.start()):
                continue
            yield self._finding(match.start(1), match.end(1), match.group(1), entry, year)

    @staticmethod
    def _replaceable(entry) -> bool:
        """Whether _replaced can hold for some year."""
        return entry.period is None and (entry.replaced_on is not None or entry.all_expired)

    @staticmethod
    def _replaced(entry, year: int) -> bool:
        if entry.period is not None:
            return False  # plans with a period are C203's
        if entry.replaced_on is not None:
            return entry.replaced_on <= date(year, 1, 1)
        # Expired without a known date: certain only from the year the law list was taken.
        return entry.all_expired and year >= registry().laws_snapshot.year

    @staticmethod
    def _speaks_of_repeal(text: str, offset: int) -> bool:
        return bool(_REPEAL_CONTEXT.search(_sentence(text, offset)))

    def _finding(self, start, end, cited, entry, year):
        if entry.replaced_on is None:
            snapshot = registry().laws_snapshot
            return self.finding(
                start, end,
                f"“{cited}”已失效（据法规库，截至{snapshot.year}年{snapshot.month}月其各版本均已失效），"
                f"{year}年度报告不应再作为现行文件引用，请核对现行有效的文件",
                data={"successor": "", "replaced_on": ""},
            )
        when = f"{entry.replaced_on.year}年{entry.replaced_on.month}月{entry.replaced_on.day}日"
        successor = entry.successor
        return self.finding(
            start, end,
            f"“{cited}”已于{when}被《{successor}》取代（废止），{year}年度报告不应再作为现行文件引用，请改为《{successor}》",
            data={"successor": successor, "replaced_on": entry.replaced_on.isoformat()},
        )


class AbbreviationUnused(Rule):
    """An abbreviation defined with "（以下简称《纲要》）" and never used is noise.

    A definition promises the reader a short name to follow; when the text never uses it, the
    definition can go.  Info only: it does not change the meaning.
    """

    code = "C205"
    name = "abbreviation-unused"
    severity = Severity.INFO
    summary = "定义了“以下简称”却未使用"
    norm = _REGULATION
    bad = "根据《法治政府建设与责任落实督察工作规定》（以下简称《规定》），现将情况报告如下。\n"
    good = "根据《法治政府建设与责任落实督察工作规定》（以下简称《规定》），按照《规定》要求，现将情况报告如下。\n"

    def check(self, doc, ctx):
        defined = definitions(doc)
        for definition in defined:
            if any(offset > definition.def_end for offset in uses(doc, definition)):
                continue
            yield self.finding(definition.start, definition.end,
                               f"定义了简称“{definition.written}”，但后文未使用，可删去该简称")


class AbbreviationUsedBeforeDefinition(Rule):
    """An abbreviation in 《》 used before the sentence that defines it.

    A reader meets 《纲要》 before being told which 纲要 it is.  Only abbreviations written in
    书名号 are checked: a bare word such as 三项制度 is ordinary prose before it is ever defined.
    """

    code = "C206"
    name = "abbreviation-used-before-definition"
    severity = Severity.WARNING
    summary = "简称在定义之前使用"
    norm = _REGULATION
    bad = "按照《纲要》要求推进。根据《法治政府建设实施纲要（2021—2025年）》（以下简称《纲要》）。\n"
    good = "根据《法治政府建设实施纲要（2021—2025年）》（以下简称《纲要》），按照《纲要》要求推进。\n"

    def check(self, doc, ctx):
        seen = set()
        for definition in definitions(doc):
            if not definition.marked or definition.core in seen:
                continue
            seen.add(definition.core)
            earlier = [o for o in uses(doc, definition, marked_only=True) if o < definition.def_start]
            if earlier:
                start = earlier[0]
                yield self.finding(start, start + len(definition.core) + 2,
                                   f"简称《{definition.core}》在定义之前使用，其定义在第"
                                   f"{doc.position(definition.def_start)[0]}行")


class AbbreviationAmbiguous(Rule):
    """One abbreviation defined for two different documents leaves every later use ambiguous.

    "（以下简称《实施方案》）" after two different titles: the reader cannot tell which one a later
    《实施方案》 means.  我市《实施方案》 and 我区《实施方案》 are two different abbreviations.
    """

    code = "C207"
    name = "abbreviation-ambiguous"
    severity = Severity.WARNING
    summary = "同一简称指代两个不同文件"
    norm = _REGULATION
    bad = ("根据《甲镇法治建设实施方案》（以下简称《实施方案》）和《乙镇普法工作实施方案》"
           "（以下简称《实施方案》），按照《实施方案》推进。\n")
    good = ("根据《重庆市法治政府建设实施方案（2016—2020年）》（以下简称我市《实施方案》）和"
            "《重庆市荣昌区法治政府建设实施方案（2017—2020年）》（以下简称我区《实施方案》），"
            "落实我市《实施方案》和我区《实施方案》。\n")

    def check(self, doc, ctx):
        first: dict[str, object] = {}
        for definition in definitions(doc):
            if not definition.document:
                continue
            earlier = first.setdefault(definition.written, definition)
            if earlier is definition or strict_form(earlier.document) == strict_form(definition.document):
                continue
            # The whole "（以下简称…）", so that it is not merged with C205 on the abbreviation.
            yield self.finding(
                definition.def_start, definition.def_end,
                f"简称“{definition.written}”已在第{doc.position(earlier.start)[0]}行用于《{earlier.document}》，"
                f"此处又指《{definition.document}》，请改用不同简称",
            )


@hookimpl
def lawlint_rules():
    return [
        CitationTitleNearMiss,
        CitationWrongKind,
        DocumentNumberForm,
        CitedPeriodExpired,
        CitedDocumentSuperseded,
        AbbreviationUnused,
        AbbreviationUsedBeforeDefinition,
        AbbreviationAmbiguous,
    ]


@hookimpl
def lawlint_data_versions():
    return data_versions() | {"citations_matching": _matching()["version"]}
