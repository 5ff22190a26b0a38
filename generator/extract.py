"""Take the source back out of an archival edition: the YAML a ``-full.pdf`` carries as its associated file.

The archival PDF embeds its source as the catalogue's associated file (``/AF``) with
``AFRelationship /Source`` and a ``.yaml`` name (:mod:`generator.renderers.archive.emit`);
:func:`embedded_source` returns those bytes unchanged, or raises :class:`ExtractError` with
a message key: the file cannot be read, is not a PDF, or carries no source.
"""

from __future__ import annotations

from pathlib import Path


class ExtractError(Exception):
    """Why no source could be taken out: a message key of :mod:`generator.messages`."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def embedded_source(path: Path) -> tuple[str, bytes]:
    """The (file name, bytes) of the source YAML embedded in the archival PDF at ``path``."""
    import pikepdf

    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError as error:
        raise ExtractError("extract_not_pdf") from error
    except pikepdf.PdfError as error:
        raise ExtractError("extract_not_pdf") from error
    except OSError as error:
        raise ExtractError("extract_unreadable") from error
    with pdf:
        for spec in pdf.Root.get("/AF", []):
            if not isinstance(spec, pikepdf.Dictionary) or spec.get("/AFRelationship") != pikepdf.Name.Source:
                continue
            name = str(spec.get("/UF", spec.get("/F", "")))
            stream = spec.get("/EF", {}).get("/F")
            if name.endswith(".yaml") and isinstance(stream, pikepdf.Stream):
                try:
                    return name, stream.read_bytes()
                except pikepdf.PdfError as error:
                    raise ExtractError("extract_no_source") from error
    raise ExtractError("extract_no_source")
