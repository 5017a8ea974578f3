"""Token counts with tiktoken's cl100k_base, read from the copy llama-index ships (no download)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _encode():
    from llama_index.core.utils import get_tokenizer

    return get_tokenizer()  # cl100k_base from llama-index's bundled tiktoken cache


def count_tokens(text: str) -> int:
    return len(_encode()(text))
