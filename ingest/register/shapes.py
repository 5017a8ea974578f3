"""Text shapes the document walk recognises: list marks, lead-in headings, labels, contact lines, signatures."""

from __future__ import annotations

import re

# A list item's number or bullet: "Nr 5.", "Nr 21:", "3.", "(4)", "•"
ITEM_MARK = re.compile(
    r"(?:(?:Nr|nr|Punkt)\.?\s*(\d{1,3})\s*[.:)]?|(?:Uppdrag\s+)?(\d{1,3})\s*[.:)]|\((\d{1,3})\))\s+(?=\S)"
    r"|[•\-*–·◦○►✓]\s+(?=\S)"
)
UPPDRAG_TILL = re.compile(r"(?:\d+(?:\.\d+)*\.?\s+)?Uppdrag(?:en)? (?:till|för) ")  # a lead-in "Uppdrag till X:"
LABEL = re.compile(r"[A-ZÅÄÖ][\wåäö ]{1,28}:\s")  # "Svar: …", "Ur delårsrapport: …"
# Contact details are never owners: labelled lines, phone numbers, e-mail addresses
CONTACT = re.compile(
    r"(?:Telefon\w*|Tel|Fax|Mobil|E-post|Epost|Mejl|Besöksadress|Postadress|Leveransadress|Adress|Webbplats"
    r"|Hemsida|Kontakt\w*|Org\.?\s?nr|Organisationsnummer)\.?\s*:",
    re.IGNORECASE,
)
PHONE = re.compile(r"(?:\+46|\b0)\d{1,3}[- ]?\d{2,3}(?:[ -]?\d{2}){2,3}\b")
SIGNATURE = re.compile(
    r"(?P<name>[A-ZÅÄÖ][a-zåäöé]+ [A-ZÅÄÖ][a-zåäöé]+),? "
    r"(?P<role>(?:[Vv]ice )?[Oo]rdförande|[a-zåäö]*(?:chef|direktör|sekreterare))\b"
)  # "Karin Sundin Ordförande …"
# A finite verb: a paragraph with one is a statement, not an item whose list number was lost
FINITE = re.compile(r"\b(?:är|var|har|hade|ska|skall|kan|kommer|behöver|görs|sker|finns|riktas|blir|får|bör|måste"
                     r"|pågår|[a-zåäö]{3,}(?:ar|er))\b")  # fmt: skip
