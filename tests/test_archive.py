"""The archival edition (issue 19): the whole report as PDF/A-3u, page for page like the DOCX, its source inside.

For the seed and every corpus report (``../shared/corpus/*.md`` imported with default
options) the DOCX and the ``-full.pdf`` are built by the real command and the DOCX is
rendered once by LibreOffice with the project's font aliases. Everything is read back from
the files (pdftotext, pikepdf), never from the model: page counts, the page on which every
paragraph, heading and glossary entry starts, the glossary's references, the text, the
count of every punctuation mark, the PDF/A checks and the embedded source. The figures
are printed per report (``pytest -s``).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

import pikepdf
import pytest
from conftest import SHARED, SOURCE, imported_corpus_report, products_by_format, reportgen, soffice_convert, squeeze
from docx import Document
from pikepdf import pdfa

from generator.linebreak import HANGING
from generator.loader import load_report
from generator.model import Report
from generator.renderers.docx.plan import PlannedParagraph, plan_document
from generator.terms import term_key

CORPUS = sorted(p.stem for p in (SHARED / "corpus").glob("*.md") if p.stem.lower() != "readme")
NAMES = ["seed", *CORPUS]
FORMATS = "docx,archive"
FOLIO = re.compile(r"—\d+—")
MARKS = sorted(HANGING | set("“”‘’（）《》"))
"""The marks counted in both texts: the hanging closing marks, quotes, brackets."""


def _pages(path: Path, *options: str) -> list[str]:
    """Each page's text as pdftotext reads it, whitespace and the folio removed."""
    command = ["pdftotext", *options, "-enc", "UTF-8", str(path), "-"]
    text = subprocess.run(command, capture_output=True, text=True, check=True)
    pages = text.stdout.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [FOLIO.sub("", squeeze(page)) for page in pages]


@dataclass
class Edition:
    """One report: its model, DOCX, archival PDF, LibreOffice's rendering of the DOCX, and their page texts."""

    name: str
    source: Path
    report: Report
    products: dict[str, Path]
    archive_pages: list[str]
    libreoffice_pages: list[str]
    rendered: Path
    """LibreOffice's PDF of the DOCX."""


@pytest.fixture(scope="module", params=NAMES)
def edition(request, tmp_path_factory) -> Edition:
    name = request.param
    work = tmp_path_factory.mktemp(f"archive-{name}")
    source = SOURCE if name == "seed" else imported_corpus_report(name, work)
    build = reportgen("build", source, "--out", work / "out", "--format", FORMATS, "-q")
    assert build.returncode == 0, build.stderr
    products = products_by_format(work / "out")
    inputs = work / "in"
    inputs.mkdir()
    (rendered,) = soffice_convert([shutil.copy(products["docx"], inputs / "draft.docx")], work)
    return Edition(name, source, load_report(source), products, _pages(products["archive"]), _pages(rendered), rendered)


def _texts(element) -> str:
    return squeeze("".join(t.text or "" for t in element.iter() if t.tag.endswith("}t")))


def _docx_text(path: Path) -> tuple[str, list[str]]:
    """The DOCX's paragraph (and table-cell) text in document order, and each table's header rows' text."""
    body = Document(str(path)).element.body
    text = "".join(_texts(p) for p in body.iter() if p.tag.endswith("}p"))
    headers = []
    for table in (e for e in body.iter() if e.tag.endswith("}tbl")):
        rows = [r for r in table if r.tag.endswith("}tr") and any(h.tag.endswith("}tblHeader") for h in r.iter())]
        if rows:
            headers.append("".join(_texts(r) for r in rows))
    return text, headers


def _unmarked(text: str) -> str:
    return "".join(ch for ch in text if ch not in HANGING)


def start_pages(keys: list[str], pages: list[str]) -> list[int | None]:
    """The page on which each key (a paragraph's opening, in reading order) is first found after the previous one."""
    texts = [_unmarked(page) for page in pages]
    joined = "".join(texts)
    ends, total = [], 0
    for text in texts:
        total += len(text)
        ends.append(total)
    out: list[int | None] = []
    cursor = 0
    for key in keys:
        at = joined.find(key, cursor)
        if at < 0:
            out.append(None)
            continue
        out.append(next(n for n, end in enumerate(ends, 1) if at < end))
        cursor = at + len(key)
    return out


def paragraph_keys(report: Report) -> list[str]:
    """The opening (up to 16 printed characters, marks left out) of every paragraph, heading and glossary entry."""
    keys = []
    for item in plan_document(report).paragraphs:
        if isinstance(item, PlannedParagraph):
            key = _unmarked(squeeze(item.text))[:16]
            if key:
                keys.append(key)
    return keys


def archive_references(report: Report, text: str) -> dict[str, list[int]]:
    """Term → the page numbers the archival PDF's glossary prints after it (read from its text)."""
    appendix = report.glossary_appendix()
    out: dict[str, list[int]] = {}
    for entry in appendix.entries if appendix else []:
        at = text.find(squeeze(entry.term) + "（《报告》第")
        if at < 0:
            continue
        cited = text[at + len(squeeze(entry.term)) : text.index("）", at)]
        numbers = re.findall(r"(\d+)页", cited) if "行" in cited else re.findall(r"\d+", cited)
        out[entry.term] = [int(n) for n in numbers]
    return out


def _term_on_page(report: Report, term: str, pages: list[str], page: int) -> bool:
    """Whether an occurrence of the entry's term starts on ``page`` (it may run onto the next page)."""
    entry = next(e for e in report.glossary_appendix().entries if e.term == term)
    following = pages[page] if page < len(pages) else ""
    return any(term_key(m) in term_key(pages[page - 1] + following[: len(m) - 1]) for m in entry.match_texts())


def _share(expected: str, found: str) -> float:
    """The share of ``expected``'s characters found, in order, in ``found``."""
    matcher = SequenceMatcher(None, expected, found, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / max(1, len(expected))


def test_pages_and_paragraph_starts_match_libreoffice(edition):
    archive, office = edition.archive_pages, edition.libreoffice_pages
    keys = paragraph_keys(edition.report)
    ours, theirs = start_pages(keys, archive), start_pages(keys, office)
    same = sum(1 for a, b in zip(ours, theirs, strict=True) if a is not None and a == b)
    share = same / len(keys)
    print(
        f"\n{edition.name}: pages archive {len(archive)}, LibreOffice {len(office)}; "
        f"paragraphs starting on the same page {same}/{len(keys)} = {share:.2%}"
    )
    assert len(archive) == len(office)
    assert None not in ours
    assert share >= 0.99


def printed_lines(path: Path) -> dict[tuple[int, str], tuple[float, float]]:
    """Each printed line, by (page, text without whitespace or hanging marks): (baseline y, x of its first glyph)."""
    import pdfplumber

    rows: dict[tuple[int, float], list[dict]] = {}
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, 1):
            for char in page.chars:
                rows.setdefault((number, round(page.height - char["matrix"][5], 1)), []).append(char)
    out = {}
    for (number, baseline), chars in rows.items():
        chars.sort(key=lambda c: c["x0"])
        text = _unmarked(squeeze("".join(c["text"] for c in chars)))
        if text:
            out[(number, text)] = (baseline, chars[0]["x0"])
    return out


def test_lines_stand_where_libreoffice_prints_the_docx(edition):
    """Line for line: the same text on the same page, at the same baseline and left edge (within 1 pt).

    Measured: 100 % of lines on all eleven reports (the archive follows the DOCX's own page
    model, as the DOCX's stored page references do, and that model breaks every line, table
    cells included, as LibreOffice does: ``tests/test_line_model_edges.py``).
    """
    ours, theirs = printed_lines(edition.products["archive"]), printed_lines(edition.rendered)
    common = set(ours) & set(theirs)
    placed = [k for k in common if all(abs(a - b) <= 1.0 for a, b in zip(ours[k], theirs[k], strict=True))]
    share, exact = len(common) / len(theirs), len(placed) / max(1, len(common))
    print(
        f"\n{edition.name}: lines {len(ours)} archive, {len(theirs)} LibreOffice; same page and text {share:.2%}, "
        f"of which within 1 pt of LibreOffice's baseline and left edge {exact:.2%}"
    )
    assert share == 1.0
    assert exact >= 0.99


def test_every_glossary_reference_points_to_a_page_with_the_term(edition):
    text = "".join(edition.archive_pages)
    references = archive_references(edition.report, text)
    appendix = edition.report.glossary_appendix()
    cited = [e for e in (appendix.entries if appendix else []) if e.match != [] and e.term in references]
    wrong = [
        f"{term}: page {page}"
        for term, pages in references.items()
        for page in pages
        if not (
            1 <= page <= len(edition.archive_pages) and _term_on_page(edition.report, term, edition.archive_pages, page)
        )
    ]
    count = sum(len(p) for p in references.values())
    print(f"\n{edition.name}: glossary references read from the archival PDF {count}, wrong {len(wrong)}")
    assert len(cited) == len([e for e in (appendix.entries if appendix else []) if e.match != []]) or not appendix
    assert wrong == []


def test_text_and_every_mark_are_the_docx_text(edition):
    """pdftotext -raw reads the content streams, which hold the text in reading order (a table cell by cell).

    A table's header rows are printed again on every page it continues on, as the DOCX repeats
    them: each repetition found in the PDF is added to the DOCX text whose marks are counted.
    """
    expected, headers = _docx_text(edition.products["docx"])
    found = "".join(_pages(edition.products["archive"], "-raw"))
    share = _share(expected, found)
    odd = sorted({ch for ch in found if "\ue000" <= ch <= "\uf8ff" or "\ufb00" <= ch <= "\ufb4f"})
    printed = expected + "".join(h * (found.count(h) - expected.count(h)) for h in set(headers))
    counts = {
        mark: (printed.count(mark), found.count(mark)) for mark in MARKS if printed.count(mark) or found.count(mark)
    }
    office = "".join(edition.libreoffice_pages)
    unpainted = {m: printed.count(m) - office.count(m) for m in HANGING if printed.count(m) != office.count(m)}
    print(
        f"\n{edition.name}: text share {share:.5f} of {len(expected)} characters; marks (DOCX, archive) {counts}; "
        f"marks LibreOffice leaves unpainted {unpainted}"
    )
    assert share >= 0.999
    assert odd == []
    assert all(docx == archive for docx, archive in counts.values()), counts


def test_pdfa3_with_the_source_as_associated_file(edition):
    path = edition.products["archive"]
    with pikepdf.open(path) as pdf:
        findings = [f for f in pdfa.check(pdf, "3b").findings if "pdfaid:conformance is 'U'" not in str(f)]
        meta = pdf.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("3", "U")
        assert meta["dc:creator"] == [edition.report.meta.issuer] and set(meta["dc:language"]) == {"zh-CN"}
        assert str(pdf.docinfo["/Title"]) == edition.report.meta.title and str(pdf.Root.Lang) == "zh-CN"
        fonts = [o for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == "/Font"]
        assert fonts and all("/ToUnicode" in f and "/FontFile2" in f.FontDescriptor for f in fonts)
        (spec,) = pdf.Root.AF
        assert spec.AFRelationship == "/Source" and str(spec.UF) == f"{edition.report.meta.id}.yaml"
        stream = spec.EF.F
        assert stream.Subtype == "/text/yaml" and "/ModDate" not in stream.get("/Params", {})
        assert stream.read_bytes() == edition.source.read_bytes()
        assert len(pdf.open_outline().root) > 0
    assert findings == []


def test_extract_gives_the_source_back_and_it_builds_the_same_bytes(edition, tmp_path):
    extracted = tmp_path / "back.yaml"
    result = reportgen("extract", edition.products["archive"], "-o", extracted)
    assert result.returncode == 0, result.stderr
    assert extracted.read_bytes() == edition.source.read_bytes()
    assert reportgen("check", extracted).returncode == 0
    build = reportgen("build", extracted, "--out", tmp_path / "out", "--format", FORMATS, "-q")
    assert build.returncode == 0, build.stderr
    again = products_by_format(tmp_path / "out")
    assert {f: p.read_bytes() for f, p in again.items()} == {f: p.read_bytes() for f, p in edition.products.items()}


@pytest.mark.parametrize("fmt", ["archive", "ofd"])
def test_a_character_no_face_has_refuses_before_anything_is_written(tmp_path, fmt):
    """Each archival product alone refuses a character no embedded face has: one positioned line, nothing written."""
    heading = "heading: 2020年上半年工作回顾"
    text = SOURCE.read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace(heading, heading + "😀", 1), encoding="utf-8")
    line = text[: text.index(heading)].count("\n") + 1
    column = len(text[: text.index(heading)].rsplit("\n", 1)[-1]) + len(heading) + 1
    result = reportgen("--lang", "en", "build", bad, "--out", tmp_path / "out", "--format", fmt)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{bad}:{line}:{column}: every font tried lacks characters: 😀(U+1F600)")
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_archive_joins_the_manifest(built):
    manifest = json.loads((built["archive"].parent / ".reportgen-manifest.json").read_text(encoding="utf-8"))
    entry = manifest[built["archive"].name]
    assert entry["sha256"] == hashlib.sha256(built["archive"].read_bytes()).hexdigest()
    assert entry["source"] == SOURCE.name and entry["fonts"]
