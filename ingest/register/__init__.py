"""The responsibility register: who is assigned, responsible, deciding or following up what.

Every statement carries exact offsets into ``doc.text``: the task evidence (a whole sentence or
list item) and the owner mention, which may stand far above the task, in a lead-in such as
"Hälso- och sjukvårdsförvaltningen får i uppdrag:" that scopes the numbered items below it.

The register reads Swedish administrative language; the words and phrases it reads with live in
:mod:`ingest.language.admin`, and this package keeps the mechanics: ``types`` (the entry),
``mentions`` (owner noun phrases), ``rules`` (verb frames applied to a sentence), ``references``
(pronouns, short references, the assignee), ``fields`` (recipient and consulted bodies),
``extract`` (the document walk, lead-ins and lists), ``owners`` (owner keys), ``shapes`` (list
marks and labels).
"""

from ingest.register.extract import extract_responsibilities
from ingest.register.owners import normalise_owner, same_body
from ingest.register.types import KINDS, Responsibility

__all__ = ["KINDS", "Responsibility", "extract_responsibilities", "normalise_owner", "same_body"]
