"""``reportgen compare``: the revision DOCX (tracked changes) and the change summary; ``import --into``.

Accepting every change of the revision must give exactly the new version's paragraphs and
rejecting every change exactly the old version's (the glossary's entries are the new
version's), on the seed and on two corpus reports (read from ``../shared``, never copied
here), each against copies edited here: additions, deletions, changed figures and words, a
moved paragraph, a new section.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from pathlib import Path

import pytest
from conftest import SHARED, SOURCE, build_products, openxml_errors, pdf_text, reportgen, soffice_convert, soffice_pdf
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CORPUS = SHARED / "corpus"
CORPUS_REPORTS = ["wuxi-2017.md", "binzhou-2018.md"]


# --- accepting and rejecting changes -------------------------------------------------------


def _wrapper(element, paragraph) -> str | None:
    """The tracked-change element a run's text stands in (within its paragraph or table row), if any."""
    for ancestor in element.iterancestors():
        if ancestor is paragraph:
            return None
        tag = ancestor.tag.removeprefix(W)
        if tag in ("ins", "del", "moveFrom", "moveTo"):
            return tag
    return None


def resolve(docx: bytes, accept: bool) -> list[tuple[str, str]]:
    """The body's paragraphs (style, text) and tables ("~table", text) with every change accepted or rejected.

    Accepting removes ``w:del`` and ``w:moveFrom`` (a paragraph whose mark is deleted joins the
    next) and unwraps ``w:ins`` and ``w:moveTo``; rejecting does the opposite.
    """
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    removed = {"del", "moveFrom"} if accept else {"ins", "moveTo"}
    out: list[tuple[str, str]] = []
    pending = ""
    for element in root.find(f"{W}body"):
        tag = element.tag.removeprefix(W)
        if tag == "p":
            style = element.find(f"{W}pPr/{W}pStyle")
            text = "".join(  # a line break (the title block's phrase breaks) reads as a newline
                "\n" if t.tag == f"{W}br" else t.text or ""
                for t in element.iter(f"{W}t", f"{W}delText", f"{W}br")
                if _wrapper(t, element) not in removed
            )
            marks = element.find(f"{W}pPr/{W}rPr")
            mark = {c.tag.removeprefix(W) for c in marks} if marks is not None else set()
            if mark & removed:
                pending += text
                continue
            out.append((style.get(f"{W}val") if style is not None else "Normal", pending + text))
            pending = ""
        elif tag == "tbl":
            rows = [
                r
                for r in element.iter(f"{W}tr")
                if not any(c.tag.removeprefix(W) in removed for c in r.find(f"{W}trPr") if c is not None)
            ]
            if rows:
                texts = (
                    t.text or "" for r in rows for t in r.iter(f"{W}t", f"{W}delText") if _wrapper(t, r) not in removed
                )
                out.append(("~table", "".join(texts)))
    assert pending == "", "a removed paragraph mark left text with nowhere to go"
    return out


def planned(report) -> list[tuple[str, str]]:
    """The planned items of a report as (style, text) / ("~table", text)."""
    from generator.renderers.docx.plan import PlannedTable, plan_document

    return [
        ("~table", item.text.replace("\n", "")) if isinstance(item, PlannedTable) else (item.style, item.text)
        for item in plan_document(report).paragraphs
    ]


def without_glossary(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [item for item in items if item[0] != "GlossaryEntry"]


def check_round_trip(old, new, docx: bytes) -> None:
    """Accept all → the new version; reject all → the old version's body, the new glossary."""
    assert resolve(docx, accept=True) == planned(new)
    rejected = resolve(docx, accept=False)
    assert without_glossary(rejected) == without_glossary(planned(old))
    assert [i for i in rejected if i[0] == "GlossaryEntry"] == [i for i in planned(new) if i[0] == "GlossaryEntry"]


# --- edited copies -------------------------------------------------------------------------


def _paragraph_slots(data: dict) -> list[tuple[list, int]]:
    """(container, index) of every plain paragraph of the parts, in order."""
    out = []
    for part in data["parts"]:
        for i, item in enumerate(part["content"]):
            if "section" in item:
                out += [(item["paragraphs"], k) for k, b in enumerate(item["paragraphs"]) if _plain(b)]
            elif _plain(item):
                out.append((part["content"], i))
    return out


def _plain(block: dict) -> bool:
    return "text" in block and "list" not in block and "table" not in block and not block.get("point")


def _drop_figures(data: dict, block: dict) -> None:
    """Drop a block's figures and the tiles and charts that name them."""
    gone = {f["id"] for f in block.pop("figures", [])}
    data["tiles"] = [t for t in data.get("tiles", []) if t["figure"] not in gone]
    data["charts"] = [
        c
        for c in data.get("charts", [])
        if not gone & {*c.get("figures", []), *(f for s in c.get("series", []) for f in s["figures"])}
    ]


def edit(data: dict, new_section: bool = True) -> dict:
    """An edited copy: words and a number changed, a paragraph deleted, one added, one moved, a section added."""
    data = copy.deepcopy(data)
    slots = _paragraph_slots(data)
    n = len(slots)
    changed_list, changed_k = slots[n // 5]
    changed = changed_list[changed_k]
    _drop_figures(data, changed)
    changed.pop("leads", None)
    changed["text"] = re.sub(r"\d+", lambda m: str(int(m.group(0)) + 7), changed["text"], count=1)
    changed["text"] += "同时，进一步完善工作机制，确保各项任务落到实处。"
    moved_list, moved_k = next(s for s in slots[n // 3 :] if s[1] > 0 and len(s[0]) > 2)
    deleted_list, deleted_k = next(s for s in slots[n // 2 :] if s[1] > 0 and len(s[0]) > 2 and s[0] is not moved_list)
    added_list, added_k = slots[(2 * n) // 3]
    # order matters: remove by identity, insert by position
    moved = moved_list[moved_k]
    deleted = deleted_list[deleted_k]
    _drop_figures(data, deleted)
    added_list.insert(added_k + 1, {"text": "这是新增的一段：加快推进重点项目建设，全力做好民生保障工作。"})
    moved_list.remove(moved)
    deleted_list.remove(deleted)
    data["parts"][-1]["content"].append(moved)
    tables = [b for b in _blocks(data) if "table" in b]
    if tables:  # a number in a table's cell (the grid kept: the cell is diffed)
        _drop_figures(data, tables[0])
        cell = next(c for row in tables[0]["rows"] for c in row if re.search(r"\d", c["text"]))
        cell["text"] = re.sub(r"\d+", lambda m: str(int(m.group(0)) + 7), cell["text"], count=1)
    if new_section:
        data["parts"][-1]["content"].append(
            {"section": "新增小节：持续优化营商环境", "paragraphs": [{"text": "深化“放管服”改革，提升政务服务水平。"}]}
        )
    return data


def _source(report) -> dict:
    return report.model_dump(mode="json", exclude_defaults=True)


def _write(data: dict, path: Path):
    """Write a model dump as a source and load it (it must pass ``check``)."""
    from generator.loader import load_report
    from generator.model import Report
    from generator.writers.yaml import write_report

    path.write_text(write_report(Report.model_validate(data)), encoding="utf-8")
    return load_report(path)


def _seed_edit(data: dict) -> dict:
    """The seed's edited copy: the generic edits, a figure changed, a glossary entry dropped."""
    data = edit(data)
    text = data_text = None
    for block in _blocks(data):
        for figure in block.get("figures", []):
            if figure["id"] == "collective-income":
                text, data_text = block, figure
    assert text is not None and data_text is not None
    text["text"] = text["text"].replace("9818.3万元", "9900万元")
    data_text.update(quote="9900万元", value="9900")
    data["glossary"]["entries"] = data["glossary"]["entries"][:-1]
    return data


def _blocks(data: dict):
    for part in data["parts"]:
        for item in part["content"]:
            yield from item.get("paragraphs", [item])


@pytest.fixture(scope="module")
def seed_versions(tmp_path_factory):
    from generator.loader import load_report

    tmp = tmp_path_factory.mktemp("compare")
    old = load_report(SOURCE)
    new_path = tmp / "new.yaml"
    new = _write(_seed_edit(_source(old)), new_path)
    return old, new, new_path, tmp


def test_seed_revision_accepts_to_new_and_rejects_to_old(seed_versions):
    from generator.revision import compare, default_author, default_date, revision_docx

    old, new, _path, _tmp = seed_versions
    revision = compare(old, new)
    kinds = [op.kind for op in revision.ops]
    assert {"change", "insert", "delete", "move_from", "move_to", "equal"} <= set(kinds)
    assert kinds.count("move_from") == kinds.count("move_to") == 1
    docx = revision_docx(revision, default_author(new), default_date(new))
    check_round_trip(old, new, docx)
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode()
    # a changed figure is one deletion and one insertion
    assert re.search(r"<w:del [^>]*><w:r><w:delText[^>]*>9818\.3</w:delText></w:r></w:del>", xml)
    assert re.search(r"<w:ins [^>]*><w:r><w:t[^>]*>9900</w:t></w:r></w:ins>", xml)
    assert 'w:author="常营回族乡人民政府" w:date="2020-08-20T00:00:00Z"' in xml
    for tag in ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd"):
        assert f"<w:{tag} " in xml
    assert re.search(r"<w:pPr>.*?<w:rPr><w:del [^>]*/></w:rPr></w:pPr>", xml)  # a deleted paragraph mark
    assert re.search(r"<w:pPr>.*?<w:rPr><w:ins [^>]*/></w:rPr></w:pPr>", xml)  # an inserted one
    ids = re.findall(r'<w:(?:ins|del|moveFrom|moveTo) w:id="(\d+)"', xml)
    assert len(ids) == len(set(ids))


def test_token_diff_keeps_a_changed_figure_whole():
    from generator.revision import char_diff

    diff = char_diff("集体经济总收入9818.3万元，同比增长5%。", "集体经济总收入1.02亿元，同比增长6.5%。")
    changes = [(a, b) for kind, a, b in diff if kind == "change"]
    assert changes == [("9818.3万", "1.02亿"), ("5%", "6.5%")]


@pytest.mark.parametrize("name", CORPUS_REPORTS)
def test_corpus_revision_round_trip(name, tmp_path):
    from generator.readers import read_report
    from generator.revision import compare, default_author, default_date, load_version, revision_docx

    path = CORPUS / name
    if not path.exists():
        pytest.fail(f"shared test data missing: {path} (set REPORTGEN_SHARED)")
    imported = read_report(path, path.read_text(encoding="utf-8"), "corpus").report
    data = _source(imported)
    data["tiles"], data["charts"] = [], []
    for block in _blocks(data):
        block.pop("figures", None)
    new = _write(edit(data, new_section=False), tmp_path / "new.yaml")
    old = load_version(path)  # the Markdown itself, imported
    revision = compare(old, new)
    kinds = {op.kind for op in revision.ops}
    assert {"change", "insert", "delete", "move_from", "move_to"} <= kinds
    changed_tables = [
        op for op in revision.ops if op.kind == "change" and op.old is not None and _is_table(revision, op)
    ]
    assert len(changed_tables) == (1 if any("table" in b for b in _blocks(data)) else 0)
    docx = revision_docx(revision, default_author(new), default_date(new))
    check_round_trip(old, new, docx)
    out = tmp_path / "rev.docx"
    out.write_bytes(docx)
    assert openxml_errors(out) == ""


def _is_table(revision, op) -> bool:
    from generator.renderers.docx.plan import PlannedTable

    return isinstance(revision.old_plan.paragraphs[revision.old_items[op.old]], PlannedTable)


def test_compare_command_writes_revision_and_summary(seed_versions):
    old, new, new_path, tmp = seed_versions
    out = tmp / "修订稿.docx"
    result = reportgen("compare", SOURCE, new_path, "-o", out)
    assert result.returncode == 0, result.stderr
    summary = tmp / "修订稿-summary.docx"
    assert out.exists() and summary.exists()
    assert "集体经济总收入（collective-income）：9818.3万元 → 9900万元" in result.stdout
    assert "删除：" + old.glossary.entries[-1].term in result.stdout
    assert "合计：2／3／1／1" in result.stdout  # words + a figure; a paragraph, a section and its text; one; one
    assert openxml_errors(out) == ""
    assert openxml_errors(summary) == ""
    check_round_trip(old, new, out.read_bytes())
    # reproducible: the same inputs give the same bytes
    again = tmp / "again.docx"
    assert reportgen("compare", SOURCE, new_path, "-o", again).returncode == 0
    assert again.read_bytes() == out.read_bytes()
    # author and date given
    other = tmp / "other.docx"
    assert (
        reportgen("compare", SOURCE, new_path, "-o", other, "--author", "秘书处", "--date", "2020-09-01").returncode
        == 0
    )
    xml = zipfile.ZipFile(other).read("word/document.xml").decode()
    assert 'w:author="秘书处" w:date="2020-09-01T00:00:00Z"' in xml


def test_libreoffice_shows_the_changes(seed_versions, tmp_path):
    """LibreOffice opens the revision with its changes shown: deleted text struck through but present."""
    from generator.revision import compare, default_author, default_date, revision_docx

    old, new, _path, _tmp = seed_versions
    out = tmp_path / "rev.docx"
    out.write_bytes(revision_docx(compare(old, new), default_author(new), default_date(new)))
    text = re.sub(r"\s+", "", pdf_text(soffice_pdf(out, tmp_path)))
    assert "9818.3" in text and "9900" in text  # the deleted figure is still shown, beside the new one
    assert "这是新增的一段" in text
    # and LibreOffice reads them as tracked changes: its own document has deletion and insertion regions
    soffice_convert([out], tmp_path, "odt")
    content = zipfile.ZipFile(tmp_path / "rev.odt").read("content.xml").decode()
    regions = re.findall(r"<text:changed-region[^>]*><text:(deletion|insertion)>(.*?)</text:\1>", content)
    kinds = [kind for kind, _body in regions]
    assert kinds.count("deletion") >= 3 and kinds.count("insertion") >= 4  # figure, words, paragraph, move
    assert any("9818.3" in body and kind == "deletion" for kind, body in regions)
    assert all("常营回族乡人民政府" in body for kind, body in regions)


# --- import --into --------------------------------------------------------------------------


def test_import_into_keeps_what_still_matches(seed_versions, tmp_path):
    """The next round as a Word draft, brought into the seed: ids, tiles, charts, glossary, metadata kept."""
    from generator.loader import load_report

    old, _new, _path, _tmp = seed_versions
    data = _seed_edit(_source(old))
    for block in _blocks(data):  # the district tax no longer stated: its figure, tile and chart go
        if any(f["id"] == "district-tax" for f in block.get("figures", [])):
            block["text"] = block["text"].replace("1亿元", "稳中有升")
            _drop_figures(data, block)
    data["report"]["issuer"] = "别的机关"  # the draft's DOCX states no issuer: the source's stays
    next_round = _write(data, tmp_path / "next.yaml")
    draft = build_products(tmp_path / "next.yaml", tmp_path / "out")["docx"]
    merged_path = tmp_path / "merged.yaml"
    result = reportgen("import", draft, "--into", SOURCE, "-o", merged_path)
    assert result.returncode == 0, result.stderr
    merged = load_report(merged_path)  # passes check
    notes = [line for line in result.stderr.splitlines() if line.startswith(str(SOURCE))]
    assert any("collective-income" in n and "9900万元" in n for n in notes)  # re-pointed: same id, new quote
    assert any("district-tax" in n and "1亿元" in n for n in notes)  # dropped
    assert any("economy" in n for n in notes)  # its chart dropped
    assert any(old.glossary.entries[-1].term in n for n in notes)  # the dropped glossary term
    # the text is the new draft's
    assert merged.speech() == next_round.speech()
    # figures: the source's ids where the text still matches, none of the import's proposals
    figures = merged.figures()
    assert figures["collective-income"].quote == "9900万元" and figures["collective-income"].value == 9900
    assert "district-tax" not in figures
    kept = {f for f in old.figures() if f != "district-tax"}
    assert kept <= set(figures) <= set(old.figures())
    assert [t.figure for t in merged.tiles] == [t.figure for t in old.tiles if t.figure != "district-tax"]
    assert [c.id for c in merged.charts] == [c.id for c in old.charts if c.id != "economy"]
    # metadata and glossary settings: the source's
    assert merged.meta == old.meta
    assert [(e.term, e.match, e.cite) for e in merged.glossary.entries] == [
        (e.term, e.match, e.cite) for e in old.glossary.entries[:-1]
    ]
    assert (merged.glossary.label, merged.glossary.title, merged.glossary.refs) == (
        old.glossary.label,
        old.glossary.title,
        old.glossary.refs,
    )
    assert [p.digest for p in merged.parts] == [p.digest for p in old.parts]
