"""The console-script entry point: a short-lived command runs without the cyclic garbage collector.

Collection pauses cost a build of one report more than the memory they free; ``build
--watch`` (long-lived) turns the collector back on.
"""

import gc
import os
import sys


def main() -> None:
    """Run ``reportgen`` and exit without tearing the interpreter down module by module."""
    gc.disable()
    from generator.cli import main as run

    status = run()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)
