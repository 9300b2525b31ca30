"""Every page and export under a pseudo-language built from the template: any English
word left on screen or in a file is a text that bypassed t() / tn() (or a data text not
marked with N_), and would stay English in every language."""

from __future__ import annotations

import io
import re

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from streamlit.testing.v1 import AppTest

from tests.support import APP, TIMEOUT, catalogue_with, make_room, read
from workshop import exercises, exports, i18n, teams, workshops

pytestmark = pytest.mark.catalogues

PSEUDO = "xx"
OPEN, CLOSE = "⟦", "⟧"
_ACCENTS = str.maketrans("aceinosuyACEINOSUY", "áçéîñöšûýÁÇÉÎÑÖŠÛÝ")
_PLACEHOLDER = re.compile(r"(\{[^{}]*\})")
# Names that stay as they are in every language: formats, products, the method's acronyms.
KEPT = {
    "PDF", "CSV", "HTML", "JSON", "Markdown", "Excel", "KPI", "KPIs", "SMART", "Confluence",
    "Notion", "Slack", "GitHub", "Poedit", "QR", "URL", "UTF", "BOM", "ROAS", "CPC", "CTR",
    "English", "Dansk", "Svenska", "Polski", "Türkçe", "Bahasa", "Indonesia",
    "ABCD", "EFGH",  # what a join code looks like
    # platforms and their products
    "Facebook", "Google", "Instagram", "LinkedIn", "Pinterest", "TikTok", "YouTube", "SEO",
    "Threads", "Snapchat", "Meta", "Ads", "Search", "Shopping",
}


def pseudo(text: str) -> str:
    """Accented and bracketed, placeholders kept: "⟦Áðð {n} çárðš⟧"."""
    parts = _PLACEHOLDER.split(text)
    return OPEN + "".join(p if _PLACEHOLDER.fullmatch(p) else p.translate(_ACCENTS)
                          for p in parts) + CLOSE


def pseudo_catalogue() -> Catalog:
    with (i18n.LOCALE_DIR / "messages.pot").open("rb") as pot:
        template = read_po(pot)
    catalog = Catalog(locale="en")  # English plural rule: two forms
    for m in template:
        if m.id:
            string = tuple(pseudo(s) for s in m.id) if isinstance(m.id, tuple) else pseudo(m.id)
            catalog.add(m.id, string, context=m.context)
    return catalog


@pytest.fixture(scope="module")
def pseudo_language():
    from workshop.ui import language

    i18n.read_session_language_with(language.session_choice)
    po = io.BytesIO()
    write_po(po, pseudo_catalogue())
    po.seek(0)
    i18n.add_catalogue(PSEUDO, i18n.compiled(po))
    yield PSEUDO
    i18n.remove_catalogue(PSEUDO)


def english_left(text: str, data: set[str]) -> set[str]:
    """Words of three letters or more outside the pseudo-language's brackets that are
    neither data typed by people nor names kept in every language."""
    outside = re.sub(f"{OPEN}.*?{CLOSE}", " ", text, flags=re.S)
    words = set(re.findall(r"[A-Za-z]{3,}", outside))
    return {w for w in words if w not in KEPT and w.casefold() not in data}


def data_words(db) -> set[str]:
    """Every word people typed or the demo brought, and the join codes: these stay as
    written."""
    found: set[str] = set()
    for (code,) in db.execute("SELECT code FROM workshops").fetchall():
        # A random code shows as "CWE7-QUR2" or "CWE7QUR2": its halves and the runs of
        # letters of either ("2WSW-K7AB" shows the run WSW, the whole code only WSWK).
        halves = (code[:4], code[4:])
        found |= {part.casefold() for part in halves}
        found |= {run.casefold() for text in (code, *halves)
                  for run in re.findall(r"[A-Za-z]{3,}", text)}
    for table in db.table_names():
        for row in db[table].rows:
            for value in row.values():
                if isinstance(value, str):
                    found |= {w.casefold() for w in re.findall(r"[A-Za-z]{3,}", value)}
    return found


def visible(at: AppTest) -> str:
    """The text a person sees on the page: every element's words, labels, options,
    placeholders and help."""
    parts: list[str] = []

    def walk(node) -> None:
        for attr in ("label", "placeholder", "help"):
            value = getattr(node, attr, None)
            if isinstance(value, str):
                parts.append(value)
        value = getattr(node, "value", None) if _has_text_value(node) else None
        if isinstance(value, str):
            parts.append(read(value))
        options = getattr(node, "options", None)
        if isinstance(options, list):
            parts.extend(str(o) for o in options)
        proto = getattr(node, "proto", None)
        if type(node).__name__ == "Html" and proto is not None:
            parts.append(proto.body)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return _without_markup("\n".join(parts))


def _without_markup(text: str) -> str:
    """What a reader sees: no style sheet, tags, addresses, icon names or colour marks."""
    text = re.sub(r"<style.*?</style>|<script.*?</script>", " ", text, flags=re.S)
    text = re.sub(r"https?://\S+|:material/\w+:|:[a-z]+(-background)?\[", " ", text)
    return re.sub(r"<[^>]+>|&\w+;", " ", text)


def _has_text_value(node) -> bool:
    return type(node).__name__ in {
        "Markdown", "Caption", "Title", "Header", "Subheader", "Text", "Info", "Success",
        "Warning", "Error", "Toast", "Code", "Latex",
    }


def opened(page: str = "", **params) -> AppTest:
    """A page in the pseudo-language. The entry point sets the language on each run in a
    browser; a page that a test opens on its own finds it in the session, as a fragment's
    rerun does."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    at.session_state["wk_lang_now"] = PSEUDO
    if page:
        at.switch_page(page)
    return at.run()


def pages(db) -> list[tuple[str, AppTest]]:
    """Every page, in the states people meet, opened in the pseudo-language."""
    room = make_room(db)
    db.execute("UPDATE workshops SET language = ? WHERE id = ?", [PSEUDO, room.workshop.id])
    code = room.workshop.code
    team_id = room.workshop.team_id
    key = teams.new_team_key(db, team_id)
    shown = [
        ("start", opened(lang=PSEUDO)),
        ("join", opened("pages/board.py", code=code)),
        ("board, writing", opened("pages/board.py", code=code, me=room.anna.token)),
        ("board, facilitator", opened("pages/board.py", code=code, key=room.secret)),
    ]
    room.phase("vote")
    shown.append(("board, voting", opened("pages/board.py", code=code, me=room.ben.token)))
    room.phase("discuss")
    shown.append(("board, discussing", opened("pages/board.py", code=code, key=room.secret)))
    shown.append(("summary", opened("pages/summary.py", code=code)))
    for page in ("team", "campaigns", "channels", "compare"):
        shown.append((page, opened(f"pages/{page}.py", team=str(team_id), access=key)))
    shown.append(("import", opened("pages/import_cards.py", code=code, key=room.secret)))
    return shown


def test_the_pseudo_language_translates_through_the_catalogue(pseudo_language):
    with i18n.using(pseudo_language):
        assert i18n.t("Board") == "⟦Böárd⟧"
        assert i18n.tn("{n} card", "{n} cards", 2) == "⟦2 çárdš⟧"
        assert english_left(i18n.t("Board") + " Brand", {"brand"}) == set()
        assert english_left("Board", set()) == {"Board"}


def test_no_page_shows_english_that_bypassed_the_catalogue(db, pseudo_language):
    left = {}
    for name, at in pages(db):
        assert not at.exception, (name, at.exception)
        data = data_words(db)
        found = english_left(visible(at), data)
        if found:
            left[name] = sorted(found)
    assert not left, f"English words outside the catalogue, by page: {left}"


@pytest.mark.parametrize("fmt", ["md", "html", "excel.csv"])
def test_no_export_holds_english_that_bypassed_the_catalogue(db, pseudo_language, fmt):
    room = make_room(db)
    room.phase("discuss")
    db.execute("UPDATE workshops SET language = ? WHERE id = ?", [PSEUDO, room.workshop.id])
    text = exports.export(db, room.workshop.id, fmt).decode("utf-8-sig")
    if fmt == "html":
        text = _without_markup(text)
    found = english_left(text, data_words(db))
    assert not found, f"{fmt}: English words outside the catalogue: {sorted(found)}"


def test_a_workshop_in_another_language_reads_its_column_titles_from_the_catalogue(db):
    i18n.add_catalogue("sv", catalogue_with("sv", {"Stop": "Sluta"}))
    try:
        room = make_room(db)
        workshops.set_language(db, room.workshop.id, room.secret, "sv")
        with i18n.using("sv"):
            assert i18n.t(exercises.SSCC.column("stop").title) == "Sluta"
    finally:
        i18n.remove_catalogue("sv")
