"""W — wording: misused words, numbers (GB/T 15835-2011), fixed sequences, repeats, placeholders.

The word lists live beside this module as data (wording_*.toml, each with a header comment that
explains its format); they are read once, on first use.  Every rule here must stay silent on
correct official prose, so each list entry carries the context in which it is wrong and its own
examples (tests/test_wording.py runs them).
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from lawlint.diagnostics import Applicability, Fix, Severity
from lawlint.hookspec import hookimpl
from lawlint.reportyear import report_year
from lawlint.rules import Rule

_DATA_PACKAGE = "lawlint.plugins"
_WORDS = "wording_words.toml"
_SEQUENCES = "wording_sequences.toml"
_REPEATS = "wording_repeats.toml"
_PLACEHOLDERS = "wording_placeholders.toml"

_GBT15835 = "GB/T 15835-2011《出版物上数字用法》"
_CJK = "\u4e00-\u9fff"
# Marks that end a list item or a clause: a fixed sequence never runs across them.
_CLAUSE_END = set("。；！？：\n")
_PUNCTUATION = set("，。、；：！？“”‘’（）《》〈〉【】〔〕…—·,.;:!?()[] \u3000\t\n")


# ---------------------------------------------------------------------------------------------
# Data files


def _read_data(name: str) -> str:
    return resources.files(_DATA_PACKAGE).joinpath(name).read_text(encoding="utf-8")


@cache
def _toml(name: str) -> dict:
    return tomllib.loads(_read_data(name))


_VERSION_LINE = re.compile(r"^#\s*version\s*=\s*(\S+)", re.MULTILINE)


def data_version(text: str) -> str:
    """The "# version = …" line of a data file and a short content hash (edits show even when
    nobody bumped the version line)."""
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    match = _VERSION_LINE.search(text)
    return f"{match.group(1)} ({digest})" if match else digest


# ---------------------------------------------------------------------------------------------
# The wrong → right dictionary (W101, W102)


@dataclass(frozen=True)
class Entry:
    wrong: str
    right: str
    severity: Severity
    category: str
    pattern: re.Pattern | None = None
    fix: str = "safe"  # "safe", "unsafe" or "none"
    note: str = ""
    source: str = ""
    min_year: int | None = None
    outside_titles: bool = False
    unless_earlier: str = ""
    must_fire: tuple[str, ...] = ()
    must_not_fire: tuple[str, ...] = ()
    examples_year: int = 2023
    origin: str = ""  # the data file, for error messages


_ENTRY_KEYS = {
    "wrong", "right", "pattern", "severity", "category", "fix", "note", "source", "min_year",
    "outside_titles", "unless_earlier", "must_fire", "must_not_fire", "examples_year",
}


class DictionaryError(ValueError):
    pass


def parse_entries(data: dict, origin: str) -> list[Entry]:
    entries = []
    for number, raw in enumerate(data.get("entry", []), start=1):
        where = f"{origin} entry {number} ({raw.get('wrong', '?')!r})"
        unknown = set(raw) - _ENTRY_KEYS
        if unknown:
            raise DictionaryError(f"{where}: unknown keys {sorted(unknown)}")
        if not raw.get("wrong") or "right" not in raw:
            raise DictionaryError(f"{where}: needs wrong and right")
        pattern = None
        if raw.get("pattern"):
            try:
                pattern = re.compile(raw["pattern"])
            except re.error as exc:
                raise DictionaryError(f"{where}: bad pattern: {exc}") from exc
        severity = Severity(raw.get("severity", "warning"))
        if severity is Severity.INFO:
            severity = Severity.WARNING
        # Entries whose right form depends on meaning say fix = "unsafe" themselves.
        fix = raw.get("fix", "safe")
        if fix not in ("safe", "unsafe", "none"):
            raise DictionaryError(f"{where}: fix must be safe, unsafe or none")
        entries.append(Entry(
            wrong=raw["wrong"], right=raw["right"], severity=severity,
            category=raw.get("category", ""), pattern=pattern, fix=fix,
            note=raw.get("note", ""), source=raw.get("source", ""),
            min_year=raw.get("min_year"), outside_titles=bool(raw.get("outside_titles", False)),
            unless_earlier=raw.get("unless_earlier", ""),
            must_fire=tuple(raw.get("must_fire", ())), must_not_fire=tuple(raw.get("must_not_fire", ())),
            examples_year=int(raw.get("examples_year", 2023)), origin=origin,
        ))
    return entries


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    entry: Entry


class Dictionary:
    """All entries, indexed by the first character of their `wrong` text for a single pass.

    One regex finds every position where some entry's first character occurs; at each such
    position only the entries starting with that character are tried (str.startswith, then the
    entry's own pattern).  This is the same work as an Aho-Corasick scan for short keys, without a
    dependency.
    """

    def __init__(self, entries: list[Entry]):
        self.entries = entries
        self._by_first: dict[str, list[Entry]] = {}
        for entry in entries:
            self._by_first.setdefault(entry.wrong[0], []).append(entry)
        for group in self._by_first.values():
            group.sort(key=lambda e: -len(e.wrong))
        firsts = "".join(sorted(self._by_first))
        self._trigger = re.compile("[" + re.escape(firsts) + "]") if firsts else None

    def candidates(self, text: str) -> list[Candidate]:
        """Every place where an entry's wrong text (and its pattern) matches; overlaps kept."""
        found = []
        if self._trigger is None:
            return found
        for hit in self._trigger.finditer(text):
            pos = hit.start()
            for entry in self._by_first[hit.group()]:
                if not text.startswith(entry.wrong, pos):
                    continue
                if entry.pattern is None:
                    found.append(Candidate(pos, pos + len(entry.wrong), entry))
                    continue
                match = entry.pattern.match(text, pos)
                if match and match.end() > pos:
                    found.append(Candidate(pos, match.end(), entry))
        return found


@cache
def _dictionary(extra_paths: tuple[str, ...]) -> Dictionary:
    entries = parse_entries(_toml(_WORDS), _WORDS)
    for path in extra_paths:
        text = Path(path).read_text(encoding="utf-8")
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise DictionaryError(f"{path}: {exc}") from exc
        entries.extend(parse_entries(data, path))
    return Dictionary(entries)


def dictionary_for(ctx) -> Dictionary:
    extra = ctx.option("dictionaries", []) or []
    return _dictionary(tuple(str(p) for p in extra))


_TITLE = re.compile(r"《[^《》\n]*》")


def _title_spans(doc) -> list[tuple[int, int]]:
    return doc.fact("wording.title_spans", lambda d: title_spans(d.text))


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < start and end < e for s, e in spans)


def _year(doc, ctx) -> int:
    found = report_year(doc, ctx.report_year)
    # A text with no year at all (a fragment) is judged as a report on last year.
    return found.year if found.year is not None else ctx.today.year - 1


def applicable_candidates(text: str, dictionary: Dictionary, year: int,
                          titles: list[tuple[int, int]]) -> list[Candidate]:
    """Candidates whose entry's conditions (report year, titles, earlier text) hold."""
    applicable = []
    for cand in dictionary.candidates(text):
        entry = cand.entry
        if entry.min_year is not None and year < entry.min_year:
            continue
        if entry.outside_titles and _inside(titles, cand.start, cand.end):
            continue
        if entry.unless_earlier and text.find(entry.unless_earlier, 0, cand.start) >= 0:
            continue
        applicable.append(cand)
    return applicable


def title_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _TITLE.finditer(text)]


def dictionary_matches(text: str, dictionary: Dictionary, year: int, titles: list[tuple[int, int]]):
    """Entries that apply, one per place: where two overlap, the earlier and then longer wins."""
    applicable = applicable_candidates(text, dictionary, year, titles)
    applicable.sort(key=lambda c: (c.start, -(c.end - c.start)))
    chosen, last_end = [], -1
    for cand in applicable:
        if cand.start >= last_end:
            chosen.append(cand)
            last_end = cand.end
    return chosen


def _doc_matches(doc, ctx) -> list[Candidate]:
    dictionary = dictionary_for(ctx)
    year = _year(doc, ctx)
    key = ("wording.dictionary", id(dictionary), year)
    return doc.fact(key, lambda d: dictionary_matches(d.text, dictionary, year, _title_spans(d)))


_LABELS = {
    "别字": "错别字", "词语误用": "用词不当", "规范表述": "表述不规范", "公文用语": "公文用字不规范",
    "数字用法": "数字用法不规范", "标点": "标点用法不规范", "政治表述": "政治性表述不规范",
}
_DEVELOPER_NOTE = re.compile(r"[A-Za-z:]|咬文嚼字")


def dictionary_message(found: str, entry: Entry) -> str:
    label = _LABELS.get(entry.category, "用词不规范")
    message = f"{label}：“{found}”应为“{entry.right}”"
    # Notes copied from English-language sources are for developers, not for the reader.
    # A note that only repeats the right form ("法治政府建设") adds nothing for the reader.
    if entry.note and not _DEVELOPER_NOTE.search(entry.note) and not entry.note.startswith(entry.right):
        message += f"（{entry.note}）"
    return message


class _DictionaryRule(Rule):
    fixable = True
    _severity: Severity = Severity.ERROR

    def check(self, doc, ctx):
        for cand in _doc_matches(doc, ctx):
            entry = cand.entry
            if entry.severity is not self._severity:
                continue
            found = doc.text[cand.start:cand.end]
            fix = None
            if entry.fix != "none":
                applicability = Applicability.SAFE if entry.fix == "safe" else Applicability.UNSAFE
                fix = Fix.replace(cand.start, cand.end, entry.right, f"改为“{entry.right}”", applicability)
            yield self.finding(cand.start, cand.end, dictionary_message(found, entry), fix=fix,
                               data={"wrong": found, "right": entry.right, "category": entry.category})


class MisusedWord(_DictionaryRule):
    """A wrong character or word that changes or blurs the meaning: 别字, 截止/截至, 法制/法治.

    A published report is read as the government's own word; "法制政府", "截止目前" or "人民调节"
    tell the reader that nobody proofread it.  The pairs come from a data file (wording_words.toml)
    where each pair carries the context in which it is wrong, so correct uses such as "截止日期" or
    "法制审核" stay silent.
    """

    code = "W101"
    name = "misused-word"
    severity = Severity.ERROR
    summary = "错别字或用词错误（如“截止目前”“法制政府”“人民调节”）"
    norm = "《党政机关公文处理工作条例》第十九条（文字准确）；《通用规范汉字表》；GF 1001-2001《第一批异形词整理表》"
    bad = "截止目前，全镇共调解纠纷56件，法制政府建设稳步推进。\n"
    good = "截至目前，全镇共调解纠纷56件，法治政府建设稳步推进，截止日期为3月31日。\n"
    _severity = Severity.ERROR


class NonstandardWording(_DictionaryRule):
    """A variant form or wording that official documents do not use: 其它, 帐户, 做出决定, 七五普法.

    These are not wrong in everyday writing, but 公文 follow one recommended form (GF 1001-2001,
    the plans' own wording, fixed political expressions), and a reviewer marks every deviation.
    Political fixed forms ("习近平新时代中国特色社会主义思想" in full) are reported here too.
    """

    code = "W102"
    name = "nonstandard-wording"
    severity = Severity.WARNING
    summary = "不规范的词形或表述（如“其它”“帐户”“做出决定”、政治性表述不完整）"
    norm = "GF 1001-2001《第一批异形词整理表》；《党政机关公文处理工作条例》第十九条；中央文件规范表述"
    bad = "对其它事项做出决定，坚持以习近平新时代中国特色思想为指导。\n"
    good = "对其他事项作出决定，坚持以习近平新时代中国特色社会主义思想为指导。\n"
    _severity = Severity.WARNING


# ---------------------------------------------------------------------------------------------
# Numbers (W201-W205)

# "8余份", "3多万元": 余/多 after a single digit, then a measure word or unit.
_MEASURE = (
    "个|份|件|次|场|人|名|户|元(?![化解共参调主])|万|亿|千|百|家|所|起|条|项|册|本|张|篇|期|批|辆|"
    "处|座|天|年|月|日|周|小时|分钟|平方|米|公里|亩|吨|台|套|幅|块|组|支|位|轮|节|课时|学时|"
    "倍|岁|例|宗|笔|单|份|盒|箱|袋|间|栋|层|公顷|千米|万元"
)
_APPROXIMATE = re.compile(r"(?<![0-9０-９.．,第])([1-9])([余多])(?=(" + _MEASURE + "))")
# "23年1月", "23年度": a calendar year written with two digits.
_TWO_DIGIT_YEAR = re.compile(r"(?<![0-9０-９.．第])([0-9]{2})年(?=(?:[0-9]{1,2}|[一二三四五六七八九十]{1,2})月|度)")
_FULLWIDTH_DIGITS = re.compile(r"[０-９]+")
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
# "5千多个", "3百余人": 千/百 used as units after Arabic digits (千米, 千克, 千瓦 … are units of measure).
_HUNDRED_THOUSAND_UNIT = re.compile(r"(?<![0-9０-９.．,])([0-9]+)([千百])(?!米|克|瓦|帕|伏|字|焦|卡|赫|兆|分|货)")
# A proportion (a share of a whole) cannot exceed 100%; a growth or completion rate can.
_RATE = re.compile(
    r"(?:(?:合格|达标|满意|覆盖|知晓|参评|办结|出庭|持证|到位|公开|审核|备案|接送|核查|上岗|受理|化解|"
    r"调解成功|成功|签约|参与|参训|回访|及时|准确|正确|通过|结案|出勤|录入|调处|审查|应诉|参会|普及|"
    r"配备|建成|入驻|按期办结|办理|答复|公示|留存|归档|纠错|知晓)率|满意度|知晓度)"
    r"(?:均|全部|已|都|也)?(?:达到|达|为|是|实现|保持)?了?\s*([0-9]+(?:\.[0-9]+)?)\s*[%％]"
)
# A year written digit by digit in Chinese numerals uses 〇, not 零 (GB/T 15835-2011 4.1.2).
# Look-alikes typed for 〇: 零, the circle ○ (U+25CB), letter O, digit 0.
_ZERO_LOOKALIKES = "零○ＯO0Ｏ０"
_CHINESE_YEAR = re.compile(rf"[一二][〇{_ZERO_LOOKALIKES}一二三四五六七八九]{{3}}(?=年)")
_TO_LING = str.maketrans({ch: "〇" for ch in _ZERO_LOOKALIKES})


class ApproximateNumber(Rule):
    """余/多 after a single digit ("8余份"): an approximate count needs a round number before it.

    "20余次" and "300余份" say "a little more than a round number"; after a single digit
    ("8余份", "1余万元") the expression means nothing definite, and GB/T 15835 treats it as an
    error.  Write the exact count or a round number.
    """

    code = "W201"
    name = "approximate-number"
    severity = Severity.WARNING
    summary = "“余”“多”前是个位数（如“8余份”）"
    norm = _GBT15835 + " 4.1、4.2（约数用法）"
    bad = "依法审查完善有关合同8余份。\n"
    good = "依法审查完善有关合同8份，发放宣传资料3000余份，开展活动10余次。\n"

    def check(self, doc, ctx):
        for match in _APPROXIMATE.finditer(doc.text):
            digit, word, unit = match.groups()
            yield self.finding(
                match.start(), match.end(),
                f"“{digit}{word}{unit}”不规范：“{word}”表示约数，应跟在整十、整百等整数之后"
                f"（如“10{word}{unit}”），个位数应写确数",
            )


class TwoDigitYear(Rule):
    """A calendar year written with two digits ("23年1月", "23年度") must be written in full.

    GB/T 15835 forbids shortening years: "23年" could be 1923 or 2023, and in a report that may be
    quoted years later the full year is the only unambiguous form.  Durations ("工作23年",
    "23年来") are not years and stay silent.
    """

    code = "W202"
    name = "two-digit-year"
    severity = Severity.WARNING
    summary = "年份简写为两位数（如“23年1月”“23年度”）"
    norm = _GBT15835 + " 5.1.2（年份不应简写）"
    bad = "23年1月召开专题会议，部署23年度重点工作。\n"
    good = "2023年1月召开专题会议，工作23年来从未间断。\n"
    fixable = True

    def check(self, doc, ctx):
        closing_date = doc.closing.date
        for match in _TWO_DIGIT_YEAR.finditer(doc.text):
            if closing_date is not None and closing_date.start <= match.start() <= closing_date.end:
                continue  # the 成文日期's form is the S family's job
            short = match.group(1)
            century = "19" if int(short) > (ctx.today.year % 100) + 1 else "20"
            full = century + short
            yield self.finding(
                match.start(1), match.end(1),
                f"年份应写全：“{short}年”应写作“{full}年”",
                fix=Fix.replace(match.start(1), match.end(1), full, f"改为“{full}”", Applicability.UNSAFE),
            )


class FullWidthDigit(Rule):
    """Digits in Chinese text are half-width (ASCII): "2023年", not "２０２３年".

    Full-width digits come from some input methods and converters; they break searching, sorting
    and number formats, and GB/T 15835 prescribes half-width Arabic numerals.  Heading markers
    are left to the H family.
    """

    code = "W203"
    name = "fullwidth-digit"
    severity = Severity.WARNING
    summary = "使用了全角数字（如“２０２３”）"
    norm = _GBT15835 + " 4.1（阿拉伯数字使用半角形式）"
    bad = "全年办理案件１２件。\n"
    good = "全年办理案件12件。\n"
    fixable = True

    def check(self, doc, ctx):
        markers = [(h.marker_span.start, h.marker_span.end) for h in doc.headings]
        for match in _FULLWIDTH_DIGITS.finditer(doc.text):
            if any(s <= match.start() < e for s, e in markers):
                continue
            ascii_digits = match.group().translate(_FULLWIDTH)
            yield self.finding(
                match.start(), match.end(),
                f"全角数字“{match.group()}”应改为半角“{ascii_digits}”",
                fix=Fix.replace(match.start(), match.end(), ascii_digits, f"改为“{ascii_digits}”"),
            )


class RateOverHundred(Rule):
    """A proportion such as 合格率 or 满意度 above 100% is impossible and points to a typing slip.

    Only proportions of a whole are checked (合格率, 满意度, 覆盖率, 办结率 …); growth and
    completion rates ("增长105%", "完成率105%") can exceed 100% and stay silent.
    """

    code = "W204"
    name = "rate-over-hundred"
    severity = Severity.WARNING
    summary = "比率超过100%（如“满意度达105%”）"
    norm = _GBT15835 + "；统计常识：占比类指标不超过100%"
    bad = "群众满意度达105%。\n"
    good = "群众满意度达100%，收入增长105%。\n"

    def check(self, doc, ctx):
        for match in _RATE.finditer(doc.text):
            if float(match.group(1)) <= 100:
                continue
            yield self.finding(
                match.start(1), match.end(),
                f"比率不可能超过100%：“{match.group(1)}%”请核对数字",
            )


class DigitWithHundredUnit(Rule):
    """Arabic digits take only 万 and 亿 as units: "5000多个", not "5千多个".

    The number standard lets large numbers be shortened with 万 and 亿 ("3亿4500万") but not with
    十, 百 or 千 ("3亿4千5百万" is wrong); mixing the two kinds of numeral reads as careless.  Write
    the digits in full ("5000多") or the whole number in Chinese ("五千多").
    """

    code = "W206"
    name = "digit-with-hundred-unit"
    severity = Severity.WARNING
    summary = "阿拉伯数字后用“千”“百”作单位（如“5千多个”）"
    norm = "GB/T 15835-1995 8.3.2（数值可用“万”“亿”作单位，一般不写作“3亿4千5百万”）；" + _GBT15835
    bad = "带动全镇5千多个家庭参与。\n"
    good = "带动全镇5000多个家庭参与，行程12千米，共3.5万人。\n"

    def check(self, doc, ctx):
        for match in _HUNDRED_THOUSAND_UNIT.finditer(doc.text):
            digits, unit = match.groups()
            zeros = "000" if unit == "千" else "00"
            yield self.finding(
                match.start(), match.end(),
                f"“{match.group()}”不规范：阿拉伯数字不以“{unit}”作单位，应写作“{digits}{zeros}”"
                f"或全用汉字",
            )


class ChineseYearZero(Rule):
    """A year written digit by digit in Chinese numerals uses "〇" for zero: "二〇二三年".

    "零" is the zero of counting ("一百零五"); in a year spelled digit by digit GB/T 15835 uses
    "〇".  The circle "○", the letter "O" and the digit "0" look alike on paper but are other
    characters, which breaks searching and copying.
    """

    code = "W205"
    name = "chinese-year-zero"
    severity = Severity.WARNING
    summary = "汉字年份中的零应写作“〇”，不写“零”“○”“O”（如“二〇二三年”）"
    norm = _GBT15835 + " 4.2（“〇”用于汉字数字年份）"
    bad = "二零二三年一月\n"
    good = "二〇二三年一月\n"
    fixable = True

    def check(self, doc, ctx):
        closing_date = doc.closing.date
        for match in _CHINESE_YEAR.finditer(doc.text):
            written = match.group()
            right = written.translate(_TO_LING)
            if right == written:
                continue
            if closing_date is not None and closing_date.start <= match.start() <= closing_date.end:
                continue  # the 成文日期 is written in Arabic numerals: the S family's job
            wrong_zero = next(ch for ch in written if ch in _ZERO_LOOKALIKES)
            yield self.finding(
                match.start(), match.end(),
                f"汉字年份“{written}年”中的“{wrong_zero}”应写作“〇”：“{right}年”",
                fix=Fix.replace(match.start(), match.end(), right, f"改为“{right}”"),
            )


# ---------------------------------------------------------------------------------------------
# Fixed sequences and phrases (W301)


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def _tolerance(member: str) -> int:
    return 1 if len(member) <= 4 else 2


@dataclass(frozen=True)
class Sequence:
    name: str
    members: tuple[str, ...]
    tail: tuple[str, ...] = ()
    must_fire: tuple[str, ...] = ()
    must_not_fire: tuple[str, ...] = ()


@dataclass(frozen=True)
class Phrase:
    text: str
    must_fire: tuple[str, ...] = ()
    must_not_fire: tuple[str, ...] = ()


@dataclass(frozen=True)
class FixedForms:
    sequences: tuple[Sequence, ...]
    phrases: tuple[Phrase, ...]
    member_pattern: re.Pattern
    member_index: dict  # member text -> [(sequence number, member number)]
    phrase_first: re.Pattern


@cache
def fixed_forms() -> FixedForms:
    data = _toml(_SEQUENCES)
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
    members = sorted(index, key=len, reverse=True)
    firsts = "".join(sorted({p.text[0] for p in phrases}))
    return FixedForms(
        sequences=sequences, phrases=phrases,
        member_pattern=re.compile("|".join(map(re.escape, members))),
        member_index=index,
        phrase_first=re.compile("[" + re.escape(firsts) + "]") if firsts else re.compile("(?!)"),
    )


# What may stand between two list items: 顿号, comma, and the conjunctions before the last item.
_SEPARATOR = re.compile(r"^(?:[、，,]|以及|和|及|与|、以及|、和)+|(?:[、，,]|以及|和|及|与)+$")


def _strip_separators(gap: str) -> str:
    return _SEPARATOR.sub("", gap)


def _best_item(candidates, member):
    """The (distance, start, end, text) closest to member among candidate items, or None."""
    best = None
    for start, end, text in candidates:
        if not text or any(ch in _PUNCTUATION for ch in text):
            continue
        if abs(len(text) - len(member)) > 1:
            continue
        distance = edit_distance(text, member)
        key = (distance, abs(len(text) - len(member)))
        if best is None or key < best[0]:
            best = (key, start, end, text)
    if best is None:
        return None
    (distance, _), start, end, text = best
    return distance, start, end, text


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
        for part in re.split(r"([、，,])", text[left[1]:right[0]]):
            if part and part not in "、，,":
                items.append((pos, pos + len(part), part))
                conjunction = re.match(r"以及|和|及|与", part)
                if conjunction:
                    items.append((pos + conjunction.end(), pos + len(part), part[conjunction.end():]))
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
        sep = re.match(r"、以及|、和|以及|[、，]|和|及|与", rest)
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


def sequence_findings(text: str, forms: FixedForms):
    """(start, end, written, expected member, sequence) for each deviating member of a fixed list."""
    hits_by_seq: dict[int, list[tuple[int, int, int]]] = {}
    for match in forms.member_pattern.finditer(text):
        for s_no, m_no in forms.member_index[match.group()]:
            hits_by_seq.setdefault(s_no, []).append((match.start(), match.end(), m_no))
    for s_no, hits in hits_by_seq.items():
        seq = forms.sequences[s_no]
        limit = max(len(m) for m in seq.members) + 3
        for chain in _chains(text, hits, limit):
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
            gap = text[prev[1]:hit[0]]
            steps = hit[2] - prev[2]
            if steps <= 0 or len(gap) > steps * limit or any(ch in _CLAUSE_END for ch in gap):
                yield chain
                chain = []
        chain.append(hit)
    if chain:
        yield chain


def phrase_findings(text: str, forms: FixedForms):
    """(start, end, written, phrase) for text that starts and ends like a fixed phrase but differs.

    A window counts when it keeps the phrase's first two characters and its last one, or its first
    one and last two: a changed word in the middle or a slip at either end is found, while another
    phrase that merely ends the same way ("依法规范公正文明执法") is not.
    """
    by_first: dict[str, list[Phrase]] = {}
    for phrase in forms.phrases:
        by_first.setdefault(phrase.text[0], []).append(phrase)
    exact: list[tuple[int, int]] = []
    for phrase in forms.phrases:
        start = text.find(phrase.text)
        while start >= 0:
            exact.append((start, start + len(phrase.text)))
            start = text.find(phrase.text, start + 1)
    for match in forms.phrase_first.finditer(text):
        i = match.start()
        for phrase in by_first[match.group()]:
            target = phrase.text
            best = None
            for n in (len(target) - 1, len(target), len(target) + 1):
                window = text[i:i + n]
                if len(window) != n:
                    continue
                if not ((window[:2] == target[:2] and window[-1] == target[-1]) or window[-2:] == target[-2:]):
                    continue
                if any(ch in _PUNCTUATION for ch in window):
                    continue
                if any(s < i + n and i < e for s, e in exact):
                    continue
                distance = edit_distance(window, target)
                limit = 2 if len(target) >= 8 else 1
                if 0 < distance <= limit and (best is None or distance < best[0]):
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
        for start, end, written, member, seq in sequence_findings(doc.text, forms):
            full = "、".join(seq.members)
            yield self.finding(
                start, end, f"固定表述“{full}”中的“{written}”应为“{member}”",
                fix=Fix.replace(start, end, member, f"改为“{member}”", Applicability.UNSAFE),
                data={"sequence": seq.name},
            )
        for start, end, written, phrase in phrase_findings(doc.text, forms):
            yield self.finding(
                start, end, f"固定表述应为“{phrase}”，此处写作“{written}”",
                fix=Fix.replace(start, end, phrase, f"改为“{phrase}”", Applicability.UNSAFE),
                data={"sequence": phrase},
            )


# ---------------------------------------------------------------------------------------------
# Repeated characters and words (W401)


@dataclass(frozen=True)
class RepeatData:
    chars: dict  # char -> (ends, starts)
    never_doubled: frozenset
    doubled_char: re.Pattern


@cache
def repeat_data() -> RepeatData:
    data = _toml(_REPEATS)
    chars = {ch: (tuple(v.get("ends", ())), tuple(v.get("starts", ()))) for ch, v in data["char"].items()}
    pattern = re.compile("(" + "|".join(map(re.escape, chars)) + r")\1")
    return RepeatData(chars, frozenset(data.get("never_doubled", ())), pattern)


_REPEATED_WORD = re.compile(rf"([{_CJK}]{{2,8}})\1")


def _periodic(unit: str) -> bool:
    """True when unit is itself a repetition of a shorter unit ("哈哈", "研究研究")."""
    return any(len(unit) % n == 0 and unit[:n] * (len(unit) // n) == unit for n in range(1, len(unit) // 2 + 1))


def doubled_chars(text: str, data: RepeatData):
    """(start, end, char) of a function character typed twice."""
    for match in data.doubled_char.finditer(text):
        i = match.start()
        ch = match.group(1)
        ends, starts = data.chars[ch]
        # The first ch ends a word (目的 + 的) or the second starts one (了 + 了解).
        if any(i + 1 >= len(word) and text[i + 1 - len(word):i + 1] == word for word in ends):
            continue
        if any(text.startswith(word, i + 1) for word in starts):
            continue
        # AABB reduplication: 实实在在, 是是非非, 的的确确.
        if i >= 2 and text[i - 2] == text[i - 1] and text[i - 1] != ch:
            continue
        if i + 3 < len(text) and text[i + 2] == text[i + 3] and text[i + 2] != ch:
            continue
        yield i, i + 2, ch


def repeated_words(text: str, data: RepeatData):
    """(start, end, word) of a word of two or more characters typed twice in a row."""
    for match in _REPEATED_WORD.finditer(text):
        unit = match.group(1)
        if _periodic(unit):
            continue
        if len(unit) == 2 and unit not in data.never_doubled:
            continue
        yield match.start(), match.end(), unit


class RepeatedText(Rule):
    """A function character or a word typed twice ("的的", "进一步进一步") is a typing slip.

    Only a closed set of function characters is checked, with the words they form on either side
    (目的的, 为了了解, 实实在在 stay silent), and a two-character word only when it can never be
    reduplicated (加强加强); legitimate reduplication (常常, 层层压实, 研究研究) is never reported.
    """

    code = "W401"
    name = "repeated-text"
    severity = Severity.WARNING
    summary = "字词重复（如“的的”“进一步进一步”）"
    norm = "《党政机关公文处理工作条例》第十九条（文字准确、精炼）"
    bad = "进一步进一步加强行政执法队伍的的建设。\n"
    good = "进一步加强行政执法队伍建设，层层压实责任，做到件件有回音，为了了解群众需求实实在在办事。\n"
    fixable = True

    def check(self, doc, ctx):
        data = repeat_data()
        titles = _title_spans(doc)
        for line in doc.lines:
            for start, end, ch in doubled_chars(line.text, data):
                s = line.start + start
                yield self.finding(
                    s, line.start + end, f"“{ch}{ch}”重复，疑为多打了一个“{ch}”",
                    fix=Fix.replace(s + 1, s + 2, "", f"删去一个“{ch}”", Applicability.UNSAFE),
                )
            for start, end, word in repeated_words(line.text, data):
                s = line.start + start
                if _inside(titles, s, line.start + end):
                    continue  # an issuer before its own title: 《最高人民法院人民法院对外委托…规定》
                yield self.finding(
                    s, line.start + end, f"“{word}”重复出现，疑为多打了一遍",
                    fix=Fix.replace(s + len(word), line.start + end, "", f"删去重复的“{word}”",
                                    Applicability.UNSAFE),
                )


# ---------------------------------------------------------------------------------------------
# Placeholders (W501)


@dataclass(frozen=True)
class Placeholder:
    name: str
    pattern: re.Pattern
    message: str
    must_fire: tuple[str, ...] = ()
    must_not_fire: tuple[str, ...] = ()


@cache
def placeholders() -> tuple[Placeholder, ...]:
    data = _toml(_PLACEHOLDERS)
    surnames = "".join(sorted(set("".join(data.get("surnames", "").split()))))
    out = []
    for raw in data.get("placeholder", []):
        pattern = raw["pattern"].replace("{surname}", re.escape(surnames))
        out.append(Placeholder(raw["name"], re.compile(pattern), raw["message"],
                               tuple(raw.get("must_fire", ())), tuple(raw.get("must_not_fire", ()))))
    return tuple(out)


def placeholder_findings(text: str):
    taken: list[tuple[int, int]] = []
    for placeholder in placeholders():
        for match in placeholder.pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            taken.append(match.span())
            yield match.start(), match.end(), placeholder.message.format(text=match.group())


class LeftoverPlaceholder(Rule):
    """Template slots left in the text ("XX街道", "××年××月", "某某镇", "【 】", "（此处填写…）").

    Reports are often written from last year's file or a template; a slot that survives into the
    published report is an obvious sign that nobody finished it.  Anonymised names in case
    descriptions ("农民工李某", "张某某") are normal and stay silent.
    """

    code = "W501"
    name = "placeholder"
    severity = Severity.ERROR
    summary = "残留模板占位符（如“XX街道”“××年”“某某镇”“【 】”）"
    norm = "《党政机关公文处理工作条例》第十九条（内容完整、准确）"
    bad = "现就XX街道××年法治政府建设情况报告如下，共办理案件【 】件。\n"
    good = "现就双河街道2020年法治政府建设情况报告如下，化解了农民工李某讨薪问题。\n"

    def check(self, doc, ctx):
        for start, end, message in placeholder_findings(doc.text):
            yield self.finding(start, end, message)


# ---------------------------------------------------------------------------------------------

RULES = [
    MisusedWord, NonstandardWording, ApproximateNumber, TwoDigitYear, FullWidthDigit,
    RateOverHundred, ChineseYearZero, DigitWithHundredUnit, FixedSequence, RepeatedText, LeftoverPlaceholder,
]


@hookimpl
def lawlint_rules():
    return RULES


@hookimpl
def lawlint_data_versions():
    return {
        name.removesuffix(".toml"): data_version(_read_data(name))
        for name in (_WORDS, _SEQUENCES, _REPEATS, _PLACEHOLDERS)
    }
