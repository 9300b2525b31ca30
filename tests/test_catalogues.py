"""Every language's catalogue is complete, correct and up to date with the code.

These fail until the translators have filled the catalogues (`-m "not catalogues"` leaves
them out while working on something else); CI runs them.
"""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from workshop import i18n

pytestmark = pytest.mark.catalogues

ROOT = Path(__file__).resolve().parent.parent
POT = i18n.LOCALE_DIR / "messages.pot"
LANGUAGES = [code for code in i18n.LANGUAGES if code != i18n.SOURCE]
# The same keywords as `make catalogues`: t(text), tn(singular, plural), tp(context, text),
# N_(text), Nn_(s, p), Np_(context, text).
KEYWORDS = {"t": None, "tn": (1, 2), "tp": ((1, "c"), 2), "N_": None, "Nn_": (1, 2),
            "Np_": ((1, "c"), 2)}
SOURCES = [("workshop", "**.py"), ("pages", "**.py"), (".", "app.py")]


# An entry is its context (None for most) and its English text: "Record" the button and
# "Record" the kind of a CSV row are two entries.
Key = tuple[str | None, str]


def extracted() -> set[Key]:
    """Every entry in the code, extracted as `make catalogues` does."""
    found: set[Key] = set()
    for folder, pattern in SOURCES:
        method = [(pattern if folder != "." else "app.py", "workshop.catalogue:extract")]
        for *_, message, _comments, context in extract_from_dir(
            ROOT / folder, method_map=method, keywords=KEYWORDS
        ):
            found.add((context, message[0] if isinstance(message, tuple) else message))
    return found


def catalogue(code: str) -> Catalog:
    with i18n.catalogue_path(code).open("rb") as po:
        return read_po(po, locale=code)


def template() -> Catalog:
    with POT.open("rb") as pot:
        return read_po(pot)


def ids(catalog: Catalog) -> set[Key]:
    return {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in catalog if m.id}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_the_template_holds_every_text_of_the_code():
    in_code, in_template = extracted(), ids(template())
    assert not in_code - in_template, "run `make catalogues`: texts missing from the .pot"
    assert not in_template - in_code, "run `make catalogues`: the .pot holds texts no longer used"


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_text_is_in_the_catalogue(code):
    missing = extracted() - ids(catalogue(code))
    assert not missing, f"{len(missing)} texts missing from {code}, e.g. {sorted(missing)[:5]}"


def forms(message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def open_entries(catalog: Catalog) -> list:
    """Entries a translator still has to write or check."""
    return [(m.context, m.id) for m in catalog if m.id and (m.fuzzy or not all(forms(m)))]


def placeholder_problems(catalog: Catalog) -> list:
    """Translations whose {placeholders} are not the English ones."""
    wrong = []
    for m in catalog:
        if not m.id:
            continue
        sources = m.id if isinstance(m.id, tuple) else (m.id,)
        wanted = set().union(*(placeholders(s) for s in sources))
        wrong += [
            ((m.context, m.id), text) for text in forms(m) if text and placeholders(text) != wanted
        ]
    return wrong


def short_plurals(catalog: Catalog) -> list:
    """Counted sentences without every form the language's plural rule asks for."""
    return [
        (m.context, m.id) for m in catalog
        if isinstance(m.id, tuple) and (len(forms(m)) != catalog.num_plurals or not all(forms(m)))
    ]


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_entry_is_translated_and_none_is_fuzzy(code):
    left = open_entries(catalogue(code))
    assert not left, f"{len(left)} entries of {code} untranslated or fuzzy, e.g. {left[:5]}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_translations_keep_the_placeholders(code):
    wrong = placeholder_problems(catalogue(code))
    assert not wrong, f"{code}: placeholders differ from the English: {wrong[:5]}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_counted_sentences_have_every_plural_form(code):
    catalog = catalogue(code)
    assert catalog.num_plurals == {"pl": 3, "id": 1}.get(code, 2)  # Plural-Forms from Babel
    short = short_plurals(catalog)
    assert not short, f"{code}: counted sentences missing plural forms: {short[:5]}"


def test_the_checks_find_what_a_translator_can_get_wrong():
    catalog = Catalog(locale="pl")
    catalog.add("Board", "Tablica")
    catalog.add("{field} is missing.", "Brakuje pola.")  # placeholder dropped
    catalog.add("Summary", "")  # untranslated
    catalog.add("Phase", "Faza", flags=["fuzzy"])
    catalog.add(("{n} card", "{n} cards"), ("{n} karta", "{n} karty"))  # third form missing
    catalog.add(("{n} dot", "{n} dots"), ("{n} kropka", "{n} kropki", "{x} kropek"))
    # The same English in a context is an entry of its own, checked the same way.
    catalog.add("Record", "Zapisz")
    catalog.add("Record", "", context="kind of row")
    catalog.add("{name}'s group", "Grupa", context="a group of cards")  # placeholder dropped
    assert set(open_entries(catalog)) == {
        (None, "Summary"), (None, "Phase"), ("kind of row", "Record"),
    }
    assert {key for key, _ in placeholder_problems(catalog)} == {
        (None, "{field} is missing."), (None, ("{n} dot", "{n} dots")),
        ("a group of cards", "{name}'s group"),
    }
    assert short_plurals(catalog) == [(None, ("{n} card", "{n} cards"))]


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_catalogue_follows_the_template(code):
    """A catalogue `make catalogues` did not update holds old texts or lacks new ones."""
    assert ids(catalogue(code)) == ids(template())


def test_placeholder_reader_sees_names_only():
    # The check above reads {n} and {field} alike, and ignores doubled braces.
    assert placeholders("{n} dots for {field}, {{literal}}") == {"n", "field"}
    assert placeholders("No placeholder") == set()


def test_texts_inside_f_strings_reach_the_catalogue():
    import io

    from babel.messages.extract import extract

    source = b"x = f\"**{t('Phase')}:** {tn('{n} dot', '{n} dots', k)}\"\ny = t(name)\n"
    found = [m for _, m, _, _ in extract(
        "workshop.catalogue:extract", io.BytesIO(source), keywords=KEYWORDS
    )]
    assert found == ["Phase", ("{n} dot", "{n} dots")]  # t(name) has no text to translate


def test_texts_with_a_context_reach_the_catalogue_as_entries_of_their_own():
    import io

    from babel.messages.extract import extract

    source = b"a = t('Record')\nb = tp('kind of row', 'Record')\nc = Np_('x', 'Group')\n"
    found = [(context, m) for _, m, _, context in extract(
        "workshop.catalogue:extract", io.BytesIO(source), keywords=KEYWORDS
    )]
    assert found == [(None, "Record"), ("kind of row", "Record"), ("x", "Group")]
    assert ("kind of row", "Record") in ids(template())
