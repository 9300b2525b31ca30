"""User text is shown as typed on every screen: in titles, captions, labels, buttons,
messages and error boxes no typed text becomes a link, image, heading or HTML; and
text with nothing visible in it is refused."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

import pytest
from markdown_it import MarkdownIt

from tests.support import (
    app,
    canvas_in_discuss,
    channel,
    closed_with_actions,
    new_workshop,
    read,
    team_app,
)
from workshop import (
    audit,
    campaigns,
    canvas,
    cards,
    groups,
    participants,
    teams,
    validate,
    workshops,
)
from workshop.errors import InvalidInput
from workshop.safe_text import label, literal

# At most 60 characters, so it fits every field: a name, a title, a platform.
HOSTILE = "# ![i](//e.x/i.png) [go](//e.x) <b>b</b> www.e.x a@e.x"
# The Markdown Streamlit draws (CommonMark and GitHub's tables and strikethrough).
_MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])
# GitHub-flavoured Markdown also makes links of bare addresses, looking for them in the
# text once escapes are undone (as its autolink-literal extension does).
_AUTOLINK = re.compile(r"(?i)(https?://|www\.|[-.\w+]@[-\w])")
# Elements Streamlit never reads as Markdown: their text is always literal.
_PLAIN = {"text", "code", "html", "dataframe", "bidi_component", "json"}
INVISIBLE = ["\u200b", "\u2060", "\ufeff", "\u200e", "\u202e", "\u200b\u2060 \ufeff\u200e\u202e",
             "\u3164", "\u2800"]


def markdown_strings(at) -> list[str]:
    """Every text of the page that Streamlit renders as Markdown: bodies of markdown,
    captions, titles, alerts and toasts, and labels of buttons, links, expanders,
    widgets and metrics, in the main area, the sidebar and the toasts."""
    found: list[str] = []

    def strings(message) -> None:
        for field, value in message.ListFields():
            if field.type == field.TYPE_MESSAGE:
                for part in value if isinstance(value, Sequence) else [value]:
                    strings(part)
            elif field.name in ("body", "label") and isinstance(value, str):
                found.append(value)

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and getattr(node, "type", None) not in _PLAIN:
            strings(proto)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return found


def rendered_text(markdown: str) -> str:
    """What a reader sees of ``markdown``: the rendered HTML without its tags and
    without invisible word joiners."""
    made = html.unescape(re.sub(r"<[^>]+>", "", _MARKDOWN.render(markdown)))
    return made.replace("\u2060", "")


def links_bare_address(markdown: str) -> bool:
    """Whether GitHub-flavoured Markdown would make a link of a bare address in it."""
    seen = html.unescape(re.sub(r"<[^>]+>", "", _MARKDOWN.render(markdown)))
    return bool(_AUTOLINK.search(seen))


def assert_shown_as_typed(at, typed: str = HOSTILE) -> None:
    """``typed`` is on the page, as typed, and nothing on the page became a link,
    image or HTML; where it is shown, every character of it is shown."""
    assert not at.exception
    texts = markdown_strings(at)
    carrying = [s for s in texts if typed in read(s)]
    assert carrying, f"{typed!r} is not on the page"
    for text in texts:
        made = _MARKDOWN.render(text)
        assert "<a " not in made and "<img" not in made and "<b>" not in made, text
    for text in carrying:
        assert typed in rendered_text(text), text  # no "#", "!", "[" or "<" was swallowed
        assert not links_bare_address(text), text  # no bare address left to link


# The rule ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        HOSTILE,
        "<script>alert(1)</script>",
        "[x](javascript:alert(1))",
        "1. first\n- second\n\n---\nTitle\n===",
        ":red[red] :material/home: :smile: $x^2$ ~~gone~~ **bold** _it_ `code`",
        "&amp; &#x41; \\[ \\\\ | a | b |",
        "https://e.x/p?q=1 mail@e.x www.e.x",
    ],
)
def test_the_one_escaping_rule_keeps_every_character_and_makes_no_markup(typed):
    shown = literal(typed)
    made = _MARKDOWN.render(shown)
    for tag in ("<a ", "<img", "<h1", "<h2", "<ol", "<ul", "<hr", "<code", "<em", "<strong",
                "<del", "<table", "<script"):
        assert tag not in made
    assert rendered_text(shown).replace("\n", " ").split() == typed.replace("\n", " ").split()
    assert not links_bare_address(shown)
    assert links_bare_address(typed) == any(s in typed for s in ("www.", "://", "@"))


def test_a_label_is_one_line():
    assert label("two\nlines  here") == "two lines here"
    assert "\n" not in label(HOSTILE + "\n" + HOSTILE)


@pytest.mark.parametrize("invisible", INVISIBLE)
def test_text_with_nothing_visible_is_refused_everywhere(room, invisible):
    with pytest.raises(InvalidInput, match="invisible"):
        validate.card_text(invisible)
    with pytest.raises(InvalidInput, match="Card shows nothing"):
        cards.add_card(room.db, room.anna.token, "stop", invisible)
    with pytest.raises(InvalidInput, match="invisible"):
        participants.join(room.db, room.workshop.id, invisible)
    with pytest.raises(InvalidInput, match="invisible"):
        teams.create_team(room.db, invisible)
    with pytest.raises(InvalidInput, match="invisible"):
        campaigns.create_campaign(room.db, room.workshop.team_id, {"name": invisible})
    assert room.db.execute("SELECT COUNT(*) FROM cards").fetchone()[0] == 0


@pytest.mark.parametrize("typed", ["a\u200b", "👍🏽", "👩\u200d💻", "é", "\u05d0\u200f"])
def test_visible_text_with_format_characters_is_kept(typed):
    assert validate.card_text(typed) == typed


# On every screen ------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["pages/board.py", "pages/summary.py"])
def test_a_code_in_the_address_shows_as_typed_in_the_error_box(db, page):
    typed = "![i](//e.x/i)[g](//x)"
    at = app(page, code=typed)
    assert not at.exception
    (error,) = at.error
    made = _MARKDOWN.render(error.value)
    assert "<img" not in made and "<a " not in made
    assert typed[:20] in rendered_text(error.value)


def test_a_participant_name_and_a_workshop_title_show_as_typed(db):
    team = teams.create_team(db, "Brand")
    workshop, _ = workshops.create_workshop(
        db, team_id=team.id, quarter="2026-Q4", exercise="sscc", title=HOSTILE
    )
    anna = participants.join(db, workshop.id, HOSTILE)
    at = app("pages/board.py", code=workshop.code, me=anna.token)
    assert_shown_as_typed(at)
    assert any(HOSTILE in read(c.value) and "You are" in c.value for c in at.caption)
    assert read(at.title[0].value) == HOSTILE


def test_a_group_title_from_a_card_shows_as_typed_in_the_group_controls(room):
    first = cards.add_card(room.db, room.anna.token, "stop", HOSTILE)
    second = cards.add_card(room.db, room.ben.token, "stop", "Another stop")
    third = cards.add_card(room.db, room.ben.token, "stop", "A third stop")
    room.phase("group")
    at = app("pages/board.py", code=room.workshop.code, key=room.secret)
    at.checkbox(key=f"pick-card-{first.id}").check()
    at.checkbox(key=f"pick-card-{second.id}").check().run()
    # the title offered is a picked card's text, in a field, where nothing is Markdown
    assert at.text_input(key="title-stop").value in (HOSTILE, "Another stop")
    group = groups.merge(room.db, room.workshop.id, room.secret, [first.id, second.id], HOSTILE)
    at = app("pages/board.py", code=room.workshop.code, key=room.secret)
    at.checkbox(key=f"pick-group-{group.id}").check()
    at.checkbox(key=f"pick-card-{third.id}").check().run()
    assert_shown_as_typed(at)
    assert any(HOSTILE in read(c.value) and "Add the selected" in c.value for c in at.caption)
    split = at.button(key=f"split-group-{group.id}")
    assert read(split.label) == f"Split “{HOSTILE[:40]}”"


def test_a_platform_on_the_canvas_shows_as_typed(db):
    team = teams.create_team(db, "Brand")

    workshop, secret, card = canvas_in_discuss(db, team.id, HOSTILE)
    canvas.add_channel(db, workshop.id, secret, channel(platform=HOSTILE, goal="", kpi_metric=""),
                       card_id=card.id)
    at = app("pages/board.py", code=workshop.code, key=secret)
    assert_shown_as_typed(at)
    at.session_state["plan-edit-open"] = True  # the channel form is built once opened
    at.run()
    remove = next(b for b in at.button if b.key.startswith("plan-remove-"))
    assert read(remove.label) == f"Remove “{HOSTILE}” from the canvas"
    assert any(HOSTILE in read(w.value) for w in at.warning)  # "no measurable KPI"


def test_a_campaign_shows_as_typed_on_its_page_and_its_retrospective(db):
    team = teams.create_team(db, "Brand")
    made = campaigns.create_campaign(db, team.id, {
        "name": HOSTILE, "goal": HOSTILE, "hypothesis": HOSTILE, "kpi_metric": HOSTILE,
        "kpi_target": 10,
    })
    at = team_app(db, "pages/campaigns.py", team.id)
    assert_shown_as_typed(at)
    assert any(read(e.label) == f"Edit “{HOSTILE}”" for e in at.expander)
    retro, _ = workshops.create_workshop(
        db, team_id=team.id, quarter="2026-Q2", exercise="hml", title="Retro", campaign_id=made.id
    )
    anna = participants.join(db, retro.id, "Anna")
    at = app("pages/board.py", code=retro.code, me=anna.token)
    assert_shown_as_typed(at)  # the folded number on top: "The number: …"


def test_a_saved_campaign_name_shows_as_typed_in_the_message(db):
    team = teams.create_team(db, "Brand")
    at = team_app(db, "pages/campaigns.py", team.id)
    at.text_input(key="new-campaign-name").input(HOSTILE)
    at.button(key="new-campaign-submit").click().run()
    assert_shown_as_typed(at)
    assert any(read(toast.value) == f"Saved “{HOSTILE}”." for toast in at.toast)


def test_channels_and_accounts_show_as_typed_where_they_are_flagged(db):
    team = teams.create_team(db, "Brand")
    audit.save_audit(db, team.id, "2026-Q3", [
        {"platform": HOSTILE, "account": HOSTILE, "kind": "shared"},
    ])
    at = team_app(db, "pages/channels.py", team.id)
    at.text_input(key="channels-quarter").input("2026-Q3").run()
    assert_shown_as_typed(at)
    assert "Needs attention" in [h.value for h in at.subheader]


def test_last_times_actions_and_owners_show_as_typed(db):
    team = teams.create_team(db, "Brand")
    closed_with_actions(db, team.id, "2026-Q2", HOSTILE)
    db.execute("UPDATE actions SET owner = ?", [HOSTILE])
    db.conn.commit()
    q3, secret = new_workshop(db, team.id, "2026-Q3")
    at = app("pages/board.py", code=q3.code, key=secret)
    assert_shown_as_typed(at)


def test_titles_and_team_names_show_as_typed_on_the_team_pages(db):
    team = teams.create_team(db, HOSTILE)
    closed, _, _ = closed_with_actions(db, team.id, "2026-Q2", "Tag the links")
    db.execute("UPDATE workshops SET title = ? WHERE id = ?", [HOSTILE, closed.id])
    db.conn.commit()
    at = team_app(db, "pages/team.py", team.id)
    assert_shown_as_typed(at)  # the workshop's link on the team's history
    home = app()
    home.session_state[f"wk_team_key_{team.id}"] = teams.new_team_key(db, team.id)
    home.run()
    assert_shown_as_typed(home)  # the team's heading and its workshop's link
    assert any(h.value.startswith("#### ") for h in home.markdown)


def test_a_message_quoting_a_typed_name_shows_as_typed(db):
    teams.create_team(db, HOSTILE)
    at = app()
    at.text_input(key="setup-team-name").input(HOSTILE)
    at.button(key="setup-submit").click().run()
    assert_shown_as_typed(at)
    assert any("exists already" in e.value for e in at.error)
