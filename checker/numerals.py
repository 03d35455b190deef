"""Chinese numerals (一 … 九十九, 一百 …) and full-width digits, as used in headings and dates."""

from __future__ import annotations

from functools import lru_cache

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100}
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


def to_ascii_digits(text: str) -> str:
    return text.translate(_FULLWIDTH)


def chinese_to_int(text: str) -> int | None:
    """Read a Chinese numeral as written in headings ("十一" → 11); None when malformed."""
    known = _numerals_as_headings_write_them().get(text)
    return known if known is not None else _read(text)


@lru_cache(maxsize=1)
def _numerals_as_headings_write_them() -> dict[str, int]:
    """一 … 九十九 and what _read makes of them: a lookup instead of a walk through the
    characters for nearly every numeral a report holds (its headings are read as it is parsed)."""
    return {form: _read(form) for form in map(int_to_chinese, range(1, 100))}


def _read(text: str) -> int | None:
    """``chinese_to_int``, character by character."""
    if not text:
        return None
    total = 0
    pending: int | None = None
    last_unit = 10**6
    for ch in text:
        if ch in _DIGITS:
            if pending is not None:
                # Digit-by-digit forms ("二〇二三") are years, not heading numbers.
                return None
            pending = _DIGITS[ch]
        elif ch in _UNITS:
            unit = _UNITS[ch]
            if unit >= last_unit:
                return None
            total += (1 if pending is None else pending) * unit
            pending = None
            last_unit = unit
        else:
            return None
    if pending is not None:
        total += pending
    return total or None


def int_to_chinese(number: int) -> str:
    """11 → 十一, 20 → 二十, 105 → 一百零五 (heading style: 十 not 一十)."""
    if number <= 0:
        return str(number)
    names = "零一二三四五六七八九"
    if number < 10:
        return names[number]
    if number < 20:
        return "十" + (names[number - 10] if number > 10 else "")
    if number < 100:
        tens, ones = divmod(number, 10)
        return names[tens] + "十" + (names[ones] if ones else "")
    if number < 1000:
        hundreds, rest = divmod(number, 100)
        if rest == 0:
            return names[hundreds] + "百"
        if rest < 10:
            return names[hundreds] + "百零" + names[rest]
        tail = int_to_chinese(rest)
        return names[hundreds] + "百" + (("一" + tail) if rest < 20 else tail)
    return str(number)
