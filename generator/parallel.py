"""Work in forked child processes: each pays only its own imports, results come back pickled.

A plain ``os.fork`` with a pipe, not ``multiprocessing.Pool``: pool workers are daemonic
and may not fork again, while a PDF build forks once more to draw its charts beside the
page layout. Where ``fork`` does not exist the work runs in this process.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable
from typing import Any

ENABLED = True
"""Fork at all? ``build --watch`` turns it off so that imports are paid once, in its process."""


class Forked:
    """A call running in a forked child; :meth:`result` waits for it and returns its value."""

    def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
        self._value: Any = None
        self._done = False
        if not (ENABLED and hasattr(os, "fork")):
            self._value, self._done = fn(*args), True
            return
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: compute, send, leave without running the parent's clean-ups
            os.close(read_end)
            try:
                payload = pickle.dumps((True, fn(*args)))
            except BaseException as error:  # noqa: BLE001 - sent back to the parent as it is
                payload = pickle.dumps((False, error))
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(payload)
            sys.stdout.flush()
            os._exit(0)
        os.close(write_end)
        self._pid = pid
        self._pipe = os.fdopen(read_end, "rb")

    def result(self) -> Any:
        """Wait for the child and return its value (re-raising its exception)."""
        if not self._done:
            data = self._pipe.read()
            self._pipe.close()
            os.waitpid(self._pid, 0)
            ok, value = pickle.loads(data) if data else (False, RuntimeError("worker died"))
            if not ok:
                raise value
            self._value, self._done = value, True
        return self._value
