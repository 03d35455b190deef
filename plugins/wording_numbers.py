"""W201–W206 — numbers as GB/T 15835 wants them: approximate counts, full years, half-width
digits, possible proportions, 〇 in Chinese-numeral years, no 千/百 as units of Arabic digits."""

from __future__ import annotations

import re

from lawlint.diagnostics import Applicability, Fix, Severity
from lawlint.regexhint import lazy
from lawlint.rules import Rule

from .wording_common import after_one_of, anchor_offsets

_GBT15835 = "GB/T 15835-2011《出版物上数字用法》"

# Speed: most patterns below are run only where an "anchor" finds one of their rare characters
# (余, 年, 千, 率 …).  An anchor opens with that character itself, so the regex engine jumps from
# one occurrence to the next; a pattern that opens with a digit class or a lookbehind is instead
# tried at every position of the report.


# "8余份", "3多万元": 余/多 after a single digit, then a measure word or unit.
_MEASURE = (
    "个|份|件|次|场|人|名|户|元(?![化解共参调主])|万|亿|千|百|家|所|起|条|项|册|本|张|篇|期|批|辆|"
    "处|座|天|年|月|日|周|小时|分钟|平方|米|公里|亩|吨|台|套|幅|块|组|支|位|轮|节|课时|学时|"
    "倍|岁|例|宗|笔|单|份|盒|箱|袋|间|栋|层|公顷|千米|万元"
)
_APPROXIMATE = lazy(r"(?<![0-9０-９.．,第])([1-9])([余多])(?=(" + _MEASURE + "))")
# Where to try it: each 余 and 多 after a digit.
_APPROXIMATE_ANCHORS = tuple(lazy(rf"{word}(?<=[1-9]{word})") for word in "余多")
# "23年1月", "23年度": a calendar year written with two digits.
_TWO_DIGIT_YEAR = lazy(
    r"(?<![0-9０-９.．第])([0-9]{2})年(?=(?:[0-9]{1,2}|[一二三四五六七八九十]{1,2})月|度)"
    # "23年，我镇…" opening a sentence is a year; a duration says "23年来" or "历经23年，".
    r"|(?:^|(?<=[。；！？]))([0-9]{2})年(?=[，,])",
    re.MULTILINE,
)
# Where to try it: a 年 after two digits that either alternative accepts before the year.
_TWO_DIGIT_YEAR_ANCHOR = lazy(
    r"年(?:(?<=(?<![0-9０-９.．第])[0-9]{2}年)|(?<=(?:^|(?<=[。；！？]))[0-9]{2}年))", re.MULTILINE
)
# A heading that opens with "24年…" ("四、24年推进法治政府建设的工作思路") names a year.
_HEADING_YEAR = lazy(r"([0-9]{2})年(?![来间多余以内后前])")
_FULLWIDTH_DIGITS = lazy(r"[０-９]+")
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_FULLWIDTH_DIGIT_CHARS = "０１２３４５６７８９"
# "5千多个", "3百余人": 千/百 used as units after Arabic digits (千米, 千克, 千瓦 … are units of measure).
_HUNDRED_THOUSAND_UNIT = lazy(r"(?<![0-9０-９.．,])([0-9]+)([千百])(?!米|克|瓦|帕|伏|字|焦|卡|赫|兆|分|货)")
# Where to try it: each 千 and 百 after a digit.
_HUNDRED_THOUSAND_ANCHORS = tuple(lazy(rf"{unit}(?<=[0-9]{unit})") for unit in "千百")
# A proportion (a share of a whole) cannot exceed 100%; a growth or completion rate can.
# Each pattern opens with the rate's last character (率 or 度) and looks back for the word, so the
# engine jumps between the few 率 and 度 of a report instead of trying every word everywhere.
_RATE_WORDS = (
    "合格", "达标", "满意", "覆盖", "知晓", "参评", "办结", "出庭", "持证", "到位", "公开", "审核", "备案",
    "接送", "核查", "上岗", "受理", "化解", "调解成功", "成功", "签约", "参与", "参训", "回访", "及时",
    "准确", "正确", "通过", "结案", "出勤", "录入", "调处", "审查", "应诉", "参会", "普及", "配备", "建成",
    "入驻", "按期办结", "办理", "答复", "公示", "留存", "归档", "纠错",
)
_RATE_VALUE = r"(?:均|全部|已|都|也)?(?:达到|达|为|是|实现|保持)?了?\s*([0-9]+(?:\.[0-9]+)?)\s*[%％]"
_RATE = (
    lazy("率" + after_one_of([word + "率" for word in _RATE_WORDS]) + _RATE_VALUE),
    lazy("度" + after_one_of(["满意度", "知晓度"]) + _RATE_VALUE),
)
# A year written digit by digit in Chinese numerals uses 〇, not 零.
# Look-alikes typed for 〇: 零, the circle ○ (U+25CB), letter O, digit 0.
_ZERO_LOOKALIKES = "零○ＯO0Ｏ０"
# The pattern opens with 年 and looks back for the four numerals (the match is 年 alone).
_CHINESE_YEAR_END = lazy(rf"年(?<=[一二][〇{_ZERO_LOOKALIKES}一二三四五六七八九]{{3}}年)")
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
    norm = _GBT15835 + "（概数的写法）"
    bad = "依法审查完善有关合同8余份。\n"
    good = "依法审查完善有关合同8份，发放宣传资料3000余份，开展活动10余次。\n"

    def check(self, doc, ctx):
        for offset in anchor_offsets(_APPROXIMATE_ANCHORS, doc.text):
            match = _APPROXIMATE.match(doc.text, offset - 1)
            if match is None:
                continue
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
    norm = _GBT15835 + "（年份不应简写）"
    bad = "23年1月召开专题会议，部署23年度重点工作。\n"
    good = "2023年1月召开专题会议，工作23年来从未间断。\n"
    fixable = True

    def check(self, doc, ctx):
        text = doc.text
        closing_date = doc.closing.date
        spans = []
        for offset in anchor_offsets((_TWO_DIGIT_YEAR_ANCHOR,), text):
            match = _TWO_DIGIT_YEAR.match(text, offset - 2)
            if match:
                group = 1 if match.group(1) else 2
                spans.append((match.start(group), match.end(group)))
        for heading in doc.headings:
            start, end = heading.title_span.start, heading.title_span.end
            if start < end and "0" <= text[start] <= "9":  # most titles open with a character
                match = _HEADING_YEAR.match(text, start, end)
                if match:
                    spans.append(match.span(1))
        for start, end in sorted(set(spans)):
            if closing_date is not None and closing_date.start <= start <= closing_date.end:
                continue  # the 成文日期's form is the S family's job
            short = doc.text[start:end]
            century = "19" if int(short) > (ctx.today.year % 100) + 1 else "20"
            full = century + short
            yield self.finding(
                start, end, f"年份应写全：“{short}年”应写作“{full}年”",
                fix=Fix.replace(start, end, full, f"改为“{full}”", Applicability.UNSAFE),
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
    norm = _GBT15835 + "（阿拉伯数字的使用）；全角数字不便检索和统计"
    bad = "全年办理案件１２件。\n"
    good = "全年办理案件12件。\n"
    fixable = True

    def check(self, doc, ctx):
        if not any(digit in doc.text for digit in _FULLWIDTH_DIGIT_CHARS):
            return  # ten searches for one character each are cheaper than one character class
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
        if "%" not in doc.text and "％" not in doc.text:
            return
        matches = [match for pattern in _RATE for match in pattern.finditer(doc.text)]
        for match in sorted(matches, key=lambda m: m.start()):
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
        text = doc.text
        for offset in anchor_offsets(_HUNDRED_THOUSAND_ANCHORS, text):
            start = offset
            while start > 0 and "0" <= text[start - 1] <= "9":
                start -= 1  # the number before 千/百 is the pattern's only possible start
            match = _HUNDRED_THOUSAND_UNIT.match(text, start)
            if match is None:
                continue
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
    norm = _GBT15835 + "（汉字数字“〇”的用法）"
    bad = "二零二三年一月\n"
    good = "二〇二三年一月\n"
    fixable = True

    def check(self, doc, ctx):
        closing_date = doc.closing.date
        for offset in anchor_offsets((_CHINESE_YEAR_END,), doc.text):
            start = offset - 4
            written = doc.text[start:offset]
            right = written.translate(_TO_LING)
            if right == written:
                continue
            if closing_date is not None and closing_date.start <= start <= closing_date.end:
                continue  # the 成文日期 is written in Arabic numerals: the S family's job
            wrong_zero = next(ch for ch in written if ch in _ZERO_LOOKALIKES)
            yield self.finding(
                start, offset,
                f"汉字年份“{written}年”中的“{wrong_zero}”应写作“〇”：“{right}年”",
                fix=Fix.replace(start, offset, right, f"改为“{right}”"),
            )


RULES = [ApproximateNumber, TwoDigitYear, FullWidthDigit, RateOverHundred, ChineseYearZero, DigitWithHundredUnit]
