"""The register's entry: one statement of responsibility with exact offsets into ``doc.text``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

KINDS = ("assigned", "responsible", "decided", "follows_up", "other")


@dataclass
class Responsibility:
    owner: str  # as written in the text (the full name when a short reference was resolved)
    owner_key: str  # normalise_owner(owner): merges variants of one body
    task: str  # the task as written (the item or clause), without a leading "Nr 5."
    kind: str  # one of KINDS
    doc_id: str
    task_start: int  # evidence span in doc.text: a whole sentence or list item
    task_end: int
    owner_start: int  # owner mention in doc.text (may be far above, in a lead-in)
    owner_end: int
    number: str = ""  # assignment number ("5", "13 och 14")
    assigner: str = ""  # the assigning or deciding body, where the text names it
    year: str = ""  # the document's period or year
    recipient: str = ""  # who the work is reported to ("redovisas till Regeringskansliet"), where the text says
    consulted: list[str] = field(default_factory=list)  # bodies to consult ("samråda med X, Y och Z")

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, raw: dict) -> Responsibility:
        """An entry as stored with its document (unknown keys are ignored, missing optional ones take defaults)."""
        return cls(**{k: v for k, v in raw.items() if k in cls.__dataclass_fields__})
