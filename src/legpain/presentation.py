"""Presentation mode: large type, a readable line length and high contrast for a whole lesson.

One switch at the top of every lesson. Its stylesheet applies to the page, so it works in
JupyterLab and in Voila alike; switching it off removes the stylesheet again.
"""

from __future__ import annotations

from typing import Any

PROSE_PX = 24  # body text on a projector
LINE_CH = 70  # characters per line: a readable measure
CONTROL_PX = 22
MIN_TEXT_PX = 20  # nothing on a projector is smaller: captions, small print

PRESENTATION_CSS = f"""
.jp-RenderedHTMLCommon, .jp-RenderedMarkdown, body.voila, .voila .jp-OutputArea-output {{
  font-size: {PROSE_PX}px !important; line-height: 1.5 !important; color: #000000 !important;
}}
.jp-RenderedMarkdown p, .jp-RenderedMarkdown li, .jp-RenderedMarkdown blockquote,
.jp-RenderedHTMLCommon p, .jp-RenderedHTMLCommon li {{ max-width: {LINE_CH}ch; }}
.jp-RenderedMarkdown h1 {{ font-size: 2em !important; }}
.jp-RenderedMarkdown h2 {{ font-size: 1.6em !important; }}
.jp-Notebook, .jp-Cell, .jp-OutputArea-output, body.voila {{ background: #FFFFFF !important; }}
.jp-RenderedHTMLCommon a:link, .jp-RenderedHTMLCommon a:visited {{ color: #0000EE !important; }}
.legpain-widget, .legpain-widget .widget-label, .legpain-widget .widget-label-basic, .legpain-widget label,
.legpain-widget select, .legpain-widget input, .legpain-widget button, .legpain-widget .widget-html-content {{
  font-size: {CONTROL_PX}px !important; color: #000000 !important;
}}
.legpain-widget select, .legpain-widget input[type=text], .legpain-widget button {{
  border: 3px solid #000000 !important; background: #FFFFFF !important;
}}
.legpain-widget input[type=checkbox], .legpain-widget input[type=radio] {{ width: 26px; height: 26px; }}
/* Larger type needs taller rows: labels, menus and buttons grow with their words, never cut them short. */
.legpain-widget .widget-inline-hbox, .legpain-widget .widget-label, .legpain-widget .widget-label-basic,
.legpain-widget .widget-dropdown, .legpain-widget .widget-text, .legpain-widget .widget-hbox {{
  height: auto !important; line-height: 1.35 !important; overflow: visible !important;
}}
.legpain-widget .widget-label, .legpain-widget .widget-label-basic {{ white-space: normal !important; text-overflow: clip !important; }}
.legpain-widget .widget-inline-hbox {{ flex-wrap: wrap; row-gap: 0.2em; }}
.legpain-widget .widget-inline-hbox > input, .legpain-widget .widget-inline-hbox > select {{ flex: 1 1 8em; min-width: 8em; }}
.legpain-widget select, .legpain-widget input[type=text], .legpain-widget input[type=number] {{
  height: auto !important; min-height: 1.9em; padding: 0.15em 0.3em !important;
}}
.legpain-widget button {{
  height: auto !important; min-height: 44px; width: auto !important; max-width: 100%;
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important; padding: 0.2em 0.8em !important;
}}
.legpain-figure-summary {{ font-size: {PROSE_PX}px !important; }}
/* Case stories and scenarios are set at 16px for the screen; on a projector they are prose. */
.legpain-case blockquote, .legpain-sbar-case blockquote, .legpain-scenario {{ font-size: {PROSE_PX}px !important; }}
/* JupyterLab sets tables at 13px; captions and small print shrink further. On a projector none is below 20px. */
.jp-RenderedHTMLCommon table, .jp-RenderedHTMLCommon caption, .jp-RenderedHTMLCommon small,
.legpain-widget table, .legpain-widget caption, .legpain-widget small,
body.voila table, body.voila caption, body.voila small {{
  font-size: max(0.9em, {MIN_TEXT_PX}px) !important;
}}
.legpain-widget .legpain-message {{ font-size: {CONTROL_PX}px !important; }}
"""


def presentation_style(on: bool) -> str:
    """The stylesheet to put on the page: the presentation style when on, nothing when off."""
    return f'<style class="legpain-presentation">{PRESENTATION_CSS}</style>' if on else ""


ON_MESSAGE = "Presentation mode is on: large type, shorter lines and high contrast. Press the switch again to turn it off."


def presentation_switch() -> Any:
    """A labelled switch; turning it on restyles the whole lesson for a projector."""
    import ipywidgets as widgets

    from .widgets import message_html

    switch = widgets.ToggleButton(
        value=False,
        description="Presentation mode",
        tooltip="Large type, shorter lines and high contrast, for a projector",
        icon="",
        # No set width or height: the label is never cut short, whatever the type size.
        layout=widgets.Layout(width="auto", height="auto", min_height="44px"),
    )
    style = widgets.HTML(value="", layout=widgets.Layout(display="none"))
    status = widgets.HTML(value="")
    status.add_class("legpain-output")

    def on_change(change: Any) -> None:
        style.value = presentation_style(bool(change["new"]))
        status.value = message_html(ON_MESSAGE, "success") if change["new"] else ""

    switch.observe(on_change, names="value")
    return widgets.HBox([switch, style, status], layout=widgets.Layout(align_items="center"))


def show_presentation_mode() -> None:
    """Show the presentation-mode switch (one line at the top of each lesson)."""
    from .widgets import show_widget

    show_widget(presentation_switch(), "the Presentation mode switch (large type for a projector)")
