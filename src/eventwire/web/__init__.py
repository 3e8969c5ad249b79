"""WEB stage: the ``eventwire serve`` app and the one-file ``eventwire report``.

    assets     where the bundled scripts, styles and boundaries are
    views      events and articles as the JSON the pages and the API show
    render     the HTML pages from templates (linked assets, or all inline)
    api        the JSON API under ``/api/`` (FastAPI router)
    app        the web app: pages, static assets, security headers
    report     the self-contained HTML report
    commands   the ``serve`` and ``report`` click commands

FastAPI and uvicorn are imported only by :mod:`.app`, :mod:`.api` and the
``serve`` command, so importing this package (and writing a report) stays light.

Safety: every text from an article is untrusted. The pages build the DOM with
``textContent`` only (never ``innerHTML`` with data), link only ``http(s)``
URLs, and run under a Content-Security-Policy that allows no inline script
(the server) or only the report's own scripts by hash (the report). JSON put
inline in the report has ``<``, ``>``, ``&`` and line separators escaped, so no
value can close its ``<script>`` element.
"""

from __future__ import annotations

from eventwire.web.report import render_report, report_html, write_report

__all__ = ["render_report", "report_html", "write_report"]
