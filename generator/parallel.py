"""Work in forked child processes: each pays only its own imports, results come back pickled.

A plain ``os.fork`` with a pipe, not ``multiprocessing.Pool``: pool workers are daemonic
and may not fork again, while a PDF build forks once more to draw its charts beside the
page layout. Where ``fork`` does not exist the work runs in this process.

Output is flushed before each fork, and a child leaves by ``os._exit`` without flushing, so
nothing the parent printed is printed twice. On Linux a child asks the kernel for SIGKILL
when its parent dies (``PR_SET_PDEATHSIG``), so a killed build leaves no worker running.
"""

from __future__ import annotations

import ctypes
import os
import pickle
import signal
import sys
from collections.abc import Callable
from typing import Any

ENABLED = True
"""Fork at all? Off, the work runs in the calling process."""

PR_SET_PDEATHSIG = 1
"""The ``prctl`` option that delivers a signal to a process when its parent ends (Linux)."""


def _die_with_parent(parent: int) -> None:
    """In a child: be killed when the parent dies; leave now if it already has."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def _payload(fn: Callable[..., Any], args: tuple) -> bytes:
    """The pickled (ok, value) of calling ``fn``; an exception that cannot be pickled becomes one that can."""
    try:
        return pickle.dumps((True, fn(*args)))
    except BaseException as error:  # noqa: BLE001 - sent back to the parent as it is
        try:
            return pickle.dumps((False, error))
        except Exception:  # noqa: BLE001
            return pickle.dumps((False, RuntimeError(f"{type(error).__name__}: {error}")))


def _child(fn: Callable[..., Any], args: tuple, parent: int, read_end: int, write_end: int) -> None:
    """The child's whole life: compute, send, leave without flushing or running the parent's clean-ups."""
    try:
        os.close(read_end)
        _die_with_parent(parent)
        data = _payload(fn, args)
        view = memoryview(data)
        while view:
            view = view[os.write(write_end, view) :]
        os._exit(0)
    finally:
        os._exit(1)


class Forked:
    """A call running in a forked child; :meth:`result` waits for it and returns its value."""

    def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
        self._value: Any = None
        self._done = False
        if not (ENABLED and hasattr(os, "fork")):
            self._value, self._done = fn(*args), True
            return
        sys.stdout.flush()
        sys.stderr.flush()
        parent = os.getpid()
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            _child(fn, args, parent, read_end, write_end)
        os.close(write_end)
        self._pid = pid
        self._pipe = os.fdopen(read_end, "rb")

    def result(self) -> Any:
        """Wait for the child and return its value (re-raising its exception).

        A child that died without sending its result raises :class:`ChildProcessError`.
        """
        if not self._done:
            data = self._pipe.read()
            self._pipe.close()
            _, status = os.waitpid(self._pid, 0)
            if not data:
                raise ChildProcessError(_how_it_ended(status))
            ok, value = pickle.loads(data)
            if not ok:
                raise value
            self._value, self._done = value, True
        return self._value


def _how_it_ended(status: int) -> str:
    """Words for a child's wait status."""
    if os.WIFSIGNALED(status):
        return f"worker killed by signal {os.WTERMSIG(status)}"
    return f"worker ended with status {os.waitstatus_to_exitcode(status)} before sending its result"
