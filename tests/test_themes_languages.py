"""Recurring themes in each of the app's languages: inflected forms, suffixes and
compounds meet; cards about different things do not."""

from __future__ import annotations

import pytest

from workshop import cards, lemmas, participants, teams, themes, workshops

MUST_MATCH = {
    "da": [
        # a compound meets its parts; "kunder" and "kunderne" are one word
        ("Nyhedsbrevet sendes til alle kunder", "Send et brev med nyheder til kunderne"),
        ("Kampagnerne på Instagram giver ingen salg", "Kampagne på Instagram uden salg"),
        ("Vi har stadig ikke stoppet de trykte tryksager",
         "Stop tryksagerne, de trykkes for dyrt"),
    ],
    "sv": [
        ("Kundresan på webben är för lång", "Resan för kunden på webben tar för lång tid"),
        ("Sluta med nyhetsbrevet varje vecka", "Nyhetsbreven varje vecka läses inte"),
        ("Annonserna på Facebook kostar för mycket",
         "Vi betalar för mycket för annonser på Facebook"),
    ],
    "pl": [
        ("Przestańmy drukować ulotki", "Drukowanie ulotek nic nie daje"),
        ("Kampanie na Facebooku bez budżetu", "Brak budżetu na kampanii na Facebooku"),
        ("Współpraca z influencerami na Instagramie",
         "Influencerzy na Instagramie: lepsza współpraca"),
    ],
    "tr": [
        ("Instagram'daki reklamlarımızı durduralım", "Instagram reklamları para kaybettiriyor"),
        ("İNDİRİM KAMPANYASI çok uzun sürdü", "İndirim kampanyaları uzun sürüyor"),
        ("Bültenlerimizi kimse okumuyor", "Bülteni okuyan kimse yok"),
    ],
    "id": [
        ("Hentikan iklan cetak di koran", "Berhenti mengiklankan di koran cetak"),
        ("Kampanye influencer tanpa target yang jelas", "Target untuk kampanye influencer"),
        ("Pelanggan mengeluh di Twitter", "Keluhan pelanggan lewat Twitter"),
    ],
}

MUST_NOT_MATCH = {
    "da": [
        ("Flere videoer på TikTok", "Færre opslag på LinkedIn"),
        ("Nyhedsbrevet hver uge", "Kundeservice på chat"),
    ],
    "sv": [
        ("Fler filmer på TikTok", "Färre inlägg på LinkedIn"),
        ("Sluta med nyhetsbrevet", "Börja med kundtjänst i chatten"),
    ],
    "pl": [
        ("Więcej filmów na TikToku", "Mniej postów na LinkedInie"),
        ("Przestańmy drukować ulotki", "Zacznijmy wysyłać newsletter"),
    ],
    "tr": [
        ("Daha fazla TikTok videosu", "LinkedIn'de daha az gönderi"),
        # dotless ı and dotted i are different letters: "ışık" (light) is not "işik"
        ("Işık kampanyası", "İşik kampanyası"),
    ],
    "id": [
        ("Lebih banyak video TikTok", "Kurangi postingan LinkedIn"),
        ("Hentikan iklan cetak", "Mulai kirim buletin"),
    ],
}


def _pairs(table):
    return [(lang, a, b) for lang, pairs in table.items() for a, b in pairs]


@pytest.mark.parametrize(("lang", "a", "b"), _pairs(MUST_MATCH))
def test_cards_that_say_the_same_thing_match_in_their_language(lang, a, b):
    found = themes.match(a, b, language=lang)
    assert found is not None, (a, b, themes.words(a, lang), themes.words(b, lang))
    # The reason names words each card holds, as written there.
    for shown in found.shared:
        written = shown.split(" (")[-1].rstrip(")")
        assert written.casefold() in a.casefold() or written.casefold() in b.casefold()


@pytest.mark.parametrize(("lang", "a", "b"), _pairs(MUST_NOT_MATCH))
def test_cards_about_different_things_do_not_match(lang, a, b):
    assert themes.match(a, b, language=lang) is None


def test_a_compound_counts_as_its_parts_and_says_so():
    found = themes.match("Stop nyhedsbrevet i juli", "Brev med nyheder i juli", language="da")
    assert found is not None
    assert "brev (nyhedsbrevet)" in found.shared and "nyhed (nyhedsbrevet)" in found.shared
    assert "shared words" in found.explain() and "nyhedsbrevet" in found.explain()


def test_inflected_forms_share_one_dictionary_form():
    assert set(lemmas.words("kampanii kampaniami kampanie", "pl")) == {"kampania"}
    assert set(lemmas.words("reklamlarımızı reklamları reklam", "tr")) == {"reklam"}
    assert set(lemmas.words("annonserna annonser", "sv")) == {"annons"}
    assert set(lemmas.words("mengiklankan periklanan iklan", "id")) == {"iklan"}


def test_turkish_capitals_lower_the_turkish_way():
    assert lemmas.lower("İSTANBUL", "tr") == "istanbul"
    assert lemmas.lower("IŞIK", "tr") == "ışık"
    assert lemmas.lower("INSTAGRAM", "en") == "instagram"


def test_stop_words_are_dropped_in_each_language():
    assert set(lemmas.words("og det er ikke", "da")) == set()
    assert set(lemmas.words("och det är inte", "sv")) == set()
    assert set(lemmas.words("i to nie jest", "pl")) == set()
    assert set(lemmas.words("ve bu değil", "tr")) == set()
    assert set(lemmas.words("dan ini tidak", "id")) == set()


def test_a_card_is_in_the_workshops_language_unless_it_says_otherwise():
    assert lemmas.language_of("Nyhedsbrev", "da") == "da"  # too short to tell: the workshop's
    assert lemmas.language_of("Vi måste sluta med det här nyhetsbrevet", "da") == "sv"
    assert lemmas.language_of("We should stop the newsletter and the flyers", "pl") == "en"
    assert lemmas.language_of("Przestańmy drukować ulotki", "pl") == "pl"


def test_a_card_in_another_language_is_matched_in_that_language():
    # A Swedish card in a Danish workshop: its words are taken as Swedish.
    found = themes.match(
        "Vi måste sluta med annonserna i tidningen", "Annonserna i tidningen måste vi sluta med",
        language="da",
    )
    assert found is not None and "annonserna" in found.shared


def test_a_card_too_short_to_tell_stays_in_the_workshops_language():
    # "i" and "nu" are Danish as well as Swedish: nothing says this card is not Danish.
    assert lemmas.language_of("Annonser i tidningen: sluta nu", "da") == "da"


def _polish_quarter(db, team_id: int, quarter: str, text: str) -> None:
    workshop, secret = workshops.create_workshop(
        db, team_id=team_id, quarter=quarter, exercise="sscc", title="Plan", language="pl"
    )
    ola = participants.join(db, workshop.id, "Ola")
    cards.add_card(db, ola.token, "stop", text)
    workshops.set_phase(db, workshop.id, secret, "reveal")


def test_a_teams_theme_is_found_across_quarters_in_the_workshops_language(db):
    team = teams.create_team(db, "Marketing")
    _polish_quarter(db, team.id, "2026-Q1", "Przestańmy drukować ulotki")
    _polish_quarter(db, team.id, "2026-Q2", "Drukowanie ulotek nic nie daje")
    _polish_quarter(db, team.id, "2026-Q3", "Więcej filmów na TikToku")
    found = themes.team_cards(db, team.id, ["2026-Q1", "2026-Q2", "2026-Q3"])
    assert {c.language for c in found} == {"pl"}
    [theme] = themes.find(found, {})
    assert theme.quarters == ["2026-Q1", "2026-Q2"]
    [link] = theme.links
    assert link.why is not None and link.why.shared == {"drukować", "ulotki"}
