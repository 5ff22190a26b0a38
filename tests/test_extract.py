"""``reportgen extract``: the source back out of an archival ``-full.pdf`` (issue 19).

To standard output without ``-o``, as ``import`` writes; an existing ``-o`` file is kept
without ``--force``; a file that is not an archival edition gets one line naming it, exit 1,
no traceback, nothing written.
"""

from __future__ import annotations

from conftest import SOURCE, reportgen


def test_extract_writes_the_source_to_standard_output(built):
    result = reportgen("extract", built["archive"])
    assert result.returncode == 0, result.stderr
    assert result.stdout == SOURCE.read_text(encoding="utf-8")


def test_extract_keeps_an_existing_output_without_force(built, tmp_path):
    target = tmp_path / "back.yaml"
    target.write_text("mine", encoding="utf-8")
    refused = reportgen("extract", built["archive"], "-o", target)
    assert refused.returncode == 1 and refused.stderr.count("\n") == 1 and "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "mine"
    forced = reportgen("extract", built["archive"], "-o", target, "--force")
    assert forced.returncode == 0 and target.read_bytes() == SOURCE.read_bytes()


def test_extract_names_a_file_that_is_no_archival_edition(built, tmp_path):
    cut = tmp_path / "cut-full.pdf"
    cut.write_bytes(built["archive"].read_bytes()[:400])
    cases = {
        built["pdf"]: "no embedded report source",  # the summary: a PDF without a source
        built["docx"]: "not a PDF file",
        cut: "not a PDF file",
        tmp_path / "missing-full.pdf": "cannot read the file",
    }
    for path, said in cases.items():
        target = tmp_path / "out.yaml"
        result = reportgen("--lang", "en", "extract", path, "-o", target)
        assert result.returncode == 1
        assert (
            result.stderr
            == f"{path}: {said} (expected an archival -full.pdf{' built by reportgen' if 'source' in said else ''})\n"
        )
        assert not target.exists()
    chinese = reportgen("extract", built["docx"])
    assert chinese.returncode == 1 and chinese.stderr == f"{built['docx']}: 不是 PDF 文件（应为存档版 -full.pdf）\n"
