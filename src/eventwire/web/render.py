"""Assemble the HTML pages from the templates, for the server and for the report.

A page is ``templates/page.html`` with its slots filled: the body (a template
of ours), the styles and scripts (linked for the server, inline for the
report), and for the report the data as inline JSON. Slots are filled in one
pass, so text put into a slot is never read again as a slot.

:func:`inline_json` makes JSON safe inside ``<script type="application/json">``:
``<``, ``>`` and ``&`` become ``\\u003c``, ``\\u003e`` and ``\\u0026``, so no
value (say a title holding ``</script>``) can end the element early.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Mapping
from typing import Any

from eventwire.web.assets import SCRIPTS, read_asset, read_template

_SLOT = re.compile(r"\{\{(\w+)\}\}")

#: Vendored scripts every page loads before ours.
VENDOR_SCRIPTS = ("vendor/d3.min.js", "vendor/topojson-client.min.js")


def fill(template: str, slots: Mapping[str, str]) -> str:
    """``template`` with each ``{{name}}`` replaced by ``slots[name]`` (one pass)."""
    return _SLOT.sub(lambda m: slots[m.group(1)], template)


def inline_json(value: Any) -> str:
    """JSON text that cannot break out of a ``<script>`` element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def inline_script(source: str) -> str:
    """Script text safe inside ``<script>``: no ``</script`` or ``<!--`` can end or bend it."""
    return re.sub(r"<(/script|!--)", r"<\\\1", source, flags=re.IGNORECASE)


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def server_page(body: str, *, title: str, main: str) -> str:
    """A page of the web app: assets linked from ``/static/``, ``main`` the page's own script."""
    scripts = [*VENDOR_SCRIPTS, *(f"js/{s}" for s in SCRIPTS), f"js/{main}"]
    return fill(read_template("page.html"), {
        "csp": "", "title": html.escape(title), "mode": "server",
        "style": '<link rel="stylesheet" href="/static/style.css">',
        "body": read_template(body), "data": "",
        "scripts": "\n".join(f'<script src="/static/{s}"></script>' for s in scripts),
    })


def inline_page(body: str, *, title: str, main: str, data: Any) -> str:
    """A self-contained page: styles, scripts and ``data`` inline, locked by a hash-based CSP."""
    sources = [inline_script(read_asset(s)) for s in
               (*VENDOR_SCRIPTS, *(f"js/{s}" for s in SCRIPTS), f"js/{main}")]
    csp = ("default-src 'none'; script-src " + " ".join(_sha256(s) for s in sources)
           + "; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'")
    return fill(read_template("page.html"), {
        "csp": f'<meta http-equiv="Content-Security-Policy" content="{html.escape(csp)}">',
        "title": html.escape(title), "mode": "report",
        "style": "<style>\n" + read_asset("style.css").replace("</", "<\\/") + "\n</style>",
        "body": read_template(body),
        "data": f'<script type="application/json" id="ew-data">{inline_json(data)}</script>',
        "scripts": "\n".join(f"<script>{s}</script>" for s in sources),
    })

