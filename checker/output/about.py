"""``lawlint --version`` (the program and the version of every data set the plugins read) and
``lawlint rule CODE`` (one rule's documentation)."""

from __future__ import annotations

import argparse
import sys

from .. import __version__

_SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


def version_text(data_versions: dict[str, str]) -> str:
    lines = [f"lawlint {__version__}"]
    if data_versions:
        width = max(len(name) for name in data_versions)
        lines.append("数据：")
        lines.extend(f"  {name:<{width}}  {version}" for name, version in sorted(data_versions.items()))
    return "\n".join(lines) + "\n"


class VersionAction(argparse.Action):
    """``--version``: like argparse's, but it loads the plugins to print their data versions."""

    def __init__(self, option_strings, dest, load_registry, **kwargs):
        kwargs.setdefault("nargs", 0)
        kwargs.setdefault("default", argparse.SUPPRESS)
        kwargs.setdefault("help", "显示程序及其数据的版本并退出")
        super().__init__(option_strings, dest, **kwargs)
        self.load_registry = load_registry

    def __call__(self, parser, namespace, values, option_string=None):
        registry = self.load_registry()
        sys.stdout.write(version_text(registry.data_versions))
        sys.stdout.flush()
        parser.exit(0)


def rule_document(rule) -> dict:
    return {
        "code": rule.code,
        "name": rule.name,
        "severity": rule.severity.value,
        "summary": rule.summary,
        "why": rule.doc(),
        "norm": rule.norm,
        "bad": rule.bad,
        "good": rule.good,
        "fixable": bool(rule.fixable),
    }


def _indented(text: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in text.strip("\n").splitlines())


def rule_text(doc: dict) -> str:
    parts = ["\n".join([
        f"{doc['code']}  {doc['name']}",
        f"级别：{_SEVERITY.get(doc['severity'], doc['severity'])}（{doc['severity']}）",
        f"摘要：{doc['summary']}",
        f"可自动修复：{'是' if doc['fixable'] else '否'}",
    ])]
    if doc["why"]:
        parts.append("为什么：\n" + _indented(doc["why"]))
    if doc["norm"]:
        parts.append(f"依据：{doc['norm']}")
    if doc["bad"]:
        parts.append("错误示例：\n" + _indented(doc["bad"]))
    if doc["good"]:
        parts.append("正确示例：\n" + _indented(doc["good"]))
    return "\n\n".join(parts) + "\n"


def cmd_rule(argv: list[str], parser_class, load_registry, usage_error) -> int:
    """``lawlint rule CODE [--format text|json]``; an unknown code is a usage error (exit 2)."""
    parser = parser_class(prog="lawlint rule", description="显示一条规则的说明")
    parser.add_argument("code", help="规则代码，例如 H101")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    args = parser.parse_args(argv)
    registry = load_registry()
    rule = registry.rules.get(args.code.strip().upper())
    if rule is None:
        raise usage_error(f"未知的规则代码：{args.code}（用 lawlint rules 查看全部规则）")
    doc = rule_document(rule)
    if args.format == "json":
        import json

        json.dump(doc, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(rule_text(doc))
    return 0
