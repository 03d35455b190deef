"""H rules: numbering gaps and repeats, level order, heading form."""

from conftest import codes, seed_path

PRE = "2021年法治政府建设情况报告\n\n正文第一段内容比较长，用来说明本报告的基本情况，不属于标题块。\n"


def test_skipped_number_is_reported_once_at_the_heading(lint):
    diags = lint(PRE + "一、甲\n二、乙\n四、丙\n五、丁\n", select="H")
    assert codes(diags) == ["H101"]
    assert diags[0].line == 6 and diags[0].column == 1 and diags[0].end_column == 3
    assert "三、" in diags[0].message


def test_repeated_number_is_reported(lint):
    diags = lint(PRE + "一、甲\n（一）子\n（二）子\n（二）子\n（三）子\n", select="H101")
    assert codes(diags) == ["H101"]
    assert diags[0].line == 7 and "重复" in diags[0].message


def test_numbering_restarts_under_each_parent(lint):
    text = PRE + "一、甲\n（一）子\n（二）子\n二、乙\n（一）子\n1.孙\n2.孙\n（二）子\n1.孙\n"
    assert lint(text, select="H") == []


def test_sequence_that_does_not_start_at_one(lint):
    diags = lint(PRE + "二、乙\n三、丙\n", select="H101")
    assert codes(diags) == ["H101"] and "一、" in diags[0].message


def test_level_used_before_its_parent(lint):
    diags = lint(PRE + "（一）子\n（二）子\n一、甲\n", select="H102")
    assert codes(diags) == ["H102"] and diags[0].line == 4


def test_level_skipped_under_parent_reported_once(lint):
    diags = lint(PRE + "一、甲\n1.孙\n2.孙\n3.孙\n", select="H102")
    assert codes(diags) == ["H102"] and diags[0].line == 5


def test_wrong_forms_are_reported_with_a_fix(lint):
    text = PRE + "一、甲\n（一）、子\n1、孙\n(1)曾孙\n二.乙\n"
    diags = lint(text, select="H103")
    assert [(d.line, d.fix.edits[0].content) for d in diags] == [(5, "（一）"), (6, "1."), (7, "（1）"), (8, "二、")]


def test_correct_forms_are_silent(lint):
    assert lint(PRE + "一、甲\n（一）子\n1.孙\n（1）曾孙\n", select="H") == []


def test_seeds_have_no_heading_defects(lint):
    for prefix in ("000", "001", "002", "003", "004"):
        text = seed_path(prefix).read_text(encoding="utf-8")
        assert lint(text, select="H") == [], prefix


def test_numbering_straight_through_across_parents_is_consistent(lint):
    text = PRE + "一、甲\n（一）子\n1.孙\n2.孙\n（二）丑\n3.孙\n4.孙\n"
    assert lint(text, select="H101") == []


def test_a_gap_in_numbering_straight_through_is_still_a_gap(lint):
    text = PRE + "一、甲\n（一）子\n1.孙\n2.孙\n（二）丑\n3.孙\n5.孙\n（三）寅\n2.孙\n"
    diags = lint(text, select="H101")
    assert [(d.line, d.message) for d in diags] == [
        (10, "三级标题序号不连续：此处应为“4.”，实际为“5.”"),
        (12, "三级标题序号不连续：此处应为“1.”，实际为“2.”"),
    ]
