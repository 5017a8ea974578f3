"""The furniture of a page and the joins of its lines: page numbers ("Sida 3 av 12", "- 4 -",
"3 (12)"), running headers and footers, table-of-contents lines, numbered headings and their
section numbers, and words hyphenated across a line break ("sjukdoms-" + "förebyggande").

Cleaning removes the furniture and joins the lines; every pattern for it is here.
"""

from __future__ import annotations

import re

from ingest.language.words import SUSPENDED_HYPHEN_NEXT

# A line that is only a page number: "7", "- 7 -", "Sida 7", "page 7 of 12", "7 (12)", "7/12", "7 av 12".
PAGE_NUMBER = re.compile(
    r"^(?:-\s*)?(?:sida\s+|page\s+)?\d{1,4}"
    r"(?:\s*(?:\(\d{1,4}\)|/\s*\d{1,4}|av \d{1,4}|of \d{1,4}))?(?:\s*-)?$",
    re.I,
)
# A footer of parts set apart by pipes, ending in the page number: "Region Örebro län | Plan 2021 | 7".
FOOTER_PIPES = re.compile(r"^.{4,}\|.+\|\s*\d{1,4}$")
# A footer opening with "page (pages)" that names a date or the region: "7 (12) Datum 2021-05-01".
FOOTER_PAGE_OF = re.compile(r"^\d{1,4}\s*\(\d{1,4}\)\s+\S.*(?:\||Datum|Region)")
# A header ending in "page (pages)": "Region Örebro län Handlingsplan 7 (12)", "Sida 2 av plan 3 (9)".
HEADER_PAGE_OF = re.compile(r"^(?:Region|Sida|Page)\b.{4,120}\s\d{1,4}\s*\(\d{1,4}\)$")
# A table-of-contents line: dot leaders and a page number ("Inledning ........ 3").
TOC_LINE = re.compile(r"\.{4,}\s*\d{1,4}\s*$")
# A numbered heading: its number ("2.1") and a title that opens with a capital ("Mål och syfte").
NUMBERED_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2})*)\.?\s+([A-ZÅÄÖ].*)$")
# The section number that opens a heading: "2.1 ", "3. ".
SECTION_NUMBER = re.compile(r"^\d+(?:\.\d+)*\.?\s+")
_HYPHEN_AT_END = re.compile(r"(\w)-$")
_FIRST_WORD_END = re.compile(r"[\s,]")


def is_running_line(line: str) -> bool:
    """A page number or a running header/footer line, recognised by its shape alone."""
    s = line.strip()
    return bool(PAGE_NUMBER.match(s) or FOOTER_PIPES.match(s) or FOOTER_PAGE_OF.match(s) or HEADER_PAGE_OF.match(s))


def is_toc_line(line: str) -> bool:
    """A table-of-contents line: a title, dot leaders, a page number."""
    return bool(TOC_LINE.search(line))


def without_section_number(line: str) -> str:
    """A heading without the section number that opens it ("2.1 Mål" → "Mål")."""
    return SECTION_NUMBER.sub("", line)


def join_lines(left: str, right: str) -> str:
    """Join a line and its continuation, mending words hyphenated across the break."""
    left, right = left.rstrip(), right.strip()
    if not left:
        return right
    m = _HYPHEN_AT_END.search(left)
    if m and right:
        first = _FIRST_WORD_END.split(right, maxsplit=1)[0].lower()
        if right[0] == "," or first in SUSPENDED_HYPHEN_NEXT:
            return f"{left} {right}" if right[0] != "," else left + right
        if m.group(1).isupper() or m.group(1).isdigit() or not right[0].isalpha():
            return left + right  # "SMO-teamet", "2020-2023": a real hyphen
        return left[:-1] + right  # "sjukdoms-" + "förebyggande"
    return f"{left} {right}"
