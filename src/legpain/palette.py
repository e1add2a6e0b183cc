"""Colour-blind-safe colours (Okabe-Ito), the figures' type size, and a WCAG contrast check."""

from __future__ import annotations

from .levels import Level

FONT_SIZE = 20  # the smallest text in any figure: readable from the back row of a 1280 x 720 projector

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

# Each level: a fill colour, the text colour on it, and a symbol, so that the
# level never depends on colour alone.
LEVEL_STYLE = {
    Level.SELF_CARE: {"fill": OKABE_ITO["sky_blue"], "text": "#000000", "symbol": "○"},
    Level.ROUTINE: {"fill": OKABE_ITO["bluish_green"], "text": "#000000", "symbol": "◐"},
    Level.URGENT: {"fill": OKABE_ITO["yellow"], "text": "#000000", "symbol": "▲"},
    Level.IMMEDIATE: {"fill": OKABE_ITO["orange"], "text": "#000000", "symbol": "◆"},
    Level.EMERGENCY: {"fill": OKABE_ITO["vermillion"], "text": "#000000", "symbol": "■"},
}

# Sequential scale for matrix weights (0 = no link, 3 = typical): light to dark blue.
WEIGHT_SCALE = ["#FFFFFF", "#C6DBEF", "#56B4E9", "#0072B2"]

SERIOUSNESS_COLOUR = {
    "everyday": OKABE_ITO["sky_blue"],
    "needs-review": OKABE_ITO["orange"],
    "dangerous": OKABE_ITO["vermillion"],
}


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour: str) -> float:
    hex_colour = hex_colour.lstrip("#")
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio between two colours, from 1 to 21."""
    a, b = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)
