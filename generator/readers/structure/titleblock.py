"""The title block: the lines before ``各位代表：`` (title, status, subtitle, speaker).

Rules:

- **Salutation**: a line such as ``各位代表：`` (``各位`` + at most ten characters + colon) ends the
  title block. Without one, the title block is at most the first four title-like lines.
- **Title**: a ``#`` heading, a wholly bold line or a short line (at most 30 characters) naming a
  报告; else front matter ``title:`` without its trailing parenthesis holding a year; else
  ``政府工作报告`` (marked a guess).
- **Status**: ``（草案）``/``(草案)``, the words in ``data/draft_statuses.txt``.
- **Meeting line** (the subtitle): ``——date在…会议上``, with or without the dash (``——``, ``──``,
  ``—``, ``--``), in brackets or not, ``date…会议通过``, or ``——在…会议上`` without a date; kept as
  written (see spacing below), date and session read from it. A line that opens one but gives no
  session (a web page wrapped it: ``——…人民代表`` / ``大会…会议上``; or the date alone) is joined
  with the next one or two lines when together they make one (reported).
- **Speaker line**: ``office name`` split at the first run of spaces (no-break and ideographic
  ones included; the name is the rest without spaces, one to six characters: ``代省长 黄 强``),
  or without a space when the office ends with a word of ``data/offices.txt`` and two to four
  characters follow (``市长崔洪刚``).
- **Spacing**: meeting and speaker lines keep their ideographic spaces; any other run of
  spaces (a web page's no-break spaces) becomes one space.
- What the text does not give (date, session, speaker, office, issuer, short title) is taken
  from the front matter, else guessed and marked a guess in the YAML (a writer's comment); a
  missing date is reported. Any other line is reported and kept for the body.
"""

from __future__ import annotations

import datetime as dt
import re

from generator.model import Meta
from generator.readers.structure.common import (
    PART_RE,
    SECTION_RE,
    SENTENCE_PUNCT,
    Piece,
    Warn,
    alternatives,
    escape,
    plain,
    whole_bold,
)

_DASH = r"(?:——|──|—|─|--)"
SUBTITLE_RE = re.compile(
    rf"^(?=[（(]?\s*(?:{_DASH}\s*在|{_DASH}?\s*\d{{4}}\s*年))[（(]?\s*{_DASH}?\s*"
    r"(?:(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日)?\s*"
    r"(?:在\s*(?P<at>.+?(?:会议|大会))\s*上|(?P<passed>[^\s在].*?会议)\s*(?:审议)?(?:通过|批准))?\s*[)）]?$"
)
"""The meeting line: ``——2024年3月5日在…会议上`` (dash, brackets, spaces optional), ``2019年1月11日…会议通过``,
``——在…会议上``; date and session read from it."""
_SUBTITLE_START = re.compile(rf"^[（(]?\s*(?:{_DASH}\s*在|{_DASH}?\s*\d{{4}}\s*年)")
"""The start of a meeting line (a web page may wrap it over two lines)."""
STATUS_RE = re.compile(rf"^[（(]\s*({alternatives('draft_statuses')})\s*[)）]$")
SALUTATION_RE = re.compile(r"^各位[^，。！？,.!?]{1,10}[：:]$")
GUESS = "推测，请核对"
"""The writer's comment on a field the importer guessed."""


JOINED_TITLE_RE = re.compile(r"^(.{1,40}?\S)[ \t\u3000]+((?:——|──).*)$")


def split_joined_title(piece: Piece) -> list[Piece]:
    """A title and the meeting line joined into one paragraph by a space → two lines.

    Two lines of the title block with only a line break between them (no blank line) are one
    paragraph where the break became a space (a DOCX pandoc makes of such Markdown):
    ``政府工作报告 ——2024年3月5日在…会议上``.
    """
    if piece.kind != "line":
        return [piece]
    found = JOINED_TITLE_RE.match(piece.text)
    if found is None or not SUBTITLE_RE.match(plain(found.group(2)).strip()):
        return [piece]
    title, meeting_line = found.group(1), found.group(2)
    return [Piece("line", piece.line, title, piece.heading), Piece("line", piece.line, meeting_line)]


def salutation_index(pieces: list[Piece]) -> int | None:
    """The index of the salutation line (``各位代表：``), if any."""
    return next(
        (i for i, p in enumerate(pieces) if p.kind == "line" and SALUTATION_RE.match(plain(p.text).strip())),
        None,
    )


def head_without_salutation(pieces: list[Piece]) -> list[Piece]:
    """The title block of a text without salutation: its first title-like lines (at most four)."""
    head_end = 0
    while head_end < len(pieces) and head_end < 4 and title_like(pieces[head_end], head_end):
        head_end += 1
    return pieces[:head_end]


def title_like(piece: Piece, index: int) -> bool:
    """Whether a piece may belong to the title block of a text without salutation."""
    if piece.kind != "line":
        return False
    text = plain(piece.text).strip()
    if PART_RE.match(text) or SECTION_RE.match(text):
        return False
    title = index == 0 and (piece.heading or whole_bold(piece.text) is not None or "报告" in text)
    return bool((title and len(text) <= 30) or STATUS_RE.match(text) or SUBTITLE_RE.match(text) or speaker(text))


def read_title_block(
    head: list[Piece], front: dict[str, str], report_id: str, comments: dict[tuple, str], warn: Warn
) -> tuple[Meta, list[Piece], bool]:
    """(meta, pieces left for the body, whether the title is printed in the text)."""
    title = status = subtitle = byline = None
    leftovers: list[Piece] = []
    for piece in join_wrapped_meeting_line(head, warn):
        text = plain(piece.text).strip() if piece.kind == "line" else ""
        if piece.kind != "line":
            leftovers.append(piece)
        elif (
            title is None
            and subtitle is None
            and (piece.heading or whole_bold(piece.text) is not None or (len(text) <= 30 and "报告" in text))
        ):
            title = text
        elif status is None and STATUS_RE.match(text):
            status = STATUS_RE.match(text).group(1)  # type: ignore[union-attr]
        elif subtitle is None and SUBTITLE_RE.match(text):
            subtitle = spaced(text)
        elif byline is None and speaker(text) is not None:
            byline = spaced(text)
        else:
            warn(piece.line, "import_unplaced", text=text[:30])
            leftovers.append(piece)
    fields: dict[str, object] = {"id": report_id}
    title_in_text = title is not None
    if title is None:
        front_title = front.get("title", "").strip()
        front_title = re.sub(r"\s*[（(][^（()）]*\d{4}[^（()）]*[)）]\s*$", "", front_title).strip()
        title = front_title or "政府工作报告"
        comments[("report", "title")] = GUESS
    fields["title"] = title
    if status:
        fields["status"] = status
    date = session = None
    if subtitle:
        date, session = meeting(subtitle)
        fields["subtitle"] = subtitle
    if front.get("date"):
        try:
            date = dt.date.fromisoformat(front["date"])
        except ValueError:
            pass
    if date is None:
        found = re.search(r"(\d{4})年(\d{1,2})月(\d{1,2})日", front.get("title", ""))
        date = dt.date(*map(int, found.groups())) if found else dt.date(1970, 1, 1)
        warn(head[0].line if head else 1, "import_no_date")
    fields["date"] = date
    fields["session"] = front.get("session") or session or "人民代表大会"
    name = office = None
    if byline:
        fields["byline"] = byline
        office, name = speaker(byline)  # type: ignore[misc]
    fields["speaker"] = front.get("speaker") or name or "（报告人）"
    fields["office"] = front.get("office") or office or "（职务）"
    where = place(str(fields["session"]))
    fields["issuer"] = front.get("issuer") or issuer(str(fields["office"]), where)
    dated = title if title.startswith(f"{date.year}年") else f"{date.year}年{title}"
    fields["short_title"] = front.get("short_title") or f"{where}{dated}".replace(
        f"{where}{date.year}年{where}", f"{where}{date.year}年"
    )
    for key in ("date", "session", "speaker", "office", "issuer", "short_title"):
        if not front.get(key):
            comments[("report", key)] = GUESS
    return Meta(**fields), leftovers, title_in_text


def spaced(line: str) -> str:
    """A title-block line as written, each run of spaces a web page left (no-break spaces too) one space.

    Ideographic spaces (U+3000) are kept: they are the printed spacing of a speaker line.
    """
    return re.sub(r"[^\S\u3000]+", " ", line)


def join_wrapped_meeting_line(head: list[Piece], warn: Warn) -> list[Piece]:
    """The title block with a meeting line a web page wrapped (``——…人民代表`` / ``大会…会议上``) joined.

    A line that opens a meeting line but gives no session (cut, or the date alone) is joined with
    the next one or two when together they make a meeting line with its session.
    """
    out: list[Piece] = []
    i = 0
    while i < len(head):
        piece = head[i]
        text = plain(piece.text).strip() if piece.kind == "line" else ""
        if piece.kind == "line" and _SUBTITLE_START.match(text) and meeting(text)[1] is None:
            for size in (2, 3):
                lines = head[i : i + size]
                if len(lines) == size and all(p.kind == "line" for p in lines):
                    joined = "".join(plain(p.text).strip() for p in lines)
                    if SUBTITLE_RE.match(joined):
                        warn(piece.line, "import_joined")
                        out.append(Piece("line", piece.line, escape(joined)))
                        i += size
                        break
            else:
                out.append(piece)
                i += 1
            continue
        out.append(piece)
        i += 1
    return out


def meeting(line: str) -> tuple[dt.date | None, str | None]:
    """(date, session) a meeting line gives (None where it gives nothing, or an impossible date)."""
    m = SUBTITLE_RE.match(line)
    if m is None:
        return None, None
    date = None
    if m.group("year"):
        try:
            date = dt.date(int(m.group("year")), int(m.group("month")), int(m.group("day")))
        except ValueError:
            date = None
    return date, m.group("at") or m.group("passed")


_OFFICE_NAME = re.compile(rf"^(?P<office>.{{2,}}?(?:{alternatives('offices')}))(?P<name>[\u4e00-\u9fff·]{{2,4}})$")


def speaker(text: str) -> tuple[str, str] | None:
    """(office, name) of a speaker line: ``市长 崔洪刚``, ``国务院总理\u3000李强``, ``代省长 黄 强``, ``市长崔洪刚``.

    With whitespace (any: space, ideographic or no-break space), the office is what stands before
    the first run of it and the name the rest (spaces removed, one to six characters); without,
    the office ends with a word of ``data/offices.txt`` and the name is two to four characters.
    """
    if len(text) > 40 or any(ch in SENTENCE_PUNCT for ch in text):
        return None
    tokens = re.split(r"\s+", text.strip())
    if len(tokens) < 2:
        m = _OFFICE_NAME.match(text.strip())
        return (m.group("office"), m.group("name")) if m else None
    office = tokens[0]
    name = "".join(tokens[1:])
    if not (1 <= len(name) <= 6) or len(office) < 2:
        return None
    return office, name


def place(session: str) -> str:
    """The place a session belongs to: 滨州市 in 滨州市第十一届人民代表大会…; '' for a national one."""
    m = re.match(r"^(.+?)第[一二三四五六七八九十百]+届", session)
    return m.group(1) if m else ""


def issuer(office: str, place: str) -> str:
    """The issuing authority guessed from the office and the place."""
    if "人民政府" in office:
        head = office[: office.index("人民政府") + 4]
        return head if len(head) > 5 or not place else place + "人民政府"
    if office.endswith("总理"):
        return "国务院"
    return f"{place}人民政府" if place else "人民政府"
