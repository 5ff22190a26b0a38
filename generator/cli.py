"""The ``reportgen`` command: build, check, schema, import.

Exit status: 0 success, 1 an invalid source or a refused build (one message line, never
a traceback), 2 a usage error.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from generator.errors import BuildError, SourceError
from generator.messages import message
from generator.renderers import RENDERERS, default_formats

DEFAULT_SOURCES = Path("source")
DEFAULT_OUT = Path("output")


def run_extract(args: argparse.Namespace) -> int:
    """Write out the source embedded in an archival PDF; 1 with one line naming the file when there is none."""
    from generator.extract import ExtractError, embedded_source

    if args.output is not None and args.output.exists() and not args.force:
        print(message("import_exists", args.lang, path=args.output), file=sys.stderr)
        return 1
    try:
        _, data = embedded_source(args.file)
    except ExtractError as error:
        print(f"{args.file}: {message(error.key, args.lang)}", file=sys.stderr)
        return 1
    if args.output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    from generator.build import _stage
    from generator.oserrors import reason

    try:
        os.replace(_stage(args.output.parent, data), args.output)  # whole or not at all
    except OSError as error:
        print(message("output_error", args.lang, path=args.output, **reason(error)), file=sys.stderr)
        return 1
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reportgen",
        description="Build the DOCX draft, PDF summary and PPTX deck of a government work report from YAML.",
    )
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of messages (default zh)")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build products from report sources")
    build.add_argument("sources", nargs="*", type=Path, help="report YAML files (default: source/*.yaml)")
    build.add_argument(
        "--format",
        help=f"comma-separated formats of {','.join(RENDERERS)} "
        f"(default {','.join(default_formats())}; with --watch {','.join(default_formats(watch=True))})",
    )
    build.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default output/)")
    build.add_argument("--force", action="store_true", help="overwrite products edited by hand")
    build.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    build.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="formats built in parallel processes (default: cores)"
    )
    build.add_argument("--watch", action="store_true", help="rebuild a source whenever it is saved (Ctrl-C stops)")
    check = commands.add_parser("check", help="validate report sources without building")
    check.add_argument("sources", nargs="+", type=Path, help="report YAML files")
    commands.add_parser("schema", help="print the JSON Schema of report sources")
    importer = commands.add_parser("import", help="turn a report in Markdown or plain text into a YAML source")
    importer.add_argument("file", type=Path, help="the report: FILE.md (Markdown) or FILE.txt (plain text)")
    importer.add_argument("-o", "--output", type=Path, help="write the source here (default: standard output)")
    importer.add_argument("--force", action="store_true", help="overwrite an existing output file")
    importer.add_argument("--id", help="the report id (default: from the file name)")
    importer.add_argument(
        "--into",
        type=Path,
        help="an existing source: keep its ids, tiles, charts, glossary and metadata where the text matches",
    )
    extract = commands.add_parser("extract", help="write out the source YAML an archival -full.pdf carries")
    extract.add_argument("file", type=Path, help="the archival edition: FILE-full.pdf")
    extract.add_argument("-o", "--output", type=Path, help="write the source here (default: standard output)")
    extract.add_argument("--force", action="store_true", help="overwrite an existing output file")
    compare = commands.add_parser("compare", help="a revision DOCX with tracked changes, and the change summary")
    compare.add_argument("old", type=Path, help="the old version (.yaml source, or .docx/.md/.txt draft)")
    compare.add_argument("new", type=Path, help="the new version (.yaml source, or .docx/.md/.txt draft)")
    compare.add_argument("-o", "--output", type=Path, help="the revision DOCX (default: NEW-revision.docx)")
    compare.add_argument("--author", help="author of the changes (default: the new version's issuer)")
    compare.add_argument("--date", help="date of the changes, YYYY-MM-DD[THH:MM] (default: the new version's date)")
    return parser


def _formats(text: str) -> list[str]:
    names = [n.strip() for n in text.split(",") if n.strip()]
    for name in names:
        if name not in RENDERERS:
            raise BuildError("unknown_format", name=name, allowed=", ".join(RENDERERS))
    return [n for n in RENDERERS if n in names]


def _sources(given: list[Path]) -> list[Path]:
    if given:
        return given
    found = sorted(DEFAULT_SOURCES.glob("*.yaml"))
    if not found:
        raise BuildError("no_sources", where=f"{DEFAULT_SOURCES}/*.yaml")
    return found


def _size(n: int) -> str:
    return f"{n / 1024:.1f} KB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MB"


def _progress(done: int, total: int, name: str) -> None:
    width = 24
    filled = width * done // total
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name[:40]:<40}")
    sys.stderr.flush()


def _watch(args: argparse.Namespace, sources: list[Path], formats: list[str]) -> int:
    """Build, then rebuild each source when it is saved, all formats together as ``build`` does."""
    from generator.build import waiting_notice
    from generator.renderers import RENDERERS
    from generator.watch import watch

    gc.enable()  # long-lived: collect again
    on_wait = waiting_notice(args.lang)

    def rebuild(source: Path) -> None:
        try:
            _print_products(args, _build_one(args, source, formats, on_wait))
        except (SourceError, BuildError) as error:
            _print_error(error, args.lang)
        except Exception as error:  # a watch survives every save; REPORTGEN_DEBUG=1 shows the traceback
            if os.environ.get("REPORTGEN_DEBUG"):
                traceback.print_exc()
            print(f"reportgen: internal error: {type(error).__name__}: {error}", file=sys.stderr, flush=True)

    def first() -> None:
        jobs, args.jobs = args.jobs, 1
        for source in sources:  # in this process: imports, fonts and metrics are loaded once, here
            rebuild(source)
        for name in formats:
            RENDERERS[name].load()
        args.jobs = jobs  # later saves fork workers that start with all of it loaded
        if not args.quiet:
            print(message("watching", args.lang, count=len(sources)), flush=True)

    try:
        watch(sources, rebuild, first=first)
    except KeyboardInterrupt:
        pass
    return 0


def _build_one(args: argparse.Namespace, source: Path, formats: list[str], on_wait: Callable[[Path], None]) -> list:
    """Build one source and print its notices (stderr); returns its products."""
    from generator.build import build_source

    notices: list = []
    products = build_source(source, formats, args.out, args.force, notices, args.jobs, on_wait)
    for notice in notices:  # a notice about one place in the source names it: file:line:column
        where = f"{source}:{notice.fields['line']}:{notice.fields['column']}" if "line" in notice.fields else source
        print(f"{where}: {notice.format}: {message(notice.key, args.lang, **notice.fields)}", file=sys.stderr)
    sys.stderr.flush()
    return products


def _print_products(args: argparse.Namespace, products: list) -> None:
    """One line per product (time and size) unless quiet."""
    if not args.quiet:
        for product in products:
            print(f"{product.format:5} {product.path}  {product.seconds:.2f} s  {_size(product.size)}")
        sys.stdout.flush()


def _print_error(error: SourceError | BuildError, lang: str) -> None:
    """The error's one line; with REPORTGEN_DEBUG=1 first a worker's traceback, when one came back."""
    fields = getattr(error, "fields", {})
    if os.environ.get("REPORTGEN_DEBUG") and fields.get("traceback"):
        sys.stderr.write(str(fields["traceback"]))
    print(error.line(lang), file=sys.stderr, flush=True)


def run_build(args: argparse.Namespace) -> int:
    """Build every source; stop at the first invalid one (its previous products stay)."""
    from generator.build import waiting_notice

    formats = _formats(args.format) if args.format is not None else default_formats(watch=args.watch)
    sources = _sources(args.sources)
    if args.watch:
        return _watch(args, sources, formats)
    show_bar = not args.quiet and len(sources) > 1 and sys.stderr.isatty()
    on_wait = waiting_notice(args.lang)
    for done, source in enumerate(sources):
        if show_bar:
            _progress(done, len(sources), source.name)
        products = _build_one(args, source, formats, on_wait)
        if show_bar:
            sys.stderr.write("\r" + " " * 80 + "\r")
        _print_products(args, products)
    if show_bar:
        _progress(len(sources), len(sources), "")
        sys.stderr.write("\n")
    return 0


def run_check(args: argparse.Namespace) -> int:
    """Validate sources; report the first problem of the first invalid one."""
    from generator.loader import load_report

    for source in args.sources:
        load_report(source)
    return 0


def run_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of report sources."""
    from generator.schema import report_schema

    print(json.dumps(report_schema(), ensure_ascii=False, indent=2))
    return 0


def run_import(args: argparse.Namespace) -> int:
    """Import a Markdown, text or Word report; write its YAML source; 0 when it passes ``check``."""
    import re

    from generator.loader import parse_report
    from generator.model import ID_PATTERN
    from generator.readers import CONVERTED_SUFFIXES, WORD_SUFFIXES, read_report
    from generator.readers.docx import DocxError
    from generator.writers.yaml import write_report

    if args.output is not None and args.output.exists() and not args.force:
        print(message("import_exists", args.lang, path=args.output), file=sys.stderr)
        return 1
    report_id = args.id if args.id is not None else report_id_from_name(args.file)
    if not re.match(ID_PATTERN, report_id):
        print(message("import_bad_id", args.lang, id=report_id), file=sys.stderr)
        return 2
    suffix = args.file.suffix.lower()
    path = args.file
    try:
        if suffix in CONVERTED_SUFFIXES:  # .doc, .wps: LibreOffice makes a DOCX of it first
            from generator.readers.docx import NoLibreOffice, convert

            try:
                text: str | bytes = convert(args.file)
            except NoLibreOffice:
                print(message("import_needs_libreoffice", args.lang, path=args.file, suffix=suffix), file=sys.stderr)
                return 1
            path = args.file.with_suffix(".docx")
        elif suffix in WORD_SUFFIXES:
            text = args.file.read_bytes()
        else:
            text = args.file.read_bytes().decode("utf-8")
    except OSError as e:
        if suffix in WORD_SUFFIXES or suffix in CONVERTED_SUFFIXES:
            print(message("import_docx_invalid", args.lang, path=args.file, reason=e.strerror or e), file=sys.stderr)
        else:
            print(message("import_unreadable", args.lang, path=args.file), file=sys.stderr)
        return 1
    except UnicodeDecodeError:
        print(message("import_unreadable", args.lang, path=args.file), file=sys.stderr)
        return 1
    except DocxError as e:
        print(message("import_docx_invalid", args.lang, path=args.file, reason=e), file=sys.stderr)
        return 1
    try:
        imported = read_report(path, text, report_id)
    except DocxError as e:
        print(message("import_docx_invalid", args.lang, path=args.file, reason=e), file=sys.stderr)
        return 1
    for warning in imported.warnings:
        detail = message(warning.key, args.lang, **warning.fields)
        print(f"{args.file}:{warning.line}: warning: {detail}", file=sys.stderr)
    if args.into is not None:
        source = _merged_source(args, imported.report)
    else:
        source = write_report(imported.report, imported.comments)
    if args.output is None:
        sys.stdout.write(source)
        sys.stdout.flush()
    else:
        args.output.write_text(source, encoding="utf-8")
    parse_report(source.encode("utf-8"), str(args.output or "<stdout>"))
    return 0


def run_compare(args: argparse.Namespace) -> int:
    """Write the revision DOCX of OLD → NEW and its change summary (also printed)."""
    import datetime as dt

    from generator.readers.docx import DocxError
    from generator.revision import (
        compare,
        default_author,
        default_date,
        load_version,
        revision_docx,
        summarize,
        summary_docx,
    )

    versions = []
    for path in (args.old, args.new):
        try:
            versions.append(load_version(path))
        except (OSError, UnicodeDecodeError, ValueError, DocxError) as e:
            print(message("compare_unreadable", args.lang, path=path, reason=e), file=sys.stderr)
            return 1
    old, new = versions
    when = default_date(new)
    if args.date:
        try:
            when = dt.datetime.fromisoformat(args.date).replace(tzinfo=None)
        except ValueError:
            print(message("compare_bad_date", args.lang, date=args.date), file=sys.stderr)
            return 2
    revision = compare(old, new)
    output = args.output or Path(args.new.stem + "-revision.docx")
    summary_path = output.with_name(output.stem + "-summary.docx")
    summary = summarize(revision)
    output.write_bytes(revision_docx(revision, args.author or default_author(new), when))
    summary_path.write_bytes(summary_docx(summary, old, new))
    print("\n".join(summary.lines()))
    print(message("compare_written", args.lang, revision=output, summary=summary_path))
    return 0


def _merged_source(args: argparse.Namespace, report) -> str:
    """``import --into``: the imported draft with the existing source's ids, tiles, charts, glossary, metadata."""
    from generator.loader import load_report
    from generator.merge import merge_into
    from generator.writers.yaml import write_report

    merged = merge_into(report, load_report(args.into))
    for key, fields in merged.notes:
        print(f"{args.into}: {message(key, args.lang, **fields)}", file=sys.stderr)
    return write_report(merged.report)


def report_id_from_name(path: Path) -> str:
    """An ASCII id from a file name: its ASCII words, lowercased; a hash stands in for other characters."""
    import hashlib
    import re

    stem = path.stem
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    if not stem.isascii():
        digest = hashlib.sha1(stem.encode("utf-8")).hexdigest()[:8]
        slug = f"{slug}-{digest}" if slug else f"report-{digest}"
    return (slug or "report")[:120]


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``reportgen``; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    commands = {
        "build": run_build,
        "check": run_check,
        "schema": run_schema,
        "import": run_import,
        "compare": run_compare,
        "extract": run_extract,
    }
    try:
        return commands[args.command](args)
    except (SourceError, BuildError) as error:
        _print_error(error, args.lang)
        return 1
    except KeyboardInterrupt:
        print(message("build_failed", args.lang, format="build", detail="interrupted"), file=sys.stderr)
        return 130
    except Exception as error:  # never a traceback for users; REPORTGEN_DEBUG=1 shows it
        if os.environ.get("REPORTGEN_DEBUG"):
            raise
        print(f"reportgen: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
