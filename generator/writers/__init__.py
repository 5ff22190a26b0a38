"""Writers of the report model: :mod:`generator.writers.yaml` writes a source file."""
