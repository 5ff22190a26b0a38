"""``python -m generator`` runs the ``reportgen`` command."""

import sys

from generator.cli import main

sys.exit(main())
