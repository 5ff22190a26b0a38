"""What makes a reportlab PDF archival (PDF/A): shared by the summary (PDF/A-2b) and the archival edition (PDF/A-3u).

pikepdf post-processes the file reportlab wrote: the sRGB output intent, ToUnicode maps that
readers can follow beyond U+FFFF, the XMP metadata declaring the conformance and agreeing with
the document information, dates taken from the source (never the clock), and a deterministic id.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass

CHINA_TIME = dt.timezone(dt.timedelta(hours=8))
"""The time zone of every date a product carries (the session's date, at midnight)."""


@dataclass(frozen=True)
class Declared:
    """What the XMP and the document information say of a file: conformance and descriptive fields."""

    part: str
    conformance: str
    title: str
    author: str
    subject: str
    keywords: list[str]


def stamp_of(when: dt.date) -> dt.datetime:
    """The timestamp a product carries for the date ``when``: midnight, China time."""
    return dt.datetime.combine(when, dt.time(0, 0), tzinfo=CHINA_TIME)


def output_intent(pdf):
    """The PDF/A output intent: the sRGB profile that pikepdf ships."""
    from importlib.resources import files

    import pikepdf

    profile = files("pikepdf").joinpath("pdfa", "data", "sRGB.icc").read_bytes()
    stream = pikepdf.Stream(pdf, profile)
    stream["/N"] = 3
    return pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent,
            S=pikepdf.Name.GTS_PDFA1,
            OutputConditionIdentifier=pikepdf.String("sRGB"),
            Info=pikepdf.String("sRGB IEC61966-2.1"),
            DestOutputProfile=stream,
        )
    )


_WIDE_BFCHAR = re.compile(rb"<([0-9A-F]{2})> <([0-9A-F]{5,6})>")


def _utf16(match: re.Match) -> bytes:
    """A bfchar entry whose target lies beyond U+FFFF, written as the UTF-16BE surrogate pair PDF requires."""
    target = chr(int(match.group(2), 16)).encode("utf-16-be").hex().upper()
    return b"<" + match.group(1) + b"> <" + target.encode() + b">"


def fix_to_unicode(pdf) -> None:
    """Make characters beyond U+FFFF (CJK Extension B …) extractable.

    reportlab writes their ToUnicode targets as five or six hex digits (``<AF> <20021>``),
    which readers take for U+2002 and a stray digit; PDF wants UTF-16BE (``<D840DC21>``).
    """
    import pikepdf

    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == pikepdf.Name.Font and "/ToUnicode" in obj:
            stream = obj.ToUnicode
            data = stream.read_bytes()
            fixed = _WIDE_BFCHAR.sub(_utf16, data)
            if fixed != data:
                stream.write(fixed)


def declare_and_save(pdf, declared: Declared, stamp: dt.datetime) -> bytes:
    """Write the XMP (conformance, title, author, subject, language, keywords, dates), then the bytes."""
    import pikepdf

    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=True) as xmp:
        xmp["pdfaid:part"] = declared.part
        xmp["pdfaid:conformance"] = declared.conformance
        xmp["dc:title"] = declared.title
        xmp["dc:creator"] = [declared.author]
        xmp["dc:description"] = declared.subject
        xmp["dc:language"] = ["zh-CN"]
        xmp["pdf:Keywords"] = ", ".join(declared.keywords)
        xmp["pdf:Producer"] = "reportgen"
        xmp["xmp:CreatorTool"] = "reportgen"
        for key in ("xmp:CreateDate", "xmp:ModifyDate", "xmp:MetadataDate"):
            xmp[key] = stamp.isoformat()
    pdf.docinfo["/CreationDate"] = pikepdf.String(stamp.strftime("D:%Y%m%d%H%M%S+08'00'"))
    pdf.docinfo["/ModDate"] = pikepdf.String(stamp.strftime("D:%Y%m%d%H%M%S+08'00'"))
    out = io.BytesIO()
    pdf.save(
        out,
        deterministic_id=True,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
        compress_streams=True,
        fix_metadata_version=False,
    )
    return out.getvalue()
