"""tui/serve/glue.py leans on textual-serve's inner workings; this says so clearly if they move."""

from __future__ import annotations

import inspect
from importlib.metadata import version
from pathlib import Path

import textual_serve
from textual_serve.app_service import AppService
from textual_serve.server import Server

from tui.serve.access import Guard
from tui.serve.glue import JournalServer

HINT = f"textual-serve {version('textual-serve')} changed: update tui/serve/glue.py"


def test_the_server_methods_the_glue_overrides_or_calls_exist() -> None:
    for name in ("_make_app", "_process_messages", "handle_index", "handle_websocket"):
        assert inspect.iscoroutinefunction(getattr(Server, name, None)), f"{HINT} (Server.{name})"
    for name in ("on_startup", "on_shutdown"):
        assert callable(getattr(Server, name, None)), f"{HINT} (Server.{name})"


def test_the_app_service_hooks_the_glue_uses_exist() -> None:
    opener = inspect.signature(AppService._open_app_process)
    assert list(opener.parameters) == ["self", "width", "height"], f"{HINT} (_open_app_process)"
    environment = inspect.signature(AppService._build_environment)
    assert {"width", "height"} <= set(environment.parameters), f"{HINT} (_build_environment)"
    source = inspect.getsource(AppService)
    for attribute in ("self._process", "self._stdin"):
        assert attribute in source, f"{HINT} (AppService {attribute})"
    for method in ("start", "stop"):
        assert inspect.iscoroutinefunction(getattr(AppService, method)), f"{HINT} ({method})"


async def test_the_routes_the_guard_stands_before_are_the_named_ones() -> None:
    server = JournalServer(["true"], Guard("t", "c"))
    app = await server.make_app()
    names = set(app.router.named_resources())
    assert {"index", "websocket", "static", "download"} <= names, f"{HINT} (routes {names})"
    assert server.guard in app.middlewares


def test_the_page_template_has_the_fields_the_glue_fills() -> None:
    template = Path(textual_serve.__file__).with_name("templates") / "app_index.html"
    text = template.read_text(encoding="utf-8")
    for field in ("app_websocket_url", "config.static.url", "font_size", "</body>"):
        assert field in text, f"{HINT} (app_index.html has no {field})"
