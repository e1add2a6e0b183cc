"""Colour parsing, and the course's colour-blind-safe palette that every figure must keep to."""

from __future__ import annotations

import re
from typing import Any, Optional

_RGB = re.compile(r"rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)")
_NAMED = {"black": "#000000", "white": "#FFFFFF", "transparent": None}


def normalise_colour(colour: str) -> Optional[str]:
    """'#abc', '#aabbcc', 'rgb(...)', 'rgba(...)' or a few names -> '#AABBCC' (alpha ignored); None for transparent."""
    text = colour.strip().lower()
    if text in _NAMED:
        return _NAMED[text]
    if re.fullmatch(r"#[0-9a-f]{3}", text):
        return "#" + "".join(c * 2 for c in text[1:]).upper()
    if re.fullmatch(r"#[0-9a-f]{6}([0-9a-f]{2})?", text):
        return text[:7].upper()
    match = _RGB.match(text)
    if match:
        return "#" + "".join(f"{round(float(v)):02X}" for v in match.groups())
    return colour


def is_achromatic(hex_colour: str) -> bool:
    """Black, white and greys carry no hue, so no colour-vision deficiency changes them."""
    return bool(re.fullmatch(r"#([0-9A-F]{2})\1\1", hex_colour))


def allowed_colours() -> set[str]:
    """Okabe-Ito and the course's sequential weight scale (and the level fills, all Okabe-Ito)."""
    from legpain import palette

    colours = {c.upper() for c in palette.OKABE_ITO.values()}
    colours |= {c.upper() for c in palette.WEIGHT_SCALE}
    colours |= {style["fill"].upper() for style in palette.LEVEL_STYLE.values()}
    return colours


def colour_problems(colours: list[dict[str, Any]]) -> list[str]:
    """The colours (as plotly_colours reads them) that are neither in the palette nor grey."""
    allowed = allowed_colours()
    problems = []
    for item in colours:
        hex_colour = normalise_colour(item["colour"])
        if hex_colour is None:
            continue  # transparent
        if hex_colour in allowed or (hex_colour.startswith("#") and is_achromatic(hex_colour)):
            continue
        problems.append(f"{item['graph']}: {item['prop']} {item['colour']}")
    return sorted(set(problems))
