"""Run the guarded server until ctrl+c (or SIGTERM), then end every tab's app process.

The command (``journal.commands.serve``) has already checked the address and the journal; this
module binds, prints the link and its QR code, and waits. A port of 0 lets the system pick a free
one, which is then the one printed.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import secrets
import signal
import socket
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from aiohttp import web

from journal.errors import JournalError
from tui.serve.access import TOKEN_PARAM, Guard, cookie_name
from tui.serve.glue import JournalServer

TOKEN_BYTES = 32
"""256 random bits: far past guessing, even by a machine on the same network."""

SHUTDOWN_S = 10.0
"""aiohttp's wait for open requests once the tabs' apps have been ended."""


@dataclass(frozen=True)
class ServeOptions:
    host: str
    port: int
    db: Path
    network: bool
    """True when the address is reachable from other machines (``--allow-network`` was given)."""


def app_command(db: Path) -> list[str]:
    """What each tab runs: this interpreter's service-journal on the same journal file."""
    return [sys.executable, "-m", "journal.cli", "--db", str(db)]


def link_host(host: str) -> str:
    """The address to print: the machine's LAN address when bound to every interface."""
    if host in ("0.0.0.0", "::", ""):
        host = lan_address()
    return f"[{host}]" if _family(host) == socket.AF_INET6 else host


def lan_address() -> str:
    """The address other machines reach this one at; a UDP connect sends no packet."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
            address: str = probe.getsockname()[0]
        except OSError:
            return socket.gethostname()
    return address


def print_link(url: str, options: ServeOptions, out: TextIO) -> None:
    import segno

    out.write(f"Service Journal is served at\n\n  {url}\n\n")
    segno.make(url, error="l").terminal(out=out, compact=True, border=2)
    where = "on this network" if options.network else "on this computer"
    out.write(
        f"\nOpen the link in a browser {where}; each tab runs the app on {options.db}.\n"
        "Anyone with the link can open the journal. Press ctrl+c to stop.\n"
    )
    out.flush()


def serve(options: ServeOptions, out: TextIO | None = None) -> int:
    """Serve until interrupted; 0 after a clean stop."""
    _log_refusals()
    asyncio.run(_serve(options, out or sys.stdout))
    return 0


async def _serve(options: ServeOptions, out: TextIO) -> None:
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    runner, server, port = await _start(options, token)
    try:
        url = f"http://{link_host(options.host)}:{port}/?{TOKEN_PARAM}={token}"
        print_link(url, options, out)
        await stop.wait()
        count = len(server.tabs)
        out.write(f"\nStopping: ending {count} browser tab{'s' if count != 1 else ''}.\n")
        out.flush()
    finally:
        await runner.cleanup()
        await asyncio.gather(*(tab.end() for tab in list(server.tabs)))


async def _start(options: ServeOptions, token: str) -> tuple[web.AppRunner, JournalServer, int]:
    """Bind first: with port 0 the cookie's name (per port) is known only once bound."""
    try:
        bound = socket.create_server((options.host, options.port), family=_family(options.host))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise JournalError(
            f"Cannot listen on {options.host} port {options.port}: {reason}."
        ) from None
    port: int = bound.getsockname()[1]
    server = JournalServer(app_command(options.db), Guard(token, cookie_name(port)))
    runner = web.AppRunner(
        await server.make_app(), access_log=None, handle_signals=False, shutdown_timeout=SHUTDOWN_S
    )
    await runner.setup()
    await web.SockSite(runner, bound).start()
    return runner, server, port


def _family(host: str) -> socket.AddressFamily:
    try:
        return socket.AF_INET6 if ipaddress.ip_address(host).version == 6 else socket.AF_INET
    except ValueError:
        return socket.AF_INET


def _log_refusals(stream: TextIO | None = None) -> None:
    """Refusals go to stderr as one line each; the access log stays off (it would show links)."""
    logger = logging.getLogger("service_journal.serve")
    if not logger.handlers:
        handler = logging.StreamHandler(stream or sys.stderr)
        handler.setFormatter(logging.Formatter("service-journal serve: %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
