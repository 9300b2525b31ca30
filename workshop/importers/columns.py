"""Which of the exercise's columns a tool's column goes to, guessed from its name.

A name matches a column by its key or title, then by words retrospective tools use for
it ("Went well" is a hit). Columns left over go, in order, to the exercise's columns
left over; the preview shows every guess, and the facilitator can change it.
"""

from __future__ import annotations

import re

from workshop import i18n
from workshop.exercises import EXERCISES, Exercise
from workshop.i18n import t

ACTIONS = "actions"  # not a board column: its cards become action items
SKIP = "skip"

# Words tools and spreadsheets use for each column, in the app's languages (English,
# Danish, Swedish, Polish, Turkish, Indonesian) and Norwegian, written as people title a
# column: imperative, infinitive, "let's" forms. The catalogues' titles are matched too.
_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "sscc": {
        "stop": (
            "stop", "stopp", "less", "drop", "stoppe", "hold op", "sluta", "stoppa",
            "przestań", "przestańmy", "przestać", "zaprzestać", "zatrzymaj", "durdur",
            "duralım", "bırak", "bırakalım", "berhenti", "hentikan",
        ),
        "start": (
            "start", "begin", "more", "try", "begynd", "begynde", "börja", "starta",
            "zacznij", "zacznijmy", "zacząć", "rozpocznij", "başla", "başlat", "başlayalım",
            "mulai", "mulailah", "memulai",
        ),
        "continue": (
            "continue", "keep", "fortsett", "fortsæt", "fortsætte", "bliv ved", "fortsätt",
            "fortsätta", "kontynuuj", "kontynuujmy", "kontynuować", "devam", "sürdür",
            "lanjutkan", "lanjut", "teruskan",
        ),
        "change": (
            "change", "adjust", "improve", "endre", "ændr", "ændre", "ændring", "juster",
            "ändra", "förändra", "justera", "zmień", "zmieńmy", "zmienić", "zmiana",
            "değiştir", "değiştirelim", "değişiklik", "ubah", "ganti", "perubahan",
        ),
    },
    "hml": {
        "hits": (
            "hit", "hits", "went well", "well", "happy", "positive", "liked", "good",
            "gik godt", "godt", "succes", "träffar", "träff", "gick bra", "bra",
            "trafienia", "trafienie", "sukcesy", "poszło dobrze", "dobrze", "isabetler",
            "isabet", "başarılar", "iyi giden", "berhasil", "keberhasilan", "sukses",
        ),
        "misses": (
            "miss", "misses", "improve", "improved", "went wrong", "wrong", "sad",
            "negative", "bad", "lacked", "gik dårligt", "dårligt", "fejl", "missar",
            "gick dåligt", "dåligt", "pudła", "pudło", "porażki", "nie wyszło", "źle",
            "ıskalar", "ıska", "başarısızlıklar", "kötü giden", "meleset", "gagal",
            "kegagalan",
        ),
        "learned": (
            "learned", "learnt", "learn", "idea", "ideas", "meh", "confused", "puzzle",
            "lært", "læring", "lärdomar", "lärt", "lärde", "nauczyliśmy", "wnioski",
            "lekcje", "öğrendiklerimiz", "öğrendik", "dersler", "pelajaran", "dipelajari",
            "pelajari",
        ),
    },
    "canvas": {
        "paid": ("paid", "betalt", "betald", "betalda", "płatne", "płatny", "ücretli",
                 "berbayar"),
        "earned": ("earned", "fortjent", "förtjänad", "förtjänade", "zdobyte", "pozyskane",
                   "kazanılmış", "diperoleh"),
        "shared": ("shared", "delt", "delad", "delade", "współdzielone", "udostępniane",
                   "paylaşılan", "dibagikan"),
        "owned": ("owned", "ejet", "egne", "ägd", "ägda", "egna", "własne", "sahip olunan",
                  "dimiliki", "milik sendiri"),
    },
}
_ACTION_NAMES = (
    "action", "actions", "action item", "action items", "todo", "to do", "tasks",
    "handlinger", "opgaver", "åtgärder", "uppgifter", "działania", "zadania", "aksiyonlar",
    "eylemler", "görevler", "yapılacaklar", "tindakan", "tugas", "aksi",
)


def _norm(name: str) -> str:
    """Lower case, punctuation out; Turkish dotted and dotless i read alike, so a title
    typed in capitals ("ISKALAR", "İSABETLER") still matches."""
    folded = name.casefold().replace("\u0307", "").replace("ı", "i")
    return " ".join(re.sub(r"[^\w\s]", " ", folded).split())


def column_for(name: str, exercise: Exercise) -> str | None:
    """The exercise's column (or ``ACTIONS``) that ``name`` names, by key, title or word."""
    wanted = _norm(name)
    if not wanted:
        return None
    for column in exercise.columns:
        if wanted in (column.key, _norm(column.title), *_titles(column.title)):
            return column.key
    if wanted in {_norm(n) for n in _ACTION_NAMES}:
        return ACTIONS
    words = _WORDS.get(exercise.key, {})
    hits = {
        key
        for key, names in words.items()
        for word in names
        if re.search(rf"\b{re.escape(_norm(word))}\b", wanted)
    }
    return hits.pop() if len(hits) == 1 else None


def _titles(title: str) -> set[str]:
    """A column's title as each language's catalogue writes it."""
    found = set()
    for code in i18n.LANGUAGES:
        with i18n.using(code):
            found.add(_norm(t(title)))
    return found


def guess(names: list[str], exercise: Exercise) -> dict[str, str]:
    """A column key, ``ACTIONS`` or ``SKIP`` for each of the file's column names."""
    found = {name: column_for(name, exercise) for name in names}
    free = [c.key for c in exercise.columns if c.key not in found.values()]
    for name in names:  # by position: the tool's next column goes to our next free one
        if found[name] is None:
            found[name] = free.pop(0) if free else SKIP
    return {name: key or SKIP for name, key in found.items()}


def exercise_for(names: list[str]) -> Exercise:
    """The exercise whose columns the names match best (Stop / Start / … on a tie)."""
    def score(exercise: Exercise) -> tuple[int, int]:
        matched = sum(1 for n in names if column_for(n, exercise) not in (None, ACTIONS))
        return matched, -abs(len(exercise.columns) - len(names))

    return max(EXERCISES.values(), key=score)
