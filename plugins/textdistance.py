"""Edit distance shared by the rules that recognise a near miss (titles, fixed sequences)."""

from __future__ import annotations


def edit_distance(a: str, b: str, limit: int | None = None) -> int:
    """Levenshtein distance of a and b, or limit + 1 as soon as it must exceed limit (without a
    limit, the exact distance).

    Only the diagonal band of width 2 * limit + 1 is computed: O(len · limit), not O(len²).
    """
    if limit is None:
        limit = max(len(a), len(b))
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    big = limit + 1
    previous = [j if j <= limit else big for j in range(len(b) + 1)]
    for i in range(1, len(a) + 1):
        low, high = max(1, i - limit), min(len(b), i + limit)
        current = [big] * (len(b) + 1)
        current[0] = i if i <= limit else big
        ca = a[i - 1]
        row_min = current[0]
        for j in range(low, high + 1):
            cost = previous[j - 1] + (ca != b[j - 1])
            cost = min(cost, previous[j] + 1)
            cost = min(cost, current[j - 1] + 1)
            current[j] = min(big, cost)
            row_min = min(row_min, current[j])
        if row_min > limit:
            return big
        previous = current
    return previous[-1] if previous[-1] <= limit else big
