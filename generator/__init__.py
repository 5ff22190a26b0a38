"""reportgen: one YAML government work report → DOCX draft, PDF summary, PPTX deck.

The shape: :mod:`generator.loader` turns YAML into the typed model of
:mod:`generator.model`; the renderers in :mod:`generator.renderers` read only the model.
Shared pieces: :mod:`generator.fonts` (faces and metrics), :mod:`generator.linebreak`
(the one line breaker), :mod:`generator.titles` (titles at phrase boundaries),
:mod:`generator.palette` (colours), :mod:`generator.terms` (glossary matching),
:mod:`generator.numbers` (figures), :mod:`generator.charts` (chart data and drawing).
"""

import os
import sys
import types


def _without_pydantic_plugins() -> None:
    """Build the model with no pydantic plugin, and without pydantic's plugin finder.

    The finder reads every installed package's entry points through ``importlib.metadata``,
    whose imports (email, zipfile, csv, ...) cost about 15 ms at every start; reportgen uses
    no plugin, so a plugin installed beside it cannot change how a source is validated
    (``tests/test_yamltree.py::test_no_pydantic_plugin_finder_is_imported``).
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if "pydantic.plugin._loader" not in sys.modules:
        finder = types.ModuleType("pydantic.plugin._loader", "reportgen: no pydantic plugins")
        finder.get_plugins = lambda: ()  # type: ignore[attr-defined]
        sys.modules["pydantic.plugin._loader"] = finder


_without_pydantic_plugins()

__version__ = "0.1.0"
