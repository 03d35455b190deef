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


def diff_opcodes(a: str, b: str) -> list[tuple[str, int, int, int, int]]:
    """``difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()``, worked out the same
    way: importing difflib (and heapq) costs ~2 ms of a start, for the one or two near misses of a
    report.  A test checks both give the same opcodes."""
    positions: dict[str, list[int]] = {}
    for j, char in enumerate(b):
        positions.setdefault(char, []).append(j)
    blocks = []
    queue = [(0, len(a), 0, len(b))]
    while queue:
        alo, ahi, blo, bhi = queue.pop()
        i, j, k = block = _longest_match(a, b, positions, alo, ahi, blo, bhi)
        if k:
            blocks.append(block)
            if alo < i and blo < j:
                queue.append((alo, i, blo, j))
            if i + k < ahi and j + k < bhi:
                queue.append((i + k, ahi, j + k, bhi))
    blocks.sort()
    opcodes = []
    i = j = 0
    for ai, bj, size in [*_joined_blocks(blocks), (len(a), len(b), 0)]:
        tag = "replace" if i < ai and j < bj else "delete" if i < ai else "insert" if j < bj else ""
        if tag:
            opcodes.append((tag, i, ai, j, bj))
        i, j = ai + size, bj + size
        if size:
            opcodes.append(("equal", ai, i, bj, j))
    return opcodes


def _longest_match(a: str, b: str, positions: dict[str, list[int]], alo: int, ahi: int, blo: int, bhi: int):
    """The longest common block of a[alo:ahi] and b[blo:bhi] (the first in a, then in b, of the
    longest), as difflib's find_longest_match without junk."""
    best_i, best_j, best_size = alo, blo, 0
    lengths: dict[int, int] = {}  # j → length of the common block ending at a[i - 1], b[j]
    for i in range(alo, ahi):
        new_lengths = {}
        for j in positions.get(a[i], ()):
            if j < blo:
                continue
            if j >= bhi:
                break
            k = new_lengths[j] = lengths.get(j - 1, 0) + 1
            if k > best_size:
                best_i, best_j, best_size = i - k + 1, j - k + 1, k
        lengths = new_lengths
    while best_i > alo and best_j > blo and a[best_i - 1] == b[best_j - 1]:
        best_i, best_j, best_size = best_i - 1, best_j - 1, best_size + 1
    while best_i + best_size < ahi and best_j + best_size < bhi and a[best_i + best_size] == b[best_j + best_size]:
        best_size += 1
    return best_i, best_j, best_size


def _joined_blocks(blocks: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Sorted matching blocks with the adjacent ones joined."""
    joined = []
    i1 = j1 = k1 = 0
    for i2, j2, k2 in blocks:
        if i1 + k1 == i2 and j1 + k1 == j2:
            k1 += k2
        else:
            if k1:
                joined.append((i1, j1, k1))
            i1, j1, k1 = i2, j2, k2
    if k1:
        joined.append((i1, j1, k1))
    return joined
