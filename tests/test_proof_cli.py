"""``reportgen proof`` as a user runs it: output lines, counts, exit status, JSON, --rules, --ignore."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from conftest import REPO, SOURCE, reportgen

from generator.proof import all_rules

CLEAN = """\
report:
  id: proof-cli
  title: 政府工作报告
  date: 2024-01-10
  session: 某市第一届人民代表大会第一次会议
  speaker: 王明
  office: 市长
  issuer: 某市人民政府
  short_title: 某市政府工作报告
parts:
  - heading: 工作回顾
    content:
      - text: 全年经济运行平稳。
"""
PLANTED = CLEAN.replace("全年经济运行平稳。", "全年经济运行平稳,增长5-6%。。")
LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): \[(?P<rule>[a-z-]+)\] .+$")


def test_findings_one_line_each_sorted_then_counts_exit_1(tmp_path):
    path = tmp_path / "planted.yaml"
    path.write_text(PLANTED, encoding="utf-8")
    result = reportgen("proof", path)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.strip().split("\n")
    parsed = [LINE.match(line) for line in lines[:-1]]
    assert all(parsed), lines
    places = [(int(m["line"]), int(m["column"])) for m in parsed]
    assert places == sorted(places)
    rules = sorted(m["rule"] for m in parsed)
    assert rules == ["num-percent-range", "punct-doubled", "punct-halfwidth", "punct-range-hyphen"]
    text_line = PLANTED.split("\n")[12]
    assert [text_line[c - 1] for line, c in places] == [",", "5", "-", "。"]
    assert "（建议：，）" in lines[0]
    assert (
        lines[-1] == f"{path}：共 4 处（num-percent-range 1, punct-doubled 1, punct-halfwidth 1, punct-range-hyphen 1）"
    )


def test_english_messages(tmp_path):
    path = tmp_path / "planted.yaml"
    path.write_text(PLANTED, encoding="utf-8")
    result = reportgen("--lang", "en", "proof", path)
    assert "half-width ',' in Chinese text (，)" in result.stdout
    assert result.stdout.strip().endswith("4 finding(s) (num-percent-range 1, punct-doubled 1, punct-halfwidth 1, "
                                          "punct-range-hyphen 1)")  # fmt: skip


def test_nothing_found_exit_0(tmp_path):
    path = tmp_path / "clean.yaml"
    path.write_text(CLEAN, encoding="utf-8")
    result = reportgen("proof", path)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == f"{path}：未发现问题"


def test_json_one_object_per_file_and_an_array_for_several(tmp_path):
    path = tmp_path / "planted.yaml"
    path.write_text(PLANTED, encoding="utf-8")
    one = json.loads(reportgen("proof", "--format", "json", path).stdout)
    assert one["file"] == str(path)
    first = one["findings"][0]
    assert first == {"line": 13, "column": 23, "rule": "punct-halfwidth", "message": "中文里用了半角“,”",
                     "suggestion": "，"}  # fmt: skip
    several = json.loads(reportgen("proof", "--format", "json", path, path).stdout)
    assert [o["file"] for o in several] == [str(path), str(path)] and several[0] == one


def test_rules_lists_every_rule_with_what_and_clause():
    result = reportgen("proof", "--rules")
    assert result.returncode == 0
    for rule in all_rules():
        row = next(line for line in result.stdout.split("\n") if line.startswith(f"| {rule.id} |"))
        assert rule.zh in row and (rule.clause or "—") in row
    english = reportgen("--lang", "en", "proof", "--rules").stdout
    assert all(rule.en in english for rule in all_rules())


def test_ignore_on_the_command_line_and_in_the_source(tmp_path):
    path = tmp_path / "planted.yaml"
    path.write_text(PLANTED, encoding="utf-8")
    result = reportgen("proof", "--ignore", "punct-halfwidth", "--ignore", "punct-doubled,num-percent-range", path)
    assert [m["rule"] for m in map(LINE.match, result.stdout.split("\n")) if m] == ["punct-range-hyphen"]
    path.write_text(PLANTED + "proof:\n  ignore: [punct-range-hyphen, punct-doubled]\n", encoding="utf-8")
    result = reportgen("proof", path)
    assert sorted(m["rule"] for m in map(LINE.match, result.stdout.split("\n")) if m) == [
        "num-percent-range", "punct-halfwidth"]  # fmt: skip
    assert reportgen("check", path).returncode == 0
    path.write_text(PLANTED + "proof:\n  ignore: [punct-range-hyphen, no-such-rule]\n", encoding="utf-8")
    result = reportgen("proof", path)
    warning = "警告：proof.ignore 中的规则“no-such-rule”不存在（用 reportgen proof --rules 列出全部规则）"
    assert result.stderr.strip() == f"{path}:15:32: {warning}"


def test_usage_errors_exit_2(tmp_path):
    assert reportgen("proof").returncode == 2
    unknown = reportgen("proof", "--ignore", "no-such-rule", SOURCE)
    assert unknown.returncode == 2 and "no-such-rule" in unknown.stderr
    two = reportgen("proof", "--comments", tmp_path / "out.docx", SOURCE, SOURCE)
    assert two.returncode == 2 and not (tmp_path / "out.docx").exists()


def test_unreadable_or_invalid_file_is_one_positioned_line(tmp_path):
    missing = reportgen("proof", tmp_path / "missing.md")
    assert missing.returncode == 1 and re.match(r"^.+missing\.md:1:1: .+$", missing.stderr.strip())
    broken = tmp_path / "broken.yaml"
    broken.write_text(CLEAN.replace("  title: 政府工作报告\n", "  title: [政府\n"), encoding="utf-8")
    result = reportgen("proof", broken)
    assert result.returncode == 1
    assert result.stderr.strip() == reportgen("check", broken).stderr.strip()
    assert re.match(rf"^{re.escape(str(broken))}:\d+:\d+: ", result.stderr)
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("政府工作报告".encode("gb18030"))
    assert re.match(r"^.+latin1\.txt:1:1: ", reportgen("proof", latin).stderr)


def test_build_and_check_never_import_the_proof_package():
    code = (
        "import sys; from generator.cli import main; "
        f"assert main(['check', {str(SOURCE)!r}]) == 0; "
        "assert not [m for m in sys.modules if m.startswith('generator.proof')], 'imported'"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_comments_that_cannot_be_written_are_one_line(tmp_path):
    path = tmp_path / "planted.yaml"
    path.write_text(PLANTED, encoding="utf-8")
    result = reportgen("proof", path, "--comments", tmp_path / "missing" / "out.docx")
    assert result.returncode == 1
    assert result.stderr.strip().split("\n")[-1].startswith("无法写入")
    assert "Traceback" not in result.stderr and not (tmp_path / "missing").exists()


def test_a_finding_citing_another_place_prints_its_position(tmp_path):
    from generator.proof.command import locate
    from generator.proof.core import Finding
    from generator.proof.reading import read_proof_text

    path = tmp_path / "planted.yaml"
    path.write_text(PLANTED, encoding="utf-8")
    text = read_proof_text(path)
    paragraph = next(u for u in text.units if u.kind == "paragraph")
    heading = next(u for u in text.units if u.kind == "heading")
    cited = Finding("punct-pair", paragraph.index, 0, 1, ("甲", "A"), "", (heading.index, 0))
    (x,) = locate(text, [cited])
    assert x.related == (11, 14)  # 工作回顾 in "  - heading: 工作回顾"
    assert x.text("zh") == "[punct-pair] 甲 [参见第 11 行第 14 列]"
    assert x.json("en")["related"] == {"line": 11, "column": 14}
