"""Edit distance shared by the rules that recognise a near miss (titles, fixed sequences)."""

from __future__ import annotations


def edit_distance(a: str, b: str, limit: int | None = None) -> int:
    """Levenshtein distance of a and b, or limit + 1 as soon as it must exceed limit (without a
    limit, the exact distance).

    A common prefix and suffix cost no edit and are cut off first (near misses differ in a few
    characters); only the diagonal band of width 2 * limit + 1 of the rest is computed:
    O(len · limit), not O(len²).
    """
    if limit is None:
        limit = max(len(a), len(b))
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    a, b = _without_common_ends(a, b)
    if not a or not b:
        return max(len(a), len(b))  # at most limit: the lengths differ by no more
    big = limit + 1
    previous = [j if j <= limit else big for j in range(len(b) + 1)]
    for i in range(1, len(a) + 1):
        low, high = max(1, i - limit), min(len(b), i + limit)
        current = [big] * (len(b) + 1)
        current[0] = i if i <= limit else big
        left = current[low - 1]  # the cell before the band: the row start or out of the band
        row_min = current[0]
        ca = a[i - 1]
        for j in range(low, high + 1):
            # min(substitute or keep, delete, insert), without a call to min() per cell
            cost = previous[j - 1] if ca == b[j - 1] else previous[j - 1] + 1
            if previous[j] + 1 < cost:
                cost = previous[j] + 1
            if left + 1 < cost:
                cost = left + 1
            if cost > big:
                cost = big
            current[j] = left = cost
            if cost < row_min:
                row_min = cost
        if row_min > limit:
            return big
        previous = current
    return previous[-1] if previous[-1] <= limit else big


def _without_common_ends(a: str, b: str) -> tuple[str, str]:
    start = 0
    shorter = min(len(a), len(b))
    while start < shorter and a[start] == b[start]:
        start += 1
    end = 0
    while end < shorter - start and a[-1 - end] == b[-1 - end]:
        end += 1
    return a[start:len(a) - end], b[start:len(b) - end]
