"""Every front door of a real `plansvar serve` process shares one rate limit per client, and a client
cannot name itself: `X-Forwarded-For` counts only from the configured proxies."""

from __future__ import annotations

import httpx
import pytest
from app_server import serving


@pytest.fixture(scope="module")
def limited_app(tmp_path_factory):
    """Nothing indexed (each question is a 503 after the limit let it through), two questions a minute."""
    work = tmp_path_factory.mktemp("limited-app")
    env = {"PLANSVAR_EMBEDDER": "hashing", "PLANSVAR_API__RATE_LIMIT_PER_MINUTE": "2"}
    with serving(work / "var", work, **env) as app:
        yield app


def test_a_forged_forwarded_address_gets_no_fresh_allowance(limited_app):
    ask = {"question": "Vad är en SIP?"}
    statuses = [
        httpx.post(limited_app.url + "/api/ask", json=ask, headers={"X-Forwarded-For": f"203.0.113.{i}"}, timeout=30)
        .status_code
        for i in range(3)
    ]
    assert statuses == [503, 503, 429], "nothing is indexed: 503 while the limit lets a question through"
