"""Plugin loading and isolation, rule metadata, and every rule's own bad/good examples."""

import subprocess
import sys
import textwrap

import pytest

from conftest import make_engine

from lawlint import registry as registry_module
from lawlint.diagnostics import Severity
from lawlint.hookspec import hookimpl
from lawlint.registry import DuplicateCodeError, load_registry
from lawlint.rules import Rule


def _all_rules():
    return load_registry(use_entry_points=False).sorted_rules()


@pytest.mark.parametrize("rule", _all_rules(), ids=lambda r: r.code)
def test_rule_metadata_is_complete(rule):
    assert rule.summary and rule.norm, rule.code
    assert rule.doc() and len(rule.doc()) > 40, f"{rule.code} needs a docstring saying why it matters"
    assert rule.bad and rule.good, f"{rule.code} needs bad and good examples"


@pytest.mark.parametrize("rule", _all_rules(), ids=lambda r: r.code)
def test_rule_fires_on_its_bad_example_and_not_on_its_good_one(registry, rule):
    engine = make_engine(registry, select=rule.code)
    # A rule about the file rather than its text (encoding, line ends) gives the input layer's
    # metadata for its examples as ``bad_meta`` / ``good_meta``.
    bad_meta, good_meta = getattr(rule, "bad_meta", None), getattr(rule, "good_meta", None)
    bad = [d for d in engine.lint_text(rule.bad, meta=bad_meta) if d.code == rule.code]
    good = [d for d in engine.lint_text(rule.good, meta=good_meta) if d.code == rule.code]
    assert bad, f"{rule.code} is silent on its bad example"
    assert not good, f"{rule.code} fires on its good example: {[d.message for d in good]}"
    assert not [d for d in engine.lint_text(rule.bad) if d.code.startswith("X")]


class _Boom(Rule):
    """A rule that always raises, to test isolation of a failing rule in the engine."""

    code, name, severity, summary, norm, bad, good = "Z901", "boom", Severity.ERROR, "测试", "测试", "x", "y"

    def check(self, doc, ctx):
        raise RuntimeError("kaput")


class _OutOfRange(_Boom):
    code, name = "Z902", "out-of-range"

    def check(self, doc, ctx):
        yield self.finding(0, len(doc.text) + 5, "越界")


class _Twin(_Boom):
    code, name = "H101", "twin"


def _with_rules(monkeypatch, *rules):
    class Plugin:
        @hookimpl
        def lawlint_rules(self):
            return list(rules)

    original = registry_module._builtin_modules
    import sys
    import types

    module = types.ModuleType("lawlint_test_plugin")
    module.lawlint_rules = Plugin().lawlint_rules
    sys.modules["lawlint_test_plugin"] = module
    monkeypatch.setattr(registry_module, "_builtin_modules", lambda: original() + ["lawlint_test_plugin"])


def test_a_rule_that_raises_becomes_one_internal_diagnostic(monkeypatch):
    _with_rules(monkeypatch, _Boom, _OutOfRange)
    registry = load_registry(use_entry_points=False)
    diags = make_engine(registry).lint_text("一、甲\n二、乙\n四、丙\n")
    internal = [d for d in diags if d.code == "X001"]
    assert len(internal) == 2
    assert any("kaput" in d.message for d in internal) and any("Z902" in d.message for d in internal)
    assert any(d.code == "H101" for d in diags), "other rules still ran"


def test_two_rules_claiming_one_code_stop_the_start(monkeypatch):
    _with_rules(monkeypatch, _Twin)
    with pytest.raises(DuplicateCodeError):
        load_registry(use_entry_points=False)


def _fake_distribution(tmp_path, name, entry_points_txt):
    dist = tmp_path / f"{name}-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text(textwrap.dedent(entry_points_txt))


def test_entry_point_plugins_load_and_a_broken_one_is_skipped(tmp_path, monkeypatch):
    (tmp_path / "good_rules.py").write_text(textwrap.dedent('''
        from lawlint.hookspec import hookimpl
        from lawlint.rules import Rule
        from lawlint.diagnostics import Severity

        class NoFoo(Rule):
            """A third-party rule used by the tests: flags the word foo anywhere in the text."""
            code, name, severity, summary, norm = "Z101", "no-foo", Severity.WARNING, "不要写 foo", "测试"
            bad, good = "foo", "bar"
            def check(self, doc, ctx):
                i = doc.text.find("foo")
                if i >= 0:
                    yield self.finding(i, i + 3, "出现 foo")

        @hookimpl
        def lawlint_rules():
            return [NoFoo]
    '''))
    (tmp_path / "bad_rules.py").write_text("raise ImportError('broken on purpose')\n")
    _fake_distribution(tmp_path, "lawlint_good", "[lawlint]\ngood = good_rules\n")
    _fake_distribution(tmp_path, "lawlint_bad", "[lawlint]\nbad = bad_rules\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    registry = load_registry()
    assert "Z101" in registry.rules
    assert any("bad" in w and "broken on purpose" in w for w in registry.warnings)
    diags = make_engine(registry, select="Z").lint_text("a foo b")
    assert [(d.code, d.column) for d in diags] == [("Z101", 3)]


def test_entry_point_scan_sees_a_declared_group_and_ignores_other_groups(tmp_path, monkeypatch):
    from lawlint.entrypoints import may_declare

    _fake_distribution(tmp_path, "other_tool", "[console_scripts]\nother = other:main\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    assert not may_declare("lawlint")
    _fake_distribution(tmp_path, "lawlint_extra", "[lawlint]\nextra = extra_rules\n")
    assert may_declare("lawlint")


def test_entry_point_scan_defers_to_importlib_metadata_where_it_cannot_see(tmp_path, monkeypatch):
    from lawlint.entrypoints import may_declare

    archive = tmp_path / "plugins.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    monkeypatch.setattr(sys, "path", [str(archive)])
    assert may_declare("lawlint")

    class DistributionFinder:
        @staticmethod
        def find_distributions(context=None):
            return iter(())

    monkeypatch.setattr(sys, "path", [str(tmp_path / "missing")])
    assert not may_declare("lawlint")
    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, DistributionFinder])
    assert may_declare("lawlint")


def test_a_run_without_third_party_plugins_does_not_import_importlib_metadata():
    code = ("import sys; from lawlint.registry import load_registry; load_registry(); "
            "print('importlib.metadata' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_data_versions_are_read_when_asked_and_a_plugins_failure_is_reported_at_load(tmp_path, monkeypatch):
    from lawlint import registry as registry_module

    builtin = registry_module.load_registry(use_entry_points=False)
    assert builtin._data_versions is None  # a linting run never pays for reading them
    assert "punctuation_marks" in builtin.data_versions
    (tmp_path / "versionless_rules.py").write_text(textwrap.dedent('''
        from lawlint.hookspec import hookimpl

        @hookimpl
        def lawlint_data_versions():
            raise OSError("data file missing")
    '''))
    _fake_distribution(tmp_path, "lawlint_versionless", "[lawlint]\nversionless = versionless_rules\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    loaded = registry_module.load_registry()
    assert any("versionless" in w and "data file missing" in w for w in loaded.warnings)
    assert "punctuation_marks" in loaded.data_versions


def test_lawlints_marks_reach_pluggy_with_their_options_and_pluggys_own_marks_work_too():
    import pluggy

    from lawlint.pluginmanager import new_manager

    class First:
        @hookimpl(tryfirst=True)
        def lawlint_rules(self):
            return []

    class Plain:
        @pluggy.HookimplMarker("lawlint")
        def lawlint_rules(self):
            return []

    manager = new_manager()
    manager.register(First(), name="first")
    manager.register(Plain(), name="plain")
    impls = {impl.plugin_name: impl for impl in manager.hook.lawlint_rules.get_hookimpls()}
    assert impls["first"].tryfirst and not impls["plain"].tryfirst
    with pytest.raises(pluggy.PluginValidationError):  # the specs are pluggy's: a wrong argument fails
        class Wrong:
            @hookimpl
            def lawlint_rules(self, unknown):
                return []

        manager.register(Wrong(), name="wrong")


def test_a_recorded_registration_gives_pluggys_registry_without_pluggy(tmp_path, monkeypatch):
    from lawlint import buildcache

    buildcache.configure(tmp_path / "builds")
    try:
        registered = load_registry(use_entry_points=False)  # pluggy registers, the result is recorded
        monkeypatch.setattr(registry_module, "_register", lambda *a, **k: pytest.fail("pluggy was asked again"))
        replayed = load_registry(use_entry_points=False)
    finally:
        buildcache.configure(None)
    assert list(replayed.rules.items()) == list(registered.rules.items())  # the same classes, in the same order
    assert replayed.plugin_of == registered.plugin_of
    assert replayed.version_hooks == registered.version_hooks
    assert replayed.data_versions == registered.data_versions


def test_a_record_naming_what_is_gone_is_not_replayed():
    from lawlint import plugins

    gone = {"rules": [("H101", "lawlint.plugins.headings", "NoSuchRule", "lawlint.plugins.headings")],
            "version_hooks": []}
    assert registry_module._replayed(gone, list(plugins.BUILTIN)) is None
    assert registry_module._replayed(None, list(plugins.BUILTIN)) is None
