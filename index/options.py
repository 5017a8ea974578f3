"""The index layer's option group: how passages are found and ranked (``retrieval``).

Defined once, here, and composed into the settings (``PLANSVAR_RETRIEVAL__…``); the retriever takes it.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class RetrievalOptions(BaseModel):
    """How passages are found and ranked: the ``retrieval`` settings group (``PLANSVAR_RETRIEVAL__…``)."""

    model_config = ConfigDict(frozen=True)

    top_k: int = Field(5, ge=1, le=50, description="Passages returned by retrieval.")
    candidates: int = Field(
        60, ge=1, description="Candidates taken from each of vector search and BM25 before scoring."
    )
    dense_weight: float = Field(1.0, ge=0, description="Weight of the cosine similarity (e5) in the fused score.")
    word_weight: float = Field(
        0.0, ge=0, description="Weight of stemmed-word BM25 (max-normalised) in the fused score."
    )
    char_weight: float = Field(0.05, ge=0, description="Weight of character-4-gram BM25 (compounds, typos).")
    responsibility_weight: float = Field(
        0.02, ge=0, description="Bonus for passages stating a responsibility when the question asks who."
    )
    item_number_weight: float = Field(
        0.05, ge=0, description="Bonus for passages whose list items carry the number the question names (Nr 10)."
    )
    year_weight: float = Field(
        0.02,
        ge=0,
        description="Bonus for passages of documents whose title, period or date names a year the question names.",
    )
    expand_lead_in: bool = Field(True, description="Show the heading that names an item's owner right after the item.")
    lead_in_within: int = Field(
        3, ge=1, description="Only items ranked this high bring their lead-in passage along."
    )
    translate_english: bool = Field(
        True, description="Keyword-search English questions also with the glossary's Swedish terms."
    )
