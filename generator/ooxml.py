"""Shared pieces of the two OOXML writers (DOCX and PPTX): reproducible zip packages."""

from __future__ import annotations

import datetime as dt
import io
import zipfile


def normalize_zip(data: bytes, when: dt.date) -> bytes:
    """Rewrite a zip package with fixed entry times (``when``) and stable attributes.

    python-docx and python-pptx stamp each entry with the current time; the same source
    must give the same bytes, so every entry gets the report's date instead.
    """
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            entry.create_system = 0
            target.writestr(entry, source.read(info.filename), compresslevel=6)
    return out.getvalue()


def set_core_properties(props, meta) -> None:
    """Fill a python-docx or python-pptx ``core_properties`` from the report's metadata.

    Title, subject, author (the issuing body), keywords, language; every date is the
    meeting date, never the clock.
    """
    when = dt.datetime.combine(meta.date, dt.time(0, 0))
    props.title = meta.titled
    props.subject = meta.subject or meta.short_title
    props.author = meta.issuer
    props.last_modified_by = meta.issuer
    props.keywords = "; ".join(meta.keywords)
    props.language = "zh-CN"
    props.category = meta.title
    props.comments = meta.short_title
    props.created = when
    props.modified = when
    props.last_printed = when
    props.revision = meta.version


def xml_text(text: str) -> str:
    """Escape text for XML element content and attributes."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
