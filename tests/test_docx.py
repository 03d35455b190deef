""".docx input: paragraphs and table cells in order, Word's automatic numbers rebuilt, limits."""

import io
import json
import subprocess
import sys
import zipfile

import pytest

from conftest import make_engine
from docx_builder import (
    REPORT_OUTLINE,
    abstract_xml,
    level_xml,
    new_document,
    num_xml,
    numbered,
    numbered_style,
)

from lawlint import docx_input
from lawlint.docx_input import DocxError, format_number, read_docx
from lawlint.inputs import InputError, Target, read_target

DECIMAL_LIST = abstract_xml(1, [level_xml(0, "decimal", "%1.")])


def _save(document, path):
    document.save(str(path))
    return path


def _report(tmp_path, typed_last="四、下一年度安排"):
    """A report whose headings are numbered by Word, with a table and a typed heading at the end."""
    doc = new_document([REPORT_OUTLINE], [num_xml(1, 0)])
    doc.add_paragraph("某某镇人民政府")  # 1
    doc.add_paragraph("关于2023年法治政府建设情况的报告")  # 2
    numbered(doc, "主要举措", 1, 0)  # 3  一、
    numbered(doc, "推进依法决策", 1, 1)  # 4  （一）
    doc.add_paragraph("全年审查规范性文件12件。\n另有备案3件。")  # 5, a manual line break inside
    numbered(doc, "完善制度", 1, 2)  # 6  1.
    numbered(doc, "健全机制", 1, 2)  # 7  2.
    numbered(doc, "存在的不足", 1, 0)  # 8  二、 (deeper levels restart)
    numbered(doc, "依法决策仍有短板", 1, 1)  # 9  （一）
    table = doc.add_table(rows=2, cols=2)
    for (row, col), text in {(0, 0): "指标", (0, 1): "数值", (1, 0): "行政复议", (1, 1): "12件"}.items():
        table.cell(row, col).text = text  # 10..13
    doc.add_paragraph(typed_last)  # 14, typed by the author
    return _save(doc, tmp_path / "report.docx")


def _lines(path):
    return read_docx(path.read_bytes()).text.split("\n")


def test_paragraphs_and_table_cells_in_document_order_with_rebuilt_numbers(tmp_path):
    lines = _lines(_report(tmp_path))
    assert lines == [
        "某某镇人民政府",
        "关于2023年法治政府建设情况的报告",
        "一、主要举措",
        "（一）推进依法决策",
        "全年审查规范性文件12件。 另有备案3件。",
        "1.完善制度",
        "2.健全机制",
        "二、存在的不足",
        "（一）依法决策仍有短板",
        "指标", "数值", "行政复议", "12件",
        "四、下一年度安排",
    ]


def test_heading_rules_see_automatic_numbers_and_report_paragraph_index(tmp_path, registry):
    source = read_target(Target(display="r.docx", path=_report(tmp_path)))
    assert source.meta["kind"] == "docx"
    assert source.meta["labels"][3] == "一、"
    diags = make_engine(registry, select="H").lint_file(source.text, path=source.path, meta=source.meta).diagnostics
    assert [(d.code, d.line, d.column) for d in diags] == [("H101", 14, 1)]
    assert diags[0].message == "一级标题序号不连续：此处应为“三、”，实际为“四、”"
    assert diags[0].extra["kind"] == "docx"


def test_typed_next_number_after_automatic_ones_is_clean(tmp_path, registry):
    source = read_target(Target(display="r.docx", path=_report(tmp_path, typed_last="三、下一年度安排")))
    diags = make_engine(registry, select="H").lint_file(source.text, path=source.path, meta=source.meta).diagnostics
    assert diags == []


def _two_lists(tmp_path, restart: bool):
    """一、 from one list, 1. 2. from a second list that restarts (or not) under 二、."""
    second = num_xml(3, 1, {0: 1}) if restart else num_xml(3, 1)
    doc = new_document([REPORT_OUTLINE, DECIMAL_LIST], [num_xml(1, 0), num_xml(2, 1), second])
    numbered(doc, "主要举措", 1, 0)
    doc.add_paragraph("（一）依法决策")
    numbered(doc, "完善制度", 2)
    numbered(doc, "健全机制", 2)
    numbered(doc, "存在的不足", 1, 0)
    doc.add_paragraph("（一）短板")
    numbered(doc, "决策程序", 3)
    numbered(doc, "执法监督", 3)
    return _save(doc, tmp_path / "lists.docx")


def test_start_override_restarts_a_list_in_the_second_section(tmp_path, registry):
    path = _two_lists(tmp_path, restart=True)
    assert _lines(path) == ["一、主要举措", "（一）依法决策", "1.完善制度", "2.健全机制",
                            "二、存在的不足", "（一）短板", "1.决策程序", "2.执法监督"]
    source = read_target(Target(display="l.docx", path=path))
    assert make_engine(registry, select="H").lint_file(source.text, meta=source.meta).diagnostics == []


def test_without_a_restart_word_continues_the_list(tmp_path, registry):
    # Two w:num over one abstractNum share its counters: Word shows 3. and 4. here.  Numbering
    # that runs straight through a level across parents is a consistent style, so H101 is silent.
    path = _two_lists(tmp_path, restart=False)
    assert _lines(path)[6:] == ["3.决策程序", "4.执法监督"]
    source = read_target(Target(display="l.docx", path=path))
    diags = make_engine(registry, select="H101").lint_file(source.text, meta=source.meta).diagnostics
    assert diags == []


def test_numbering_inherited_from_the_paragraph_style(tmp_path):
    doc = new_document([REPORT_OUTLINE], [num_xml(1, 0)])
    numbered_style(doc, "报告一级标题", 1, 0)
    numbered_style(doc, "报告二级标题", 1, 1)
    doc.add_paragraph("主要举措", style="报告一级标题")
    doc.add_paragraph("依法决策", style="报告二级标题")
    doc.add_paragraph("存在的不足", style="报告一级标题")
    doc.add_paragraph("普通段落。")
    assert _lines(_save(doc, tmp_path / "s.docx")) == ["一、主要举措", "（一）依法决策", "二、存在的不足", "普通段落。"]


def test_num_id_zero_on_the_paragraph_switches_style_numbering_off(tmp_path):
    doc = new_document([REPORT_OUTLINE], [num_xml(1, 0)])
    numbered_style(doc, "编号标题", 1, 0)
    doc.add_paragraph("主要举措", style="编号标题")
    numbered(doc, "不编号", 0).style = doc.styles["编号标题"]  # numId 0 = no numbering
    doc.add_paragraph("存在的不足", style="编号标题")
    assert _lines(_save(doc, tmp_path / "z.docx")) == ["一、主要举措", "不编号", "二、存在的不足"]


def test_level_restart_zero_keeps_counting_across_higher_levels(tmp_path):
    outline = abstract_xml(0, [level_xml(0, "chineseCounting", "%1、"),
                               level_xml(1, "decimalEnclosedCircleChinese", "%2", restart=0)])
    doc = new_document([outline], [num_xml(1, 0)])
    for text, level in [("甲", 0), ("子", 1), ("乙", 0), ("丑", 1)]:
        numbered(doc, text, 1, level)
    assert _lines(_save(doc, tmp_path / "r.docx")) == ["一、甲", "①子", "二、乙", "②丑"]


@pytest.mark.parametrize("value, fmt, expected", [
    (1, "chineseCounting", "一"), (10, "chineseCounting", "十"), (11, "chineseCounting", "十一"),
    (21, "chineseCountingThousand", "二十一"), (3, "ideographTraditional", "丙"),
    (12, "decimal", "12"), (12, "decimalFullWidth", "１２"), (3, "decimalEnclosedCircleChinese", "③"),
    (25, "decimalEnclosedCircleChinese", "25"), (4, "upperRoman", "IV"), (2, "lowerLetter", "b"),
    (5, "decimalZero", "05"),
])
def test_number_formats(value, fmt, expected):
    assert format_number(value, fmt) == expected


def test_bullets_get_no_label(tmp_path):
    bullets = abstract_xml(0, [level_xml(0, "bullet", "\uf06c")])
    doc = new_document([bullets], [num_xml(1, 0)])
    numbered(doc, "要点", 1)
    assert _lines(_save(doc, tmp_path / "b.docx")) == ["要点"]


# ---------------------------------------------------------------------------------------------
# Damaged and hostile packages


def test_a_docx_that_is_not_a_zip_is_refused(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_text("这不是一个 Word 文件", encoding="utf-8")
    with pytest.raises(InputError, match="不是 zip 压缩包"):
        read_target(Target(display="fake.docx", path=path))


def test_an_ole_file_named_docx_is_encrypted_or_a_renamed_doc(tmp_path):
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(InputError, match="打开密码.*改了扩展名的 .doc/.wps"):
        read_target(Target(display="old.docx", path=path))


def test_a_zip_bomb_is_refused_before_unpacking(tmp_path, monkeypatch):
    monkeypatch.setattr(docx_input, "MAX_XML_PART", 1024 * 1024)
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<" + b" " * (4 * 1024 * 1024))  # 4 MB of blanks
    assert path.stat().st_size < 64 * 1024
    with pytest.raises(InputError, match="压缩炸弹"):
        read_target(Target(display="bomb.docx", path=path))


def test_a_zip_without_a_word_body_is_refused(tmp_path):
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(DocxError, match="document.xml"):
        read_docx(path.read_bytes())


def test_a_damaged_word_package_gives_a_message_not_a_traceback(tmp_path):
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<not xml")
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(InputError, match="已损坏"):
        read_target(Target(display="broken.docx", path=path))


def test_a_docx_saved_as_txt_is_read_as_docx(tmp_path):
    path = _report(tmp_path)
    renamed = tmp_path / "report.txt"
    renamed.write_bytes(path.read_bytes())
    source = read_target(Target(display=str(renamed), path=renamed))
    assert source.meta["kind"] == "docx" and source.text.split("\n")[2] == "一、主要举措"


# ---------------------------------------------------------------------------------------------
# Through the real command line


def _run(*args):
    return subprocess.run([sys.executable, "-m", "lawlint", *map(str, args)], capture_output=True, text=True)


def test_cli_on_a_docx_reports_the_paragraph_number(tmp_path):
    path = _report(tmp_path)
    proc = _run(path, "--select", "H", "--format", "json")
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert [(d["code"], d["line"], d["column"]) for d in data] == [("H101", 14, 1)]
    concise = _run(path, "--select", "H", "--format", "concise")
    # For .docx the output names the paragraph ("第14段"), not a line and column.
    first = concise.stdout.splitlines()[0]
    assert first.startswith(str(path)) and "第14段" in first and " H101 " in first


def test_cli_reads_a_docx_from_stdin_with_stdin_filename(tmp_path):
    path = _report(tmp_path)
    proc = subprocess.run([sys.executable, "-m", "lawlint", "-", "--stdin-filename", "报告.docx",
                           "--select", "H", "--format", "concise"],
                          input=path.read_bytes(), capture_output=True)
    assert proc.returncode == 1
    first = proc.stdout.decode("utf-8").splitlines()[0]
    assert first.startswith("报告.docx") and "第14段" in first and " H101 " in first


def test_cli_bad_docx_is_one_line_exit_2_and_others_still_checked(tmp_path):
    fake = tmp_path / "fake.docx"
    fake.write_bytes(b"PK\x03\x04 truncated")
    good = _report(tmp_path)
    proc = _run(fake, good, "--select", "H")
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [f"lawlint: {fake}: 不是有效的 .docx 文件（不是 zip 压缩包），可能已损坏或只是改了扩展名"]
    assert "H101" in proc.stdout


def test_hidden_and_deleted_text_is_left_out_and_inserted_text_kept(tmp_path):
    from docx.oxml import parse_xml

    from docx_builder import W_NS

    doc = new_document([], [])
    paragraph = doc.add_paragraph("全年审查")
    paragraph.add_run("（内部备注）").font.hidden = True
    paragraph._p.append(parse_xml(f'<w:del {W_NS} w:id="1" w:author="a"><w:r><w:delText>十</w:delText></w:r></w:del>'))
    paragraph._p.append(parse_xml(f'<w:ins {W_NS} w:id="2" w:author="a"><w:r><w:t>12</w:t></w:r></w:ins>'))
    paragraph.add_run("件。")
    assert _lines(_save(doc, tmp_path / "h.docx")) == ["全年审查12件。"]


from hypothesis import given, settings
from hypothesis import strategies as st


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_named_docx_give_text_or_a_docx_error(data):
    try:
        read_docx(b"PK\x03\x04" + data)
    except DocxError as exc:
        assert str(exc) and "\n" not in str(exc)


def test_a_truncated_real_docx_gives_a_docx_error(tmp_path):
    data = _report(tmp_path).read_bytes()
    for cut in (len(data) // 3, len(data) // 2, len(data) - 30):
        with pytest.raises(DocxError):
            read_docx(data[:cut])


def test_shipped_sample_docx_matches_its_generator(tmp_path, registry):
    import make_docx_fixtures

    from conftest import FIXTURES

    shipped = FIXTURES / "docx" / "report_numbering.docx"
    fresh = tmp_path / "fresh.docx"
    make_docx_fixtures.report_numbering().save(str(fresh))
    assert read_docx(shipped.read_bytes()).text == read_docx(fresh.read_bytes()).text
    source = read_target(Target(display=str(shipped), path=shipped))
    diags = make_engine(registry, select="H").lint_file(source.text, meta=source.meta).diagnostics
    assert [(d.code, d.line, d.message) for d in diags] == [
        ("H101", 10, "一级标题序号不连续：此处应为“二、”，实际为“四、”")]
