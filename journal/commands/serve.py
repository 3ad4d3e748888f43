"""serve: the app in a web browser, behind a token (the server itself lives in ``tui.serve``).

The checks that need no server run first and import nothing heavy: an address other machines can
reach is refused without --allow-network, and the journal is opened (and upgraded, once) before
any browser tab starts an app on it, so that a bad file is reported here with its exit code rather
than in every tab.
"""

from __future__ import annotations

import argparse
import ipaddress
from pathlib import Path

from journal.commands._common import settings_from
from journal.errors import UsageError
from journal.terminal import shout

WARNING = (
    "service-journal: warning: the journal is reachable by anyone on this network who has the "
    "link, over plain HTTP that others on the network can read; see the guide for a TLS proxy."
)


def is_loopback(host: str) -> bool:
    """Only the loopback address keeps the journal on this computer; a name other than
    localhost may resolve anywhere, so it counts as the network."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def bind_host(host: str) -> str:
    """localhost names both 127.0.0.1 and ::1; one address means one port, the one printed."""
    return "127.0.0.1" if host.lower() == "localhost" else host


def serve(args: argparse.Namespace) -> int:
    network = not is_loopback(args.host)
    if network and not args.allow_network:
        raise UsageError(
            f"--host {args.host} would let anyone on that network with the link open the "
            "journal; add --allow-network if that is what you want."
        )
    settings = settings_from(args)
    db = Path(settings.db_target).expanduser().resolve()
    from journal.store import open_store

    open_store(settings, on_upgrade=_tell).close()  # refuses a foreign file, upgrades an old one
    if network:
        shout(WARNING)
    from tui.serve.run import ServeOptions
    from tui.serve.run import serve as run_server

    return run_server(ServeOptions(bind_host(args.host), args.port, db, network))


def _tell(message: str) -> None:
    shout(f"service-journal: {message}")
