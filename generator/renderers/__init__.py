"""Renderers as plug-ins: one per output format, registered by name, imported lazily.

A renderer is a module with ``render(report: Report) -> bytes``; it reads only the
model. :data:`RENDERERS` maps a format name to that module and the file extension, so
a new format only adds its module and one entry here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from generator.model import Report


@dataclass(frozen=True)
class RendererInfo:
    """A registered renderer: format name, module path, file extension, description, relative cost.

    ``suffix`` follows the stem in the file name (``-full``); ``default``: built when no
    ``--format`` is given; ``watch``: also then by ``build --watch``.
    """

    name: str
    module: str
    extension: str
    description: str
    cost: int = 1
    suffix: str = ""
    default: bool = True
    watch: bool = True

    def load(self) -> Callable[[Report], bytes]:
        """Import the renderer module (paying its imports only now) and return its ``render``."""
        return importlib.import_module(self.module).render


RENDERERS: dict[str, RendererInfo] = {
    "docx": RendererInfo("docx", "generator.renderers.docx", "docx", "formal draft (GB/T 9704-2012)"),
    "pdf": RendererInfo("pdf", "generator.renderers.pdf", "pdf", "summary with charts (PDF/A-2b)", cost=5),
    "pptx": RendererInfo("pptx", "generator.renderers.pptx", "pptx", "session deck with native charts", cost=2),
    "archive": RendererInfo(
        "archive",
        "generator.renderers.archive",
        "pdf",
        "archival edition of the whole report (PDF/A-3u, source embedded)",
        cost=3,
        suffix="-full",
        watch=False,
    ),
    "ofd": RendererInfo(
        "ofd",
        "generator.renderers.ofd",
        "ofd",
        "archival edition as OFD (GB/T 33190-2016)",
        cost=3,
        watch=False,
    ),
}
"""Every output format, by name, in build order."""


def product_name(report: Report, renderer: RendererInfo) -> str:
    """The file name of a product: ``{id}_{status}_v{version}{suffix}.{ext}``."""
    return f"{report.meta.file_stem}{renderer.suffix}.{renderer.extension}"


def default_formats(watch: bool = False) -> list[str]:
    """The formats built when no ``--format`` is given (by ``build``, or by ``build --watch``)."""
    return [name for name, info in RENDERERS.items() if info.default and (info.watch or not watch)]
