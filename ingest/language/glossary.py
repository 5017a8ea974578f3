"""The glossary that brings English questions into Swedish.

The documents are in Swedish. An English question is also searched as a Swedish term list made
from the domain's vocabulary (ingest/language/data/glossary_en_sv.tsv, how it is built is told at
its top): "who owns the assignment of the local care committee" → "ansvarar uppdrag beredning
för närsjukvård".

Matching forgives what users type: case and accents are ignored; chat spellings are read as the
words they stand for ("govt" → "government", ``CHAT_SPELLINGS``); an inflected word finds its
entry ("agencies" → "agency", "funded" → "fund"); and a word of five letters or more that is in no
entry is read as the glossary word one edit away (nine letters or more: two) — "goverment",
"comittee", "municipalty" — unless it is a known word of either language, a number or an acronym,
or the nearby word is another form of it ("simply", "simple").
"""

from __future__ import annotations

from functools import cached_property, lru_cache
from importlib import resources

from ingest.language.fuzzy import NearWords, Tolerance
from ingest.language.words import (
    CHAT_SPELLINGS,
    ENGLISH_STOP_WORDS,
    WORD_WITH_HYPHEN,
    differ_by_ending,
    english_base_forms,
    fold_accents,
    is_number_or_acronym,
)

# one edit from five letters, two from nine (shorter words have too many neighbours)
ENGLISH_TOLERANCE = Tolerance(one=5, two=9)


def _key(phrase: str) -> tuple[str, ...]:
    return tuple(fold_accents(w.lower()) for w in WORD_WITH_HYPHEN.findall(phrase))


def _common_start(a: str, b: str) -> int:
    """How many letters two words begin with in common (typos fall late more often than early)."""
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def distinct_alternatives(swedish: str) -> str:
    """The alternatives in order, each once ("nämnd styrelse nämnd" → "nämnd styrelse"). Inflected
    forms stay ("nämnd nämnden"): the character n-grams of keyword search match each form."""
    return " ".join(dict.fromkeys(swedish.split()))


class Glossary:
    def __init__(self, entries: dict[tuple[str, ...], str]) -> None:
        self.entries = entries
        self.longest = max((len(k) for k in entries), default=1)

    @classmethod
    def from_tsv(cls, text: str) -> Glossary:
        """Entries from ``English<TAB>Swedish alternatives`` lines; ``#`` starts a comment line. An
        English phrase listed twice gets the alternatives of both lines."""
        entries: dict[tuple[str, ...], str] = {}
        for line in text.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            en, _, sv = line.partition("\t")
            key = _key(en)
            if key and sv.strip():
                joined = f"{entries[key]} {sv.strip()}" if key in entries else sv.strip()
                entries[key] = distinct_alternatives(joined)
        return cls(entries)

    @cached_property
    def english_words(self) -> frozenset[str]:
        """Every word of an English phrase in the glossary."""
        return frozenset(w for key in self.entries for w in key)

    @cached_property
    def swedish_words(self) -> frozenset[str]:
        """Every word of the Swedish side (accents folded): a Swedish word in an English question."""
        return frozenset(fold_accents(w.lower()) for sv in self.entries.values() for w in WORD_WITH_HYPHEN.findall(sv))

    @cached_property
    def _near(self) -> NearWords:
        return NearWords((w for w in self.english_words if w.isalpha()), ENGLISH_TOLERANCE)

    def translate(self, question: str) -> str:
        """Swedish terms for the glossary phrases found, plus the words it does not know
        (names, acronyms and Swedish words used in English questions stay as they are)."""
        return " ".join(self.translate_groups(question))

    def translate_groups(self, question: str) -> list[str]:
        """The translation phrase by phrase: each item holds the Swedish alternatives for one
        English phrase, or one word the glossary does not know."""
        forms, typed = self.read_words(question)
        out: list[str] = []
        i = 0
        while i < len(forms):
            for n in range(min(self.longest, len(forms) - i), 0, -1):
                sv = self._lookup(tuple(forms[i : i + n]))
                if sv:
                    out.append(sv)
                    i += n
                    break
            else:
                if forms[i] not in ENGLISH_STOP_WORDS:
                    out.append(typed[i])
                i += 1
        return out

    def read_words(self, question: str) -> tuple[list[str], list[str]]:
        """(the words as the glossary matches them, the words as typed in lower case): chat
        spellings spelt out, accents folded, typos of glossary words corrected."""
        forms: list[str] = []
        typed: list[str] = []
        for token in WORD_WITH_HYPHEN.findall(question):
            lower = token.lower()
            if lower in CHAT_SPELLINGS:
                words = CHAT_SPELLINGS[lower].split()
                forms.extend(words)
                typed.extend(words)
                continue
            forms.append(self.correct(token))
            typed.append(lower)
        return forms, typed

    def correct(self, token: str) -> str:
        """The glossary word a typed word means: itself when known (to the glossary, as an
        English function word, or as a Swedish word of the glossary), a number or an acronym;
        else the nearest glossary word within :data:`ENGLISH_TOLERANCE`, if any."""
        form = fold_accents(token.lower())
        if (
            self._known(form)
            or is_number_or_acronym(token)
            or not form.isascii()
            or not form.replace("-", "").isalpha()
        ):
            return form
        # a typo keeps the first letter, and a word of the same family is not a typo ("simply" is
        # not "simple" misspelt, "counted" not "counter")
        near = [(d, w) for d, w in self._near.near(form) if w[0] == form[0] and not differ_by_ending(form, w)]
        if not near:
            return form
        return min(near, key=lambda dw: (dw[0], -_common_start(form, dw[1]), dw[1]))[1]

    def _known(self, form: str) -> bool:
        if form in ENGLISH_STOP_WORDS or form in self.english_words or form in self.swedish_words:
            return True
        return any(base in self.english_words for base in english_base_forms(form))

    def _lookup(self, key: tuple[str, ...]) -> str | None:
        if key in self.entries:
            return self.entries[key]
        for base in english_base_forms(key[-1]):  # "agencies" → "agency", "funded" → "fund"
            sv = self.entries.get((*key[:-1], base))
            if sv:
                return sv
        return None


@lru_cache(maxsize=1)
def default_glossary() -> Glossary:
    text = resources.files("ingest.language").joinpath("data/glossary_en_sv.tsv").read_text(encoding="utf-8")
    return Glossary.from_tsv(text)
