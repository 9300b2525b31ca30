"""One document, three renderings: Markdown as printable HTML and as PDF, charts as images.

The Markdown summary is the source, so every format says the same. markdown-it keeps any
HTML a card carries as text. fpdf2 draws the PDF with the DejaVu fonts shipped in this
package and vl-convert draws altair's charts, so neither needs a browser or a system library.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from collections.abc import Mapping, Sequence
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

from workshop import charts, i18n
from workshop.i18n import t

FONTS = Path(__file__).parent / "fonts"
INK = "#1b2a41"
_MARKDOWN = MarkdownIt("commonmark", {"html": False}).enable("table")
# A fixed date keeps a PDF's bytes the same from one export to the next.
_STABLE_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


# Charts go at the end of the section they belong to, named by its heading's Markdown.
Figures = Mapping[str, Sequence[alt.Chart]]


def to_html_fragment(markdown: str) -> str:
    return _MARKDOWN.render(markdown)


def sections(markdown: str) -> list[str]:
    """The title block, then one piece per ``## `` section (user text never starts a line
    with ``#``: it is escaped)."""
    pieces = re.split(r"\n(?=## )", markdown)
    return [piece.strip("\n") + "\n" for piece in pieces if piece.strip()]


def heading(section: str) -> str:
    first = section.split("\n", 1)[0]
    return first[3:] if first.startswith("## ") else ""


def _printed(chart: alt.Chart) -> dict:
    """A chart at a fixed size for paper (on screen they fill their container)."""
    sized = chart.properties(width=340)
    if sized.height is alt.Undefined:
        sized = sized.properties(height=220)
    return charts.localized(sized).configure_legend(columns=2, labelLimit=0).to_dict()


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


def to_html(markdown: str, title: str, charts: Figures | None = None) -> str:
    """A page that prints on one or two A4 sheets, its charts drawn inline as SVG."""
    charts = charts or {}
    body = ""
    for section in sections(markdown):
        body += to_html_fragment(section)
        placed = charts.get(heading(section), [])
        figures = "".join(f"<figure>{chart_svg(chart)}</figure>" for chart in placed)
        body += f'<div class="charts">{figures}</div>\n' if figures else ""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{i18n.language()}"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title>"
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<style>{_CSS}</style></head>\n<body>\n{body}</body></html>\n"
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


# fpdf2 reads a heading's b_margin in lines of the heading's size, t_margin in mm.
_HEADING = TextStyle(color=INK, t_margin=6, b_margin=0.35)
_TAG_STYLES = {
    "h1": TextStyle(color=INK, font_size_pt=18, t_margin=0, b_margin=0.4),
    "h2": _HEADING.replace(font_size_pt=13),
    "h3": _HEADING.replace(font_size_pt=11),
    "p": TextStyle(t_margin=2),
    "ul": TextStyle(t_margin=1),
    "ol": TextStyle(t_margin=1),
    "li": TextStyle(l_margin=5, t_margin=1),
}
LEADING = "1.35"  # line height of paragraphs and lists, in lines of the font size
PAD = 1.6  # mm between a table cell's text and its borders
TABLE_SIZES = (10, 9, 8, 7)  # a table too wide for its words is set smaller, down to 7 pt
# No column is made wider than this share of the line for one word: a longer "word" is
# an address or a tracking link, and it breaks where it must.
LONGEST_WORD = 0.3


def _plain(inline: Token) -> None:
    """fpdf2 draws no markup inside a table cell, so a cell keeps only its text."""
    text = "".join(c.content for c in inline.children or [] if c.content)
    inline.children = [Token("text", "", 0, content=text)]


def _widest_word(pdf: FPDF, texts: list[str], style: str) -> float:
    pdf.set_font(style=style)
    widest = max(pdf.get_string_width(word) for text in texts for word in text.split() or [""])
    pdf.set_font(style="")
    return widest


def _least(pdf: FPDF, column: list[str]) -> float:
    """A column's narrowest width: its longest word (the heading's is bold) on one line."""
    widest = max(_widest_word(pdf, column[:1], "B"), _widest_word(pdf, column[1:], ""))
    return min(widest, pdf.epw * LONGEST_WORD) + 2 * PAD + 0.5  # 0.5: rounding


def table_layout(pdf: FPDF, columns: list[list[str]]) -> tuple[float, list[float]]:
    """The font size and column widths (mm) of a table whose columns are ``columns`` (each
    its heading first): the largest size at which no word breaks, and what room is left
    goes to the columns with the longest texts."""
    for size in TABLE_SIZES:
        pdf.set_font(size=size)
        least = [_least(pdf, column) for column in columns]
        if sum(least) <= pdf.epw:
            break
    wish = [min(max(pdf.get_string_width(c) for c in col), 70) + 2 * PAD for col in columns]
    wish = [max(w, low) for w, low in zip(wish, least, strict=True)]
    room, extra = pdf.epw - sum(least), sum(wish) - sum(least)
    if room <= 0 or extra <= 0:
        return size, [pdf.epw * w / sum(wish) for w in wish]
    share = min(room / extra, 1.0)
    widths = [low + (w - low) * share for w, low in zip(wish, least, strict=True)]
    return size, [w * pdf.epw / sum(widths) for w in widths]


def _shape_table(pdf: FPDF, tokens: list[Token]) -> float:
    """Plain, left-aligned, padded cells in columns sized to what they hold; the size."""
    cells = [n for n, tok in enumerate(tokens) if tok.type in ("th_open", "td_open")]
    for n in cells:
        _plain(tokens[n + 1])
        tokens[n].attrs = {"align": "left"}
    tokens[0].attrs = {"cellpadding": f"{PAD}"}
    heads = [n for n in cells if tokens[n].type == "th_open"]
    columns = [[tokens[n + 1].content for n in cells[c :: len(heads)]] for c in range(len(heads))]
    size, widths = table_layout(pdf, columns)
    for n, width in zip(heads, widths, strict=True):
        tokens[n].attrs["width"] = f"{100 * width / pdf.epw:.2f}%"
    return size


def _blocks(tokens: list[Token]) -> list[list[Token]]:
    """The tokens cut into tables and runs of everything else: each table has its own size."""
    out: list[list[Token]] = [[]]
    for tok in tokens:
        if tok.type == "table_open":
            out.append([])
        out[-1].append(tok)
        if tok.type == "table_close":
            out.append([])
    return [block for block in out if block]


def _write(pdf: FPDF, markdown: str) -> None:
    """Markdown drawn at the cursor: paragraphs and lists with room between the lines."""
    for block in _blocks(_MARKDOWN.parse(markdown)):
        size = 10.0
        if block[0].type == "table_open":
            size = _shape_table(pdf, block)
        for tok in block:
            if tok.type in ("paragraph_open", "bullet_list_open", "ordered_list_open"):
                tok.attrs["line-height"] = LEADING
        pdf.set_font("DejaVu", size=size)
        pdf.write_html(
            _MARKDOWN.renderer.render(block, _MARKDOWN.options, {}),
            font_family="DejaVu",
            tag_styles=_TAG_STYLES,
            li_prefix_color=INK,
            table_line_separators=True,
        )
        if block[0].type == "table_open":
            pdf.ln(3)  # two tables in a row stay apart
    pdf.set_font("DejaVu", size=10)


def _lead(section: str) -> str:
    """A section's heading with the start of what follows it (two blocks, a table's head
    and first row): what must not be left alone at the foot of a page."""
    first, *rest = section.split("\n")
    blocks = [block.split("\n")[:3] for block in "\n".join(rest).strip().split("\n\n")]
    return "\n\n".join(["\n".join(b) for b in [[first], *blocks[:2]]])


def _height(scratch: FPDF, markdown: str) -> float:
    """How tall ``markdown`` is drawn, measured on a page of its own."""
    scratch.add_page()
    top = scratch.get_y()
    _write(scratch, markdown)
    return scratch.get_y() - top


def _images(pdf: FPDF, charts: Sequence[alt.Chart]) -> None:
    """Charts side by side, up to three to a row; a row that does not fit starts a page."""
    per_row = 3 if len(charts) % 3 == 0 else 2
    width = (pdf.epw - 6 * (per_row - 1)) / per_row
    for first in range(0, len(charts), per_row):
        pngs = [chart_png(chart) for chart in charts[first : first + per_row]]
        sizes = [Image.open(io.BytesIO(png)).size for png in pngs]
        height = max(width * h / w for w, h in sizes)
        if pdf.get_y() + height > pdf.page_break_trigger:
            pdf.add_page()
        top = pdf.get_y() + 2
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


def to_pdf(markdown: str, title: str, charts: Figures | None = None) -> bytes:
    """The document as PDF bytes: the same bytes every time for the same content."""
    charts = charts or {}
    pdf, scratch = _Pdf(title), _Pdf(title)
    pdf.add_page()
    pieces = sections(markdown)
    pieces[0] += _missing_note(markdown)
    for piece in pieces:
        if heading(piece) and pdf.get_y() + _height(scratch, _lead(piece)) > pdf.page_break_trigger:
            pdf.add_page()  # a heading stays with what follows it
        _write(pdf, piece)
        _images(pdf, charts.get(heading(piece), []))
    return bytes(pdf.output())
