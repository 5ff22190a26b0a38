"""The OFD renderer (GB/T 33190-2016): the archival edition's pages as an OFD package.

Placeholder until the OFD writer (branch i19-ofd) is merged: that branch replaces this file
with its ``render_ofd``. ``ofd`` is registered but outside the default formats until then.
"""

from __future__ import annotations

from generator.model import Report
from generator.pageplan import PagePlan


def render_ofd(plan: PagePlan, report: Report) -> bytes:
    """The OFD package of ``plan`` (provided by the OFD writer)."""
    raise NotImplementedError("the OFD writer is not merged yet")


def render(report: Report) -> bytes:
    """The OFD of ``report``, drawn from its page plan."""
    from generator.pageplan import plan_pages

    return render_ofd(plan_pages(report), report)
