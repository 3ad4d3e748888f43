"""Fixtures of the serve tests (the helpers are in serve_helpers.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from serve_helpers import FAKE_APP, TOKEN, Guarded, Served, start_serve

from tui.serve.access import Guard, cookie_name
from tui.serve.glue import JournalServer


@pytest.fixture
async def guarded() -> AsyncIterator[Guarded]:
    """The real server class and guard, with a stand-in app behind the websocket."""
    server = JournalServer(FAKE_APP, Guard(TOKEN, cookie_name(0)))
    client = TestClient(TestServer(await server.make_app()))
    await client.start_server()
    try:
        yield Guarded(client, server)
    finally:
        await client.close()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    running = start_serve(tmp_path / "journal.db")
    yield running
    if running.process.poll() is None:
        running.stop()
