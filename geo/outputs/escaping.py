"""Every rule for writing outside text into the map page, in one place.

Article text reaches the page three ways, each with its own escaping:

- as HTML that folium pastes into JavaScript template literals (tooltips, layer names), where
  ``${...}`` runs code and backslash escapes turn into markup: ``escape_text``;
- as JSON inside a ``<script>`` element (the incidents' data block): ``script_json``;
- as the text of a whole script or stylesheet inlined into the page (``assets.py``):
  ``close_guard``.

Links are made only of ``http(s)`` URLs (``safe_link``). Values written into folium's own
templates go through its ``tojavascript`` filter instead (``templates/incident_layer.js``).
"""

from __future__ import annotations

import html
import json
import re
from urllib.parse import urlparse

# Characters html.escape leaves that mean something in a JS template literal.
_TEMPLATE_LITERAL_ENTITIES = {"$": "&#36;", "\\": "&#92;", "`": "&#96;"}
# <, > and & could close the <script> element or open a comment; U+2028 and U+2029 end a
# line in older JavaScript.
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def escape_text(text: object) -> str:
    """Text as HTML that is inert both as markup and inside a JS template literal."""
    escaped = html.escape(str(text), quote=True)
    return "".join(_TEMPLATE_LITERAL_ENTITIES.get(c, c) for c in escaped)


def safe_link(url: str) -> str | None:
    """Only http(s) links are made clickable: no ``javascript:`` or ``data:`` URLs."""
    try:
        scheme = urlparse(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def script_json(value: object) -> str:
    """JSON that is safe inside a ``<script>`` element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in _JSON_ESCAPES.items():
        text = text.replace(char, escape)
    return text


def close_guard(text: str, tag: str) -> str:
    """The text of a ``<script>`` or ``<style>`` element (``tag``) with every ``</tag`` written
    ``<\\/tag``, so it cannot end the element it is inlined into (``\\/`` is ``/`` in JavaScript
    strings and in CSS). HTML matches an end tag whatever its case: so does this."""
    return re.sub(f"</(?={re.escape(tag)})", "<\\\\/", text, flags=re.IGNORECASE)
