"""Colours and marker shapes on the map, and the colour arithmetic that checks them.

Each event type is drawn in its table colour *and* a shape of its own (legend order), so no
type is told by colour alone. A marker must stand out from what it lies on: at least 3:1
(WCAG 2.1's non-text contrast) against every basemap fill the page uses and against
OpenStreetMap's land colour. A colour a table gives (a user's ``--types-file`` too) that falls
short is darkened in CIELAB lightness, keeping its hue, until it reaches 3:1; the legend
shows the colour the markers are drawn in.

``cvd_distance`` is how far apart two colours stay under protanopia, deuteranopia and
tritanopia (Machado, Oliveira and Fernandes 2009, full severity; CIE76 ΔE in CIELAB): the
tests hold the team's table to it.
"""

from __future__ import annotations

import numpy as np

# What a marker may lie on: OpenStreetMap's land, the offline basemap's land and its sea, and
# the white of a popup or the panel.
OSM_LAND = "#f2efe9"
BASEMAP_LAND = "#f3efe6"
BASEMAP_SEA = "#cfe3ef"
BACKGROUNDS = (OSM_LAND, BASEMAP_LAND, BASEMAP_SEA, "#ffffff")
MIN_CONTRAST = 3.0
# One shape per type in legend order (a table of more types than shapes reuses them).
MARKER_SHAPES = ("diamond", "star", "triangle", "circle", "square", "hexagon", "triangle-down", "pentagon", "cross")

_XYZ = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
_WHITE = np.array([0.95047, 1.0, 1.08883])
# Machado et al. 2009, severity 1.0, applied to linear RGB.
CVD_MATRICES = {
    "protanopia": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "tritanopia": np.array([[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602],
                            [0.004733, 0.691367, 0.303900]]),
}


def _rgb(colour: str) -> np.ndarray:
    h = colour.strip().lstrip("#")
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return np.array([int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)])


def _hex(rgb: np.ndarray) -> str:
    return "#" + "".join(f"{round(float(v) * 255):02x}" for v in np.clip(rgb, 0, 1))


def _linear(rgb: np.ndarray) -> np.ndarray:
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def _gamma(linear: np.ndarray) -> np.ndarray:
    linear = np.clip(linear, 0, 1)
    return np.where(linear <= 0.0031308, linear * 12.92, 1.055 * linear ** (1 / 2.4) - 0.055)


def luminance(colour: str) -> float:
    """WCAG relative luminance."""
    return float(_linear(_rgb(colour)) @ np.array([0.2126, 0.7152, 0.0722]))


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio, 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _lab(linear: np.ndarray) -> np.ndarray:
    xyz = _XYZ @ linear / _WHITE
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def _from_lab(lab: np.ndarray) -> np.ndarray:
    fy = (lab[0] + 16) / 116
    f = np.array([fy + lab[1] / 500, fy, fy - lab[2] / 200])
    xyz = np.where(f ** 3 > 0.008856, f ** 3, (f - 16 / 116) / 7.787) * _WHITE
    return _gamma(np.linalg.solve(_XYZ, xyz))


def cvd_distance(a: str, b: str) -> float:
    """The smallest CIE76 ΔE between two colours as seen with normal vision and under each
    of the three dichromacies."""
    la, lb = _linear(_rgb(a)), _linear(_rgb(b))
    sims = [np.eye(3), *CVD_MATRICES.values()]
    return min(float(np.linalg.norm(_lab(np.clip(m @ la, 0, 1)) - _lab(np.clip(m @ lb, 0, 1)))) for m in sims)


def marker_colour(colour: str, backgrounds: tuple[str, ...] = BACKGROUNDS) -> str:
    """``colour``, darkened in CIELAB lightness (hue kept) only as far as it takes to stand
    3:1 against every background."""
    try:
        rgb = _rgb(colour)
    except ValueError:
        rgb = _rgb("#333333")
    lab = _lab(_linear(rgb))
    out = _hex(rgb)
    while min(contrast(out, b) for b in backgrounds) < MIN_CONTRAST and lab[0] > 0:
        lab = lab - np.array([1.0, 0.0, 0.0])
        out = _hex(_from_lab(lab))
    return out


def type_styles(types: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(event type, marker colour, marker shape) for each (type, table colour), in order."""
    return [(name, marker_colour(colour), MARKER_SHAPES[i % len(MARKER_SHAPES)])
            for i, (name, colour) in enumerate(types)]
