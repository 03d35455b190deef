"""Builds kept between runs: a stored build is reused only for the same inputs, a damaged one is
rebuilt, and a regex rebuilt from its stored program is the same pattern re.compile gives."""

from __future__ import annotations

import datetime
import os
import re
import subprocess
import sys

import pytest

from lawlint import buildcache

PATTERNS = [
    (r"(?<![0-9])(?P<year>20[0-9]{2})年(?=[^\n]{0,8}报告)", 0),
    (r"[㐀-䶿一-鿿豈-\ufaff](?:[ \u3000]+[㐀-䶿一-鿿豈-\ufaff]){3,}", 0),
    (r"(?i)bookmark: [^\]\n]*", 0),
    (r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)", re.MULTILINE),
    (r"a|b|(c)(?(1)d|e)", 0),
]


@pytest.fixture
def folder(tmp_path):
    buildcache.configure(tmp_path / "builds")
    yield tmp_path / "builds"
    buildcache.configure(None)


def _reload(folder):
    if buildcache._regex is not None:
        buildcache._regex.save()
    buildcache.configure(folder)


@pytest.mark.parametrize("source, flags", PATTERNS)
def test_a_regex_from_a_stored_program_equals_a_fresh_compile(folder, source, flags, monkeypatch):
    first = buildcache.compile_regex(source, flags)
    _reload(folder)
    monkeypatch.setattr(buildcache, "_compile_with_program", None)  # read back, never compiled again
    again = buildcache.compile_regex(source, flags)
    assert again == re.compile(source, flags)  # same flags, groups and program
    assert again.groupindex == first.groupindex
    text = "2023年度报告 一、总 体 情 况 bookmark: x] cd"
    assert [m.span() for m in again.finditer(text)] == [m.span() for m in first.finditer(text)]


def test_a_bytes_regex_is_stored_apart_from_the_same_str_regex(folder, monkeypatch):
    sources = [(rb"[\xad\x00-\x08\x7f-\x9f]|1[0-9]{5}", 0), (r"[\xad\x00-\x08\x7f-\x9f]|1[0-9]{5}", 0)]
    for source, flags in sources:
        buildcache.compile_regex(source, flags)
    _reload(folder)
    fresh = [re.compile(source, flags) for source, flags in sources]
    monkeypatch.setattr(buildcache, "_compile_with_program", None)  # read back, never compiled again
    monkeypatch.setattr(re, "compile", None)
    for (source, flags), expected in zip(sources, fresh):
        again = buildcache.compile_regex(source, flags)
        assert again == expected
        assert type(again.pattern) is type(source)
    assert buildcache.compile_regex(sources[0][0]).findall(b"\xad 123456") == [b"\xad", b"123456"]


def test_without_a_folder_nothing_is_stored(tmp_path):
    buildcache.configure(None)
    assert buildcache.compile_regex("a+b") == re.compile("a+b")
    assert buildcache.plain_build("x", b"1", lambda: {"a": 1}) == {"a": 1}
    assert not any(tmp_path.iterdir())


def test_a_damaged_program_file_is_compiled_afresh(folder):
    import pickle

    buildcache.compile_regex("x(y)z")
    _reload(folder)
    (path,) = folder.glob("regex-*.pickle")
    wrong = (32, bytes([1, 0, 0, 0, 2, 0, 0, 0]), 0, {}, ())  # a program the engine refuses
    path.write_bytes(pickle.dumps({"programs": {"0:x(y)z": wrong}, "facts": {}}))
    buildcache.configure(folder)
    assert buildcache.compile_regex("x(y)z") == re.compile("x(y)z")
    path.write_bytes(b"\x00not a pickle")
    buildcache.configure(folder)
    assert buildcache.compile_regex("x(y)z").search("axyz").group(1) == "y"


def test_a_derived_fact_is_worked_out_once_and_read_back(folder):
    calls = []

    def compute():
        calls.append(1)
        return "[一二]"

    assert buildcache.derived("first", "0:一|二", compute) == "[一二]"
    _reload(folder)
    assert buildcache.derived("first", "0:一|二", lambda: pytest.fail("worked out again")) == "[一二]"
    assert buildcache.derived("first", "0:三", lambda: None) is None
    assert calls == [1]
    buildcache.configure(None)
    assert buildcache.derived("first", "0:一|二", compute) == "[一二]" and calls == [1, 1]


def test_an_invalid_pattern_raises_as_re_compile_does(folder):
    with pytest.raises(re.error):
        buildcache.compile_regex("a(b")


def test_a_plain_build_is_reused_for_the_same_source_only(folder):
    calls = []

    def build(value):
        calls.append(value)
        return {"entry": [{"wrong": "截止目前", "right": value}]}

    assert buildcache.plain_build("words", b"v1", lambda: build("截至目前"))["entry"][0]["right"] == "截至目前"
    assert buildcache.plain_build("words", b"v1", lambda: build("never"))["entry"][0]["right"] == "截至目前"
    assert buildcache.plain_build("words", b"v2", lambda: build("新"))["entry"][0]["right"] == "新"
    assert calls == ["截至目前", "新"]


def test_a_build_is_made_again_when_the_code_that_builds_changes(tmp_path):
    calls = []
    for stamp in ("code-1", "code-1", "code-2"):
        buildcache.configure(tmp_path / "builds", stamp=lambda stamp=stamp: stamp)
        buildcache.plain_build("table", b"same data", lambda: calls.append(stamp) or {"n": len(calls)})
    buildcache.configure(None)
    assert calls == ["code-1", "code-2"]


def test_a_value_marshal_cannot_hold_is_built_every_time(folder):
    calls = []

    def build():
        calls.append(1)
        return {"day": datetime.date(2026, 1, 1)}

    buildcache.plain_build("dates", b"x", build)
    buildcache.plain_build("dates", b"x", build)
    assert len(calls) == 2
    assert not list(folder.glob("dates-*"))


def test_a_linting_run_keeps_its_builds_beside_the_result_cache_and_no_cache_keeps_none(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("一、总体情况\n（一）依法决策\n1、完善制度\n", encoding="utf-8")
    base = [sys.executable, "-m", "lawlint", str(report), "--isolated", "--format", "concise", "--today", "2026-11-23"]
    off = subprocess.run(base + ["--no-cache", "--cache-dir", str(tmp_path / "off")], capture_output=True, text=True)
    on = subprocess.run(base + ["--cache-dir", str(tmp_path / "on")], capture_output=True, text=True)
    report.write_text(report.read_text(encoding="utf-8") + "正文。\n", encoding="utf-8")  # lint again
    again = subprocess.run(base + ["--cache-dir", str(tmp_path / "on")], capture_output=True, text=True)
    assert not (tmp_path / "off").exists()
    assert (tmp_path / "on" / "CACHEDIR.TAG").exists()
    builds = tmp_path / "on" / "builds"
    if os.path.exists(os.path.join(buildcache.PREBUILT, buildcache.MANIFEST)):  # an installed wheel: its builds are read
        assert list(builds.glob("prebuilt-matches-*.ok")) and not list(builds.glob("toml-*.marshal"))
    else:
        assert list(builds.glob("regex-*.pickle")) and list(builds.glob("toml-*.marshal"))
    assert "H103" in off.stdout and on.stdout == off.stdout
    assert again.stdout == on.stdout


def test_a_pickled_build_is_reused_and_a_damaged_one_rebuilt(folder):
    calls = []

    def build():
        calls.append(1)
        return {"titles": {"中华人民共和国民法典"}, "grams": {"民法": [0]}}

    first = buildcache.pickle_build("index", b"v1", build)
    assert buildcache.pickle_build("index", b"v1", build) == first
    assert len(calls) == 1
    (path,) = folder.glob("index-*.pickle")
    path.write_bytes(b"not a pickle")
    assert buildcache.pickle_build("index", b"v1", build) == first
    assert len(calls) == 2


def test_the_citation_registry_read_back_answers_as_a_fresh_build(folder):
    from lawlint.plugins import citations_registry

    fresh = citations_registry._build_registry()
    buildcache.pickle_build("registry-test", b"x", citations_registry._build_registry)
    stored = buildcache.pickle_build("registry-test", b"x", lambda: pytest.fail("built again"))
    def facts(registry):  # entries compare by identity, and a set's order is no fact
        return [(e.title, e.source, e.category, e.period, e.successor, e.replaced_on, e.all_expired,
                 sorted(e.forms)) for e in registry.entries]

    def near(registry, title):
        match = registry.near(title, lambda key, other: 2)
        return None if match is None else (match.entry.title, match.form, match.distance, match.ambiguous)

    assert facts(stored) == facts(fresh)
    for title in ("法治政府建设实施纲要（2021-2025年）", "优化营商环境条列", "某镇2023年普法工作计划"):
        assert stored.accepts(title) == fresh.accepts(title)
        assert near(stored, title) == near(fresh, title)
