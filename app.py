"""Entry point. `streamlit run app.py` finds the ASGI app below and serves it with the
live stream route; each browser session then runs this file as ``__main__``."""

import streamlit as st

if __name__ == "__main__":
    from workshop.i18n import t

    st.set_page_config(page_title=t("Strategy workshop"), page_icon="🧭", layout="wide")
    pages = [
        st.Page("pages/home.py", title=t("Workshops"), icon=":material/home:", default=True),
        st.Page(
            "pages/board.py", title=t("Board"), icon=":material/view_kanban:", url_path="board"
        ),
        st.Page(
            "pages/summary.py",
            title=t("Summary"),
            icon=":material/description:",
            url_path="summary",
        ),
        st.Page(
            "pages/campaigns.py",
            title=t("Campaigns and tests"),
            icon=":material/campaign:",
            url_path="campaigns",
        ),
        st.Page(
            "pages/channels.py",
            title=t("Today's channels"),
            icon=":material/hub:",
            url_path="channels",
        ),
        st.Page(
            "pages/team.py", title=t("Team history"), icon=":material/timeline:", url_path="team"
        ),
        st.Page(
            "pages/compare.py",
            title=t("Compare quarters"),
            icon=":material/compare_arrows:",
            url_path="compare",
        ),
    ]
    page = st.navigation(pages, position="hidden")
    page.run()
else:
    from workshop.ui.server import lifespan, routes

    app = st.App("app.py", routes=routes, lifespan=lifespan)
