"""The newsroom app's shell over real HTTP on 127.0.0.1: security headers on every response, the
request size limit, tokens for writing and for private reads, errors without tracebacks."""

from __future__ import annotations

import httpx
import pytest
from fastapi import Request

from frontwire.web.security import CONTENT_SECURITY_POLICY, token_matches
from frontwire.web.settings import WebSettings, token_from


def test_every_response_carries_a_strict_content_security_policy(samples_server):
    for path in ("/", "/static/css/base.css", "/api/no-such-thing", "/no-such-page"):
        response = httpx.get(samples_server.url + path)
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY, path
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY and "unsafe-inline" not in CONTENT_SECURITY_POLICY


def test_a_body_over_the_limit_is_refused_before_it_is_read(tmp_path):
    from conftest import LiveServer
    from frontwire.web.app import create_app

    app = create_app(WebSettings(db=str(tmp_path / "s.db"), max_body=1000))

    @app.post("/api/measure")
    async def measure(request: Request) -> dict:
        return {"size": len(await request.body())}

    def chunks(n: int):
        for _ in range(n):
            yield b"y" * 500

    with LiveServer(app) as server:
        declared = httpx.post(server.url + "/api/measure", content=b"x" * 5000)
        assert declared.status_code == 413 and "1000 bytes" in declared.json()["detail"]
        # Chunked: no Content-Length to judge by, so the bytes are counted as they arrive.
        assert httpx.post(server.url + "/api/measure", content=chunks(10)).status_code == 413
        assert httpx.post(server.url + "/api/measure", content=chunks(2)).json() == {"size": 1000}


def test_a_private_newsroom_needs_the_token_to_read(live_server, tmp_path):
    with live_server(WebSettings(db=str(tmp_path / "s.db"), token="s3cret", private=True)) as server:
        assert httpx.get(server.url + "/").status_code == 401
        wrong = httpx.get(server.url + "/", headers={"Authorization": "Bearer nope"})
        assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
        assert httpx.get(server.url + "/", headers={"Authorization": "Bearer s3cret"}).status_code == 200


def test_a_private_newsroom_without_a_token_is_refused():
    with pytest.raises(ValueError, match="needs a token"):
        WebSettings(private=True)


def test_tokens_come_from_a_file_first_then_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("FRONTWIRE_TOKEN", "from-env")
    assert token_from(None) == "from-env"
    path = tmp_path / "token"
    path.write_text("from-file\n")
    assert token_from(str(path)) == "from-file"
    path.write_text("\n")
    with pytest.raises(ValueError, match="empty"):
        token_from(str(path))
    assert token_matches("abc", "abc") and not token_matches("abd", "abc") and not token_matches(None, "abc")


def test_an_unexpected_error_reaches_the_client_as_json_without_a_traceback(live_server, tmp_path):
    from frontwire.web.app import create_app

    app = create_app(WebSettings(db=str(tmp_path / "s.db")))

    @app.get("/api/boom")
    def boom():
        raise RuntimeError("secret internals /etc/passwd")

    from conftest import LiveServer

    with LiveServer(app) as server:
        response = httpx.get(server.url + "/api/boom")
    assert response.status_code == 500
    assert response.json() == {"detail": "internal error: the server's log has the details"}
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "secret" not in response.text and "Traceback" not in response.text


def test_the_api_docs_page_works_offline_under_the_policy(samples_server, page):
    # Swagger UI from the packaged npm build with an external start script: FastAPI's own page
    # would load it from a CDN with an inline script, which the policy (and no network) refuse.
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(samples_server.url)
               else route.abort())
    page.goto(samples_server.url + "/docs")
    page.wait_for_selector(".opblock", timeout=30_000)
    assert page.locator(".opblock").count() >= 12
    assert page.errors == []
