"""Who may use the served journal: whoever holds the token printed at start-up, and nobody else.

The check is an aiohttp middleware, so it stands in front of every route textual-serve defines and
any it adds later: the page, the websocket, static files, downloads, even paths that do not exist.
The token arrives once in the link; the page then moves it into an HttpOnly, SameSite=Strict
cookie and sends the browser to the same page without it, so it leaves the address bar. Refusals
are logged with the reason and never with what was presented, which may be a near miss of the
real token.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from aiohttp import web

TOKEN_PARAM = "token"
"""The query parameter of the printed link."""

REFUSED_TEXT = "Forbidden: open the link that `service-journal serve` printed.\n"

log = logging.getLogger("service_journal.serve")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def cookie_name(port: int) -> str:
    """Cookies are shared by every port of a host, so each server names its own."""
    return f"service_journal_{port}"


def same_token(given: str, token: str) -> bool:
    """Constant-time comparison; bytes, because ``compare_digest`` refuses non-ASCII text."""
    return hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8"))


@dataclass(frozen=True)
class Guard:
    """The token check and the Origin check, as an aiohttp middleware."""

    token: str
    cookie: str

    __middleware_version__ = 1
    """What aiohttp's ``@web.middleware`` marks: a new-style middleware, not a factory."""

    async def __call__(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        reason = self.refusal(request)
        if reason is not None:
            log.warning(
                "refused %s %s from %s: %s", request.method, request.path, request.remote, reason
            )
            return web.Response(status=403, text=REFUSED_TEXT, headers=_private_headers())
        if TOKEN_PARAM in request.query and request.method == "GET" and not _is_websocket(request):
            return self._move_token_to_cookie(request)
        response = await handler(request)
        if not response.prepared:
            response.headers.update(_private_headers())
        return response

    def refusal(self, request: web.Request) -> str | None:
        """Why the request is refused, or None when it may go on."""
        given = request.query.get(TOKEN_PARAM)
        if given is None:
            given = request.cookies.get(self.cookie)
        if given is None:
            return "no token"
        if not same_token(given, self.token):
            return "wrong token"
        origin = request.headers.get("Origin")
        if origin is None:
            return "websocket without an Origin header" if _is_websocket(request) else None
        if urlsplit(origin).netloc.lower() != request.host.lower():
            return "request from another origin"
        return None

    def _move_token_to_cookie(self, request: web.Request) -> web.StreamResponse:
        rest = [(k, v) for k, v in request.query.items() if k != TOKEN_PARAM]
        location = request.path + (f"?{urlencode(rest)}" if rest else "")
        response = web.Response(status=303, headers={"Location": location, **_private_headers()})
        response.set_cookie(
            self.cookie,
            self.token,
            path="/",
            httponly=True,
            samesite="Strict",
            secure=external_scheme(request) == "https",
        )
        return response


def external_scheme(request: web.Request) -> str:
    """The scheme the browser used: https behind a TLS reverse proxy that says so."""
    forwarded = request.headers.get("X-Forwarded-Proto", "").split(",")[0].strip().lower()
    if forwarded in ("http", "https"):
        return forwarded
    return "https" if request.secure else "http"


def _is_websocket(request: web.Request) -> bool:
    return request.headers.get("Upgrade", "").lower() == "websocket"


def _private_headers() -> dict[str, str]:
    """Keep the link out of other sites' logs and the page out of shared caches."""
    return {"Referrer-Policy": "no-referrer", "Cache-Control": "no-store"}
