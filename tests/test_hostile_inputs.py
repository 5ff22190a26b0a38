"""Hostile sources (issue 11, finding 4, input side; finding 8): one positioned line each, exit 1.

Each case was an ``internal error``, two unpositioned lines or a silent acceptance before.
The same line must come from ``check``, from ``build`` (nothing written) and from
``build --watch`` (which survives every one of them).
"""

from __future__ import annotations

import os
import queue
import subprocess
import threading
import time

import pytest
from conftest import REPO, REPORTGEN, SOURCE
from test_loader_errors import check

from generator.cli import main
from generator.model import LIMITS

TEXT = SOURCE.read_text(encoding="utf-8")
PARAGRAPH = "现在，我代表常营回族乡人民政府"


def mutate(old: str, new: str) -> str:
    assert old in TEXT, old
    return TEXT.replace(old, new, 1)


MINIMAL = """report:
  id: t
  version: 1
  title: 政府工作报告
  date: 2020-08-20
  session: 会议
  speaker: 方泽
  office: 乡长
  issuer: 政府
  short_title: 报告
parts:
"""
"""A report whose parts follow (no glossary, so nothing else is refused when parts are cut)."""


def parts(count: int) -> str:
    return MINIMAL + "".join(f"  - heading: 第{i}部分\n    content:\n      - text: 正文{i}。\n" for i in range(count))


def sections(count: int) -> str:
    section = "      - section: 小节{0}\n        paragraphs:\n          - text: 正文{0}。\n"
    body = "".join(section.format(i) for i in range(count))
    return MINIMAL + "  - heading: 部分\n    content:\n" + body


def paragraphs(count: int) -> str:
    return MINIMAL + "  - heading: 部分\n    content:\n" + "".join(f"      - text: 正文{i}。\n" for i in range(count))


def chart(count: int) -> str:
    """A report with one column chart of ``count`` figures (labels 第1项 … as in finding 1)."""
    text = "、".join(f"第{i}项{i}个" for i in range(1, count + 1))
    figures = "".join(
        f"          - {{id: f{i}, label: 第{i}项, quote: {i}个, value: {i}, unit: 个}}\n" for i in range(1, count + 1)
    )
    ids = ", ".join(f"f{i}" for i in range(1, count + 1))
    return (
        MINIMAL
        + f"  - heading: 部分\n    content:\n      - text: {text}。\n        figures:\n{figures}"
        + f"charts:\n  - {{id: c, title: 图表, kind: column, unit: 个, figures: [{ids}]}}\n"
    )


HUGE = "9" * 5000
VALUE = "quote: 9818.3万元, value: 9818.3"

CASES: dict[str, tuple[str | bytes, str]] = {
    # invalid dates (YAML resolves them as timestamps; Python cannot hold them)
    "date 2020-02-30": (
        mutate("date: 2020-08-20", "date: 2020-02-30"),
        "8:9: invalid date '2020-02-30': no such day (expected a real date, e.g. 2020-08-20)",
    ),
    "date 2020-13-01": (
        mutate("date: 2020-08-20", "date: 2020-13-01"),
        "8:9: invalid date '2020-13-01': no such day (expected a real date, e.g. 2020-08-20)",
    ),
    "date 0000-01-01": (
        mutate("date: 2020-08-20", "date: 0000-01-01"),
        "8:9: invalid date '0000-01-01': no such day (expected a real date, e.g. 2020-08-20)",
    ),
    "quoted date 2020-02-30": (
        mutate("date: 2020-08-20", "date: '2020-02-30'"),
        "8:9: invalid date '2020-02-30': no such day (expected a real date, e.g. 2020-08-20)",
    ),
    "timestamp at hour 25": (
        mutate("date: 2020-08-20", "date: 2020-08-20T25:00:00"),
        "8:9: invalid date '2020-08-20T25:00:00': no such day (expected a real date, e.g. 2020-08-20)",
    ),
    # raw characters a YAML file cannot hold: line and column, never an offset
    "raw BEL": (
        mutate(PARAGRAPH, "现在\x07，我代表").encode(),
        "19:13: contains control character U+0007 that XML cannot carry (remove it)",
    ),
    "raw NUL": (
        mutate(PARAGRAPH, "现在\x00，我代表").encode(),
        "19:13: contains control character U+0000 that XML cannot carry (remove it)",
    ),
    "raw U+FFFE": (
        mutate(PARAGRAPH, "现在\ufffe，我代表").encode(),
        "19:13: contains control character U+FFFE that XML cannot carry (remove it)",
    ),
    "raw U+FFFF": (
        mutate(PARAGRAPH, "现在\uffff，我代表").encode(),
        "19:13: contains control character U+FFFF that XML cannot carry (remove it)",
    ),
    "raw DEL": (
        mutate(PARAGRAPH, "现在\x7f，我代表").encode(),
        "19:13: contains control character U+007F that XML cannot carry (remove it)",
    ),
    "raw ESC in a comment": (
        mutate("  version: 1\n", "  version: 1  # \x1b[31m\n").encode(),
        "5:17: contains control character U+001B that XML cannot carry (remove it)",
    ),
    "raw NUL in a key": (
        mutate("  version: 1\n", "  vers\x00ion: 1\n").encode(),
        "5:7: contains control character U+0000 that XML cannot carry (remove it)",
    ),
    "NUL at the end": (
        TEXT.encode() + b"\x00",
        "210:1: contains control character U+0000 that XML cannot carry (remove it)",
    ),
    "only NULs": (b"\x00" * 100, "1:1: contains control character U+0000 that XML cannot carry (remove it)"),
    "escaped U+FFFE": (
        mutate("  - text: 现在，我代表常营回族乡人民政府，向大会报告工作，请予审议。", '  - text: "现在\\uFFFE"'),
        "19:11: contains control character U+FFFE that XML cannot carry (remove it)",
    ),
    # counts: documented limits (generator.model.LIMITS), at the first item over the limit
    "100 parts": (parts(100), "309:5: too many parts: 100 (at most 99)"),
    "100 sections in a part": (sections(100), "311:9: too many sections in a part: 100 (at most 99)"),
    "5001 paragraphs in a part": (
        paragraphs(5001),
        "5014:9: too many paragraphs, lists and tables in one place: 5001 (at most 5000)",
    ),
    "101 figures in a chart": (chart(101), "118:549: too many figures in one chart: 101 (at most 100)"),
    "100,000 figures in a chart": (
        mutate(
            "figures: [transfer-trips, market-checks]", "figures: [" + ", ".join(["transfer-trips"] * 100_000) + "]"
        ),
        "198:1615: too many figures in one chart: 100000 (at most 100)",
    ),
    # numbers past Python's int-from-text limit, huge and infinite decimals
    "version of 5000 digits": (
        mutate("  version: 1\n", f"  version: {HUGE}\n"),
        "5:12: number too long: 5000 digits (at most 4300)",
    ),
    "cell of 5000 digits": (
        mutate(VALUE, f"{VALUE}, cell: [{HUGE}, 0]"),
        "52:96: number too long: 5000 digits (at most 4300)",
    ),
    "value of 5000 digits": (
        mutate(VALUE, f"quote: 9818.3万元, value: {HUGE}"),
        "52:81: number too long: '9999999999999999999999999999999999999999' (at most 30 digits)",
    ),
    "value 1e7000000": (
        mutate(VALUE, "quote: 9818.3万元, value: 1e7000000"),
        "52:81: number too long: '1E+7000000' (at most 30 digits)",
    ),
    "value -1e7000000": (
        mutate(VALUE, "quote: 9818.3万元, value: -1e7000000"),
        "52:81: number too long: '-1E+7000000' (at most 30 digits)",
    ),
    "value 1e-7000000": (
        mutate(VALUE, "quote: 9818.3万元, value: 1e-7000000"),
        "52:81: number too long: '1E-7000000' (at most 30 digits)",
    ),
    "value 1e309 (past a float)": (
        mutate(VALUE, "quote: 9818.3万元, value: 1e309"),
        "52:81: number too long: '1E+309' (at most 30 digits)",
    ),
    "upper 1e7000000": (
        mutate(VALUE, f"{VALUE}, upper: 1e7000000"),
        "52:96: number too long: '1E+7000000' (at most 30 digits)",
    ),
    # finding 8: a figure of 301 digits, an infinite value
    "value of 301 digits": (
        mutate(VALUE, "quote: 9818.3万元, value: " + "9" * 301),
        "52:81: number too long: '9999999999999999999999999999999999999999' (at most 30 digits)",
    ),
    "quote of 301 digits": (
        mutate(VALUE, "quote: " + "9" * 301 + "万元, value: 9818.3").replace(
            "集体经济总收入9818.3万元", "集体经济总收入" + "9" * 301 + "万元", 1
        ),
        "52:64: number too long: '9999999999999999999999999999999999999999' (at most 30 digits)",
    ),
    "value .inf": (
        mutate(VALUE, "quote: 9818.3万元, value: .inf"),
        "52:81: not a finite number: 'Infinity' (expected a number such as 9818.3)",
    ),
    "value -.inf": (
        mutate(VALUE, "quote: 9818.3万元, value: -.inf"),
        "52:81: not a finite number: '-Infinity' (expected a number such as 9818.3)",
    ),
    "value .nan": (
        mutate(VALUE, "quote: 9818.3万元, value: .nan"),
        "52:81: not a finite number: 'NaN' (expected a number such as 9818.3)",
    ),
    "value Infinity as text": (
        mutate(VALUE, "quote: 9818.3万元, value: Infinity"),
        "52:81: not a finite number: 'Infinity' (expected a number such as 9818.3)",
    ),
    "cell .inf": (
        mutate(VALUE, f"{VALUE}, cell: [.inf, 0]"),
        "52:96: not a finite number: 'Infinity' (expected a number such as 9818.3)",
    ),
    # names and versions: the model's bounds, in words
    "id of 228 characters": (
        mutate("id: changying-2020-midyear", "id: " + "a" * 228),
        "4:7: too long: 228 characters (at most 120)",
    ),
    "figure id of 228 characters": (
        mutate("id: collective-income", "id: " + "a" * 228).replace("collective-income", "a" * 228),
        "52:22: too long: 228 characters (at most 120)",
    ),
    "version 10000": (mutate("  version: 1\n", "  version: 10000\n"), "5:12: value too large (at most 9999)"),
    "version 10**22": (
        mutate("  version: 1\n", "  version: 1_000_000_000_000_000_000_000\n"),
        "5:12: value too large (at most 9999)",
    ),
    "version 0": (mutate("  version: 1\n", "  version: 0\n"), "5:12: value too small (at least 1)"),
    "version true": (mutate("  version: 1\n", "  version: true\n"), "5:12: wrong type (expected an integer)"),
    "version 1e400": (mutate("  version: 1\n", "  version: 1e400\n"), "5:12: wrong type (expected an integer)"),
    # YAML features that expand or confuse
    "merge key": (
        mutate("  version: 1\n", "  version: 1\n  <<: {subject: x}\n"),
        "6:3: merge key '<<' is not allowed (write the content out)",
    ),
    "tile listed twice": (
        mutate("  - figure: one-window\n", "  - figure: one-window\n  - figure: one-window\n"),
        "182:13: figure 'one-window' is listed twice in tiles (list each once)",
    ),
}


def _content(case: str) -> bytes:
    content = CASES[case][0]
    return content if isinstance(content, bytes) else content.encode("utf-8")


@pytest.mark.parametrize("case", list(CASES))
def test_hostile_source_gives_one_positioned_line(tmp_path, capsys, case):
    status, err = check(tmp_path, capsys, _content(case), "--lang", "en")
    assert (status, err) == (1, f"report.yaml:{CASES[case][1]}\n")


@pytest.mark.parametrize("case", ["date 2020-02-30", "raw NUL", "100 parts", "value 1e7000000", "id of 228 characters"])
def test_build_refuses_with_the_same_line_and_writes_nothing(tmp_path, capsys, case):
    source = tmp_path / "report.yaml"
    source.write_bytes(_content(case))
    out = tmp_path / "out"
    status = main(["--lang", "en", "build", str(source), "--out", str(out), "-q"])
    err = capsys.readouterr().err.replace(str(source), "report.yaml")
    assert (status, err) == (1, f"report.yaml:{CASES[case][1]}\n")
    assert not out.exists()


def test_watch_survives_every_hostile_save_with_its_line(tmp_path):
    """One ``build --watch`` process, every case saved in turn: each gives its line, none ends it."""
    source = tmp_path / "report.yaml"
    source.write_bytes(SOURCE.read_bytes())
    out = tmp_path / "out"
    command = [*REPORTGEN, "--lang", "en", "build", str(source), "--out", str(out), "--format", "docx", "--watch"]
    process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stderr], daemon=True).start()
    try:
        assert process.stdout.readline().startswith(b"docx  ")
        assert process.stdout.readline().startswith(b"watching 1 source")
        for case in CASES:
            temp = source.with_suffix(".saving")
            temp.write_bytes(_content(case))
            os.replace(temp, source)
            line = lines.get(timeout=60).decode("utf-8")
            assert line == f"{source}:{CASES[case][1]}\n", case
            time.sleep(0.05)  # the watch looks at the file's stamp; let each save be seen apart
        assert process.poll() is None
    finally:
        process.terminate()
        process.communicate(timeout=10)


def test_chinese_messages(tmp_path, capsys):
    expected = {
        "date 2020-02-30": "8:9: 日期无效：“2020-02-30”不存在（应为实有的日期，如 2020-08-20）",
        "100 parts": "309:5: 部分过多：100 个（至多 99 个）",
        "value .inf": "52:81: 数值无效：“Infinity”不是有限的数（应为如 9818.3 的数）",
        "id of 228 characters": "4:7: 过长：228 个字符（至多 120 个）",
        "version 10000": "5:12: 取值过大（至多为 9999）",
        "version of 5000 digits": "5:12: 数字过长：5000 位（至多 4300 位）",
    }
    for case, line in expected.items():
        assert check(tmp_path, capsys, _content(case)) == (1, f"report.yaml:{line}\n"), case


def test_control_characters_on_several_lines_each_get_a_line(tmp_path, capsys):
    content = mutate(PARAGRAPH, "现在\x00\x00，我代表").replace("  speaker: 方泽", "  speaker: 方\x01泽", 1)
    status, err = check(tmp_path, capsys, content.encode(), "--lang", "en")
    assert status == 1
    assert err.splitlines() == [
        "report.yaml:10:13: contains control character U+0001 that XML cannot carry (remove it)",
        "report.yaml:19:13: contains control character U+0000 that XML cannot carry (remove it)",
        "2 problem(s)",
    ]


def test_counts_up_to_the_limits_are_accepted(tmp_path, capsys):
    assert LIMITS["parts"][0] == 99 and LIMITS["sections"][0] == 99
    for content in (parts(99), sections(99), paragraphs(1000)):
        assert check(tmp_path, capsys, content) == (0, "")


def test_a_refused_figure_is_not_also_an_unknown_figure_where_it_is_used(tmp_path, capsys):
    """collective-income is in a tile and a chart: its bad value is the one problem, not three."""
    status, err = check(tmp_path, capsys, CASES["value .inf"][0], "--lang", "en")
    assert (status, err.count("\n")) == (1, 1)


def _bounded(code: str, *args: str, seconds: float = 120, memory: int = 1 << 30) -> subprocess.CompletedProcess:
    """Run Python ``code`` in a child with a time limit and an address-space limit.

    A loop that does not advance then fails instead of hanging or eating the machine's memory.
    """
    import resource
    import sys

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=seconds,
        preexec_fn=limit,
    )


def test_a_label_wider_than_its_line_still_wraps(tmp_path):
    """Finding 1: when not one character fits, the break still advances."""
    code = "from generator.charts import wrap_label; print(wrap_label('第1项', 9.5)); print(wrap_label('第1项', 0.1))"
    result = _bounded(code, seconds=20)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "第\n1\n项\n" * 2  # one character a line: each line holds at least one


def test_a_column_chart_of_many_figures_builds(tmp_path):
    """Finding 1: a column chart of 37 or more figures looped; the most a chart may have builds (PDF, PPTX)."""
    count = LIMITS["chart_figures"][0]
    source = tmp_path / "chart.yaml"
    source.write_text(chart(count), encoding="utf-8")
    out = tmp_path / "out"
    code = "import sys; from generator.cli import main; sys.exit(main(sys.argv[1:]))"
    result = _bounded(code, "build", str(source), "--out", str(out), "--format", "pdf,pptx", "-q", "--jobs", "1")
    assert result.returncode == 0, result.stderr
    assert sorted(p.suffix for p in out.iterdir() if p.suffix in (".pdf", ".pptx")) == [".pdf", ".pptx"]


def test_a_heading_longer_than_a_page_builds(tmp_path):
    """A section heading of pages (bench/generators.py's 40 KB heading) once made the PDF's
    keep-with-next loop for ever; a text past a title's length is not kept with what follows."""
    heading = "加快推进" * 1500  # 6,000 characters: several pages at a heading's size
    source = tmp_path / "heading.yaml"
    text = SOURCE.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.lstrip().startswith("- section:"))
    source.write_text(text.replace(old, old.split("- section:")[0] + f"- section: {heading}", 1), encoding="utf-8")
    out = tmp_path / "out"
    code = "import sys; from generator.cli import main; sys.exit(main(sys.argv[1:]))"
    result = _bounded(code, "build", str(source), "--out", str(out), "--format", "pdf", "-q", "--jobs", "1", seconds=60)
    assert result.returncode == 0, result.stderr
    (pdf,) = out.glob("*.pdf")
    import pdfplumber

    with pdfplumber.open(pdf) as document:
        printed = "".join(page.extract_text() or "" for page in document.pages).replace("\n", "")
        pages = len(document.pages)
    assert printed.count("加快推进") >= 1500 - pages  # whole, running heads between its pages aside
