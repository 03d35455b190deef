"""D — personal data in a report that will be published (身份证号, 手机号).

Annual reports are published on government websites before 1 April (督察工作规定 art. 24).  Names
and posts of officials are normal in them; a citizen's identity number or a private mobile number
is not.  Numbers are masked in the messages so that the diagnostic output does not spread them.
"""

from __future__ import annotations

import re

from lawlint.diagnostics import Severity
from lawlint.hookspec import hookimpl
from lawlint.regexhint import lazy
from lawlint.rules import Rule

_NORM = "《中华人民共和国个人信息保护法》第二十八条（敏感个人信息）；《中华人民共和国政府信息公开条例》第十五条"

# GB 11643-1999: 6-digit area code, birth date YYYYMMDD, 3-digit sequence, check character.
_ID_DIGITS = (r"[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])"
              r"[0-9]{3}[0-9Xx]")
_ID_NUMBER = lazy(r"(?<![0-9A-Za-z])" + _ID_DIGITS + r"(?![0-9A-Za-z])", hint=True)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

# A mainland mobile number: 1[3-9] and nine more digits, optionally written 3-4-4 with hyphens or
# spaces, and not part of a longer run of digits (an amount, an account or a document number).
# The check on the character before the number follows the leading "1" (it looks back over both),
# so that the regex engine can skip from one "1" to the next instead of trying every position.
# (Character classes that mix Latin-1 and other characters in more than two runs cost ~0.5 ms each
# to compile, so those are split.)
_MOBILE = lazy(
    r"1(?<![0-9.\-]1)(?<![０-９]1)[3-9][0-9](?:[0-9]{8}|(?P<sep>[- ])[0-9]{4}(?P=sep)[0-9]{4})"
    r"(?![0-9０-９]|[.．][0-9]|[%％]|元|万|亿)"
)

# The digits of an identity number alone, looked for first in the text's ASCII characters (a
# short bytes string: the CJK text drops out, and a number found in the text is found there too).
# Most reports hold no such run of digits, and then the pattern above never scans the whole text.
_ID_DIGITS_ASCII = lazy(_ID_DIGITS.encode())


# Full-width digits and Ｘ read as ASCII, one character for one, so offsets stay the same.
_FULL_WIDTH = "０１２３４５６７８９Ｘｘ－"
_HALF_WIDTH = str.maketrans(_FULL_WIDTH, "0123456789Xx-")


def _ascii(doc) -> str:
    # translate() looks every character up in a dict; most reports have nothing to translate.
    return doc.fact("privacy.ascii_text", lambda d: d.text.translate(_HALF_WIDTH)
                    if any(ch in d.text for ch in _FULL_WIDTH) else d.text)


def id_check_character(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of the first 17 digits (GB 11643-1999)."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS))
    return _ID_CHECK[total % 11]


def valid_id_number(number: str) -> bool:
    return len(number) == 18 and id_check_character(number[:17]) == number[17].upper()


def mask_id(number: str) -> str:
    return number[:6] + "*" * 8 + number[14:]


def mask_mobile(number: str) -> str:
    digits = re.sub(r"[^0-9]", "", number.translate(_HALF_WIDTH))
    return digits[:3] + "****" + digits[7:]


class IdentityNumber(Rule):
    """An 18-digit citizen identity number (valid check digit) in a report that will be published.

    A 身份证号 is sensitive personal information; publishing it with the report exposes the person
    to fraud and breaks the Personal Information Protection Law.  Only numbers whose GB 11643
    check character is right are reported, so dates, amounts and case numbers stay silent.
    """

    code = "D101"
    name = "identity-number"
    severity = Severity.WARNING
    summary = "报告中出现公民身份号码"
    norm = _NORM + "；GB 11643-1999《公民身份号码》"
    bad = "当事人王某（身份证号11010519491231002X）申请法律援助。\n"
    good = "当事人王某申请法律援助，案号（2023）渝0106民初12345号。\n"

    def check(self, doc, ctx):
        if not _ID_DIGITS_ASCII.search(_ascii(doc).encode("ascii", "ignore")):
            return
        for match in _ID_NUMBER.finditer(_ascii(doc)):
            number = match.group()
            if not valid_id_number(number):
                continue
            yield self.finding(
                match.start(), match.end(),
                f"疑似公民身份号码（{mask_id(number)}），公开发布的报告不应包含个人身份信息，请删除或隐去",
            )


class MobileNumber(Rule):
    """A mobile phone number in a report that will be published.

    A private mobile number identifies a person; a published report should give an office
    telephone or a hotline (12345, 12348) instead.  Longer digit runs, amounts and decimals are
    not phone numbers and stay silent.
    """

    code = "D102"
    name = "mobile-number"
    severity = Severity.WARNING
    summary = "报告中出现手机号码"
    norm = _NORM
    bad = "如有疑问请联系张某，电话13812345678。\n"
    good = "如有疑问请拨打12348公共法律服务热线或023-12345678。\n"

    def check(self, doc, ctx):
        for match in _MOBILE.finditer(_ascii(doc)):
            yield self.finding(
                match.start(), match.end(),
                f"疑似手机号码（{mask_mobile(match.group())}），公开发布的报告不应包含个人联系方式，"
                f"请改为办公电话或删除",
            )


@hookimpl
def lawlint_rules():
    return [IdentityNumber, MobileNumber]
