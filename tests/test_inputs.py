"""Inputs as they really arrive: encodings, line ends, folders, globs, markdown, stdin, bad files."""

import codecs
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, make_engine, seed_path

from lawlint import inputs
from lawlint.inputs import InputError, Target, decode, iter_targets, line_endings, mask_markdown, read_target

REPORT = "关于2023年法治政府建设情况的报告\n一、主要举措\n（一）推进依法决策\n全年审查规范性文件12件。\n"


def _read(path: Path):
    return read_target(Target(display=str(path), path=path))


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------------------------------------
# Encodings


@pytest.mark.parametrize("data, encoding, bom", [
    (REPORT.encode("utf-8"), "utf-8", False),
    (codecs.BOM_UTF8 + REPORT.encode("utf-8"), "utf-8", True),
    (REPORT.encode("gb18030"), "gb18030", False),
    (REPORT.encode("gbk"), "gb18030", False),
    (codecs.BOM_UTF16_LE + REPORT.encode("utf-16-le"), "utf-16-le", True),
    (codecs.BOM_UTF16_BE + REPORT.encode("utf-16-be"), "utf-16-be", True),
    (REPORT.encode("utf-16-le"), "utf-16-le", False),  # no BOM, but clearly UTF-16
    (REPORT.encode("utf-16-be"), "utf-16-be", False),
    (codecs.BOM_UTF32_LE + REPORT.encode("utf-32-le"), "utf-32-le", True),
])
def test_each_encoding_decodes_to_the_same_text(data, encoding, bom):
    text, meta = decode(data, "t.txt")
    assert text == REPORT
    assert (meta["encoding"], meta["bom"]) == (encoding, bom)


def test_gbk_text_with_the_character_yi_is_not_taken_for_utf16():
    # "一" is U+4E00: in UTF-16LE its low byte is zero, which a naive detector trips over.
    text, meta = decode(("一" * 40 + "\n").encode("utf-16-le"), "t.txt")
    assert meta["encoding"] == "utf-16-le" and text.startswith("一一")


def test_utf8_with_a_damaged_byte_stays_utf8_and_shows_the_damage(registry):
    data = REPORT.encode("utf-8")
    cut = data.index("规范".encode("utf-8"))
    damaged = data[:cut] + data[cut:cut + 2] + data[cut + 3:]  # one byte of "规" lost
    text, meta = decode(damaged, "t.txt")
    assert meta["encoding"] == "utf-8" and meta["decode_errors"] == 1
    assert "全年审查\ufffd范性文件" in text
    diags = make_engine(registry, select="F102").lint_text(text, meta=meta)
    assert [d.message for d in diags] == ["此处有乱码替换符“\ufffd”，说明有字符在转换或解码时丢失，请对照原文补正"]


def test_short_gbk_text_is_still_gbk():
    text, meta = decode("一、主要举措\n".encode("gbk"), "t.txt")
    assert meta["encoding"] == "gb18030" and text == "一、主要举措\n"


def test_undecodable_bytes_are_a_clear_error():
    with pytest.raises(InputError, match="无法识别文件编码"):
        decode(b"\x81\x30\xff\xfe\x80abc", "t.txt")


def test_bom_that_lies_is_a_clear_error():
    with pytest.raises(InputError, match="UTF-8"):
        decode(codecs.BOM_UTF8 + b"\xff\xfe\xfd", "t.txt")


def test_binary_and_empty_files_are_input_errors():
    with pytest.raises(InputError, match="二进制"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "t.txt")
    with pytest.raises(InputError, match="控制字符"):
        decode(bytes(range(1, 9)) * 20, "t.txt")
    with pytest.raises(InputError, match="文件为空"):
        decode(b" \n\r\n", "t.txt")


# ---------------------------------------------------------------------------------------------
# Line ends


def test_line_endings_dominant_and_minority_lines():
    meta = line_endings("一\r\n二\r\n三\n四\r\n五\n")
    assert meta["newline"] == "\r\n"
    assert meta["newline_counts"] == {"\n": 2, "\r\n": 3, "\r": 0}
    assert meta["newline_minority"] == [3, 5]


def test_line_endings_single_kind_and_none():
    assert line_endings("一\n二\n")["newline_minority"] == []
    assert line_endings("一\r二\r")["newline"] == "\r"
    assert line_endings("没有换行")["newline"] == "\n"


def test_read_target_records_encoding_and_line_ends(tmp_path):
    path = _write(tmp_path / "gbk.txt", REPORT.replace("\n", "\r\n").encode("gbk"))
    source = _read(path)
    assert source.meta["encoding"] == "gb18030" and source.meta["newline"] == "\r\n"
    assert source.meta["kind"] == "text" and source.meta["newline_minority"] == []


# ---------------------------------------------------------------------------------------------
# Markdown


def test_markdown_heading_marks_are_blanked_length_for_length():
    text, masked = mask_markdown("# 关于2023年的报告\n\n## 一、主要举措 ##\n正文 #不是标题\n#没有空格\n")
    lines = text.split("\n")
    assert lines[0] == "  关于2023年的报告"
    assert lines[2] == "   一、主要举措   "
    assert lines[3] == "正文 #不是标题" and lines[4] == "#没有空格"
    assert masked == [[0, 2], [14, 17], [23, 26]]


def test_markdown_file_gives_honest_columns_and_no_space_findings(tmp_path, registry):
    path = _write(tmp_path / "r.md", "# 某某镇2023年法治政府建设情况报告\n\n## 一、主要举措\n\n## 三、存在的不足\n".encode())
    source = _read(path)
    assert source.meta["kind"] == "markdown"
    diags = make_engine(registry, select="H,F").lint_file(source.text, meta=source.meta).diagnostics
    assert [(d.code, d.line, d.column) for d in diags] == [("H101", 5, 4)]  # column of "三" in the .md


# ---------------------------------------------------------------------------------------------
# Targets: folders, globs, hidden files, formats


def _tree(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "r1.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "a" / "r2.md").write_text(REPORT, encoding="utf-8")
    (tmp_path / "a" / "~$r3.docx").write_bytes(b"lock")
    (tmp_path / "a" / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "b.docx").write_bytes(b"not really")
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")
    return tmp_path


def test_folder_walk_takes_txt_md_docx_and_skips_hidden_and_lock_files(tmp_path):
    root = _tree(tmp_path)
    found = [t.display for t in iter_targets([str(root)])]
    assert found == [str(root / "a" / "r1.txt"), str(root / "a" / "r2.md"), str(root / "b.docx")]


def test_folder_without_reports_says_what_it_found(tmp_path):
    (tmp_path / "x.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (tmp_path / "y.pdf").write_bytes(b"%PDF-1.4")
    [error] = list(iter_targets([str(tmp_path)]))
    assert isinstance(error, InputError)
    assert error.message.startswith("目录中没有可检查的 .txt、.md 或 .docx 文件")
    assert "1 个 .doc" in error.message and "1 个 .pdf" in error.message


def test_glob_the_shell_did_not_expand(tmp_path):
    root = _tree(tmp_path)
    found = [t.display for t in iter_targets([str(root / "a" / "*.txt")])]
    assert found == [str(root / "a" / "r1.txt")]
    [error] = list(iter_targets([str(root / "*.nothing")]))
    assert isinstance(error, InputError) and "通配符" in error.message


def test_glob_skips_word_lock_files(tmp_path):
    root = _tree(tmp_path)
    assert [t.display for t in iter_targets([str(root / "a" / "*")])] == [
        str(root / "a" / "old.doc"), str(root / "a" / "r1.txt"), str(root / "a" / "r2.md")]


def test_stdin_target_takes_the_stdin_filename():
    [target] = list(iter_targets(["-"], stdin_filename="报告.md"))
    assert target.path is None and target.display == "报告.md"


@pytest.mark.parametrize("name, words", [
    ("r.doc", "Word 97-2003 格式（.doc）"), ("r.wps", "WPS 文字格式（.wps）"), ("r.pdf", "PDF 格式（.pdf）"),
    ("r.odt", "OpenDocument 格式（.odt）"), ("r.rtf", "RTF 格式（.rtf）"),
])
def test_unsupported_formats_name_the_format_and_the_way_out(tmp_path, name, words):
    path = _write(tmp_path / name, b"whatever")
    with pytest.raises(InputError) as info:
        _read(path)
    assert info.value.message == f"这是{words}，lawlint 不能直接读取：请在 Word/WPS 中另存为 .docx 或 .txt 后再检查"


@pytest.mark.parametrize("data, words", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x01" * 64, "Word 97-2003"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
    (b"{\\rtf1\\ansi \\deff0 hello}", "RTF"),
])
def test_a_renamed_file_is_recognised_by_its_content(tmp_path, data, words):
    path = _write(tmp_path / "report.txt", data)
    with pytest.raises(InputError, match=words):
        _read(path)


# ---------------------------------------------------------------------------------------------
# Files that go wrong on the way


def test_broken_symlink(tmp_path):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "missing.txt")
    [error] = list(iter_targets([str(link)]))
    assert isinstance(error, InputError) and error.message == "符号链接指向的文件不存在"


def test_broken_symlink_inside_a_folder(tmp_path):
    (tmp_path / "r.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    out = list(iter_targets([str(tmp_path)]))
    assert [(type(t).__name__, t.path if isinstance(t, InputError) else t.display) for t in out] == [
        ("InputError", str(tmp_path / "gone.txt")), ("Target", str(tmp_path / "r.txt"))]


def test_file_that_vanishes_between_listing_and_reading(tmp_path):
    path = _write(tmp_path / "r.txt", REPORT.encode())
    [target] = list(iter_targets([str(tmp_path)]))
    path.unlink()
    with pytest.raises(InputError, match="被删除"):
        read_target(target)


def test_folder_without_permission_is_reported_and_the_rest_walked(tmp_path, monkeypatch):
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "r.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "closed").mkdir()
    real_scandir = os.scandir

    def scandir(path="."):
        if str(path).endswith("closed"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)  # tests run as root, so chmod would not stop us
    out = list(iter_targets([str(tmp_path)]))
    assert [t.display for t in out if isinstance(t, Target)] == [str(tmp_path / "open" / "r.txt")]
    errors = [t for t in out if isinstance(t, InputError)]
    assert [(e.path, e.message) for e in errors] == [(str(tmp_path / "closed"), "没有读取权限")]


def test_file_without_permission(tmp_path, monkeypatch):
    path = _write(tmp_path / "r.txt", REPORT.encode())

    import builtins

    real_open = builtins.open

    def denied(file, *args, **kwargs):  # tests run as root, so chmod would not stop us
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", denied)
    with pytest.raises(InputError, match="没有读取权限"):
        _read(path)


def test_oversized_file_is_refused_without_reading(tmp_path, monkeypatch):
    monkeypatch.setattr(inputs, "MAX_BYTES", 10)
    path = _write(tmp_path / "big.txt", REPORT.encode())
    with pytest.raises(InputError, match="上限"):
        _read(path)


# ---------------------------------------------------------------------------------------------
# Through the real command line


def _run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "lawlint", *map(str, args)], input=stdin, capture_output=True)


def test_cli_gbk_file_is_read_and_named(tmp_path):
    text = seed_path("001").read_text(encoding="utf-8")
    path = _write(tmp_path / "gbk.txt", text.encode("gbk"))
    proc = _run(path, "--select", "F,H", "--format", "concise")
    out = proc.stdout.decode("utf-8").splitlines()
    assert f"{path}:1:1: F106 文件编码为 GB18030（GBK），建议另存为 UTF-8 [legacy-encoding]" in out
    # The same findings as on the UTF-8 original, besides the encoding note.
    utf8 = _run(seed_path("001"), "--select", "F,H", "--format", "concise").stdout.decode("utf-8")
    strip = lambda lines, p: sorted(line.split(":", 1)[1] for line in lines if line.startswith(str(p)))
    assert strip([o for o in out if " F106 " not in o], path) == strip(utf8.splitlines(), seed_path("001"))


def test_cli_every_bad_input_is_one_line_and_the_good_file_is_still_checked(tmp_path):
    bad = FIXTURES / "bad" / "heading_numbering.txt"
    empty = _write(tmp_path / "empty.txt", b"")
    binary = _write(tmp_path / "bin.txt", b"\x00\x01\x02\x03" * 10)
    garbage = _write(tmp_path / "garbage.txt", b"\x81\x30\xff\xfe\x80abc")
    legacy = _write(tmp_path / "old.doc", b"\xd0\xcf\x11\xe0")
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "missing.txt")
    proc = _run(empty, binary, garbage, legacy, link, tmp_path / "nope.txt", bad, "--select", "H")
    err = proc.stderr.decode("utf-8").strip().splitlines()
    assert proc.returncode == 2
    assert len(err) == 6 and all(line.startswith("lawlint: ") for line in err), err
    assert "Traceback" not in proc.stderr.decode("utf-8")
    assert " H101 " in proc.stdout.decode("utf-8")


def test_cli_markdown_from_stdin(tmp_path):
    proc = _run("-", "--stdin-filename", "报告.md", "--select", "H", "--format", "concise",
                stdin="## 一、主要举措\n\n## 三、存在的不足\n".encode())
    assert proc.stdout.decode("utf-8").splitlines() == [
        "报告.md:3:4: H101 一级标题序号不连续：此处应为“二、”，实际为“三、” [heading-numbering]"]


# ---------------------------------------------------------------------------------------------
# Never a traceback, whatever the bytes


from hypothesis import given, settings
from hypothesis import strategies as st


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_decode_or_give_an_input_error(data):
    try:
        text, meta = decode(data, "t.txt")
    except InputError as exc:
        assert exc.message and "\n" not in exc.message
    else:
        assert isinstance(text, str) and meta["encoding"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("一二、（）1. \u3000\t\r\n字#"), max_size=80))
def test_line_endings_count_every_line_end(text):
    meta = line_endings(text)
    total = sum(meta["newline_counts"].values())
    assert total == text.count("\r\n") + (text.count("\r") - text.count("\r\n")) + (text.count("\n") - text.count("\r\n"))
    assert all(1 <= n <= total for n in meta["newline_minority"])
    masked, ranges = mask_markdown(text)
    assert len(masked) == len(text.replace("\r\n", "\n").replace("\r", "\n"))
