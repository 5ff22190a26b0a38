"""``python -m generator`` runs the ``reportgen`` command."""

from generator._entry import main

main()
