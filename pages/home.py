"""Start page: join with a code, set up a workshop, or open an earlier one."""

import streamlit as st

from workshop import demo, exercises, guard, i18n, teams, validate, workshops
from workshop.i18n import t
from workshop.models import Workshop
from workshop.phases import Phase
from workshop.safe_text import label, literal
from workshop.ui import state
from workshop.ui.campaign_view import campaign_picker
from workshop.ui.team_access import (
    held_key,
    held_teams,
    hold,
    keys,
    remember_keys,
    team_link,
)
from workshop.ui.widgets import (
    SAVE_ERRORS,
    client_address,
    facilitator_link,
    page_style,
    participant_link,
    public_base_url,
    refill,
    refill_next_run,
    show_error,
)

db = state.db()
page_style()


def _shown(w: Workshop) -> str:
    """A workshop in a list: quarter, title, exercise and phase, as a link label."""
    exercise = t(exercises.get(w.exercise).name)
    return f"{w.quarter} · {label(w.title)} · {exercise} · {t(w.phase.label)}"


st.title(t("Quarterly strategy workshop"))
st.caption(
    t(
        "Your marketing team's quarterly offsite: Stop / Start / Continue / Change, "
        "Hits / Misses / What we learned for each campaign or test, and the channel canvas "
        "that rebuilds the channel mix from scratch. Write privately, reveal, group, vote, "
        "and leave with actions that have owners."
    )
)

history = workshops.list_workshops(db)
running = workshops.facilitated_by(db, keys())  # the facilitator keys this browser holds
open_now = [w for w in history if w.id in running and w.phase is not Phase.CLOSED]
if open_now:
    st.subheader(t("Workshops you run"))
    for w in open_now:
        st.page_link(
            "pages/board.py",
            label=f"{label(w.team_name)} · {_shown(w)}",
            icon=":material/co_present:",
            query_params={"code": w.code},
        )
    st.divider()
join, create = st.columns([2, 3], gap="large")

with join:
    st.subheader(t("Join a workshop"))
    with st.form("join-code"):
        typed = st.text_input(t("Workshop code"), placeholder="ABCD-EFGH", key="join-code-input")
        go = st.form_submit_button(t("Join"), type="primary", key="join-code-submit")
    if go:
        try:
            found = guard.find_by_code(db, typed, client_address())
        except SAVE_ERRORS as error:
            show_error(error)
        else:
            st.switch_page("pages/board.py", query_params={"code": found.code})

with create:
    st.subheader(t("Set up a workshop"))
    refill("setup-team")  # a workshop made for a new team: that team is now picked
    just_made = state.get("wk_pick")  # a campaign made below: select its (maybe new) team
    if just_made:
        st.session_state["setup-team"] = teams.get_team(db, just_made.team_id)
        st.session_state["setup-team-name"] = ""  # a new team's name was used by it
    team_list = held_teams()  # a team this browser has no key to stays unnamed
    new_team = t("+ New team")
    team_choice = st.selectbox(
        t("Team"),
        [new_team, *team_list],
        index=1 if team_list else 0,
        format_func=lambda x: x if isinstance(x, str) else x.name,
        key="setup-team",
    )
    team_name = (
        st.text_input(
            t("New team name"), key="setup-team-name", placeholder=t("e.g. Brand & Social")
        )
        if team_choice == new_team
        else ""
    )
    names = {key: t(exercises.get(key).name) for key in exercises.EXERCISES}
    exercise = st.selectbox(
        t("Exercise"),
        list(names),
        format_func=names.get,  # named in this run's language, whichever thread asks
        key="setup-exercise",
    )
    st.caption(t(exercises.get(exercise).purpose))
    campaign = None
    if exercises.get(exercise).needs_campaign:
        campaign = campaign_picker(None if team_choice == new_team else team_choice, team_name)
    with st.form("setup"):
        left, right = st.columns(2)
        quarter = left.text_input(t("Quarter"), validate.current_quarter(), key="setup-quarter")
        held_on = right.date_input(t("Date (optional)"), value=None, key="setup-date")
        title_text = st.text_input(
            t("Title"),
            key=f"setup-title-{exercise}",
            placeholder=exercises.get(exercise).title_for(
                validate.current_quarter(), campaign.name if campaign else None
            ),
        )
        anonymous = st.checkbox(t("Anonymous cards"), True, key="setup-anonymous")
        codes = list(i18n.LANGUAGES)
        language = st.selectbox(
            t("Language of the workshop"),
            codes,
            index=codes.index(i18n.language()) if i18n.language() in codes else 0,
            format_func=i18n.LANGUAGES.__getitem__,
            help=t(
                "The board's columns and questions and the exported summary are written in "
                "this language, whatever language each person picks for the app."
            ),
            key="setup-language",
        )
        left, right = st.columns(2)
        dots = left.number_input(
            t("Dots per participant (0 turns voting off)"),
            0,
            workshops.MAX_DOTS,
            5,
            key="setup-dots",
        )
        per_card = right.number_input(
            t("Most dots one person may put on one card"),
            1,
            workshops.MAX_DOTS,
            3,
            key="setup-per-card",
        )
        submitted = st.form_submit_button(t("Create workshop"), type="primary", key="setup-submit")
    if submitted:
        try:
            created, secret = workshops.create_workshop(
                db,
                team_id=None if team_choice == new_team else team_choice.id,
                new_team=team_name,
                quarter=quarter,
                exercise=exercise,
                title=title_text.strip()
                or exercises.get(exercise).title_for(
                    validate.quarter(quarter), campaign.name if campaign else None
                ),
                held_on=held_on,
                settings=workshops.Settings(anonymous, dots, per_card),
                campaign_id=campaign.id if campaign else None,
                language=language,
            )
        except SAVE_ERRORS as error:
            show_error(error)
        else:
            state.put("wk_created", (created.id, secret))
            st.session_state[state.secret_key(created.id)] = secret  # opens the team's pages
            if team_choice == new_team:  # shown below with the other links
                hold(created.team_id, teams.new_team_key(db, created.team_id))
                team = teams.get_team(db, created.team_id)  # no longer new
                refill_next_run("setup-team", {"setup-team": team, "setup-team-name": ""})
            st.rerun()  # the keys just given open the team's pages from the next run on

    if state.get("wk_created"):
        created_id, secret = state.get("wk_created")
        created = workshops.get_workshop(db, created_id)
        team_key = held_key(created.team_id)  # a team made here: its link is shown with these
        with st.container(border=True, key="created"):
            st.success(t("Workshop created. Its code is {code}.", code=created.display_code))
            st.markdown(
                t(
                    "**Your facilitator link** — keep it to yourself; it is shown only "
                    "now. Bookmark it before you continue."
                )
            )
            st.code(facilitator_link(created, secret), language=None)
            st.markdown(t("**Participant link** — share it, or show the code on the projector."))
            st.code(participant_link(created), language=None)
            if team_key:
                st.markdown(
                    t(
                        "**Team link** — opens the team's history, campaigns and channels; "
                        "give it only to the team. It is shown only now."
                    )
                )
                st.code(team_link(public_base_url(), created.team_id, team_key), language=None)
            if st.button(t("Open the facilitator view"), type="primary", key="open-facilitator"):
                state.put("wk_created", None)
                st.switch_page("pages/board.py", query_params={"code": created.code, "key": secret})

st.divider()
st.subheader(t("Earlier workshops"))
if not history:
    st.caption(t("No workshops yet."))
    if st.button(
        t("Load the demo team"),
        key="load-demo",
        help=t("A marketing team with four quarters of history, to try the app."),
    ):
        loaded = demo.load_demo(db)
        hold(loaded[0].team_id, teams.new_team_key(db, loaded[0].team_id))
        st.rerun()
held = held_teams()  # again: the form above may have added one
remember_keys()
if history and not held:
    st.caption(
        t("Your team's workshops show here once this browser has opened the team's link.")
    )
for team in held:
    mine = [w for w in history if w.team_id == team.id]
    if not mine:
        continue
    st.markdown(f"#### {literal(team.name)}")
    history_cell, left, right, _ = st.columns([1, 1, 1, 1])
    history_cell.page_link(
        "pages/team.py",
        label=t("History and follow-through"),
        icon=":material/timeline:",
        query_params={"team": str(team.id)},
    )
    left.page_link(
        "pages/campaigns.py",
        label=t("Campaigns and tests"),
        icon=":material/campaign:",
        query_params={"team": str(team.id)},
    )
    right.page_link(
        "pages/channels.py",
        label=t("Today's channels"),
        icon=":material/hub:",
        query_params={"team": str(team.id)},
    )
    for w in mine:
        if w.phase is Phase.CLOSED:
            st.page_link(
                "pages/summary.py",
                label=_shown(w),
                icon=":material/description:",
                query_params={"code": w.code},
            )
        elif w.id in running:
            st.page_link(
                "pages/board.py",
                label=_shown(w),
                icon=":material/co_present:",
                query_params={"code": w.code},
            )
        else:
            st.markdown("▶ " + _shown(w) + " · " + t("in progress: join with its code"))
