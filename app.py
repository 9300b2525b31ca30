"""Entry point. `streamlit run app.py` finds the ASGI app below and serves it with the
live stream route; each browser session then runs this file as ``__main__``."""

import streamlit as st

if __name__ == "__main__":
    from workshop.i18n import t

    st.set_page_config(page_title=t("Strategy workshop"), page_icon="🧭", layout="wide")
    from workshop.dbfile import startup_problem

    if problem := startup_problem():  # the file is broken: say so instead of failing
        st.error(problem)
        st.stop()
    from workshop.ui.team_access import opens_team_pages

    # (file, title, icon, address); the start page has none of its own
    screens = [
        ("home", "Workshops", "home", ""),
        ("board", "Board", "view_kanban", "board"),
        ("summary", "Summary", "description", "summary"),
    ]
    team_screens = [
        ("campaigns", "Campaigns and tests", "campaign", "campaigns"),
        ("channels", "Today's channels", "hub", "channels"),
        ("team", "Team history", "timeline", "team"),
        ("compare", "Compare quarters", "compare_arrows", "compare"),
        ("import_cards", "Import cards", "upload_file", "import"),
    ]
    # A browser with no key (a participant's, a stranger's) never runs a team's pages:
    # their addresses only say what would open them.
    opens = opens_team_pages()
    screens += [(name if opens else "no_team", *rest) for name, *rest in team_screens]
    pages = [
        st.Page(f"pages/{name}.py", title=t(title), icon=f":material/{icon}:",
                url_path=path or None, default=not path)
        for name, title, icon, path in screens
    ]
    page = st.navigation(pages, position="hidden")
    page.run()
else:
    from workshop.ui.server import lifespan, routes

    app = st.App("app.py", routes=routes, lifespan=lifespan)
