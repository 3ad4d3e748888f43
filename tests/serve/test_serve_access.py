"""Nobody without the token gets in: every route, the cookie that carries it, the Origin check."""

from __future__ import annotations

import logging

import pytest
from aiohttp import WSServerHandshakeError
from serve_helpers import TOKEN, Guarded

from tui.serve.access import REFUSED_TEXT, cookie_name, same_token

ROUTES = ["/", "/ws", "/static/js/textual.js", "/static/", "/download/some-key", "/no-such-page"]


@pytest.mark.parametrize("path", ROUTES)
@pytest.mark.parametrize("token", [None, "", "wrong", TOKEN[:-1], TOKEN + "x", "tökén"])
async def test_every_route_refuses_a_missing_or_wrong_token(
    guarded: Guarded, path: str, token: str | None
) -> None:
    params = {} if token is None else {"token": token}
    response = await guarded.client.get(path, params=params, allow_redirects=False)
    assert response.status == 403
    assert await response.text() == REFUSED_TEXT
    assert "set-cookie" not in response.headers


@pytest.mark.parametrize("path", ROUTES)
async def test_a_wrong_cookie_is_refused_too(guarded: Guarded, path: str) -> None:
    response = await guarded.client.get(
        path, cookies={cookie_name(0): "wrong"}, allow_redirects=False
    )
    assert response.status == 403


async def test_the_link_moves_the_token_into_a_strict_httponly_cookie(guarded: Guarded) -> None:
    response = await guarded.client.get(
        "/", params={"token": TOKEN, "fontsize": "20"}, allow_redirects=False
    )
    assert response.status == 303
    assert response.headers["Location"] == "/?fontsize=20"
    cookie = response.cookies[cookie_name(0)]
    assert cookie.value == TOKEN
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Strict"
    assert cookie["path"] == "/"
    assert response.headers["Referrer-Policy"] == "no-referrer"


async def test_with_the_cookie_the_page_and_its_files_load(guarded: Guarded) -> None:
    await guarded.client.get("/", params={"token": TOKEN}, allow_redirects=False)
    page = await guarded.client.get("/")
    assert page.status == 200
    html = await page.text()
    assert f'data-session-websocket-url="ws://{guarded.client.host}:{guarded.client.port}/ws"' in (
        html
    )
    assert TOKEN not in html
    script = await guarded.client.get("/static/js/textual.js")
    assert script.status == 200


async def test_behind_a_tls_proxy_the_page_links_use_https(guarded: Guarded) -> None:
    headers = {"X-Forwarded-Proto": "https", "Host": "journal.example"}
    response = await guarded.client.get(
        "/", params={"token": TOKEN}, headers=headers, allow_redirects=False
    )
    assert response.cookies[cookie_name(0)]["secure"] is True
    page = await guarded.client.get("/", cookies={cookie_name(0): TOKEN}, headers=headers)
    html = await page.text()
    assert 'data-session-websocket-url="wss://journal.example/ws"' in html


async def test_the_websocket_opens_with_the_token_and_its_own_origin(guarded: Guarded) -> None:
    socket = await guarded.client.ws_connect(
        "/ws", params={"token": TOKEN}, headers={"Origin": guarded.origin}
    )
    assert not socket.closed
    await socket.close()


@pytest.mark.parametrize("origin", [None, "http://evil.example", "null", "http://127.0.0.1:1"])
async def test_the_websocket_refuses_another_or_no_origin(
    guarded: Guarded, origin: str | None
) -> None:
    headers = {} if origin is None else {"Origin": origin}
    with pytest.raises(WSServerHandshakeError) as refused:
        await guarded.client.ws_connect("/ws", params={"token": TOKEN}, headers=headers)
    assert refused.value.status == 403
    assert not guarded.server.tabs


async def test_refusals_are_logged_without_the_token(
    guarded: Guarded, caplog: pytest.LogCaptureFixture
) -> None:
    near_miss = TOKEN[:-1] + "X"
    with caplog.at_level(logging.INFO, logger="service_journal.serve"):
        await guarded.client.get("/", params={"token": near_miss})
        await guarded.client.get("/ws")
    messages = [record.getMessage() for record in caplog.records]
    assert any("wrong token" in m and "GET /" in m for m in messages)
    assert any("no token" in m and "GET /ws" in m for m in messages)
    assert not any(near_miss in m or TOKEN in m for m in messages)


def test_tokens_compare_in_constant_time_even_when_not_ascii() -> None:
    assert same_token(TOKEN, TOKEN)
    assert not same_token("tökén", TOKEN)
