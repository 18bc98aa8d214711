"""Self-contained maps: folium's JavaScript and CSS inlined from the npm packages.

folium declares each dependency as a CDN URL of an exact version. ``ASSETS`` maps each URL
folium 0.20 references to the file of that same version installed with ``npm ci`` (see
``package.json``) or shipped in the folium package itself; ``inline_assets`` swaps every
``<script src>`` and stylesheet ``<link>`` for the file's text, with the images and fonts
the CSS points at written in as ``data:`` URLs. A URL with no local copy stops the run
(``OutputError``) rather than writing a map that needs the network.
"""

from __future__ import annotations

import base64
import json
import logging
import mimetypes
import re
from pathlib import Path

import folium

from geo import config
from geo.errors import OutputError
from geo.outputs.escaping import close_guard

log = logging.getLogger("geo")

FOLIUM_TEMPLATES = Path(folium.__file__).resolve().parent / "templates"

# folium's URL -> (npm package, version, file in the package). ``None``: deliberately left
# out (no npm package of that exact file; geo's maps use neither glyphicons nor rotated icons).
_NPM: dict[str, tuple[str, str, str] | None] = {
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js": ("leaflet", "1.9.3", "dist/leaflet.js"),
    "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css": ("leaflet", "1.9.3", "dist/leaflet.css"),
    "https://code.jquery.com/jquery-3.7.1.min.js": ("jquery", "3.7.1", "dist/jquery.min.js"),
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/js/bootstrap.bundle.min.js":
        ("bootstrap", "5.2.2", "dist/js/bootstrap.bundle.min.js"),
    "https://cdn.jsdelivr.net/npm/bootstrap@5.2.2/dist/css/bootstrap.min.css":
        ("bootstrap", "5.2.2", "dist/css/bootstrap.min.css"),
    "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.js":
        ("drmonty-leaflet-awesome-markers", "2.0.2", "js/leaflet.awesome-markers.js"),
    "https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/leaflet.awesome-markers.css":
        ("drmonty-leaflet-awesome-markers", "2.0.2", "css/leaflet.awesome-markers.css"),
    "https://cdn.jsdelivr.net/npm/@fortawesome/fontawesome-free@6.2.0/css/all.min.css":
        ("@fortawesome/fontawesome-free", "6.2.0", "css/all.min.css"),
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/leaflet.markercluster.js":
        ("leaflet.markercluster", "1.1.0", "dist/leaflet.markercluster.js"),
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.css":
        ("leaflet.markercluster", "1.1.0", "dist/MarkerCluster.css"),
    "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/MarkerCluster.Default.css":
        ("leaflet.markercluster", "1.1.0", "dist/MarkerCluster.Default.css"),
    "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css": None,
    "https://cdn.jsdelivr.net/gh/python-visualization/folium/folium/templates/leaflet.awesome.rotate.min.css": None,
}
# Files folium ships in its own package (the same file its URL points at).
_FOLIUM = {
    "https://cdn.jsdelivr.net/gh/python-visualization/folium@main/folium/templates/leaflet_heat.min.js":
        "leaflet_heat.min.js",
}

_SCRIPT = re.compile(r'<script\s+src="(?P<url>https?://[^"]+)"\s*>\s*</script>')
_LINK = re.compile(r'<link\s+rel="stylesheet"\s+href="(?P<url>https?://[^"]+)"\s*/?>')
_CSS_URL = re.compile(r"""url\(\s*(?P<q>['"]?)(?P<ref>[^'")]+)(?P=q)\s*\)""")
_TTF_FALLBACK = re.compile(r""",\s*url\([^)]*\.ttf\)\s*format\(["']truetype["']\)""")


class AssetsMissing(OutputError):
    """An npm package folium's scripts come from is not installed anywhere geo looks."""

    def __init__(self, package: str) -> None:
        super().__init__(f"--self-contained: npm package {package} is not installed (run 'npm ci', "
                         "set $GEO_NPM_DIR, or map with --cdn)")
        self.package = package


def local_file(url: str) -> Path | None:
    """The installed file for one of folium's URLs; ``None`` when it is left out on purpose."""
    if url in _FOLIUM:
        return FOLIUM_TEMPLATES / _FOLIUM[url]
    if url not in _NPM:
        raise OutputError(f"--self-contained: no local copy of {url} (add it to geo/outputs/assets.py)")
    entry = _NPM[url]
    if entry is None:
        return None
    package, version, file = entry
    npm = config.npm_dir(package)
    if npm is None:
        raise AssetsMissing(package)
    folder = npm / package
    try:
        installed = json.loads((folder / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        raise OutputError(f"--self-contained: {folder / 'package.json'} is unreadable (run 'npm ci')") from None
    if installed != version:
        raise OutputError(f"--self-contained: {package} {installed} is installed, folium wants {version} (npm ci)")
    return folder / file


def _data_url(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or (
        "font/woff2" if path.suffix == ".woff2" else "application/octet-stream")
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def inline_css(css: str, folder: Path) -> str:
    """CSS with its relative ``url()``s (images, fonts) as data URLs; TrueType fallbacks of
    WOFF2 fonts are dropped (every browser that runs Leaflet reads WOFF2)."""
    css = _TTF_FALLBACK.sub("", css)

    def swap(m: re.Match) -> str:
        ref = m.group("ref").strip()
        if ref.startswith(("data:", "#", "http:", "https:")):
            return m.group(0)
        target = (folder / ref.split("?")[0].split("#")[0]).resolve()
        if not target.is_file():
            log.warning("self-contained map: %s names %s, which is not installed", folder, ref)
            return m.group(0)
        return f'url("{_data_url(target)}")'

    return _CSS_URL.sub(swap, css)


def inline_assets(html: str) -> str:
    """The page with every CDN script and stylesheet replaced by the installed file's text."""
    cache: dict[str, str] = {}

    def text(url: str, kind: str) -> str:
        if url not in cache:
            path = local_file(url)
            if path is None:
                log.info("self-contained map: leaving out %s (not used by geo's maps)", url)
                cache[url] = ""
            else:
                try:
                    body = path.read_text(encoding="utf-8")
                except OSError as exc:
                    raise OutputError(f"--self-contained: cannot read {path} ({exc.strerror})") from None
                if kind == "css":
                    cache[url] = "<style>\n" + close_guard(inline_css(body, path.parent), "style") + "\n</style>"
                else:
                    cache[url] = "<script>\n" + close_guard(body, "script") + "\n</script>"
        return cache[url]

    html = _SCRIPT.sub(lambda m: text(m.group("url"), "js"), html)
    return _LINK.sub(lambda m: text(m.group("url"), "css"), html)
