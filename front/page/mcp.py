"""The MCP server beside the page: the public endpoints (``front.page.api``) as read-only tools.

Gradio serves MCP for the mounted page (``mount_gradio_app(..., mcp_server=True)``): the streamable
HTTP transport at ``/gradio_api/mcp/`` (and SSE at ``/gradio_api/mcp/sse``), tools named after the
public endpoints, with descriptions and typed arguments taken from their docstrings and signatures.
Only the public endpoints are tools, because every other handler is private.

Two handlers of Gradio's MCP server are replaced here, because Gradio passes a tool's result on as
its Python ``str()`` only: ``tools/call`` runs the endpoint itself and returns its JSON object as
``structuredContent`` (and as JSON text), or the user message with ``isError`` when the question
cannot be answered (invalid, rate limited, nothing indexed); ``tools/list`` adds each tool's output
schema and marks it read-only. The rate limit counts the MCP client's own address.
"""

from __future__ import annotations

import functools
import inspect
from typing import Any

import anyio
from mcp import types

from assistant.errors import AssistantError, user_message
from front.page.api import PUBLIC_ENDPOINTS, PublicApi
from index.backends import StoreUnavailable

_PASSAGE = {
    "type": "object",
    "properties": {
        "rank": {"type": "integer"},
        "doc_id": {"type": "string"},
        "title": {"type": "string"},
        "text": {"type": "string"},
        "start": {"type": "integer"},
        "end": {"type": "integer"},
    },
    "required": ["doc_id", "text", "start", "end"],
}
_CITATION = {
    "type": "object",
    "properties": {
        "marker": {"type": "integer"},
        "chunk_id": {"type": "string"},
        "doc_id": {"type": "string"},
        "title": {"type": "string"},
        "page": {"type": ["integer", "null"]},
        "section": {"type": "string"},
        "quote": {"type": "string"},
        "start": {"type": "integer"},
        "end": {"type": "integer"},
        "superseded_by": {"type": "string"},
    },
    "required": ["marker", "doc_id", "title", "quote", "start", "end"],
}


def _object(required: dict[str, Any]) -> dict:
    return {"type": "object", "properties": required, "required": list(required)}


OUTPUT_SCHEMAS = {
    "ask": _object(
        {
            "question": {"type": "string"},
            "text": {"type": "string"},
            "language": {"type": "string"},
            "supported": {"type": "boolean"},
            "mode": {"type": "string"},
            "citations": {"type": "array", "items": _CITATION},
            "related": {"type": "array", "items": _CITATION},
        }
    ),
    "search": _object({"query": {"type": "string"}, "passages": {"type": "array", "items": _PASSAGE}}),
    "owners": _object({"query": {"type": "string"}, "entries": {"type": "array", "items": {"type": "object"}}}),
    "document": _object(
        {
            "doc_id": {"type": "string"},
            "title": {"type": "string"},
            "length": {"type": "integer"},
            "start": {"type": "integer"},
            "end": {"type": "integer"},
            "text": {"type": "string"},
        }
    ),
    "documents": _object({"documents": {"type": "array", "items": {"type": "object"}}}),
}
READ_ONLY = types.ToolAnnotations(readOnlyHint=True, destructiveHint=False, idempotentHint=True, openWorldHint=False)


def serve_tools(blocks: Any, api: PublicApi) -> bool:
    """Give the MCP server Gradio made for ``blocks`` (mounted with ``mcp_server=True``) our tool
    handlers. False when there is no MCP server (turned off)."""
    mcp = getattr(blocks, "mcp_server_obj", None)
    if mcp is None:
        return False
    server = mcp.mcp_server
    gradio_list_tools = server.request_handlers[types.ListToolsRequest]

    @server.list_tools()
    async def list_tools() -> list[types.Tool]:
        listed = await gradio_list_tools(types.ListToolsRequest(method="tools/list"))
        return [
            tool.model_copy(update={"outputSchema": OUTPUT_SCHEMAS[tool.name], "annotations": READ_ONLY})
            for tool in listed.root.tools
            if tool.name in PUBLIC_ENDPOINTS
        ]

    @server.call_tool()
    async def call_tool(name: str, arguments: dict[str, Any]) -> dict | types.CallToolResult:
        if name not in PUBLIC_ENDPOINTS:
            return _error(f"no tool named {name!r}; the tools are {', '.join(PUBLIC_ENDPOINTS)}")
        endpoint = getattr(api, name)
        accepted = set(inspect.signature(endpoint).parameters) - {"request"}
        unknown = sorted(set(arguments) - accepted)
        if unknown:
            return _error(f"{name} takes no argument {', '.join(unknown)}")
        call = functools.partial(endpoint, **arguments, request=server.request_context.request)
        try:
            return await anyio.to_thread.run_sync(call)
        except (AssistantError, StoreUnavailable) as e:
            return _error(user_message(e))

    return True


def _error(message: str) -> types.CallToolResult:
    return types.CallToolResult(content=[types.TextContent(type="text", text=message)], isError=True)
