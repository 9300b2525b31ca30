"""The words a team uses for a channel: types, roles, journey stages, KPI levels, fit.

Platform names are matched loosely (case, spaces, common aliases and renames), so
"Twitter" on last year's list and "X" on the canvas are the same channel.
"""

from __future__ import annotations

import re

KINDS = {"paid": "Paid", "earned": "Earned", "shared": "Shared", "owned": "Owned"}
ROLES = {"discoverer": "Discoverer", "goal_scorer": "Goal scorer", "both": "Both"}
STAGES = {"reach": "Reach", "act": "Act", "convert": "Convert", "engage": "Engage"}
LEVELS = {"specialist": "Specialist", "manager": "Manager", "executive": "Executive"}
EFFORTS = {"low": "Low", "medium": "Medium", "high": "High"}
FIT = {"yes": "Yes", "no": "No", "unsure": "Unsure"}
FIT_QUESTIONS = {
    "fit_sell": "Do we sell to the people who are on this platform?",
    "fit_buy": "Do they buy things through this platform?",
    "fit_ours": "Would they buy our thing through it?",
}
STATUSES = {
    "active": "Active",
    "duplicate": "Duplicate",
    "abandoned": "Abandoned",
    "owner_unknown": "Owner unknown",
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

