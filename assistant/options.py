"""The answering layer's option groups: how answers are chosen (``answer``) and the language model
(``llm``). Each is defined once, here, and composed into :class:`assistant.settings.Settings`
(environment variables ``PLANSVAR_ANSWER__…`` and ``PLANSVAR_LLM__…``); code that answers takes
the group itself, so every default exists in this one place.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, model_validator

from assistant.validation import MAX_QUESTION_CHARS


class AnswerOptions(BaseModel):
    model_config = ConfigDict(frozen=True)

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
    max_question_chars: int = Field(
        MAX_QUESTION_CHARS, ge=10, description="Longer questions are rejected with a clear message."
    )
    relative_floor: float = Field(
        0.6, ge=0, le=1, description="Quote further sentences only when they score at least this share of the best."
    )
    type_weight: float = Field(
        0.1,
        ge=0,
        description="Score bonus for a sentence that carries the kind of answer the question asks for "
        "(a date for 'när …?'); chosen by cross-validation over the development sets.",
    )


class LLMOptions(BaseModel):
    model_config = ConfigDict(frozen=True)

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
    def _model_named(self) -> LLMOptions:
        if self.kind != "none" and not self.model.strip():
            raise ValueError(f"llm.kind is {self.kind!r} but no model is named: set PLANSVAR_LLM__MODEL")
        return self

    @property
    def url(self) -> str:
        if self.base_url:
            return self.base_url.rstrip("/")
        return "http://127.0.0.1:11434" if self.kind == "ollama" else "http://127.0.0.1:8000/v1"

    @property
    def min_support(self) -> dict[str, float]:
        """The support a cited sentence needs, by answer language."""
        return {"sv": self.min_support_sv, "en": self.min_support_en}
