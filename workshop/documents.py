"""One document, three renderings: Markdown as printable HTML and as PDF, charts as images.

The Markdown summary is the source, so every format says the same. markdown-it keeps any
HTML a card carries as text. fpdf2 draws the PDF with the DejaVu fonts shipped in this
package and vl-convert draws altair's charts, so neither needs a browser or a system library.
"""

from __future__ import annotations

import datetime as dt
import html
import io
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import altair as alt
import vl_convert
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.fonts import TextStyle
from markdown_it import MarkdownIt
from markdown_it.token import Token
from PIL import Image

from workshop.i18n import t

FONTS = Path(__file__).parent / "fonts"
INK = "#1b2a41"
_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")
# A fixed date keeps a PDF's bytes the same from one export to the next.
_STABLE_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def to_html_fragment(markdown: str) -> str:
    return _MARKDOWN.render(markdown)


def _split(markdown: str) -> tuple[str, str]:
    """The title block and the sections after it: charts go between them."""
    head, marker, rest = markdown.partition("\n## ")
    return head, (marker.lstrip("\n") + rest) if marker else ""


def _printed(chart: alt.Chart) -> dict:
    """A chart at a fixed size for paper (on screen they fill their container)."""
    sized = chart.properties(width=340)
    if sized.height is alt.Undefined:
        sized = sized.properties(height=220)
    return sized.configure_legend(columns=2, labelLimit=260).to_dict()


def chart_svg(chart: alt.Chart) -> str:
    return vl_convert.vegalite_to_svg(_printed(chart))


def chart_png(chart: alt.Chart) -> bytes:
    return vl_convert.vegalite_to_png(_printed(chart), scale=2)


_CSS = f"""
body {{ font-family: "DejaVu Sans", Arial, sans-serif; color: {INK}; max-width: 52rem;
       margin: 2rem auto; padding: 0 1rem; line-height: 1.45; }}
h1 {{ font-size: 1.8rem; margin-bottom: .4rem; }}
h2 {{ font-size: 1.25rem; border-bottom: 1px solid #ccd; padding-bottom: .2rem;
      margin-top: 1.6rem; break-after: avoid; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 1px solid #ccd; padding: .25rem .5rem; text-align: left;
          vertical-align: top; }}
th {{ background: #eef1f6; }}
li {{ break-inside: avoid; }}
.charts {{ display: flex; flex-wrap: wrap; gap: 1rem; margin: 1rem 0; }}
.charts figure {{ margin: 0; flex: 1 1 0; min-width: 14rem; break-inside: avoid; }}
.charts svg {{ width: 100%; height: auto; }}
@page {{ size: A4; margin: 15mm; }}
@media print {{ body {{ margin: 0; max-width: none; font-size: 10pt; }} }}
"""


def to_html(markdown: str, title: str, charts: Sequence[alt.Chart] = ()) -> str:
    """A page that prints on one or two A4 sheets, its charts drawn inline as SVG."""
    head, body = _split(markdown)
    figures = "".join(f"<figure>{chart_svg(chart)}</figure>" for chart in charts)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<style>{_CSS}</style></head>\n<body>\n{to_html_fragment(head)}"
        + (f'<div class="charts">{figures}</div>\n' if figures else "")
        + f"{to_html_fragment(body)}</body></html>\n"
    )


class _Pdf(FPDF):
    def __init__(self, title: str) -> None:
        super().__init__(format="A4")
        self.doc_title = title
        for style, name in (
            ("", "DejaVuSans"),
            ("B", "DejaVuSans-Bold"),
            ("I", "DejaVuSans-Oblique"),
        ):
            self.add_font("DejaVu", style, str(FONTS / f"{name}.ttf"))
        # No bold-italic face is shipped; bold stands in for emphasis inside bold text.
        self.add_font("DejaVu", "BI", str(FONTS / "DejaVuSans-Bold.ttf"))
        self.set_font("DejaVu", size=10)
        self.set_title(title)
        self.set_creation_date(_STABLE_DATE)
        self.set_auto_page_break(auto=True, margin=15)
        self.set_margins(15, 15, 15)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("DejaVu", size=8)
        self.set_text_color(120)
        self.cell(0, 5, f"{self.doc_title} · {self.page_no()}/{{nb}}", align="C")
        self.set_text_color(0)


_HEADING = TextStyle(color=INK, t_margin=5, b_margin=1)
_TAG_STYLES = {
    "h1": TextStyle(color=INK, font_size_pt=18, t_margin=0, b_margin=2),
    "h2": _HEADING.replace(font_size_pt=13),
    "h3": _HEADING.replace(font_size_pt=11),
}


def _plain(inline: Token) -> None:
    """fpdf2 draws no markup inside a table cell, so a cell keeps only its text."""
    text = "".join(c.content for c in inline.children or [] if c.content)
    inline.children = [Token("text", "", 0, content=text)]


def _widths(pdf: FPDF, columns: list[list[str]]) -> list[float]:
    """Column widths in mm: never narrower than a column's longest word, and what room is
    left goes to the columns with the longest texts."""
    pad = 3.0
    least = [
        max(pdf.get_string_width(w) for c in col for w in c.split() or [""]) * 1.1 + pad
        for col in columns
    ]
    wish = [min(max(pdf.get_string_width(c) for c in col), 70) + pad for col in columns]
    wish = [max(w, low) for w, low in zip(wish, least, strict=True)]
    room, extra = pdf.epw - sum(least), sum(wish) - sum(least)
    if room <= 0 or extra <= 0:
        return [pdf.epw * w / sum(wish) for w in wish]
    share = min(room / extra, 1.0)
    widths = [low + (w - low) * share for w, low in zip(wish, least, strict=True)]
    return [w * pdf.epw / sum(widths) for w in widths]


def _shape_tables(pdf: FPDF, tokens: list[Token]) -> None:
    """Plain, left-aligned cells in columns sized to what they hold."""
    starts = [n for n, tok in enumerate(tokens) if tok.type == "table_open"]
    for start in starts:
        end = next(n for n in range(start, len(tokens)) if tokens[n].type == "table_close")
        cells = [n for n in range(start, end) if tokens[n].type in ("th_open", "td_open")]
        for n in cells:
            _plain(tokens[n + 1])
            tokens[n].attrs = {"align": "left"}
        heads = [n for n in cells if tokens[n].type == "th_open"]
        columns = [
            [tokens[n + 1].content for n in cells[col :: len(heads)]] for col in range(len(heads))
        ]
        for n, width in zip(heads, _widths(pdf, columns), strict=True):
            tokens[n].attrs["width"] = f"{100 * width / pdf.epw:.2f}%"


def _pdf_html(pdf: FPDF, markdown: str) -> str:
    tokens = _MARKDOWN.parse(markdown)
    _shape_tables(pdf, tokens)
    return _MARKDOWN.renderer.render(tokens, _MARKDOWN.options, {})


def _write(pdf: _Pdf, markdown: str) -> None:
    if markdown.strip():
        pdf.write_html(
            _pdf_html(pdf, markdown),
            font_family="DejaVu",
            tag_styles=_TAG_STYLES,
            li_prefix_color=INK,
            table_line_separators=True,
        )


def _images(pdf: _Pdf, charts: list[alt.Chart]) -> None:
    """Charts side by side, up to three to a row; a row that does not fit starts a page."""
    per_row = 3 if len(charts) % 3 == 0 else 2
    width = (pdf.epw - 6 * (per_row - 1)) / per_row
    for first in range(0, len(charts), per_row):
        pngs = [chart_png(chart) for chart in charts[first : first + per_row]]
        sizes = [Image.open(io.BytesIO(png)).size for png in pngs]
        height = max(width * h / w for w, h in sizes)
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()
        top = pdf.get_y()
        for n, png in enumerate(pngs):
            pdf.image(io.BytesIO(png), x=pdf.l_margin + n * (width + 6), y=top, w=width)
        pdf.set_y(top + height + 4)


@cache
def _drawable() -> frozenset[int]:
    fonts = [TTFont(FONTS / f"{name}.ttf") for name in ("DejaVuSans", "DejaVuSans-Bold")]
    return frozenset.intersection(*(frozenset(f.getBestCmap()) for f in fonts))


def undrawable(text: str) -> list[str]:
    """Characters the PDF's font has no glyph for (Chinese, Japanese, Korean, …)."""
    return sorted({ch for ch in text if not ch.isspace() and ord(ch) not in _drawable()})


def _missing_note(markdown: str) -> str:
    missing = undrawable(markdown)
    if not missing:
        return ""
    shown = ", ".join(f"U+{ord(ch):04X}" for ch in missing[:8]) + (" …" if missing[8:] else "")
    return (
        "\n\n*"
        + t(
            "{n} characters cannot be drawn in this PDF ({codes}); the HTML and Markdown "
            "downloads show them.",
            n=len(missing),
            codes=shown,
        )
        + "*\n"
    )


def to_pdf(markdown: str, title: str, charts: Sequence[alt.Chart] = ()) -> bytes:
    """The document as PDF bytes: the same bytes every time for the same content."""
    pdf = _Pdf(title)
    pdf.add_page()
    head, body = _split(markdown)
    _write(pdf, head + _missing_note(markdown))
    _images(pdf, list(charts))
    _write(pdf, body)
    return bytes(pdf.output())
