"""The document model: title block, addressee, closing block, sections and positions."""

from conftest import seed_path

from lawlint.parse import parse_document


def load(prefix):
    path = seed_path(prefix)
    return parse_document(path.read_text(encoding="utf-8"), path=str(path))


def test_title_split_over_lines_and_a_blank_line_is_one_title():
    doc = load("004")
    assert doc.title_block.title == "岳龙镇2021年度法治政府建设工作报告"
    assert [line.number for line in doc.title_block.title_lines] == [1, 3]
    assert doc.title_block.issuer_lines == []


def test_issuer_lines_are_not_title():
    doc = load("001")
    assert [line.content for line in doc.title_block.issuer_lines] == ["中共黔江区邻鄂镇委员会", "黔江区邻鄂镇人民政府"]
    assert doc.title_block.title == "关于2022年法治政府建设工作情况的报告"


def test_addressee_and_closing_block():
    doc = load("002")
    assert doc.title_block.addressee.content == "区政府："
    assert [line.number for line in doc.closing.signature_lines] == [38]
    assert doc.closing.date.content == "2020年9月18日"
    assert doc.closing.cc.content == "抄送：区司法局。"
    # The closing block is not body text.
    assert all(p.line.number < 38 for p in doc.paragraphs)


def test_sections_nest_by_level():
    doc = load("003")
    top = [s.heading.marker for s in doc.sections]
    assert top == ["一、", "二、", "三、", "四、", "五、"]
    first = doc.sections[0]
    assert [c.heading.marker for c in first.children] == ["（一）", "（二）", "（三）", "（四）"]
    assert [c.heading.marker for c in first.children[0].children] == ["1.", "2.", "3."]
    assert "行政复议案件0件" in first.content_text()


def test_positions_are_one_based_code_points():
    doc = parse_document("标题报告\n一、主要举措\n")
    offset = doc.text.index("主要")
    assert doc.position(offset) == (2, 3)
    assert doc.position(len(doc.text)) == (3, 1)


def test_preamble_paragraphs_belong_to_the_root():
    doc = load("000")
    assert doc.root.paragraphs and doc.root.paragraphs[0].line.number == 4


def test_sections_know_their_parent_without_a_reference_cycle():
    """A parent is held weakly: a document is freed as soon as it is dropped, not by the collector."""
    import gc
    import weakref

    doc = load("003")
    assert all(child.parent is section for section in doc.root.walk() for child in section.children)
    assert doc.root.parent is None
    first = weakref.ref(doc.sections[0])
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        del doc
        assert first() is None
    finally:
        if was_enabled:
            gc.enable()


def test_a_document_survives_pickle_and_deepcopy():
    import copy
    import pickle

    doc = load("003")
    for twin in (pickle.loads(pickle.dumps(doc)), copy.deepcopy(doc)):
        assert repr(twin) == repr(doc)
        assert twin.sections[0].children[0].parent is twin.sections[0]
