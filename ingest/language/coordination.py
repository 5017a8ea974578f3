"""How clauses and lists are joined and ended in Swedish administrative text.

The end of a clause ("…, för att …", "… i syfte …"), coordinators ("och", "samt", "eller", a comma),
the words that open a list of objects ("samråda med …", "bland annat", "t.ex."), relative words
that start a clause about the object ("… som är relevanta"), the punctuation that joins a list item
to the next ("…,", "… och"), and the words that open a task after its verb ("att", "som", "för att").
"""

from __future__ import annotations

import re

# Where the clause after a verb ends: a stop, or a subordinate or purpose clause begins.
CLAUSE_END = re.compile(r"[.;:]|\s(?:för att|om hur|om vilka|om att|och (?:ska|bör)|samt (?:ska|bör)|i syfte)\s")
# Between two coordinated noun phrases: a comma (", och", ", samt"), "och", "samt", "eller".
COORDINATOR = re.compile(r",\s*(?:och\s+|samt\s+)?|\s(?:och|samt|eller)\s")
# Words before the first object of a list: "med", "från", "bland annat", "bl.a.", "t.ex.", "exempelvis".
OBJECTS_OPENING = re.compile(
    r"^\s*(?:(?:med|från|hos|för|och|samt|bland annat|bl\.\s?a\.?|t\.\s?ex\.?|exempelvis)\s+)+", re.I
)
# Words that start a clause about a noun phrase rather than continue it ("… som är relevanta").
RELATIVE_WORDS = frozenset({"som", "såsom", "vilka", "vilken", "där", "när", "inom", "med", "t.ex", "bl.a"})
# The punctuation or conjunction that joins a list item to the next: "…,", "…;", "…, och", "… samt".
ITEM_JOIN = re.compile(r"(?:[,;]|,? och| samt)\s*$")
# What opens a task after the verb that assigns it: "att …", "som …", "för att …", "med uppdrag …".
TASK_OPENING = re.compile(r"(?:att|som|för att|med uppdrag)\b")


def without_objects_opening(text: str) -> str:
    """A list of objects without the words before its first object ("med X och Y" → "X och Y")."""
    return OBJECTS_OPENING.sub("", text)


def without_item_join(text: str) -> str:
    """A list item without the punctuation that joins it to the next ("utreda X, och" → "utreda X")."""
    return ITEM_JOIN.sub("", text.strip()).rstrip()


def opens_task(text: str) -> bool:
    """The text after an assigning verb starts the task itself ("att utreda …", "som ska …")."""
    return bool(TASK_OPENING.match(text))
