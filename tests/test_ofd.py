"""The OFD product (issue 19): the package written from hand-made pages, then the seed's and the corpus's pages.

Every check reads the written file back: with two independent readers from PyPI (ofdkit and
easyofd, :mod:`ofdread`), with fontTools for the embedded subsets, with ElementTree for the XML.
The texts compared are the page plan's (what the archival PDF draws) and the DOCX's.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from conftest import SOURCE, imported_corpus_report, squeeze
from hypothesis import given, settings
from hypothesis import strategies as st
from ofdread import (
    by_lines,
    easyofd_pages,
    easyofd_placed,
    ofdkit_info,
    ofdkit_pages,
    ofdkit_placed,
    package_names,
    without_folio,
)

from generator.cli import main
from generator.fonts import OFFICE_ALIASES, font_file, metrics
from generator.loader import load_report
from generator.pageplan import PagePlan, plan_pages
from generator.renderers.ofd import doc_info, render_ofd
from generator.renderers.ofd.package import MM_PER_PT, DocInfo, OutlineEntry, Page, Run, delta_list, write_package
from generator.renderers.ofd.subset import DESCRIPTION_NAME_ID

OFD_NS = "{http://www.ofdspec.org/2016}"
CORPUS = [
    "binzhou-2018",
    "changsha-2019",
    "fuzhou-2023",
    "guangdong-2021",
    "guowuyuan-2024",
    "jinan-2024",
    "naqu-2023",
    "sichuan-2021",
    "wuxi-2017",
    "yibin-2023",
]


# ---------------------------------------------------------------- hand-made pages


def placed(text: str, role: str, size: float, x: float, baseline: float, bold: bool = False) -> Run:
    """A run measured with the role's face, as the page plan measures it."""
    face = metrics(role)
    return Run(text, font_file(face.family), size, x, baseline, tuple(face.advance(c) * size for c in text), bold)


PAGES = [
    Page(
        595.3,
        841.9,
        (
            placed("政府工作报告", "heading1", 22, 165.0, 160.0),
            placed("\u3000\u3000各位代表：现在，我代表市人民政府，", "body", 16, 79.4, 220.0),
            placed("向大会报告工作，请予审议。", "body", 16, 79.4, 248.9, bold=True),
            placed("— 1 —", "footer", 14, 470.0, 790.0),
        ),
    ),
    Page(
        595.3,
        841.9,
        (
            placed("附件", "heading1", 16, 79.4, 100.0),
            placed("GDP 增长 5.2%；“十四五”规划（草案）", "body", 16, 79.4, 128.9),
            placed("— 2 —", "footer", 14, 100.0, 790.0),
        ),
    ),
]
INFO = DocInfo(
    title="政府工作报告（草案）",
    author="某市人民政府",
    subject="2024年政府工作",
    date=dt.date(2024, 1, 15),
    keywords=("政府工作报告", "2024"),
    creator_version="0.1.0",
    custom=(("session", "某市第十七届人民代表大会第四次会议"), ("status", "草案"), ("version", "3")),
)
OUTLINE = (OutlineEntry("政府工作报告", 0, 140.0, (OutlineEntry("附件", 1, 85.0),)),)


@pytest.fixture(scope="module")
def hand_made(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("ofd") / "hand.ofd"
    path.write_bytes(write_package(PAGES, INFO, OUTLINE))
    return path


def page_texts(pages: list[Page]) -> list[str]:
    return [squeeze("".join(run.text for run in page.runs)) for page in pages]


def test_same_pages_give_the_same_bytes_in_a_stable_package(hand_made):
    assert write_package(PAGES, INFO, OUTLINE) == hand_made.read_bytes()
    names = package_names(hand_made)
    assert names[0] == "OFD.xml" and names[1:] == sorted(names[1:])
    with zipfile.ZipFile(hand_made) as archive:
        stamps = {info.date_time for info in archive.infolist()}
        assert stamps == {(INFO.date.year, INFO.date.month, INFO.date.day, 0, 0, 0)}
        for name in names:
            if name.endswith(".xml"):
                root = ET.fromstring(archive.read(name))
                assert root.tag.startswith(OFD_NS), name
    assert {n for n in names if not n.startswith("Doc_0/Res/")} == {
        "OFD.xml",
        "Doc_0/Document.xml",
        "Doc_0/PublicRes.xml",
        *(f"Doc_0/Pages/Page_{i}/Content.xml" for i in range(len(PAGES))),
    }


def test_two_readers_open_the_pages_with_their_text(hand_made, tmp_path):
    want = page_texts(PAGES)
    assert [squeeze(t) for t in ofdkit_pages(hand_made)] == want
    assert [squeeze(t) for t in easyofd_pages(hand_made, tmp_path)] == want


def test_metadata_reads_back(hand_made):
    info = ofdkit_info(hand_made)
    assert (info.title, info.author, info.subject) == (INFO.title, INFO.author, INFO.subject)
    assert info.creation_date == INFO.date.isoformat()
    assert info.keywords == INFO.keywords
    assert info.custom_data == dict(INFO.custom)
    assert info.creator == "reportgen" and info.creator_version == INFO.creator_version
    assert info.doc_id and len(info.doc_id) == 32


def test_every_glyph_stands_where_the_page_put_it(hand_made):
    """ofdkit's runs start at each run's x and baseline; its DeltaX parser gives every later glyph's x."""
    import ofdkit
    from ofdkit.document import _parse_deltas

    with ofdkit.open(hand_made) as document, zipfile.ZipFile(hand_made) as archive:
        for index, (page, read) in enumerate(zip(PAGES, document.pages, strict=True)):
            runs = [run for run in page.runs if run.text.strip()]
            assert len(read.runs) == len(runs)
            codes = ET.fromstring(archive.read(f"Doc_0/Pages/Page_{index}/Content.xml")).iter(f"{OFD_NS}TextCode")
            for run, got, code in zip(runs, read.runs, codes, strict=True):
                lead = len(run.text) - len(run.text.lstrip())
                xs = [run.x + sum(run.advances[:i]) for i in range(lead, len(run.text.rstrip()))]
                assert got.text == run.text.strip()
                assert got.y == pytest.approx(run.baseline * MM_PER_PT, abs=0.002)
                assert got.size == pytest.approx(run.size * MM_PER_PT, abs=0.001)
                deltas = _parse_deltas(code.get("DeltaX"), len(got.text) - 1)
                read_xs = [got.x + sum(deltas[:i]) for i in range(len(got.text))]
                assert read_xs == pytest.approx([x * MM_PER_PT for x in xs], abs=0.002)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([0.0, 2.469, 2.47, 5.644, 5.645, 11.289, 0.001]), max_size=40))
def test_delta_lists_read_back_as_written(deltas):
    """``g n v`` shorthand or not, both readers' DeltaX parsers give back every step."""
    from easyofd.draw.draw_pdf import DrawPDF
    from ofdkit.document import _parse_deltas

    written = delta_list(deltas)
    assert _parse_deltas(written, len(deltas)) == deltas
    positions = DrawPDF.cmp_offset(None, 0, 0, written, "x" * (len(deltas) + 1), {})
    assert positions == pytest.approx([sum(deltas[:i]) for i in range(len(deltas) + 1)], abs=1e-9)


def test_fonts_are_subsets_of_the_faces_used_with_their_licence_and_a_notice(hand_made):
    from fontTools.ttLib import TTFont

    used: dict[str, set[str]] = {}
    for page in PAGES:
        for run in page.runs:
            used.setdefault(run.face.family, set()).update(run.text.strip())
    root = ET.fromstring(zipfile.ZipFile(hand_made).read("Doc_0/PublicRes.xml"))
    assert root.get("BaseLoc") == "Res"
    fonts = {f.get("FamilyName"): f.find(f"{OFD_NS}FontFile").text for f in root.iter(f"{OFD_NS}Font")}
    assert set(fonts) == set(used)
    for family, file_name in fonts.items():
        data = zipfile.ZipFile(hand_made).read(f"Doc_0/Res/{file_name}")
        font = TTFont(io.BytesIO(data))
        source = font_file(family)
        assert set(font.getBestCmap()) == {ord(c) for c in used[family]}  # the runs' ends trimmed, inner spaces kept
        assert len(data) * 50 < source.path.stat().st_size
        assert font["OS/2"].fsType & 0x0002 == 0  # not "restricted licence": embedding allowed
        names = font["name"]
        assert names.getDebugName(13)  # the licence record is kept
        assert family in names.getDebugName(DESCRIPTION_NAME_ID) and INFO.date.isoformat() in names.getDebugName(
            DESCRIPTION_NAME_ID
        )


def test_outline_goes_to_its_pages(hand_made):
    root = ET.fromstring(zipfile.ZipFile(hand_made).read("Doc_0/Document.xml"))
    page_ids = [p.get("ID") for p in root.iter(f"{OFD_NS}Page")]
    found = []
    for element in root.iter(f"{OFD_NS}OutlineElem"):
        dest = element.find(f"{OFD_NS}Actions/{OFD_NS}Action/{OFD_NS}Goto/{OFD_NS}Dest")
        found.append((element.get("Title"), page_ids.index(dest.get("PageID")), float(dest.get("Top"))))
    want = [(e.title, e.page, round(e.top * MM_PER_PT, 3)) for top in OUTLINE for e in (top, *top.children)]
    assert found == want


# ---------------------------------------------------------------- the seed and the corpus


def docx_text(report) -> str:
    """The DOCX's text: every ``w:t`` of its main part, in order (the folios are fields in the footers)."""
    from generator.renderers.docx import render

    with zipfile.ZipFile(io.BytesIO(render(report))) as archive:
        root = ET.fromstring(archive.read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    return "".join(t.text or "" for t in root.iter(f"{w}t"))


def marks(text: str) -> Counter:
    """How often each punctuation mark (Unicode category P*) occurs."""
    return Counter(ch for ch in text if unicodedata.category(ch).startswith("P"))


def plan_page_texts(plan: PagePlan) -> list[str]:
    """Every page's text as the plan places it, line by line (:func:`ofdread.by_lines`), folio included."""
    out = []
    for page in plan.pages:
        lines = [*page.lines, *([page.folio] if page.folio else [])]
        placed = [(line.baseline * MM_PER_PT, run.x * MM_PER_PT, run.text) for line in lines for run in line.runs]
        out.append(squeeze(by_lines(placed)))
    return out


def repeated_header_marks(plan: PagePlan) -> Counter:
    """The marks of the table header lines printed again on later pages (the DOCX holds each header once).

    A table's lines on a later page that repeat, from the top, the lines it began with on its first
    page are its repeated header.
    """
    first: dict[int, list[tuple]] = {}
    extra: Counter = Counter()
    for page in plan.pages:
        on_page: dict[int, list] = {}
        for line in page.lines:
            if line.style.startswith("Table") and line.runs:
                on_page.setdefault(line.item, []).append(line)
        for item, lines in on_page.items():
            keys = [(line.text, line.runs[0].x, line.start, line.end) for line in lines]
            if item not in first:
                first[item] = keys
                continue
            for line, key, head in zip(lines, keys, first[item], strict=False):
                if key != head:
                    break
                extra += marks(line.text)
    return extra


def pdf_page_texts(path: Path) -> list[str]:
    """Every page of a PDF as pdfplumber reads its glyphs, line by line (:func:`ofdread.by_lines`)."""
    import pdfplumber

    out = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            placed = [((page.height - c["matrix"][5]) * MM_PER_PT, c["x0"] * MM_PER_PT, c["text"]) for c in page.chars]
            out.append(squeeze(by_lines(placed)))
    return out


def check_ofd(report, work: Path) -> dict:
    """Render the OFD and the archival PDF of ``report``, read the OFD with both readers, compare.

    Each page's text, line by line, equals the archival PDF's (pdfplumber) and the plan's; the
    marks equal the DOCX's; the OFD is at most twice the PDF's size. Returns the figures printed.
    """
    from generator.renderers.archive.emit import emit_archive

    plan = plan_pages(report)
    path = work / "report.ofd"
    path.write_bytes(render_ofd(plan, report))
    pdf = work / "report-full.pdf"
    pdf.write_bytes(emit_archive(plan))
    want = pdf_page_texts(pdf)
    assert want == plan_page_texts(plan)
    assert path.stat().st_size <= 2 * pdf.stat().st_size
    by_ofdkit = [by_lines(page) for page in ofdkit_placed(path)]
    by_easyofd = [by_lines(page) for page in easyofd_placed(path, work)]
    assert len(by_ofdkit) == len(by_easyofd) == len(plan.pages)
    for number, (expected, a, b) in enumerate(zip(want, by_ofdkit, by_easyofd, strict=True), start=1):
        assert squeeze(a) == expected, f"page {number} (ofdkit)"
        assert squeeze(b) == expected, f"page {number} (easyofd)"
    docx_marks = marks(docx_text(report)) + repeated_header_marks(plan)
    for pages in (ofdkit_pages(path), easyofd_pages(path, work)):
        assert marks("".join(without_folio(t) for t in pages)) == docx_marks
    return {"pages": len(plan.pages), "ofd": path.stat().st_size, "pdf": pdf.stat().st_size}


def summary(figures: dict) -> str:
    """The printed line: pages, OFD size against the archival PDF's, text equality."""
    ratio = figures["ofd"] / figures["pdf"]
    return (
        f"{figures['pages']} pages, OFD {figures['ofd'] / 1024:.0f} KB vs -full.pdf {figures['pdf'] / 1024:.0f} KB "
        f"({ratio:.2f}x), page text equal to the PDF's in ofdkit and easyofd"
    )


def test_seed_ofd_reads_back_page_for_page(report, tmp_path):
    figures = check_ofd(report, tmp_path)
    print(f"\nseed: {summary(figures)}")


def test_seed_outline_and_metadata(report, tmp_path):
    plan = plan_pages(report)
    path = tmp_path / "report.ofd"
    path.write_bytes(render_ofd(plan, report))
    info = ofdkit_info(path)
    want = doc_info(report)
    assert (info.title, info.author, info.creation_date) == (want.title, want.author, report.meta.date.isoformat())
    assert info.custom_data["session"] == report.meta.session
    root = ET.fromstring(zipfile.ZipFile(path).read("Doc_0/Document.xml"))
    page_ids = [p.get("ID") for p in root.iter(f"{OFD_NS}Page")]
    texts = ofdkit_pages(path)
    titles = []
    for element in root.iter(f"{OFD_NS}OutlineElem"):
        dest = element.find(f"{OFD_NS}Actions/{OFD_NS}Action/{OFD_NS}Goto/{OFD_NS}Dest")
        page = page_ids.index(dest.get("PageID"))
        title = element.get("Title")
        titles.append(title)
        assert squeeze(title)[:6] in squeeze(texts[page]), title
    assert titles == [entry.title for entry in plan.outline]


def test_glossary_page_references_link_to_the_page_they_name(report, tmp_path):
    """Every page reference's text object goes, on a click, to the page whose number it prints, at the anchor's line."""
    plan = plan_pages(report)
    path = tmp_path / "report.ofd"
    path.write_bytes(render_ofd(plan, report))
    targets = [
        (page.number, run.text, plan.anchors[run.pageref])
        for page in plan.pages
        for line in page.lines
        for run in line.runs
        if run.pageref
    ]
    assert targets
    with zipfile.ZipFile(path) as archive:
        root = ET.fromstring(archive.read("Doc_0/Document.xml"))
        page_ids = [p.get("ID") for p in root.iter(f"{OFD_NS}Page")]
        found = []
        for index in range(len(page_ids)):
            content = ET.fromstring(archive.read(f"Doc_0/Pages/Page_{index}/Content.xml"))
            for obj in content.iter(f"{OFD_NS}TextObject"):
                dest = obj.find(f"{OFD_NS}Actions/{OFD_NS}Action/{OFD_NS}Goto/{OFD_NS}Dest")
                if dest is not None:
                    text = obj.find(f"{OFD_NS}TextCode").text
                    target = page_ids.index(dest.get("PageID")) + 1
                    assert text == str(target)
                    found.append((index + 1, text, (target, float(dest.get("Top")))))
    assert found == [(n, t, (page, pytest.approx(y * MM_PER_PT, abs=0.001))) for n, t, (page, y) in targets]


def test_embedded_faces_are_the_free_faces_the_aliases_name(report, tmp_path):
    path = tmp_path / "report.ofd"
    path.write_bytes(render_ofd(plan_pages(report), report))
    root = ET.fromstring(zipfile.ZipFile(path).read("Doc_0/PublicRes.xml"))
    families = {f.get("FamilyName") for f in root.iter(f"{OFD_NS}Font")}
    assert families and families <= set(OFFICE_ALIASES.values())


@pytest.mark.parametrize("name", CORPUS)
def test_corpus_ofd_reads_back_page_for_page(name, tmp_path):
    report = load_report(imported_corpus_report(name, tmp_path))
    figures = check_ofd(report, tmp_path)
    print(f"\n{name}: {summary(figures)}")


def test_ofd_joins_the_all_or_none_build_and_the_manifest(tmp_path, capsys):
    """A bad source refuses in one line and leaves the OFD of the last good build as it was."""
    out = tmp_path / "out"
    assert main(["build", str(SOURCE), "--out", str(out), "--format", "docx,ofd", "-q"]) == 0
    ofd = next(out.glob("*.ofd"))
    assert ofd.name == f"{load_report(SOURCE).meta.file_stem}.ofd"
    manifest = json.loads((out / ".reportgen-manifest.json").read_text(encoding="utf-8"))
    assert manifest[ofd.name]["sha256"] == hashlib.sha256(ofd.read_bytes()).hexdigest()
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    bad = tmp_path / "bad" / SOURCE.name
    bad.parent.mkdir()
    bad.write_text(SOURCE.read_text(encoding="utf-8").replace("  speaker: 方泽\n", ""), encoding="utf-8")
    capsys.readouterr()
    assert main(["build", str(bad), "--out", str(out), "--format", "ofd"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(str(bad)) and "Traceback" not in err
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
