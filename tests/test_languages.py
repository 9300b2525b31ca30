"""Each person reads the app in their own language; a workshop writes in its own."""

from __future__ import annotations

import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

from tests.support import SPRING, app, catalogue_with, make_room, team_app
from workshop import campaigns, cards, exports, i18n, teams, workshops
from workshop.errors import InvalidInput, NotAllowed
from workshop.ui.language import from_browser


def test_a_language_is_found_from_its_regional_variants():
    assert i18n.supported("da-DK") == "da"
    assert i18n.supported("sv_SE") == "sv"
    assert i18n.supported("TR") == "tr"
    assert i18n.supported("de-DE") is None
    assert i18n.supported("") is None


def test_the_browser_language_is_its_first_one_this_app_has():
    assert from_browser(None, "de-DE,de;q=0.9,pl;q=0.8,en;q=0.5") == "pl"
    assert from_browser("id-ID", "en-US") == "id"
    assert from_browser(None, "de-DE, fr;q=0.5") is None
    assert from_browser(None, "da;q=0, sv") == "sv"  # q=0 means "not this one"


def test_the_server_default_is_workshop_lang_when_it_names_a_language(monkeypatch):
    monkeypatch.setenv("WORKSHOP_LANG", "sv")
    assert i18n.server_default() == "sv"
    assert i18n.language() == "sv"
    monkeypatch.setenv("WORKSHOP_LANG", "klingon")
    assert i18n.server_default() == "en"


def test_using_a_language_ends_with_the_block():
    with i18n.using("pl"):
        assert i18n.language() == "pl"
        with i18n.using("tr"):
            assert i18n.language() == "tr"
        assert i18n.language() == "pl"
    assert i18n.language() == i18n.server_default()


def test_a_missing_translation_falls_back_to_english():
    with i18n.using("da"):
        assert i18n.t("No text of the catalogue {x}", x=1) == "No text of the catalogue 1"


@pytest.fixture
def polish():
    """Polish with a few texts filled in (the real catalogue is the translators')."""
    i18n.add_catalogue(
        "pl",
        catalogue_with(
            "pl",
            {
                ("{n} card", "{n} cards"): ("{n} karta", "{n} karty", "{n} kart"),
                "Stop": "Przestań",
                "Continue": "Kontynuuj",
            },
        ),
    )
    yield "pl"
    i18n.remove_catalogue("pl")


def test_polish_counts_with_three_forms(polish):
    with i18n.using(polish):
        shown = [i18n.tn("{n} card", "{n} cards", n) for n in (1, 2, 4, 5, 12, 22, 25, 101)]
    assert shown == [
        "1 karta", "2 karty", "4 karty", "5 kart", "12 kart", "22 karty", "25 kart", "101 kart",
    ]


def test_a_workshop_is_written_in_its_facilitators_language(db):
    team = teams.create_team(db, "Brand")
    with i18n.using("tr"):
        made, _ = workshops.create_workshop(
            db, team_id=team.id, quarter="2026-Q3", exercise="sscc", title="Plan"
        )
    assert made.language == "tr"
    other, _ = workshops.create_workshop(
        db, team_id=team.id, quarter="2026-Q3", exercise="sscc", title="Rencana", language="id"
    )
    assert other.language == "id"
    # What the server loads the theme dictionaries for when it starts
    assert workshops.languages(db) == {"tr", "id"}


def test_a_workshop_language_can_change_but_only_to_one_the_app_has(db):
    room = make_room(db)
    assert workshops.set_language(db, room.workshop.id, room.secret, "sv-SE").language == "sv"
    with pytest.raises(InvalidInput):
        workshops.set_language(db, room.workshop.id, room.secret, "de")
    with pytest.raises(NotAllowed):
        workshops.set_language(db, room.workshop.id, "wrong secret", "pl")
    assert workshops.get_workshop(db, room.workshop.id).language == "sv"


def test_exports_follow_the_workshop_not_the_person(db, polish):
    room = make_room(db)
    workshops.set_language(db, room.workshop.id, room.secret, "pl")
    cards.add_card(db, room.anna.token, "stop", "Print flyers")
    with i18n.using("en"):
        text = exports.export(db, room.workshop.id, "md").decode()
        assert i18n.language() == "en"  # the person's language again afterwards
    assert "Przestań" in text and "Kontynuuj" in text
    assert "## Stop" not in text


@pytest.fixture
def danish():
    i18n.add_catalogue(
        "da", catalogue_with("da", {"Language": "Sprog", "Workshop code": "Workshopkode"})
    )
    yield "da"
    i18n.remove_catalogue("da")


def _switch(at) -> str:
    return at.selectbox(key="wk_lang_switch").label


def test_lang_in_the_address_opens_the_app_in_that_language(db, danish):
    at = app(lang="da")
    assert _switch(at) == "Sprog"
    assert at.selectbox(key="wk_lang_switch").value == "da"


def test_without_a_choice_the_server_default_applies(db, danish, monkeypatch):
    monkeypatch.setenv("WORKSHOP_LANG", "da")
    assert _switch(app()) == "Sprog"
    monkeypatch.setenv("WORKSHOP_LANG", "en")
    assert _switch(app()) == "Language"


def test_the_switch_changes_the_language_and_keeps_it(db, danish):
    at = app()
    assert _switch(at) == "Language"
    assert at.text_input(key="join-code-input").label == "Workshop code"
    at.selectbox(key="wk_lang_switch").set_value("da").run()
    assert at.session_state["wk_lang"] == "da"
    assert at.text_input(key="join-code-input").label == "Workshopkode"
    at.run()  # the next run keeps it
    assert at.text_input(key="join-code-input").label == "Workshopkode"


def test_the_switch_wins_over_an_older_address_choice(db, danish):
    at = app(lang="sv")
    at.selectbox(key="wk_lang_switch").set_value("da").run()
    assert at.query_params["lang"] in ("da", ["da"])
    assert at.text_input(key="join-code-input").label == "Workshopkode"


def test_the_html_export_names_the_workshops_language(db):
    room = make_room(db)
    workshops.set_language(db, room.workshop.id, room.secret, "tr")
    page = exports.export(db, room.workshop.id, "html").decode()
    assert '<html lang="tr">' in page
    assert 'lang="en"' not in page


def test_the_setup_form_sets_the_workshops_language_apart_from_the_readers(db):
    at = app(lang="sv")
    assert at.selectbox(key="setup-language").value == "sv"  # the facilitator's, at first
    at.text_input(key="setup-team-name").input("Growth team")
    at.text_input(key="setup-title-sscc").input("Q4 offsite")
    at.selectbox(key="setup-language").set_value("pl")
    at.button(key="setup-submit").click().run()
    assert not at.exception
    [made] = workshops.list_workshops(db)
    assert made.language == "pl"
    assert at.button(key="setup-submit").label == "Skapa workshop"  # the reader's stays


def test_tables_write_numbers_as_the_readers_language_does(db, monkeypatch):
    monkeypatch.setenv("WORKSHOP_LANG", "da")  # a page opened on its own reads this
    team = teams.create_team(db, "Brand & Social")
    campaigns.create_campaign(db, team.id, SPRING | {"budget_planned": 1234.5})
    campaigns.create_campaign(db, team.id, {"name": "Draft test", "kind": "test"})
    at = team_app(db, "pages/campaigns.py", team.id)
    (listed,) = at.dataframe
    styled = listed.proto.arrow_data.styler.display_values
    shown_values = convert_arrow_bytes_to_pandas_df(styled).to_numpy().ravel().tolist()
    assert "1.234,5" in shown_values
    assert "1,234.5" not in shown_values
    assert not {"None", "nan", "NaN"} & set(shown_values)  # a draft's empty dates stay empty
    # The numbers underneath stay numbers: a column sorts by them.
    assert 1234.5 in listed.value.to_numpy().ravel().tolist()
