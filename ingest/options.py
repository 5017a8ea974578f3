"""The ingest layer's option group: how documents are cut into passages (``chunking``).

Defined once, here, and composed into the settings (``PLANSVAR_CHUNKING__…``); the pipeline takes it.
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
