"""Every kind of bad input: one line ``file:line:column: message``, exit 1, nothing built (issue 2, §2)."""

from __future__ import annotations

import time

import pytest
from conftest import SOURCE, reportgen

from generator.cli import main

TEXT = SOURCE.read_text(encoding="utf-8")


def mutate(old: str, new: str) -> str:
    assert old in TEXT, old
    return TEXT.replace(old, new, 1)


CASES = {
    # libyaml's wording (the loader parses with libyaml since issue 9; ruamel said "expected ',' or ']', but got ':'")
    "syntax": (mutate("  version: 1\n", "  version: [1\n"), "6:8: YAML 语法错误：did not find expected ',' or ']'"),
    "duplicate key": (
        mutate("  version: 1\n", "  version: 1\n  version: 2\n"),
        "6:3: 重复的键“version”（每个键只能出现一次）",
    ),
    "unknown key": (
        mutate("  version: 1\n", "  versoin: 1\n"),
        "5:3: 未知的键“versoin”（可用的键：id、version、title、status、date、session、speaker、office、issuer、"
        "short_title、subject、keywords、motto、subtitle、byline）",
    ),
    "missing field": (mutate("  speaker: 方泽\n", ""), "4:3: 缺少必填项“speaker”"),
    "wrong type": (mutate("  version: 1\n", "  version: 一\n"), "5:12: 类型错误：应为整数"),
    "bad choice": (
        mutate("status: 草案", "status: 初稿"),
        "7:11: 取值无效（应为以下之一：草案、征求意见稿、送审稿、定稿）",
    ),
    "empty paragraph": (
        mutate("  - text: 现在，我代表常营回族乡人民政府，向大会报告工作，请予审议。", '  - text: ""'),
        "19:11: 段落为空（应有正文）",
    ),
    "null paragraph": (
        mutate("  - text: 现在，我代表常营回族乡人民政府，向大会报告工作，请予审议。", "  - text:"),
        "19:5: 段落为空（应有正文）",
    ),
    "control character": (
        mutate("  - text: 现在，我代表常营回族乡人民政府，向大会报告工作，请予审议。", '  - text: "现在\\x07，我代表"'),
        "19:11: 含有 XML 无法承载的控制字符 U+0007（请删除）",
    ),
    "unused glossary term": (
        mutate("    - term: 双楼长", "    - term: 三楼长"),
        "159:13: 名词“三楼长”在正文中没有出现（应为正文中使用的名词）",
    ),
    "figure disagrees with its sentence": (
        mutate("quote: 9818.3万元, value: 9818.3", "quote: 9818.3万元, value: 9818.4"),
        "52:81: 数据与正文不符：正文“9818.3万元”为 9818.3 万元，此处为 9818.4 万元",
    ),
    "figure quote not in its sentence": (
        mutate("quote: 9818.3万元", "quote: 9819.3万元"),
        "52:64: 数据原文“9819.3万元”不在本段正文中（应与正文一字不差）",
    ),
    "unclosed emphasis": (
        mutate("**我们上下一盘棋**", "**我们上下一盘棋"),
        "93:15: 加粗标记“**”没有闭合（应成对出现）",
    ),
    "chart with two units": (
        mutate("figures: [transfer-trips, market-checks]", "figures: [transfer-trips, key-people]"),
        "198:31: “管控重点人员”的单位“人”不能换算为图表单位“次”（一个图表只用一种单位）",
    ),
    "unknown figure": (
        mutate("  - figure: one-window", "  - figure: one-windows"),
        "181:13: 未知的数据标识“one-windows”（应为某段 figures 中的 id）",
    ),
    "alias": (
        mutate("  version: 1\n", "  version: &v 1\n  subject2: *v\n"),
        "6:13: 不允许使用别名“*v”（请直接写出内容）",
    ),
    "python tag": (
        mutate("  version: 1\n", "  version: !!python/object:os.system 1\n"),
        "5:12: 不允许使用标签“!!python/object:os.system”（请去掉标签）",
    ),
    "top level list": ("- a\n- b\n", "1:1: 顶层应为键值映射（如 report: …）"),
    "empty file": ("", "1:1: 文件为空（应为报告的 YAML 内容）"),
}


def check(tmp_path, capsys, content: str | bytes, *args: str) -> tuple[int, str]:
    path = tmp_path / "report.yaml"
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    status = main([*args, "check", str(path)])
    err = capsys.readouterr().err
    return status, err.replace(str(path), "report.yaml")


@pytest.mark.parametrize("name", list(CASES))
def test_bad_source_gives_one_positioned_line(tmp_path, capsys, name):
    content, expected = CASES[name]
    status, err = check(tmp_path, capsys, content)
    assert status == 1
    assert err == f"report.yaml:{expected}\n"


def test_not_utf8(tmp_path, capsys):
    data = TEXT.encode("utf-8").replace("方泽".encode(), "方泽".encode("gbk"), 1)
    status, err = check(tmp_path, capsys, data)
    assert (status, err) == (1, "report.yaml:10:12: 文件不是 UTF-8 编码（请以 UTF-8 保存）\n")


def test_english_messages(tmp_path, capsys):
    status, err = check(tmp_path, capsys, mutate("  speaker: 方泽\n", ""), "--lang", "en")
    assert (status, err) == (1, "report.yaml:4:3: missing required field 'speaker'\n")


def test_billion_laughs_is_refused_fast(tmp_path, capsys):
    laughs = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for name, prev in zip("bcdefghij", "abcdefghi", strict=False):
        laughs += f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]\n"
    started = time.perf_counter()
    status, err = check(tmp_path, capsys, laughs)
    assert time.perf_counter() - started < 1.0
    assert (status, err) == (1, "report.yaml:2:8: 不允许使用别名“*a”（请直接写出内容）\n")


def test_size_limit_and_deep_nesting(tmp_path, capsys):
    status, err = check(tmp_path, capsys, "# x\n" * (17 * 1024 * 1024 // 4))
    assert status == 1 and err.startswith("report.yaml:1:1: 文件过大：")
    status, err = check(tmp_path, capsys, "report: " + "[" * 5000 + "]" * 5000 + "\n")
    assert (status, err) == (1, "report.yaml:1:40: 嵌套层次过深（最多 32 层）\n")


def test_binary_garbage(tmp_path, capsys):
    status, err = check(tmp_path, capsys, bytes(range(256)) * 10)
    assert (status, err) == (1, "report.yaml:2:118: 文件不是 UTF-8 编码（请以 UTF-8 保存）\n")


def test_installed_command_exit_codes(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(mutate("  speaker: 方泽\n", ""), encoding="utf-8")
    result = reportgen("check", bad)
    assert result.returncode == 1
    assert result.stderr == f"{bad}:4:3: 缺少必填项“speaker”\n" and "Traceback" not in result.stderr
    result = reportgen("build", "--no-such-option")
    assert result.returncode == 2
    result = reportgen("check", SOURCE)
    assert result.returncode == 0 and result.stderr == ""


@pytest.mark.parametrize(
    "content",
    [
        TEXT[: len(TEXT) // 2].encode("utf-8")[:-1],  # truncated mid-character
        TEXT[: TEXT.index("parts:") + 30].encode("utf-8"),  # truncated mid-structure
        bytes(range(256)) * 100,  # binary garbage
        b"report:\n  title: " + b"x" * (20 * 1024 * 1024),  # a 20 MB file
        ("report: " + "[" * 100_000 + "]" * 100_000).encode(),  # deep nesting
    ],
    ids=["truncated-character", "truncated-structure", "garbage", "20MB", "deep"],
)
def test_malformed_source_touches_no_product(tmp_path, content):
    out = tmp_path / "out"
    assert main(["build", str(SOURCE), "--out", str(out), "--format", "docx", "-q"]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    bad = tmp_path / SOURCE.name
    bad.write_bytes(content)
    result = reportgen("build", bad, "--out", out)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert result.stdout == "" and lines and all(line.startswith(f"{bad}:") for line in lines[:-1] or lines)
    if len(lines) > 1:  # every problem at once, then the count (issue 9)
        assert lines[-1] == f"共 {len(lines) - 1} 处问题"
    assert "Traceback" not in result.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
