"""Chat models behind one small protocol: messages in, text pieces out, failures as one error type.

The llama-index LLM integrations (`llama-index-llms-openai-like`, `llama-index-llms-ollama`) and
the clients under them live only here; `assistant.wiring` picks which one to build. The model is
always passed explicitly (never llama-index's global Settings), with no retries: a failure shows
the offline answer at once instead of making the user wait.

`LlamaIndexChat` reads the model's stream in a worker thread and hands the pieces over through a
queue, so the caller can stop waiting at the deadline whatever the client library is doing (a
server that stalls, or keeps the connection alive with SSE comments but sends no token).
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Iterator, Sequence
from typing import Protocol

from assistant.errors import AssistantError

Message = tuple[str, str]  # (role, text): "system" | "user" | "assistant"


class GenerationFailed(AssistantError):
    """The language model gave no usable answer; ``reason`` is one of REASONS."""

    REASONS = ("unreachable", "timeout", "server", "malformed", "empty", "unsupported")

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"the language model gave no usable answer ({reason}{': ' + detail if detail else ''})")
        self.reason = reason
        self.detail = detail


class ChatModel(Protocol):
    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        """The answer's text piece by piece; raises GenerationFailed (never hangs past its deadline)."""
        ...


class LlamaIndexChat:
    """A llama-index LLM (`stream_chat`) as a ChatModel with an overall deadline."""

    def __init__(self, llm, deadline: float) -> None:
        self.llm = llm
        self.deadline = deadline

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        from llama_index.core.base.llms.types import ChatMessage

        chat = [ChatMessage(role=role, content=text) for role, text in messages]
        pieces: queue.Queue = queue.Queue()
        stop = threading.Event()
        threading.Thread(target=self._read, args=(chat, pieces, stop), daemon=True, name="plansvar-llm").start()
        end = time.monotonic() + self.deadline
        try:
            while True:
                try:
                    kind, value = pieces.get(timeout=max(0.0, end - time.monotonic()))
                except queue.Empty:
                    raise GenerationFailed("timeout", f"no complete answer within {self.deadline:g} s") from None
                if kind == "done":
                    return
                if kind == "error":
                    raise classify(value) from value
                yield value
        finally:
            stop.set()  # the reader stops at its next piece; a stalled read ends with the client's timeout

    def _read(self, chat, pieces: queue.Queue, stop: threading.Event) -> None:
        stream = None
        try:
            stream = self.llm.stream_chat(chat)
            for response in stream:
                if stop.is_set():
                    break
                if response.delta:
                    pieces.put(("text", response.delta))
            pieces.put(("done", None))
        except Exception as e:  # noqa: BLE001 — handed to the consumer, which raises it as GenerationFailed
            pieces.put(("error", e))
        finally:
            if stream is not None and hasattr(stream, "close"):
                stream.close()


def classify(error: BaseException) -> GenerationFailed:
    """A client library's exception as one of the reasons the user is told about."""
    import httpx
    import openai

    if isinstance(error, GenerationFailed):
        return error
    if isinstance(error, openai.APITimeoutError | httpx.TimeoutException | TimeoutError):
        return GenerationFailed("timeout", str(error))
    if isinstance(error, openai.APIConnectionError | httpx.TransportError | ConnectionError):
        return GenerationFailed("unreachable", str(error))
    status = getattr(error, "status_code", None)
    if isinstance(error, openai.APIStatusError) or isinstance(status, int):
        return GenerationFailed("server", f"HTTP {status}")
    return GenerationFailed("malformed", f"{type(error).__name__}: {error}")


def openai_like(
    base_url: str,
    model: str,
    api_key: str | None,
    timeout: float,
    deadline: float,
    max_tokens: int,
    temperature: float,
    context_window: int,
) -> LlamaIndexChat:
    """Any OpenAI-compatible chat-completions server: vLLM, llama.cpp server, LM Studio, hosted APIs."""
    from llama_index.llms.openai_like import OpenAILike

    llm = OpenAILike(
        model=model,
        api_base=base_url,
        api_key=api_key or "unused",  # explicit: the client must not look for a key anywhere else
        is_chat_model=True,
        is_function_calling_model=False,
        context_window=context_window,
        max_tokens=max_tokens,
        temperature=temperature,
        timeout=timeout,
        max_retries=0,
    )
    return LlamaIndexChat(llm, deadline)


def ollama(
    base_url: str,
    model: str,
    api_key: str | None,
    timeout: float,
    deadline: float,
    max_tokens: int,
    temperature: float,
    context_window: int,
) -> LlamaIndexChat:
    """An Ollama server (its own /api/chat protocol)."""
    from llama_index.llms.ollama import Ollama

    llm = Ollama(
        model=model,
        base_url=base_url,
        temperature=temperature,
        context_window=context_window,
        request_timeout=timeout,
        additional_kwargs={"num_predict": max_tokens},
        is_function_calling_model=False,
        headers={"Authorization": f"Bearer {api_key}"} if api_key else None,
    )
    return LlamaIndexChat(llm, deadline)


class ScriptedChat:
    """Test fake: answers with the given replies in turn, in pieces of a few characters, and keeps
    the messages it received; with no reply left it fails as an unreachable server would."""

    def __init__(self, *replies: str, piece: int = 7) -> None:
        self.replies = list(replies)
        self.piece = piece
        self.received: list[list[Message]] = []

    def stream(self, messages: Sequence[Message]) -> Iterator[str]:
        self.received.append(list(messages))
        if not self.replies:
            raise GenerationFailed("unreachable", "no scripted reply left")
        reply = self.replies.pop(0)
        for i in range(0, len(reply), self.piece):
            yield reply[i : i + self.piece]
