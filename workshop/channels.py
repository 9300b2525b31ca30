"""The words a team uses for a channel: types, roles, journey stages, KPI levels, fit.

Platform names are matched loosely (case, spaces, common aliases and renames), so
"Twitter" on last year's list and "X" on the canvas are the same channel.
"""

from __future__ import annotations

import re

from workshop.i18n import N_

KINDS = {"paid": N_("Paid"), "earned": N_("Earned"), "shared": N_("Shared"), "owned": N_("Owned")}
ROLES = {"discoverer": N_("Discoverer"), "goal_scorer": N_("Goal scorer"), "both": N_("Both")}
STAGES = {"reach": N_("Reach"), "act": N_("Act"), "convert": N_("Convert"), "engage": N_("Engage")}
LEVELS = {"specialist": N_("Specialist"), "manager": N_("Manager"), "executive": N_("Executive")}
EFFORTS = {"low": N_("Low"), "medium": N_("Medium"), "high": N_("High")}
FIT = {"yes": N_("Yes"), "no": N_("No"), "unsure": N_("Unsure")}
FIT_QUESTIONS = {
    "fit_sell": N_("Do we sell to the people who are on this platform?"),
    "fit_buy": N_("Do they buy things through this platform?"),
    "fit_ours": N_("Would they buy our thing through it?"),
}
STATUSES = {
    "active": N_("Active"),
    "duplicate": N_("Duplicate"),
    "abandoned": N_("Abandoned"),
    "owner_unknown": N_("Owner unknown"),
}
PLATFORMS = (
    *("Instagram", "Facebook", "TikTok", "LinkedIn", "YouTube", "Pinterest", "X", "Threads"),
    *("Snapchat", "Google Search Ads", "Google Shopping", "Meta Ads", "Newsletter"),
    *("Blog / SEO", "Website", "Podcast", "Influencers", "PR", "Events", "Affiliates"),
)
# Other names (and old names) people give the same platform.
ALIASES = {
    "twitter": "x",
    "x twitter": "x",
    "ig": "instagram",
    "insta": "instagram",
    "fb": "facebook",
    "facebook page": "facebook",
    "yt": "youtube",
    "google ads": "google search ads",
    "adwords": "google search ads",
    "email": "newsletter",
    "e mail": "newsletter",
    "seo": "blog seo",
    "blog": "blog seo",
}
_NOT_WORD = re.compile(r"[^\w]+")


def platform_key(name: str) -> str:
    """The name two lists are matched on: 'Twitter', 'X' and ' x ' give the same key."""
    key = _NOT_WORD.sub(" ", name.casefold()).strip()
    return ALIASES.get(key, key)

