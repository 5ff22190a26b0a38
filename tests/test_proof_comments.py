"""``proof --comments``: a Word document with a comment (author 校对) anchored on each finding.

Checked on the document itself (each comment's range starts at its finding's character; a
.docx input keeps every other part byte for byte and its text unchanged), with openxml-audit
(no error) and with LibreOffice (its PDF export carries every comment, text and author).
"""

from __future__ import annotations

import os
import subprocess
import zipfile

import pikepdf
import pytest
from conftest import FONTCONFIG, SOURCE, openxml_errors, reportgen
from lxml import etree

from generator.proof.command import proof_file
from generator.proof.docxtext import body_paragraphs

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PLANTS = [  # (what the seed source says, what the copy says): four errors of four rules
    ("严格落实“四方责任”，", "严格落实“四方责任”,"),
    ("为196名一线社区工作者", "为196名一线社区工作者。。"),
    ("不漏一户、不漏一人", "不漏一户、不漏一人 "),
    ("妥善处理辖区2例确诊病例", "妥善处理辖区２例确诊病例"),
]


def planted_source(folder):
    text = SOURCE.read_text(encoding="utf-8")
    for old, new in PLANTS:
        assert old in text
        text = text.replace(old, new, 1)
    path = folder / "planted.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def comments_of(path) -> list[tuple[str, str]]:
    """(author, text) of each comment of a DOCX, in id order."""
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("word/comments.xml"))
    return [(c.get(f"{W}author"), "".join(c.itertext())) for c in root.iter(f"{W}comment")]


def ranges_of(path) -> dict[str, str]:
    """Comment id → the text its range covers (document order, all runs between start and end)."""
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    open_ids: dict[str, list[str]] = {}
    out = {}
    for el in root.iter(f"{W}commentRangeStart", f"{W}commentRangeEnd", f"{W}t"):
        if el.tag == f"{W}commentRangeStart":
            open_ids[el.get(f"{W}id")] = []
        elif el.tag == f"{W}commentRangeEnd":
            out[el.get(f"{W}id")] = "".join(open_ids.pop(el.get(f"{W}id")))
        else:
            for pieces in open_ids.values():
                pieces.append(el.text or "")
    return out


def libreoffice_annotations(paths, folder) -> dict[str, list[tuple[str, str]]]:
    """(author line, text) of the comment annotations LibreOffice exports to PDF, per file stem."""
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTCONFIG), HOME=str(folder))
    target = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'
    command = ["soffice", "--headless", "--norestore", "--convert-to", target, "--outdir", str(folder)]
    subprocess.run([*command, *map(str, paths)], check=True, capture_output=True, env=env, timeout=300)
    out = {}
    for path in paths:
        with pikepdf.open(folder / f"{path.stem}.pdf") as pdf:
            out[path.stem] = [
                (str(a.get("/T", "")), str(a.get("/Contents", "")))
                for page in pdf.pages
                for a in page.get("/Annots", [])
                if a.get("/Subtype") == "/Text"
            ]
    return out


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """The commented DOCX of a planted source, and of a DOCX draft (the source's formal DOCX, planted)."""
    folder = tmp_path_factory.mktemp("comments")
    source = planted_source(folder)
    from_source = folder / "from-source.docx"
    assert reportgen("proof", source, "--comments", from_source).returncode == 1
    draft = folder / "draft.docx"
    assert reportgen("build", source, "--format", "docx", "--out", folder / "built", "-q").returncode == 0
    draft.write_bytes(next((folder / "built").glob("*.docx")).read_bytes())
    from_docx = folder / "from-docx.docx"
    assert reportgen("proof", draft, "--comments", from_docx).returncode == 1
    return {"folder": folder, "source": source, "from_source": from_source, "draft": draft, "from_docx": from_docx}


def test_a_comment_per_finding_on_its_characters_author_proofreader(made):
    _text, found = proof_file(made["source"])
    assert len(found) == len(PLANTS)
    comments = comments_of(made["from_source"])
    assert [author for author, _ in comments] == ["校对"] * len(found)
    assert sorted(said for _, said in comments) == sorted(x.text("zh") for x in found)
    covered = ranges_of(made["from_source"])
    firsts = sorted(_text.units[x.finding.unit].text[x.finding.start] for x in found)
    assert sorted(text[:1] for text in covered.values()) == firsts


def test_a_docx_input_is_copied_with_only_comments_added(made):
    _text, found = proof_file(made["draft"])
    assert len(found) == len(PLANTS)
    with zipfile.ZipFile(made["draft"]) as before, zipfile.ZipFile(made["from_docx"]) as after:
        changed = {"word/document.xml", "word/_rels/document.xml.rels", "[Content_Types].xml", "word/comments.xml"}
        for name in before.namelist():
            if name not in changed:
                assert before.read(name) == after.read(name), name
        assert set(after.namelist()) - set(before.namelist()) == {"word/comments.xml"}
    assert body_paragraphs(made["draft"].read_bytes()) == body_paragraphs(made["from_docx"].read_bytes())
    covered = ranges_of(made["from_docx"])
    lines = body_paragraphs(made["draft"].read_bytes())
    assert sorted(text[:1] for text in covered.values()) == sorted(lines[x.line - 1][x.column - 1] for x in found)


def test_openxml_audit_finds_no_error(made):
    assert openxml_errors(made["from_source"]) == ""
    assert openxml_errors(made["from_docx"]) == ""


def test_libreoffice_shows_every_comment(made):
    shown = libreoffice_annotations([made["from_source"], made["from_docx"]], made["folder"])
    for stem, path in (("from-source", made["from_source"]), ("from-docx", made["from_docx"])):
        expected = sorted(said for _, said in comments_of(path))
        assert sorted(said for _, said in shown[stem]) == expected
        assert all(author.startswith("校对") for author, _ in shown[stem])


def test_same_input_same_bytes(made, tmp_path):
    again = tmp_path / "again.docx"
    reportgen("proof", made["source"], "--comments", again)
    assert again.read_bytes() == made["from_source"].read_bytes()
