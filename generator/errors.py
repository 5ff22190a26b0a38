"""Problems found in a source, with their position, rendered as ``file:line:column: message``."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.messages import message


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at a 1-based line and column, described by a message key and its fields."""

    line: int
    column: int
    key: str = field(compare=False)
    fields: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    def text(self, lang: str = "zh") -> str:
        """The message alone, in ``lang``."""
        fields = dict(self.fields)
        fields.setdefault("expected_en", fields.get("expected", ""))
        return message(self.key, lang, **fields)


class SourceError(Exception):
    """A source that cannot be used; holds every problem found, first one first."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = sorted(problems)
        super().__init__(self.line())

    def lines(self, lang: str = "zh") -> list[str]:
        """One line per problem, in file order; with several, a last line that counts them."""
        out = [f"{self.path}:{p.line}:{p.column}: {p.text(lang)}" for p in self.problems]
        if len(out) > 1:
            out.append(message("problem_count", lang, count=len(out)))
        return out

    def __reduce__(self) -> tuple:
        """Pickle by path and problems (so the error crosses a worker's pipe intact)."""
        return SourceError, (self.path, self.problems)

    def line(self, lang: str = "zh") -> str:
        """Every problem, one line each (see :meth:`lines`), as one text."""
        return "\n".join(self.lines(lang))


class BuildError(Exception):
    """A build that cannot go on (an edited product, a renderer refusal); one line for the user."""

    def __init__(self, key: str, **fields: object) -> None:
        self.key = key
        self.fields = fields
        super().__init__(message(key, "en", **fields))

    def __reduce__(self) -> tuple:
        """Pickle by key and fields (so the error crosses a worker's pipe intact)."""
        return _build_error, (self.key, self.fields)

    def line(self, lang: str = "zh") -> str:
        """The message in ``lang``."""
        return message(self.key, lang, **self.fields)


def _build_error(key: str, fields: dict[str, object]) -> BuildError:
    """Rebuild a pickled :class:`BuildError`."""
    return BuildError(key, **fields)
