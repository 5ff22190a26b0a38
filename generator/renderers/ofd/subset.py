"""Font subsets for the OFD package: one TrueType file per face, holding only the glyphs used.

The free faces here come in TrueType collections of 17–21 MB (``uming.ttc``, ``ukai.ttc``,
``wqy-zenhei.ttc``); an OFD embeds a plain font file per face, so each face is cut out of its
collection by fontTools with the characters the document sets in it, and nothing a reader of
horizontal text needs is lost: outlines, horizontal metrics, ``cmap``, ``name``, ``OS/2``,
``post``, and the glyphs' own hinting (copied as they are, which is much faster than rewriting
every outline without it). Left out: bitmaps, layout tables and vertical metrics (the report is set
horizontally and its positions are written out per glyph).

Licences: both embedding flags allow it (OS/2 ``fsType`` 0 for AR PL UMing/UKai, 8 for
WenQuanYi Zen Hei). The Arphic Public License allows modified copies (deleting glyphs is one)
if each carries a notice of how and when it was changed, so every subset's ``name`` table keeps
the copyright and licence records and gains a description saying it is a subset and of what;
"when" is the report's date, never the clock, so that the bytes stay the same. WenQuanYi's GPL
font exception allows embedding portions in a document.
"""

from __future__ import annotations

import datetime as dt
import io

from generator.fonts import FontFile

DROPPED_TABLES = ("BDF", "EBDT", "EBLC", "EBSC", "FFTM", "GDEF", "GPOS", "GSUB", "VORG", "vhea", "vmtx", "gasp")
"""Tables a reader of positioned horizontal text never needs (bitmaps, layout, vertical metrics); tags
as fontTools compares them, without trailing spaces."""

DESCRIPTION_NAME_ID = 10
"""The ``name`` record that carries the subset notice (OpenType: Description)."""


def subset_notice(family: str, glyphs: int, when: dt.date) -> str:
    """The notice each subset carries: what was changed, how and when (Arphic Public License §2a)."""
    return (
        f"Subset of {family} made by reportgen on {when.isoformat()}: only the {glyphs} glyphs "
        "the document uses are kept; bitmaps, layout and vertical tables removed. "
        "Licence unchanged (see the copyright and licence records)."
    )


def subset_face(face: FontFile, chars: str, when: dt.date) -> bytes:
    """A TrueType file of ``face`` holding the glyphs of ``chars`` (and .notdef); same input, same bytes."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(face.path), fontNumber=face.index, recalcTimestamp=False, recalcBBoxes=False, lazy=True)
    options = subset.Options()
    options.layout_features = []
    options.drop_tables = sorted(set(options.drop_tables) | set(DROPPED_TABLES))
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted({ord(ch) for ch in chars}))
    subsetter.subset(font)
    font["name"].setName(subset_notice(face.family, len(font.getGlyphOrder()), when), DESCRIPTION_NAME_ID, 3, 1, 0x409)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
