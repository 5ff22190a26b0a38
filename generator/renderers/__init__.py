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
    """A registered renderer: format name, module path, file extension, description, relative cost."""

    name: str
    module: str
    extension: str
    description: str
    cost: int = 1

    def load(self) -> Callable[[Report], bytes]:
        """Import the renderer module (paying its imports only now) and return its ``render``."""
        return importlib.import_module(self.module).render


RENDERERS: dict[str, RendererInfo] = {
    "docx": RendererInfo("docx", "generator.renderers.docx", "docx", "formal draft (GB/T 9704-2012)"),
    "pdf": RendererInfo("pdf", "generator.renderers.pdf", "pdf", "summary with charts (PDF/A-2b)", cost=5),
    "pptx": RendererInfo("pptx", "generator.renderers.pptx", "pptx", "session deck with native charts", cost=2),
}
"""Every output format, by name, in build order."""


def product_name(report: Report, renderer: RendererInfo) -> str:
    """The file name of a product: ``{id}_{status}_v{version}.{ext}``."""
    return f"{report.meta.file_stem}.{renderer.extension}"
