"""Text shapes the document walk recognises: list marks, labels ("Svar: …") and phone numbers."""

from __future__ import annotations

import re

# A list item's number or bullet: "Nr 5.", "Nr 21:", "3.", "(4)", "•"
ITEM_MARK = re.compile(
    r"(?:(?:Nr|nr|Punkt)\.?\s*(\d{1,3})\s*[.:)]?|(?:Uppdrag\s+)?(\d{1,3})\s*[.:)]|\((\d{1,3})\))\s+(?=\S)"
    r"|[•\-*–·◦○►✓]\s+(?=\S)"
)
LABEL = re.compile(r"[A-ZÅÄÖ][\wåäö ]{1,28}:\s")  # "Svar: …", "Ur delårsrapport: …"
PHONE = re.compile(r"(?:\+46|\b0)\d{1,3}[- ]?\d{2,3}(?:[ -]?\d{2}){2,3}\b")
