"""H — heading structure (GB/T 9704-2012 §7.3.3: 一、 → （一） → 1. → （1））."""

from __future__ import annotations

from functools import cache

from lawlint.diagnostics import Fix, Severity
from lawlint.document import LEVEL_NAMES, Section
from lawlint.hookspec import hookimpl
from lawlint.rules import Rule

_GBT9704 = "GB/T 9704-2012《党政机关公文格式》7.3.3：结构层次序数依次为“一、”“（一）”“1.”“（1）”"


def _children_by_level(section: Section) -> dict[int, list[Section]]:
    children = section.children
    level = children[0].level
    for child in children:
        if child.level != level:
            break
    else:  # nearly always: all at one level
        return {level: children}
    groups: dict[int, list[Section]] = {}
    for child in children:
        groups.setdefault(child.level, []).append(child)
    return groups


def _sibling_groups(doc) -> list[tuple[Section, dict[int, list[Section]]]]:
    """Each section that has sub-sections, in document order, with its sub-sections by level
    (read by H101 and H102)."""
    return doc.fact("headings.sibling_groups", _group_siblings)


def _group_siblings(doc) -> list[tuple[Section, dict[int, list[Section]]]]:
    groups = []
    stack = [doc.root] if doc.root.children else []
    while stack:  # the order of Section.walk (of the sections with children), without generators
        section = stack.pop()
        groups.append((section, _children_by_level(section)))
        stack.extend([child for child in reversed(section.children) if child.children])
    return groups


class HeadingNumbering(Rule):
    """Heading numbers within one level must run 一、二、三… without a gap or a repeat.

    A skipped or repeated number usually means a section was deleted, moved or pasted twice while
    drafting; the reader (and the 司法局 reviewer) can no longer tell whether content is missing.
    Numbering restarts under each parent heading, or runs straight through a level across parents
    (（一）1. 2. （二）3. 4.) when a report numbers that way.
    """

    code = "H101"
    name = "heading-numbering"
    severity = Severity.ERROR
    summary = "同级标题序号跳号或重复"
    norm = _GBT9704
    bad = "一、主要举措\n二、存在的不足\n四、下一年度安排\n"
    good = "一、主要举措\n二、存在的不足\n三、下一年度安排\n"

    def check(self, doc, ctx):
        # The last number of each level in the group before: some reports number 1. 2. 3. straight
        # through across their （一）（二） parents, which is consistent and not a gap.
        previous_last: dict[int, int] = {}
        for _section, groups in _sibling_groups(doc):
            for level, siblings in groups.items():
                numbers = [c.heading.number for c in siblings if c.heading.number is not None]
                first = numbers[0] if numbers else None
                carried = previous_last.get(level)
                continuous = level > 1 and carried is not None and first == carried + 1
                expected = first if continuous else 1
                if numbers:
                    previous_last[level] = numbers[-1]
                    if numbers == list(range(expected, expected + len(numbers))):
                        continue  # the usual case: every number in its place
                seen: dict[int, int] = {}
                for child in siblings:
                    heading = child.heading
                    if heading.number is None:
                        continue
                    actual = heading.number
                    if actual in seen and actual != expected:
                        yield self.finding(
                            heading.marker_span.start, heading.marker_span.end,
                            f"{LEVEL_NAMES[level]}序号重复：“{heading.marker}”已在第{seen[actual]}行出现，"
                            f"此处应为“{_label(heading, expected)}”",
                        )
                    elif actual != expected:
                        yield self.finding(
                            heading.marker_span.start, heading.marker_span.end,
                            f"{LEVEL_NAMES[level]}序号不连续：此处应为“{_label(heading, expected)}”，"
                            f"实际为“{heading.marker}”",
                        )
                    seen.setdefault(actual, heading.line.number)
                    expected = actual + 1


def _label(heading, number: int) -> str:
    return _canonical_marker()(heading.level, number)


@cache
def _canonical_marker():
    # Imported on first use, not with this module; an import statement in _label cost more than
    # the rest of a finding.
    from lawlint.parse import canonical_marker

    return canonical_marker


class HeadingLevelOrder(Rule):
    """A heading level must sit directly under the level above it: （一） under 一、, 1. under （一）.

    A level used out of order — （一） before any 一、, or 1. directly under 一、 — breaks the
    hierarchy that GB/T 9704 prescribes; readers take the skipped level for missing text.  Only the
    first heading of such a run is reported.
    """

    code = "H102"
    name = "heading-level-order"
    severity = Severity.WARNING
    summary = "标题层级跳级（如“一、”下直接出现“1.”）"
    norm = _GBT9704
    bad = "一、主要举措\n1.推进依法行政\n"
    good = "一、主要举措\n（一）推进依法行政\n"

    def check(self, doc, ctx):
        for section, groups in _sibling_groups(doc):
            for level, siblings in groups.items():
                if level <= section.level + 1:
                    continue
                first = siblings[0].heading
                expected_parent = LEVEL_NAMES[level - 1]
                if section.level == 0:
                    where = f"{LEVEL_NAMES[level]}“{first.marker}”出现在任何{LEVEL_NAMES[1]}之前"
                else:
                    where = (f"{LEVEL_NAMES[level]}“{first.marker}”直接出现在"
                             f"{LEVEL_NAMES[section.level]}“{section.heading.marker}”之下")
                yield self.finding(
                    first.marker_span.start, first.marker_span.end,
                    f"标题层级跳级：{where}，缺少{expected_parent}",
                )


class HeadingForm(Rule):
    """Each heading level has one written form: 一、 （一） 1. （1）.

    "1、", "（一）、", "一.", half-width "(1)" and full-width digits are common slips that make a
    report look unedited; the fix rewrites only the heading marker.
    """

    code = "H103"
    name = "heading-form"
    severity = Severity.WARNING
    summary = "标题序号写法不规范（如“1、”“（一）、”“(1)”）"
    norm = _GBT9704
    bad = "一、主要举措\n（一）依法决策\n1、完善制度\n"
    good = "一、主要举措\n（一）依法决策\n1.完善制度\n"
    fixable = True

    def check(self, doc, ctx):
        for heading in doc.headings:
            # (wrong_form, without a property call for each of the many right ones)
            if heading.marker == heading.canonical_marker or heading.number is None:
                continue
            span = heading.marker_span
            yield self.finding(
                span.start, span.end,
                f"{LEVEL_NAMES[heading.level]}序号应写作“{heading.canonical_marker}”，而不是“{heading.marker}”",
                fix=Fix.replace(span.start, span.end, heading.canonical_marker,
                                f"改为“{heading.canonical_marker}”"),
            )


@hookimpl
def lawlint_rules():
    return [HeadingNumbering, HeadingLevelOrder, HeadingForm]
