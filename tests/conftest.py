"""Shared fixtures and the network guard: any connection beyond this machine fails the test."""

from __future__ import annotations

import ipaddress
import socket
from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT, Settings, configure_runtime

FIXTURES = Path(__file__).parent / "fixtures"
PDF_SAMPLES = FIXTURES / "pdf-samples"
CORPUS = PROJECT_ROOT / "data" / "plans"
GOLD = PROJECT_ROOT / "data" / "eval" / "dev.jsonl"


class NetworkCallBlocked(RuntimeError):
    pass


def _is_local(host: object) -> bool:
    if host in (None, "", "localhost"):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True, scope="session")
def _runtime_environment():
    """As the CLI does at start, before any test loads the embedder (OpenMP threads wait passively)."""
    configure_runtime()


@pytest.fixture(autouse=True, scope="session")
def _network_guard():
    """Fail any test that tries to reach beyond loopback (DNS lookups of other hosts included)."""
    real_connect, real_connect_ex, real_getaddrinfo = (
        socket.socket.connect,
        socket.socket.connect_ex,
        socket.getaddrinfo,
    )

    def check(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address[0]):
            raise NetworkCallBlocked(f"test tried to connect to {address!r}")

    def connect(sock, address):
        check(sock, address)
        return real_connect(sock, address)

    def connect_ex(sock, address):
        check(sock, address)
        return real_connect_ex(sock, address)

    def getaddrinfo(host, *args, **kwargs):
        if not _is_local(host):
            raise NetworkCallBlocked(f"test tried to resolve {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo = connect, connect_ex, getaddrinfo
    yield
    socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo = (
        real_connect,
        real_connect_ex,
        real_getaddrinfo,
    )


@pytest.fixture
def make_settings(tmp_path):
    """Settings with an empty data dir of the test's own; keyword overrides pass through."""

    def make(**overrides) -> Settings:
        overrides.setdefault("data_dir", tmp_path / "var")
        return Settings(**overrides)

    return make


@pytest.fixture(scope="session")
def corpus_settings(tmp_path_factory) -> Settings:
    """Settings whose data dir holds the default corpus, ingested once per session (real embedder)."""
    from assistant.wiring import build_index
    from ingest.pipeline import ingest_paths

    settings = Settings(data_dir=tmp_path_factory.mktemp("corpus-index"))
    report = ingest_paths([CORPUS], build_index(settings), settings.chunking)
    assert len(report.added) == 6 and not report.skipped
    return settings


@pytest.fixture(scope="session")
def corpus_retriever(corpus_settings):
    from assistant.wiring import build_retriever

    return build_retriever(corpus_settings)


LLM_CORPUS = FIXTURES / "llm-corpus"


@pytest.fixture(scope="session")
def llm_corpus_settings(tmp_path_factory) -> Settings:
    """Settings whose data dir holds three small test plans (one of them a prompt-injection
    document), ingested once per session with the real embedder."""
    from assistant.wiring import build_index
    from ingest.pipeline import ingest_paths

    settings = Settings(data_dir=tmp_path_factory.mktemp("llm-corpus-index"))
    report = ingest_paths([LLM_CORPUS], build_index(settings), settings.chunking)
    assert len(report.added) == 3 and not report.skipped
    return settings


@pytest.fixture(scope="session")
def llm_corpus_retriever(llm_corpus_settings):
    from assistant.wiring import build_retriever

    return build_retriever(llm_corpus_settings)


@pytest.fixture
def chat_server():
    """A protocol double of an LLM server (OpenAI chat completions with SSE, and Ollama), scripted per test."""
    from chat_double import ChatServerDouble

    server = ChatServerDouble().start()
    yield server
    server.stop()
