"""Reusable pieces of the screens. User text goes through ``st.text`` or
:mod:`workshop.safe_text`, also inside messages and error boxes."""

from __future__ import annotations

import io
import numbers
import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import Any
from urllib.parse import urlencode, urlsplit

import pandas as pd
import segno
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.errors import StreamlitInvalidLayoutContextError

from workshop import db as database
from workshop import dbfile, formats, guard, phases, teams
from workshop.errors import InvalidInput, NotFound, Repeated, TooManyAttempts, WorkshopError
from workshop.i18n import t
from workshop.models import Team, Workshop
from workshop.phases import Phase
from workshop.safe_text import literal
from workshop.ui import state
from workshop.ui.state import db
from workshop.ui.team_access import held_teams, hold, keys, remember_keys, team_link

# Static CSS only; no user text is ever placed in it.
_BASE_CSS = """
<style>
/* The live bar (the countdown, who is online) stays in view at the top of every screen,
   wherever the board's live part begins. */
.st-key-live { position: fixed; top: .5rem; left: 50%; transform: translateX(-50%);
               z-index: 999991; width: auto !important; background: #fff;
               padding: 0 .9rem; border-radius: .6rem; }
.st-key-joincode p { font-size: 3.2rem; font-weight: 800; letter-spacing: .15em;
                     font-family: ui-monospace, monospace; margin: 0; }
[class*="st-key-card-"] [data-testid="stText"] { font-size: 1.05rem; white-space: pre-wrap;
                                                 overflow-wrap: anywhere; }
.column-head h3 { font-size: 1.75rem; font-weight: 700; line-height: 1.2; margin: 0;
                  padding: .75rem 0 .5rem; border-bottom: 2px solid rgba(49, 51, 63, .45); }
.column-head p { font-size: .875rem; color: #55575f; margin: .5rem 0 0; }
.column-head + .cards { margin-top: 1rem; }
.cards .card { border: 1px solid rgba(49, 51, 63, .2); border-radius: .5rem;
               padding: calc(1rem - 1px); margin-bottom: 1rem; }
.cards p { margin: 0; }
.cards ul { margin: .25rem 0 0 1.1rem; padding: 0; }
.cards .card-text { font-size: 1.05rem; white-space: pre-wrap; overflow-wrap: anywhere; }
.cards .card-title { font-weight: 700; overflow-wrap: anywhere; }
.cards .card-meta { font-size: .875rem; color: #55575f; margin-top: .5rem; }
/* Readable by everyone in the room: grey text at 4.5:1 or more against white, and a link
   wraps instead of scrolling in a box the keyboard cannot reach. */
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * {
  color: #55575f !important; opacity: 1 !important; }
/* A cookie writer has nothing to show and takes no room. */
[class*="st-key-remember-"] { display: none; }
/* Components that only keep who this browser is take no room on the page. */
.st-key-identity-remember, .st-key-identity-watch { display: none; }
[data-testid="stCode"] pre, [data-testid="stCode"] code { white-space: pre-wrap !important;
                                                          overflow: visible !important;
                                                          overflow-wrap: anywhere; }
</style>
"""
# The projector: cards and group titles readable from the back of the room, and a
# compact head so that a column shows eight or more cards on a 1080p screen. The
# sidebar keeps its size, so every control there reads in full.
_PROJECTOR_CSS = """
<style>
[data-testid="stMainBlockContainer"] { padding-top: 1.25rem; padding-bottom: 2rem; }
[data-testid="stMain"] [data-testid="stVerticalBlock"] { gap: .6rem; }
[data-testid="stMain"] h1 { font-size: 2.25rem; padding: 0; }
[data-testid="stMain"] [data-testid="stAlert"] > div { padding: .4rem .9rem; }
/* Sizes follow the screen's width: about 30 px on a 1920 px projector. */
.cards .card-text, [class*="st-key-card-"] [data-testid="stText"] {
  font-size: clamp(1.25rem, 1.6vw, 2.25rem); line-height: 1.25; }
.cards .card-title, [class*="st-key-card-"] [data-testid="stMarkdownContainer"] strong {
  font-size: clamp(1.3rem, 1.7vw, 2.4rem); line-height: 1.25; }
.cards .card { padding: .5rem .75rem; margin-bottom: .6rem; }
[class*="st-key-card-"] { padding: .5rem .75rem; gap: .35rem; }
.cards .card-meta, [class*="st-key-card-"] [data-testid="stCaptionContainer"] { font-size: 1.1rem; }
.cards .card-meta { margin-top: .25rem; }
.column-head h3 { font-size: clamp(1.5rem, 2vw, 2.75rem); padding: .25rem 0 .25rem; }
.column-head p { margin-top: .25rem; }
.column-head + .cards { margin-top: .6rem; }
.st-key-live { font-size: 1.5rem; }
.st-key-joincode p { font-size: 5rem; }
</style>
"""


def page_style(projector: bool = False) -> None:
    st.html(_BASE_CSS + (_PROJECTOR_CSS if projector else ""))


def public_base_url() -> str:
    """The address participants should use, as seen by this browser."""

    configured = os.environ.get("WORKSHOP_PUBLIC_URL")
    if configured:
        return configured.rstrip("/")
    url = st.context.url or "http://localhost:8501"
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def participant_link(workshop: Workshop) -> str:
    return f"{public_base_url()}/board?{urlencode({'code': workshop.code})}"


def facilitator_link(workshop: Workshop, secret: str) -> str:
    return f"{public_base_url()}/board?{urlencode({'code': workshop.code, 'key': secret})}"


@lru_cache(maxsize=64)
def qr_png(link: str) -> bytes:
    """Made once per link: drawing the code took most of a facilitator's full rerun."""
    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()


def join_panel(workshop: Workshop, *, compact: bool = False) -> None:
    """The code in large letters and a QR code of the participant link."""
    link = participant_link(workshop)
    if compact:
        st.caption(t("Join code"))
        st.markdown(f"**{workshop.display_code}**")
        st.image(qr_png(link), width=160, alt=t("QR code of the participant link"))
        st.code(link, language=None)
        return
    left, right = st.columns([3, 2], vertical_alignment="center")
    with left:
        st.markdown(t("Join on your laptop or phone: scan the QR code, or open"))
        st.code(link, language=None)
        st.markdown(t("and type the code"))
        with st.container(key="joincode"):
            st.markdown(workshop.display_code)
        if "localhost" in link or "127.0.0.1" in link:
            st.caption(
                t(
                    "This link uses localhost, which other devices cannot reach. Start the "
                    "app with WORKSHOP_PUBLIC_URL set to this computer's network address."
                )
            )
    with right:
        st.image(qr_png(link), width=300, alt=t("QR code of the participant link"))


def phase_stepper(workshop: Workshop) -> None:
    names = []
    for phase in phases.sequence(workshop.dots):
        name = t(phase.label)
        names.append(f"**:blue-background[{name}]**" if phase is workshop.phase else name)
    st.markdown(" → ".join(names))


def phase_hint(workshop: Workshop) -> None:
    """What people do now; once closed, the sentence is the way to the summary."""
    if workshop.phase is Phase.CLOSED:
        with st.container(border=True, key="closed-hint"):
            st.page_link(
                "pages/summary.py",
                label=t(Phase.CLOSED.hint),
                icon=":material/description:",
                query_params={"code": workshop.code},
            )
    else:
        st.info(t(workshop.phase.hint))


def screen_of(phase: Phase) -> str:
    """Where a link to a workshop leads: its summary once closed, else its board."""
    return "pages/summary.py" if phase is Phase.CLOSED else "pages/board.py"


def user_text(text: str, *, bold: bool = False) -> None:
    """User text shown literally: Markdown and HTML appear as typed."""
    if bold:
        st.markdown(f"**{literal(text)}**")
    else:
        st.text(text)


def dots(count: int) -> str:
    return "●" * count if count else ""


# What a save can meet besides the app's own refusals: the file turned read-only, a
# full disk, a lock held too long. The message says what to do, never a stack trace.
SAVE_ERRORS = (WorkshopError, sqlite3.OperationalError)


def show_error(error: WorkshopError | sqlite3.Error) -> None:
    _say(*_message(error))


def _message(error: WorkshopError | sqlite3.Error) -> tuple[str, str, bool]:
    """(the field it is about or "", the sentence, whether it was a repeated click)."""
    if isinstance(error, sqlite3.Error):
        error = dbfile.explain(error, database.default_path())
    field = error.field if isinstance(error, InvalidInput) else ""
    return field, str(error), isinstance(error, Repeated)


def _say(field: str, message: str, repeated: bool, place: DeltaGenerator | None = None) -> None:
    # Messages are plain sentences that may quote what someone typed (a name, a code
    # from the address): the box shows them as they are, never as Markdown. A repeated
    # click is told, not scolded.
    if repeated:
        (place or st).info(literal(message), icon=":material/check_circle:")
    else:
        (place or st).error(literal(message), icon="⚠️")


class FormMessages:
    """What a form's refused save says, under the field it names (else beside the
    button), kept across the reruns a live board makes until the form is sent again.

    Call :meth:`under` after each field, then :meth:`attempt` when the form is sent or
    :meth:`rest` when it is not. ``long``: a form taller than a screen, whose button is
    far from its first fields, also says it beside the button, where the eyes are."""

    def __init__(self, form: str, *, long: bool = False) -> None:
        self.form = form
        self.long = long
        self.places: dict[str, DeltaGenerator] = {}
        self.kept: tuple[str, str, bool] | None = state.get("wk_refusals").get(form)
        refill(form)  # a form saved on the run before starts empty

    def under(self, *fields: str, cell: DeltaGenerator | None = None) -> None:
        place = cell.empty() if cell else st.empty()
        self.places.update(dict.fromkeys(fields, place))
        if self.kept and self.kept[0] in fields:
            _say(*self.kept, place=place)

    def rest(self) -> None:
        """The kept message that names no field of the form, beside the button."""
        if self.kept:
            self._beside_button(self.kept)

    def _beside_button(self, said: tuple[str, str, bool]) -> None:
        field, message, repeated = said
        if field not in self.places:
            _say(field, message, repeated)
        elif self.long:
            _say(field, t("Not saved: {reason}", reason=message), repeated)

    def attempt(
        self,
        action: Callable[[], object],
        success: str | None = None,
        *,
        working: str | None = None,
    ) -> bool:
        """Run the form's write; say why it was refused, or ``success``. True when saved."""
        for place in self.places.values():
            place.empty()  # an earlier refusal goes as the form is sent again
        self._keep(None)
        try:
            with st.spinner(working or t("Saving…")):
                action()
        except SAVE_ERRORS as error:
            said = _message(error)
            self._keep(said)
            if said[0] in self.places:
                _say(*said, place=self.places[said[0]])
            self._beside_button(said)
            return False
        if success:
            st.toast(literal(success))
        return True

    def _keep(self, said: tuple[str, str, bool] | None) -> None:
        kept = {k: v for k, v in state.get("wk_refusals").items() if k != self.form}
        state.put("wk_refusals", kept | ({self.form: said} if said else {}))


def refill_next_run(form: str, values: dict[str, object]) -> None:
    """Give these widgets of ``form`` these values on the next run (see :func:`refill`):
    a saved form starts empty again. Their values cannot change on this run any more, and
    a browser keeps what it shows unless the server sets a new value."""
    state.put("wk_refill", state.get("wk_refill") | {form: values})


def refill(form: str) -> None:
    """Set the values :func:`refill_next_run` kept for ``form``; before its widgets."""
    pending = state.get("wk_refill")
    if form in pending:
        st.session_state.update(pending[form])
        state.put("wk_refill", {k: v for k, v in pending.items() if k != form})


def page_top(heading: str) -> None:
    """A team page's start: the style, the way home and the heading."""
    page_style()
    st.page_link("pages/home.py", label=t("All workshops"), icon=":material/home:")
    st.title(heading)


def client_address() -> str:
    """The address this browser's wrong codes count against (see workshop.guard)."""
    return guard.client_address(st.context.ip_address, st.context.headers.to_dict())


def workshop_in_url() -> Workshop:
    """The workshop the address's code names; otherwise say so, link home and stop."""
    try:
        found = guard.find_by_code(db(), st.query_params.get("code", ""), client_address())
    except (NotFound, TooManyAttempts) as error:
        show_error(error)
        st.page_link("pages/home.py", label=t("Back to the start page"), icon=":material/home:")
        st.stop()
    # Said again, so the address bar names the workshop shown: a link from one board to
    # another would leave the first one's code there, and a reload would go back to it.
    st.query_params["code"] = found.code
    return found


def title(text: str, caption: str = "") -> None:
    """A page title and caption made of user text, shown literally."""
    st.title(literal(text))
    if caption:
        st.caption(literal(caption))


def number_box(
    label: str,
    value: float | None,
    key: str,
    *,
    place: DeltaGenerator | None = None,
    help: str | None = None,
) -> str:
    """A box for a number, shown and typed as the reader's language writes it ("12,5",
    "250.000" in Danish), which Streamlit's number box cannot do; the form's check reads
    it (``validate.optional_number``). Empty stays empty: a number not known yet."""
    shown = "" if value is None else formats.number(value)
    return (place or st).text_input(label, shown, key=key, help=help, placeholder=t("missing"))


def table(frame: pd.DataFrame, place: DeltaGenerator | None = None) -> None:
    """A read-only table whose numbers read as the reader's locale writes them ("12,5"
    in da, sv, pl, tr and id); sorting a column still goes by the numbers. An empty
    cell is empty, never "None"."""
    numeric = frame.select_dtypes("number").columns
    words = frame.columns.difference(numeric)
    frame = frame.copy()
    frame[words] = frame[words].astype(object).where(frame[words].notna(), "")
    shown: dict[Any, str | Callable[[object], str] | None] = dict.fromkeys(numeric, _cell)
    (place or st).dataframe(frame.style.format(shown), hide_index=True, width="stretch")


def _cell(value: object) -> str:
    if not isinstance(value, numbers.Real) or value != value:  # NaN: nothing to read
        return ""
    return formats.number(float(value))


@contextmanager
def drawer(label: str, key: str, height_px: int) -> Iterator[bool]:
    """A popover whose form is built only while it is open (yields whether it is): a
    form under every card made each click on a board rebuild a couple of hundred
    widgets. Closed, it holds an empty box about as tall as the form, because the
    browser places a popover as it opens, before the run that builds the form, and
    would otherwise fit it under the button with room for nothing."""
    popover = st.popover(label, width="stretch", key=key, on_change="rerun")
    with popover:
        if not popover.open:
            st.container(height=height_px, border=False)
        yield bool(popover.open)


def refresh() -> None:
    """Rerun the live board after a change: only the fragment when the click came from it."""
    try:
        st.rerun(scope="fragment")
    except StreamlitInvalidLayoutContextError:  # the click was part of a full run
        st.rerun()


def attempt(
    action: Callable[[], object], success: str | None = None, *, working: str | None = None
) -> bool:
    """Run one workshop call; show its error in place. ``working`` is said while a slow
    call runs. True when it worked."""
    try:
        if working:
            with st.spinner(working):
                action()
        else:
            action()
    except SAVE_ERRORS as error:
        show_error(error)
        return False
    if success:
        st.toast(literal(success))
    return True


def team_link_panel(team: Team) -> None:
    """Make a new link to the team's pages, shown once, for someone who opens them."""
    with st.expander(t("Team link")):
        st.caption(
            t(
                "The team link opens this team's history, campaigns and channels. A new "
                "one is shown once, and the earlier link stops working."
            )
        )
        if st.button(t("Make a new team link"), key="team-link-new"):
            key = teams.replace_team_key(db(), team.id, keys())
            hold(team.id, key)
            st.code(team_link(public_base_url(), team.id, key), language=None)


def team_picker(key: str, cell: DeltaGenerator | None = None) -> Team | None:
    """The team a page is about, kept in the address; None (said on screen) when there is none."""
    team_list = held_teams()
    remember_keys()
    wanted = st.query_params.get("team", "")
    ids = [team.id for team in team_list]
    if wanted and not (wanted.isdigit() and int(wanted) in ids):
        st.warning(
            t(
                "This browser does not hold that team's link. A team's pages open with the "
                "team's link, or after opening a facilitator link of one of its workshops."
            )
        )
    if not team_list:
        st.info(
            t(
                "No team to show. Set up a workshop on the start page, open your team's "
                "link, or load the demo team."
            )
        )
        return None
    team = (cell or st).selectbox(
        t("Team"),
        team_list,
        index=ids.index(int(wanted)) if wanted.isdigit() and int(wanted) in ids else 0,
        format_func=lambda x: x.name,
        key=key,
    )
    st.query_params["team"] = str(team.id)
    return team
