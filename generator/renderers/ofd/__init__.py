"""The OFD renderer: the formal report's pages (the shared page plan) as an OFD package, GB/T 33190-2016.

:func:`render_ofd` reads the page plan (:mod:`generator.pageplan`) and writes what it places:
every line's runs at their x and baseline with their advances, the folios, the table rules,
the outline of parts, sections and appendices, and the document's metadata. A character its
run's face lacks goes to the first other embedded face that has it, as in the archival PDF
(:func:`generator.pageplan.face_runs`); its position does not change; a character no embedded
face has refuses the OFD as it refuses the PDF. A glossary entry's page reference goes, on a
click, to the line of the term's occurrence it counts. Bold runs carry
``Weight="700"`` and a stroke of 0.03 em, as the archival PDF strokes them (the free faces have
no bold cut). The package itself: :mod:`generator.renderers.ofd.package`; the font subsets:
:mod:`generator.renderers.ofd.subset`.
"""

from __future__ import annotations

from generator import __version__
from generator.fonts import role_file
from generator.model import Report
from generator.pageplan import PagePlan, PlacedLine, PlacedRun, face_runs, plan_pages
from generator.renderers.ofd.package import DocInfo, OutlineEntry, Page, RuleLine, Run, write_package


def split_by_face(run: PlacedRun, baseline: float, goto: tuple[int, float] | None = None) -> list[Run]:
    """``run`` as package runs on ``baseline``, one per stretch set in the same face (the PDF's fallback)."""
    out: list[Run] = []
    x, at = run.x, 0
    for role, text in face_runs(run)[0]:
        advances = run.advances[at : at + len(text)]
        out.append(Run(text, role_file(role), run.size, x, baseline, advances, run.bold, goto))
        x += sum(advances)
        at += len(text)
    return out


def line_runs(line: PlacedLine, anchors: dict[str, tuple[int, float]]) -> list[Run]:
    """The package runs of one placed line; a page reference links to its term's occurrence (``anchors``)."""
    runs = []
    for placed in line.runs:
        target = anchors.get(placed.pageref) if placed.pageref else None
        goto = (target[0] - 1, target[1]) if target else None
        runs.extend(split_by_face(placed, line.baseline, goto))
    return runs


def package_pages(plan: PagePlan) -> list[Page]:
    """Every page of the plan as a package page: lines in reading order, then the folio; rules."""
    pages = []
    for page in plan.pages:
        lines = [*page.lines, *([page.folio] if page.folio else [])]
        runs = tuple(run for line in lines for run in line_runs(line, plan.anchors))
        rules = tuple(RuleLine(r.x0, r.y0, r.x1, r.y1, r.width) for r in page.rules)
        pages.append(Page(plan.width, plan.height, runs, rules))
    return pages


def outline_entries(plan: PagePlan) -> list[OutlineEntry]:
    """The plan's flat outline (levels 1 and 2) as a tree: each section under the part before it."""
    tree: list[OutlineEntry] = []
    for entry in plan.outline:
        node = OutlineEntry(entry.title, entry.page - 1, entry.y)
        if entry.level > 1 and tree:
            parent = tree[-1]
            tree[-1] = OutlineEntry(parent.title, parent.page, parent.top, (*parent.children, node))
        else:
            tree.append(node)
    return tree


def doc_info(report: Report) -> DocInfo:
    """The OFD metadata of ``report``: title, issuer as author, subject, date, keywords, custom data."""
    meta = report.meta
    custom = [("session", meta.session), ("version", str(meta.version)), ("language", "zh-CN")]
    if meta.status:
        custom.insert(1, ("status", meta.status))
    return DocInfo(
        title=meta.titled,
        author=meta.issuer,
        subject=meta.subject or meta.short_title,
        date=meta.date,
        keywords=tuple(meta.keywords),
        creator="reportgen",
        creator_version=__version__,
        custom=tuple(custom),
    )


def render_ofd(plan: PagePlan, report: Report) -> bytes:
    """The OFD package of the formal report laid out in ``plan``.

    Refused, as the archival PDF is, if a character has no embedded face (no glyph to draw).
    """
    from generator.renderers.archive.emit import refuse_missing_glyphs

    refuse_missing_glyphs(plan)
    return write_package(package_pages(plan), doc_info(report), outline_entries(plan))


def render(report: Report) -> bytes:
    """The OFD package of ``report`` (its page plan built here)."""
    return render_ofd(plan_pages(report), report)
