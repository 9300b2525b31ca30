"""The meaningful words of a card, in any of the app's languages, reduced to their
dictionary form so that inflected forms meet: "kampanii" and "kampanie" are both
"kampania" (Polish), "reklamlarımızı" is "reklam" (Turkish), "nyhedsbrevet" is
"nyhedsbrev" (Danish), "boosting" is "boost".

Lemmas come from simplemma (one dictionary per language, all six covered, loaded on
first use) and stop words from the stopwords-iso lists. English keeps its short list of
function words: the ISO English list also drops content words that marketing cards are
about ("test", "page", "results", "orders"). Danish and Swedish write compounds as one
word; a compound whose two parts are both known words counts as those two words, so
"nyhedsbrevet" meets "brev med nyheder".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

import simplemma
import stopwordsiso

from workshop import i18n

_WORD = re.compile(r"[^\W_]+")
_TURKISH_SUFFIX = re.compile(r"(?<=\w)['’]\w+")  # "Instagram'da": the name, then its case
COMPOUNDING = frozenset({"da", "sv"})
_LINKS = ("s", "e", "")  # what joins two parts of a compound: "nyheds|brev", "kund|resa"
_MIN_PART = 3
_ENGLISH_STOPWORDS = frozenset(
    [
        "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "from", "by",
        "with", "without", "into", "onto", "our", "we", "us", "you", "your", "they", "their",
        "it", "its", "is", "are", "was", "were", "be", "been", "being", "do", "does", "did",
        "not", "no", "nor", "so", "too", "very", "can", "could", "should", "would", "will",
        "just", "more", "most", "less", "than", "then", "this", "that", "these", "those",
        "there", "here", "what", "which", "who", "whom", "whose", "when", "where", "why", "how",
        "all", "any", "each", "every", "some", "such", "only", "own", "same", "other", "again",
        "also", "still", "per", "via", "vs",
    ]
)


def load(languages: Iterable[str]) -> None:
    """Load these languages' dictionaries and stop words now. simplemma loads a
    dictionary on first use, which takes seconds (Polish the longest) and would
    otherwise fall on the first page that looks for themes."""
    for language in languages:
        simplemma.lemmatize("a", lang=language)
        stopwords(language)


@cache
def stopwords(language: str) -> frozenset[str]:
    if language == "en":
        return _ENGLISH_STOPWORDS
    return frozenset(stopwordsiso.stopwords(language))


def lower(word: str, language: str) -> str:
    """Lower case as the language writes it: Turkish "I" is "ı" and "İ" is "i"."""
    if language == "tr":
        word = word.replace("I", "ı").replace("İ", "i")
    return word.casefold() if language != "tr" else word.lower()


def tokens(text: str, language: str) -> list[str]:
    if language == "tr":
        text = _TURKISH_SUFFIX.sub("", text)
    return [lower(w, language) for w in _WORD.findall(text)]


def language_of(text: str, default: str) -> str:
    """The card's language: the workshop's (``default``) unless its words say otherwise
    (more of another language's stop words, and at least two of them), which keeps a
    card of three content words in the workshop's language."""
    default = i18n.supported(default) or i18n.SOURCE
    counts = {
        code: sum(1 for w in tokens(text, code) if w in stopwords(code))
        for code in i18n.LANGUAGES
    }
    best = max(counts, key=lambda code: (counts[code], code == default))
    return best if counts[best] >= 2 and counts[best] > counts[default] else default


def words(text: str, language: str) -> dict[str, str]:
    """The meaningful words of ``text``: lemma -> the word as written (for the on-screen
    reason). A compound's parts show as "part (compound)"."""
    found: dict[str, str] = {}
    stop = stopwords(language)
    if language == "tr":
        text = _TURKISH_SUFFIX.sub("", text)
    for written in _WORD.findall(text):
        word = lower(written, language)
        if word in stop or len(word) < 2 or word.isdigit():
            continue
        # Turkish shows the word as written: lower-cased, "Instagram" would read "ınstagram".
        shown = written if language == "tr" else word
        lemma = lemma_of(word, language)
        parts = compound_parts(lemma, language) if language in COMPOUNDING else None
        if parts:
            for part in parts:
                found.setdefault(part, f"{part} ({shown})")
        else:
            found.setdefault(lemma, shown)
    return found


def lemma_of(word: str, language: str) -> str:
    lemma = lower(simplemma.lemmatize(word, lang=language), language)
    if language == "en" and lemma.endswith("er") and simplemma.is_known(lemma[:-2], "en"):
        return lemma[:-2]  # an agent meets its verb: "owner", "owns"; "reader", "reads"
    return lemma


def compound_parts(word: str, language: str) -> tuple[str, str] | None:
    """The two known words a compound is made of, head last ("nyhedsbrev": nyhed, brev),
    taking the longest known head; None for a word that is not such a compound."""
    if len(word) < 2 * _MIN_PART + 1:
        return None
    for cut in range(_MIN_PART, len(word) - _MIN_PART + 1):
        head = word[cut:]
        if not simplemma.is_known(head, language):
            continue
        for link in _LINKS:
            modifier = word[:cut]
            if link and not modifier.endswith(link):
                continue
            modifier = modifier[: len(modifier) - len(link)]
            if len(modifier) >= _MIN_PART and simplemma.is_known(modifier, language):
                return lemma_of(modifier, language), lemma_of(head, language)
    return None
