"""reportgen: one YAML government work report → DOCX draft, PDF summary, PPTX deck.

The shape: :mod:`generator.loader` turns YAML into the typed model of
:mod:`generator.model`; the renderers in :mod:`generator.renderers` read only the model.
Shared pieces: :mod:`generator.fonts` (faces and metrics), :mod:`generator.linebreak`
(the one line breaker), :mod:`generator.titles` (titles at phrase boundaries),
:mod:`generator.palette` (colours), :mod:`generator.terms` (glossary matching),
:mod:`generator.numbers` (figures), :mod:`generator.charts` (chart data and drawing).
"""

import os

os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")  # no plugin entry-point scan at start-up

__version__ = "0.1.0"
