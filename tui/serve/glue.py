"""Everything that leans on textual-serve's inner workings, kept here and checked by a test.

textual-serve's ``Server`` builds its aiohttp application in ``_make_app``, starts each app with a
shell command through ``AppService._open_app_process`` and renders the page with absolute links
made from the address it was given. Serving a journal needs three changes, made by overriding
those points and nothing else:

- the token guard goes in front of every route (a middleware added to the application it makes);
- each tab's process starts from an argument list (no shell, so any journal path is safe) in a
  session of its own, so that the server, not the terminal's ctrl+c, decides when it ends, and
  the whole session can be ended if it does not quit when asked;
- the page's links follow the address the browser used (a LAN address, a reverse proxy's name),
  so that the cookie that carries the token goes with them, and the page gives the keyboard to
  the app as soon as it loads.

tests/serve/test_glue.py fails with a clear message if a textual-serve release moves any of these.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shlex
import signal
from asyncio.subprocess import PIPE, Process
from collections.abc import Sequence
from typing import Any

import aiohttp_jinja2
from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from tui.serve.access import Guard, external_scheme

FOCUS_SCRIPT = (
    "<script>window.addEventListener('load', () => "
    "document.querySelector('.xterm-helper-textarea')?.focus());</script>"
)
"""Capture is typing at once: the keyboard goes to the app without a click or tap first."""

QUIT_WAIT_S = 5.0
"""How long a tab's app may take to quit when asked (it saves its draft) before it is ended."""


class TabApp(AppService):
    """One browser tab's app process, started without a shell in a session of its own."""

    def __init__(self, argv: Sequence[str], **kwargs: Any) -> None:
        super().__init__(shlex.join(argv), **kwargs)
        self.argv = list(argv)

    @property
    def process(self) -> Process | None:
        return self._process

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        environment = self._build_environment(width=width, height=height)
        process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=PIPE,
            stdout=PIPE,
            stderr=PIPE,
            env=environment,
            start_new_session=True,
        )
        self._process = process
        self._stdin = process.stdin
        return process

    async def end(self) -> None:
        """Ask the app to quit; end its whole session if it has not quit in time."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.stop(), QUIT_WAIT_S)
        process = self._process
        if process is None:
            return
        if process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
        await process.wait()


class JournalServer(Server):
    """textual-serve's server with the guard in front and the tabs' processes accounted for."""

    def __init__(self, argv: Sequence[str], guard: Guard, title: str = "Service Journal") -> None:
        super().__init__(shlex.join(argv), title=title)
        self.argv = list(argv)
        self.guard = guard
        self.tabs: set[TabApp] = set()
        self.sockets: set[web.WebSocketResponse] = set()

    async def make_app(self) -> web.Application:
        """The aiohttp application, guarded."""
        app = await self._make_app()
        app.middlewares.append(self.guard)
        return app

    async def on_startup(self, app: web.Application) -> None:
        """The command prints its own banner (textual-serve's would show the command line)."""

    async def on_shutdown(self, app: web.Application) -> None:
        """Quit every tab's app and close every websocket, so that no process outlives us."""
        await asyncio.gather(*(tab.end() for tab in list(self.tabs)))
        for socket in list(self.sockets):
            await socket.close(code=WSCloseCode.GOING_AWAY, message=b"server stopped")

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        base = f"{external_scheme(request)}://{request.host}"
        websocket = "wss" if base.startswith("https") else "ws"
        router = request.app.router
        context = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": f"{websocket}://{request.host}{router['websocket'].url_for()}",
            "config": {
                "static": {
                    "url": f"{base}{router['static'].url_for(filename='/')}".rstrip("/") + "/"
                }
            },
            "application": {"name": self.title},
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        if response.text is not None and "</body>" in response.text:
            response.text = response.text.replace("</body>", f"{FOCUS_SCRIPT}</body>", 1)
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        await websocket.prepare(request)
        tab = TabApp(
            self.argv,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
        )
        self.sockets.add(websocket)
        self.tabs.add(tab)
        try:
            await tab.start(width, height)
            await self._process_messages(websocket, tab)
        finally:
            await tab.end()
            self.tabs.discard(tab)
            self.sockets.discard(websocket)
        return websocket
