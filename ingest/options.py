"""The ingest layer's option groups: how documents are cut into passages (``chunking``) and how large
one document may be (``ingest``).

Defined once, here, and composed into the settings (``PLANSVAR_CHUNKING__…``, ``PLANSVAR_INGEST__…``);
the pipeline and the loaders take them.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class ChunkingOptions(BaseModel):
    """How documents are cut into passages: the ``chunking`` settings group (``PLANSVAR_CHUNKING__…``)."""

    model_config = ConfigDict(frozen=True)

    target_tokens: int = Field(
        160, ge=32, le=480, description="Token target per chunk (cl100k); chosen by measurement."
    )
    hard_limit: int = Field(480, ge=64, le=500, description="No chunk shown to users exceeds this many tokens.")


class IngestLimits(BaseModel):
    """How large one document may be: the ``ingest`` settings group (``PLANSVAR_INGEST__…``). A larger
    one is skipped as too large (its embedding would take hours: a one-page PDF of 3.3 million
    characters made 8 000 passages and 40 000 sentences)."""

    model_config = ConfigDict(frozen=True)

    max_pages: int = Field(1000, ge=1, description="A PDF with more pages is skipped as too large.")
    max_chars: int = Field(
        1_000_000, ge=1000, description="A document with more characters of text is skipped as too large."
    )
    max_chunks: int = Field(
        3000, ge=1, description="A document that makes more passages is skipped as too large (embedding time)."
    )


DEFAULT_LIMITS = IngestLimits()
