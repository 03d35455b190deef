"""W family: every data entry's own examples, and the number, sequence, repeat and placeholder rules
on text where they must fire and on tricky correct text where they must stay silent."""

from __future__ import annotations

import textwrap

import pytest

from conftest import seed_path

from lawlint.plugins import wording
from lawlint.plugins.datafile import data_version, load_toml
from lawlint.plugins.wording_common import title_spans
from lawlint.plugins.wording_dictionary import WORDS, Dictionary, applicable_candidates, parse_entries
from lawlint.plugins.wording_placeholders import placeholder_findings, placeholders
from lawlint.plugins.wording_repeats import doubled_chars, repeat_data, repeated_words
from lawlint.plugins.wording_sequences import edit_distance, fixed_forms, phrase_findings, sequence_findings

ENTRIES = parse_entries(load_toml(WORDS), WORDS)
BASE = Dictionary(ENTRIES)


def _entry_id(entry):
    return entry.wrong


def _applies(entry, text):
    cands = applicable_candidates(text, BASE, entry.examples_year, title_spans(text))
    return [c for c in cands if c.entry is entry]


# ---------------------------------------------------------------------------------------------
# The dictionary (W101, W102)


def test_dictionary_entries_are_unique_and_conditional_ones_carry_examples():
    assert len(ENTRIES) > 300
    assert len({(e.wrong, e.pattern.pattern if e.pattern else None) for e in ENTRIES}) == len(ENTRIES)
    for entry in ENTRIES:
        # A condition is only trustworthy with examples on both sides of it.
        if entry.pattern is not None or entry.min_year or entry.outside_titles or entry.unless_earlier:
            assert entry.must_fire and entry.must_not_fire, f"{entry.wrong}: a conditional entry needs examples"


@pytest.mark.parametrize("entry", ENTRIES, ids=_entry_id)
def test_entry_fires_on_its_own_examples(entry):
    for text in entry.must_fire or (entry.wrong,):
        assert _applies(entry, text), f"{entry.wrong!r} must fire on {text!r}"


@pytest.mark.parametrize("entry", [e for e in ENTRIES if e.must_not_fire], ids=_entry_id)
def test_entry_is_silent_on_its_own_counter_examples(entry):
    for text in entry.must_not_fire:
        assert not _applies(entry, text), f"{entry.wrong!r} must not fire on {text!r}"


def test_the_fix_of_an_example_makes_the_text_clean(lint):
    text = "截止目前，全镇共调节纠纷56件，其它工作稳步推进。"
    diags = lint(text, select="W1")
    fixed = text
    for diag in sorted(diags, key=lambda d: -d.start):
        edit = diag.fix.edits[0]
        fixed = fixed[:edit.start] + edit.content + fixed[edit.end:]
    assert fixed == "截至目前，全镇共调解纠纷56件，其他工作稳步推进。"
    assert not lint(fixed, select="W1")


def test_jiezhi_mumqian_is_reported_once_with_a_safe_fix(lint):
    diags = lint("截止目前，镇矛调中心接待74批79人次。", select="W")
    assert [(d.code, d.column, d.end_column) for d in diags] == [("W101", 1, 5)]
    assert diags[0].fix.edits[0].content == "截至目前"
    assert diags[0].fix.applicability.value == "safe"


def test_fazhi_xuanchuan_jiaoyu_depends_on_the_report_year(lint):
    text = "坚持法制宣传教育和法治实践相结合。"
    assert [d.code for d in lint(text, select="W", report_year=2022)] == ["W101"]
    assert lint(text, select="W", report_year=2014) == []
    # Read from the report's own title when no override is given.
    old = "XX县2013年法制宣传教育工作总结\n\n坚持法制宣传教育和法治实践相结合。\n".replace("XX县", "宁河县")
    assert lint(old, select="W1") == []
    new = "宁河县2021年法治政府建设情况报告\n\n坚持法制宣传教育和法治实践相结合。\n"
    assert [d.line for d in lint(new, select="W1")] == [3]


def test_correct_terms_with_fazhi_stay_silent(lint):
    text = ("严格落实重大执法决定法制审核制度，加强法制机构建设，提请法制办审核，"
            "报送全国人大常委会法制工作委员会，法治政府建设取得成效。")
    assert lint(text, select="W") == []


def test_general_secretary_short_form_after_the_full_form_is_fine(lint):
    first = "深入学习贯彻总书记关于法治政府建设的重要指示精神。"
    assert [d.code for d in lint(first, select="W")] == ["W102"]
    later = "深入学习贯彻习近平总书记重要讲话精神。总书记强调，法治是最好的营商环境。"
    assert lint(later, select="W") == []


def test_extra_dictionary_from_options(tmp_path, lint):
    extra = tmp_path / "local.toml"
    extra.write_text(textwrap.dedent('''
        [[entry]]
        wrong = "岳龙镇政府"
        right = "岳龙镇人民政府"
        severity = "warning"
        category = "规范表述"
        note = "使用机关全称"
    '''), encoding="utf-8")
    text = "聘请律师为岳龙镇政府的法律顾问。"
    assert lint(text, select="W") == []
    diags = lint(text, select="W", options={"dictionaries": [str(extra)]})
    assert [(d.code, d.message) for d in diags] == [
        ("W102", "表述不规范：“岳龙镇政府”应为“岳龙镇人民政府”（使用机关全称）")]


def test_a_broken_extra_dictionary_is_reported_not_ignored(tmp_path, lint):
    extra = tmp_path / "broken.toml"
    extra.write_text('[[entry]]\nwrong = "甲"\n', encoding="utf-8")
    diags = lint("甲乙丙", select="W1", options={"dictionaries": [str(extra)]})
    assert diags and all(d.code == "X001" for d in diags)
    assert "needs wrong and right" in diags[0].message


def test_data_versions_name_every_data_file():
    versions = wording.lawlint_data_versions()
    assert set(versions) == {"wording_words", "wording_sequences", "wording_repeats", "wording_placeholders"}
    assert all(v.startswith("2026.11.1 (") for v in versions.values())
    assert data_version("# version = 7\nx") != data_version("# version = 7\ny")


# ---------------------------------------------------------------------------------------------
# Numbers (W201-W205)


@pytest.mark.parametrize("text", ["依法审查完善有关合同8余份。", "发放1余万元补贴", "培训3多次"])
def test_single_digit_before_yu_or_duo_fires(lint, text):
    assert [d.code for d in lint(text, select="W2")] == ["W201"]


@pytest.mark.parametrize("text", [
    "发放宣传资料3000余份", "开展活动10余次", "接待来访群众60多次", "增长2.5多倍", "建设1+5多元化解平台",
    "第3多功能厅", "全镇5千多个家庭",
])
def test_round_numbers_and_compounds_before_yu_or_duo_stay_silent(lint, text):
    assert lint(text, select="W201") == []


@pytest.mark.parametrize("text, fixed", [("23年1月召开会议", "2023"), ("部署21年度重点工作", "2021"),
                                         ("于99年3月成立", "1999")])
def test_two_digit_calendar_years_fire(lint, text, fixed):
    diags = lint(text, select="W202")
    assert [d.code for d in diags] == ["W202"]
    assert diags[0].fix.edits[0].content == fixed


def test_two_digit_years_opening_a_sentence_or_a_heading(lint):
    text = ("一、23年推进法治政府建设的主要举措\n23年，我镇坚持依法行政。历经23年，面貌一新。23年来从未间断。\n"
            "二、10年来坚持普法\n")
    assert [(d.line, d.column) for d in lint(text, select="W202")] == [(1, 3), (2, 1)]


@pytest.mark.parametrize("text", ["工作23年来从未间断", "服刑12年6个月", "执法23年", "2023年1月", "近5年度"])
def test_durations_and_full_years_stay_silent(lint, text):
    assert lint(text, select="W202") == []


def test_fullwidth_digits_fire_with_a_safe_fix_but_not_in_heading_markers(lint):
    diags = lint("一、主要举措\n１．完善制度\n全年办理案件１２件。\n", select="W2")
    assert [(d.code, d.line, d.fix.edits[0].content) for d in diags] == [("W203", 3, "12")]


@pytest.mark.parametrize("text", ["群众满意度达105%", "调解成功率为101.5%", "合格率达到120％"])
def test_a_proportion_over_100_percent_fires(lint, text):
    assert [d.code for d in lint(text, select="W2")] == ["W204"]


@pytest.mark.parametrize("text", ["满意度达100%", "收入增长105%", "任务完成率105%", "同比增长率达130%"])
def test_growth_and_full_proportions_stay_silent(lint, text):
    assert lint(text, select="W204") == []


def test_chinese_year_with_ling(lint):
    diags = lint("二零二三年一月，二〇二二年十二月，一百零五件", select="W2")
    assert [(d.code, d.column, d.fix.edits[0].content) for d in diags] == [("W205", 1, "二〇二三")]


@pytest.mark.parametrize("text", ["二○二三年", "二O二三年", "二0二三年"])
def test_chinese_year_with_a_lookalike_zero(lint, text):
    (diag,) = lint(text, select="W205")
    assert diag.fix.edits[0].content == "二〇二三" and "“〇”" in diag.message


@pytest.mark.parametrize("text, span", [("带动全镇5千多个家庭", "5千"), ("共3百余人参加", "3百"),
                                        ("3亿4千5百万", "4千")])
def test_hundred_and_thousand_as_units_of_digits_fire(lint, text, span):
    diags = lint(text, select="W206")
    assert text[diags[0].start:diags[0].end] == span


@pytest.mark.parametrize("text", ["行程12千米", "重5千克", "装机100千瓦", "5000多个家庭", "五千多个家庭",
                                  "3.5万人", "1百货商店", "3亿4500万", "5000万元"])
def test_units_of_measure_and_wan_yi_stay_silent(lint, text):
    assert lint(text, select="W206") == []


# ---------------------------------------------------------------------------------------------
# Fixed sequences and phrases (W301)


def test_edit_distance():
    assert edit_distance("民族管理", "民主管理") == 1
    assert edit_distance("监督", "监督权") == 1
    assert edit_distance("", "abc") == 3


SEQUENCES = fixed_forms().sequences
PHRASES = fixed_forms().phrases


@pytest.mark.parametrize("seq", SEQUENCES, ids=lambda s: s.name)
def test_sequence_examples(seq):
    assert seq.must_fire and seq.must_not_fire
    for text in seq.must_fire:
        found = [f for f in sequence_findings(text, fixed_forms()) if f[4] is seq]
        assert len(found) == 1, f"{seq.name} must fire once on {text!r}: {found}"
    for text in seq.must_not_fire:
        assert not list(sequence_findings(text, fixed_forms())), f"{seq.name} must not fire on {text!r}"


@pytest.mark.parametrize("phrase", PHRASES, ids=lambda p: p.text)
def test_phrase_examples(phrase):
    assert phrase.must_fire and phrase.must_not_fire
    for text in phrase.must_fire:
        assert [f for f in phrase_findings(text, fixed_forms()) if f[3] == phrase.text], text
    for text in phrase.must_not_fire:
        assert not list(phrase_findings(text, fixed_forms())), text


def test_the_deviating_member_is_the_span_and_the_message_names_the_right_member(lint):
    text = "确保广大人民群众的知情权、参与权、表达权和监督。"
    (diag,) = lint(text, select="W3")
    assert text[diag.start:diag.end] == "监督"
    assert diag.message == "固定表述“知情权、参与权、表达权、监督权”中的“监督”应为“监督权”"
    assert diag.fix.edits[0].content == "监督权"


@pytest.mark.parametrize("text", [
    "严格规范执法人员公正文明执法，20名执法人员做到全部持证上岗。",
    "坚持科学决策、民主决策和依法决策原则。",
    "按照“两公开、一监督、民主管理政务”的原则，拓宽民主监督渠道。",
    "知情权、参与权、表达权和监督工作",
    "实行民主选举、民主决策、民主监督",
])
def test_partial_or_interrupted_lists_stay_silent(lint, text):
    assert lint(text, select="W3") == []


# ---------------------------------------------------------------------------------------------
# Repeats (W401)


@pytest.mark.parametrize("text, span", [
    ("加强行政执法队伍的的建设", "的的"), ("组织了了专题培训", "了了"), ("在在全镇范围内", "在在"),
    ("法律顾问和和公职律师", "和和"), ("进一步进一步加强", "进一步进一步"), ("加强加强队伍建设", "加强加强"),
    ("对对重点人员加强管控", "对对"), ("建设存在在的不足", "在在"), ("参与与重大执法决定", "与与"),
    ("一是是加强规范性文件管理", "是是"), ("《中华人民共和和国行政诉讼法》", "和和"), ("涉及及人、财、物", "及及"),
])
def test_repeats_fire(lint, text, span):
    diags = lint(text, select="W4")
    assert [text[d.start:d.end] for d in diags] == [span]


@pytest.mark.parametrize("text", [
    "的的确确", "不了了之", "为了了解群众需求", "实实在在为群众办事", "是是非非", "达到目的的手段",
    "存在在职人员兼职问题", "关键是是否落实", "针对对象开展宣传", "面对对方的质疑", "参与与否",
    "常常深入基层", "一一听证", "层层压实工作责任", "实现村村都有法律顾问", "户户知晓",
    "件件有回音，桩桩有落实", "谈谈体会", "研究研究再说", "和和美美", "以及及时化解",
    "《最高人民法院人民法院对外委托司法鉴定管理规定》", "一把把钥匙", "涉及及时率",
    "对群众诉求进行了了解", "在在线平台办理", "认真回应对对方的诉求", "不甚了了", "现在在岗人员",
])
def test_legitimate_reduplication_stays_silent(lint, text):
    assert lint(text, select="W4") == []


def test_repeat_data_helpers():
    data = repeat_data()
    assert list(doubled_chars("的的", data)) == [(0, 2, "的")]
    assert list(repeated_words("研究研究", data)) == []


# ---------------------------------------------------------------------------------------------
# Placeholders (W501)


@pytest.mark.parametrize("placeholder", placeholders(), ids=lambda p: p.name)
def test_placeholder_examples(placeholder):
    assert placeholder.must_fire and placeholder.must_not_fire
    for text in placeholder.must_fire:
        assert placeholder.pattern.search(text), text
    for text in placeholder.must_not_fire:
        assert not list(placeholder_findings(text)), text


def test_anonymised_case_descriptions_stay_silent(lint):
    text = "化解了李麻村农民工李某讨薪、麻坨村道路积水等问题，张某某等3人，某企业欠薪案。"
    assert lint(text, select="W5") == []


def test_placeholder_message_quotes_the_slot(lint):
    (diag,) = lint("现就XX街道2023年度法治政府建设情况报告如下：", select="W5")
    assert diag.message == "“XX”是未替换的模板占位符，应填写实际内容"


# ---------------------------------------------------------------------------------------------
# The seeds, rule by rule (the exact list is tests/seeds_expected/W.tsv)


def _seed_w(lint, prefix):
    text = seed_path(prefix).read_text(encoding="utf-8")
    return text, lint(text, select="W")


def test_seed_004_known_defects(lint):
    text, diags = _seed_w(lint, "004")
    found = {(d.line, d.code, text[d.start:d.end]) for d in diags}
    assert (11, "W201", "8余") in found
    assert (17, "W101", "截止目前") in found
    assert (17, "W101", "调节矛盾") in found
    assert (27, "W301", "严格规范工作文明执法") in found
    assert sum(1 for d in diags if text[d.start:d.end] == "截止目前") == 1


def test_seed_000_and_001_sequences(lint):
    text, diags = _seed_w(lint, "000")
    assert (30, "监督") in {(d.line, text[d.start:d.end]) for d in diags if d.code == "W301"}
    text, diags = _seed_w(lint, "001")
    assert (13, "民族管理") in {(d.line, text[d.start:d.end]) for d in diags if d.code == "W301"}


# ---------------------------------------------------------------------------------------------
# Sample reports


def test_clean_sample_report_is_silent(lint):
    from conftest import FIXTURES

    text = (FIXTURES / "good" / "wording_clean.txt").read_text(encoding="utf-8")
    diags = lint(text, select=["W", "D"])
    assert diags == [], [(d.line, d.code, d.message) for d in diags]


def test_defects_sample_report_finds_every_injected_defect(lint):
    from conftest import FIXTURES

    text = (FIXTURES / "bad" / "wording_defects.txt").read_text(encoding="utf-8")
    found = [(d.line, d.code, text[d.start:d.end]) for d in lint(text, select=["W", "D"])]
    assert found == [
        (1, "W501", "XX"),
        (4, "W102", "习近平新时代中国特色思想"),
        (4, "W102", "总书记"),
        (4, "W101", "法制政府"),
        (6, "W101", "截止目前"),
        (6, "W203", "１２"),
        (6, "W201", "8余"),
        (6, "W202", "22"),
        (6, "W204", "105%"),
        (7, "W301", "严格规范工作文明执法"),
        (7, "W101", "布署"),
        (7, "W102", "其它"),
        (8, "W301", "民族管理"),
        (8, "W301", "监督"),
        (9, "W401", "进一步进一步"),
        (9, "W101", "法制宣传教育"),
        (9, "W401", "的的"),
        (9, "W501", "【 】"),
        (9, "D102", "13812345678"),
        (9, "D101", "11010519491231002X"),
        (13, "W101", "人民调节"),
    ]


@pytest.mark.parametrize("text", ["落实谁执法谁普法普法责任制", "双河街道街道办事处", "提升基层党组织组织力",
                                  "设立政务公开公开栏", "推进项目建设建设单位", "普法宣传宣传栏"])
def test_a_noun_ending_one_compound_and_starting_the_next_stays_silent(lint, text):
    assert lint(text, select="W401") == []


# ---------------------------------------------------------------------------------------------
# Defects injected into the real seeds: each must be found exactly, with no other new W/D finding


INJECTIONS = [
    # (seed, correct text in the seed, the same text with a defect, code, the reported text)
    ("004", "截至目前还不涉及", "截止目前还不涉及", "W101", "截止目前"),
    ("000", "对法治政府建设、依法行政工作进行全面部署", "对法制政府建设、依法行政工作进行全面部署", "W101", "法制政府"),
    ("000", "对法治政府建设、依法行政工作进行全面部署", "对法治政府建设、依法行政工作进行全面布署", "W101", "布署"),
    ("000", "重大执法决定法制审核制度工作方案", "重大执法决定法治审核制度工作方案", "W101", "法治审核"),
    ("000", "及其他依法应当公开", "及其它依法应当公开", "W102", "其它"),
    ("000", "坚持以习近平新时代中国特色社会主义思想为指导，深入学习",
     "坚持以习近平新时代中国特色思想为指导，深入学习", "W102", "习近平新时代中国特色思想"),
    ("000", "发放《民法典》相关法律书籍300余册", "发放《民法典》相关法律书籍3余册", "W201", "3余"),
    ("002", "双河街道2020年度法治政府建设情况", "双河街道20年度法治政府建设情况", "W202", "20"),
    ("003", "现已有12名持证执法人员", "现已有１２名持证执法人员", "W203", "１２"),
    ("003", "行政机关负责人出庭率100%", "行政机关负责人出庭率102%", "W204", "102%"),
    ("003", "严格规范公正文明执法。", "严格规范公平文明执法。", "W301", "严格规范公平文明执法"),
    ("004", "遵循公众参与、专家论证、风险评估", "遵循公众参与、专家论证、风险平估", "W301", "风险平估"),
    # A list that already has one deviating member ("民族管理") is not a recognisable list once a
    # second member deviates: W301 stays silent rather than guess.
    ("001", "民主选举、民主决策、民族管理", "民主选举、民主决测、民族管理", None, None),
    ("003", "进一步加强法治宣传", "进一步进一步加强法治宣传", "W401", "进一步进一步"),
    ("003", "进一步加强法治宣传", "进一步加强法治的的宣传", "W401", "的的"),
    ("002", "双河街道2020年度法治政府建设情况", "XX街道2020年度法治政府建设情况", "W501", "XX"),
    ("003", "镇党政主要负责人严格履行", "镇党政主要负责人（电话13912345678）严格履行", "D102", "13912345678"),
    ("003", "镇党政主要负责人严格履行", "镇党政主要负责人（11010519491231002X）严格履行", "D101", "11010519491231002X"),
]


def _wd_findings(lint, text):
    from collections import Counter

    return Counter((d.code, text[d.start:d.end]) for d in lint(text, select=["W", "D"]))


@pytest.mark.parametrize("seed, correct, injected, code, span", INJECTIONS,
                         ids=[f"{i[0]}-{i[3]}-{n}" for n, i in enumerate(INJECTIONS)])
def test_injected_defect_is_found_exactly(lint, seed, correct, injected, code, span):
    text = seed_path(seed).read_text(encoding="utf-8")
    assert text.count(correct) == 1
    before = _wd_findings(lint, text)
    after = _wd_findings(lint, text.replace(correct, injected))
    new = after - before
    expected = {(code, span): 1} if code else {}
    assert dict(new) == expected


# ---------------------------------------------------------------------------------------------
# W301: the phrase anchors find every window start that phrase_findings can report


def _every_start(text, forms):
    """Every offset that opens with a phrase's first character: what _phrase_starts narrows."""
    return [(i, index) for i in range(len(text)) for index, phrase in enumerate(forms.phrases)
            if text[i] == phrase.text[0]]


@pytest.mark.parametrize("seed", range(200))
def test_phrase_anchors_miss_no_window(monkeypatch, seed):
    import random

    from lawlint.plugins import wording_sequences

    rng = random.Random(seed)
    forms = fixed_forms()
    # Phrases with a character changed, dropped, doubled or added, among their own characters,
    # punctuation and line ends: windows found from the first character and from the last.
    phrase = rng.choice(forms.phrases).text
    chars = list(phrase)
    for _ in range(rng.randint(0, 2)):
        at = rng.randrange(len(chars))
        edit = rng.choice(["change", "drop", "double", "add"])
        if edit == "change":
            chars[at] = rng.choice(phrase + "，\n的")
        elif edit == "drop":
            del chars[at]
        elif edit == "double":
            chars.insert(at, chars[at])
        else:
            chars.insert(at, rng.choice(phrase + "，的"))
    text = rng.choice(["", "坚持", "，"]) + "".join(chars) + rng.choice(["", "。", "的法治方式"])
    found = list(phrase_findings(text, forms))
    monkeypatch.setattr(wording_sequences, "_phrase_starts", _every_start)
    assert found == list(phrase_findings(text, forms)), text


def test_phrase_anchor_opens_with_the_rarer_end():
    from lawlint.plugins.wording_sequences import _phrase_anchor

    assert _phrase_anchor("严格规范公正文明执法")[1] is False  # 严, not 法
    anchor, at_end = _phrase_anchor("法治思维和法治方式")
    assert at_end is True and anchor.pattern.startswith("式")
