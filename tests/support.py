"""Set-ups and readers shared by several test modules (fixtures are in conftest.py).

Test modules import from here, never from each other, so each can be read, run and
changed on its own.
"""

from __future__ import annotations

import asyncio
import gettext
import json
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from sqlite_utils import Database
from streamlit.testing.v1 import AppTest

from workshop import actions, campaigns, cards, participants, teams, workshops
from workshop.models import Participant, Workshop

# A workshop with people in it -------------------------------------------------------------


@dataclass
class Room:
    """A workshop with a facilitator secret and two participants."""

    db: Database
    workshop: Workshop
    secret: str
    anna: Participant
    ben: Participant

    def phase(self, key: str) -> Workshop:
        self.workshop = workshops.set_phase(self.db, self.workshop.id, self.secret, key)
        return self.workshop


def make_room(db: Database, **settings) -> Room:
    team = teams.create_team(db, "Brand & Social")
    workshop, secret = workshops.create_workshop(
        db, team_id=team.id, quarter="2026-Q4", exercise="sscc", title="Q4 offsite",
        settings=workshops.Settings(**settings),
    )
    anna = participants.join(db, workshop.id, "Anna")
    ben = participants.join(db, workshop.id, "Ben")
    return Room(db, workshop, secret, anna, ben)


def new_workshop(db, team_id: int, quarter: str):
    return workshops.create_workshop(
        db, team_id=team_id, quarter=quarter, exercise="sscc", title=f"{quarter} offsite"
    )


def closed_with_actions(db, team_id: int, quarter: str, *texts: str):
    """A closed workshop of ``quarter`` whose actions are all still open."""
    workshop, secret = workshops.create_workshop(
        db, team_id=team_id, quarter=quarter, exercise="sscc", title=f"{quarter} offsite"
    )
    person = participants.join(db, workshop.id, "Anna")
    card = cards.add_card(db, person.token, "stop", f"Something to stop in {quarter}")
    workshops.set_phase(db, workshop.id, secret, "discuss")
    made = [
        actions.add_action(db, workshop.id, secret, kind="action", text=text, owner="Ben",
                           card_id=card.id)
        for text in texts
    ]
    workshops.set_phase(db, workshop.id, secret, "closed")
    return workshop, secret, made


def canvas_in_discuss(db, team_id: int, proposal: str = "TikTok with staff tips"):
    """A 2026-Q4 canvas in Discuss whose one proposal (a Shared card) was voted on."""
    workshop, secret = workshops.create_workshop(
        db, team_id=team_id, quarter="2026-Q4", exercise="canvas", title="Channel canvas"
    )
    anna = participants.join(db, workshop.id, "Anna")
    card = cards.add_card(db, anna.token, "shared", proposal)
    for phase in ("reveal", "group", "vote", "discuss"):
        workshops.set_phase(db, workshop.id, secret, phase)
    return workshop, secret, card


def channel(**fields) -> dict:
    return {"platform": "TikTok", "kind": "shared", "role": "discoverer", "stage": "reach",
            "goal": "First-time buyers", "kpi_metric": "followers", "kpi_target": 5000,
            "budget_share": 40} | fields


SPRING = {
    "name": "Spring trail-shoe launch",
    "kind": "campaign",
    "channels": ["Instagram", "Google Shopping"],
    "starts_on": "2026-03-01",
    "ends_on": "2026-04-15",
    "budget_planned": 20000,
    "budget_spent": "18,500",
    "goal": "First-time buyers from social",
    "kpi_metric": "orders",
    "kpi_target": 800,
    "kpi_actual": 620,
}

def learning_in_discussion(db: Database, team_id: int, text: str, quarter: str = "2026-Q2"):
    """A retrospective of the spring campaign in Discuss, where Anna wrote the learning
    ``text``: (workshop, facilitator secret, the learning's card)."""
    spring = campaigns.create_campaign(db, team_id, SPRING)
    workshop, secret = workshops.create_workshop(
        db, team_id=team_id, quarter=quarter, exercise="hml", title="Spring retro",
        campaign_id=spring.id,
    )
    anna = participants.join(db, workshop.id, "Anna")
    card = cards.add_card(db, anna.token, "learned", text)
    for phase in ("reveal", "group", "vote", "discuss"):
        workshops.set_phase(db, workshop.id, secret, phase)
    return workshop, secret, card


# User text that tries to be markup, a formula or a link.
INJECTIONS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "![t](http://x/p.png)",
    "# Heading",
    "=HYPERLINK(\"http://x\")",
    "+1+1",
    "-2+3",
    "@SUM(A1)",
]

# Pages through AppTest ---------------------------------------------------------------------

TIMEOUT = 30
APP = str(Path(__file__).resolve().parent.parent / "app.py")


def app(page: str = "", **params) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    if page:
        at.switch_page(page)
    return at.run()


class _Cards(HTMLParser):
    """The parts of read-only cards in st.html blocks (class card-text, card-title,
    card-meta), unescaped, as (class, text) pairs."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[tuple[str, str]] = []
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._open = next((v for k, v in attrs if k == "class" and v.startswith("card-")), None)
        if self._open:
            self.parts.append((self._open, ""))

    def handle_endtag(self, tag: str) -> None:
        self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self.parts[-1] = (self._open, self.parts[-1][1] + data)


def html_cards(at: AppTest) -> list[tuple[str, str]]:
    parser = _Cards()
    for block in at.html:
        parser.feed(block.proto.body)
    return parser.parts


def card_texts(at: AppTest) -> list[str]:
    """Every card text on the board, whether drawn as st.text or as read-only HTML."""
    return [t.value for t in at.text] + [text for cls, text in html_cards(at) if cls == "card-text"]


def team_app(db, page: str, team_id: int, **params) -> AppTest:
    """A team page opened with the team's link, as a member of the team opens it."""
    return app(page, team=str(team_id), access=teams.new_team_key(db, team_id), **params)


def read(markdown: str) -> str:
    """Markdown as a person reads it: a backslash before punctuation is not shown, nor
    is a word joiner (U+2060)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u2060", "")


def shown(at: AppTest) -> str:
    parts = [read(m.value) for m in at.markdown] + [t.value for t in at.text]
    parts += [text for _, text in html_cards(at)]
    parts += [read(c.value) for c in at.caption] + [read(e.value) for e in at.error]
    parts += [read(i.value) for i in at.info] + [read(s.value) for s in at.success]
    parts += [read(link.proto.label) for link in at.get("page_link")]
    return "\n".join(str(p) for p in parts)


# Exported files -----------------------------------------------------------------------------


def pdf_text(data: bytes) -> str:
    """The PDF's text in drawing order, so a wrapped table cell reads as one run."""
    assert data.startswith(b"%PDF-")
    done = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"],
        input=data,
        capture_output=True,
        check=True,
    )
    return done.stdout.decode("utf-8")


def squeezed(text: str) -> str:
    """Text without its line breaks and spaces, to find what wrapping split."""
    return "".join(text.split())


def run(coroutine):
    """Run a scenario on its own loop: browser tests may hold this thread's loop."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def next_message(stream) -> dict:
    while True:
        chunk = await asyncio.wait_for(anext(stream), 5)
        if chunk.startswith("data: "):
            return json.loads(chunk[6:])


def on_disk(db_path: str) -> bytes:
    """Every byte SQLite keeps for this database: the file and its write-ahead log."""
    return b"".join(p.read_bytes() for p in Path(db_path).parent.glob(Path(db_path).name + "*"))


# Catalogues -------------------------------------------------------------------------------


def catalogue_with(
    lang: str, entries: dict, in_context: dict[tuple[str, str], str] | None = None
) -> gettext.NullTranslations:
    """A compiled catalogue for ``lang`` (its plural rules from Babel) holding only
    ``entries``: English text (or a (singular, plural) pair) to translation(s), and
    ``in_context``: (context, English text) to translation."""
    import io

    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    from workshop import i18n

    catalog = Catalog(locale=lang)
    for english, translated in entries.items():
        catalog.add(english, translated)
    for (context, english), translated in (in_context or {}).items():
        catalog.add(english, translated, context=context)
    po = io.BytesIO()
    write_po(po, catalog)
    po.seek(0)
    return i18n.compiled(po)
