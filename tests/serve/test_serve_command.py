"""`service-journal serve` as a user runs it: the address rules, the link, the QR code, ctrl+c."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from serve_helpers import alive, children_of, start_serve

from journal.cli import main
from journal.commands.serve import bind_host, is_loopback


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "journal.example"])
def test_a_network_address_is_refused_without_allow_network(
    host: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--db", str(tmp_path / "j.db"), "serve", "--host", host])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1
    assert "--allow-network" in err
    assert not (tmp_path / "j.db").exists()


@pytest.mark.parametrize("port", ["70000", "-1", "eighty"])
def test_a_port_out_of_range_is_a_usage_error(
    port: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["serve", "--port", port])
    assert exited.value.code == 2
    assert "not a port" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("10.0.0.5", False),
        ("myhost", False),
    ],
)
def test_only_loopback_addresses_count_as_this_computer(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_localhost_binds_one_address_so_the_printed_port_is_the_only_one() -> None:
    assert bind_host("localhost") == "127.0.0.1"
    assert bind_host("::1") == "::1"


def test_a_port_in_use_is_one_sentence_and_exit_1(tmp_path: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "journal.cli",
                "--db",
                str(tmp_path / "j.db"),
                "serve",
                "--port",
                str(port),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            stdin=subprocess.DEVNULL,
        )
    assert result.returncode == 1
    assert result.stderr.startswith("service-journal: Cannot listen on 127.0.0.1 port")
    assert result.stderr.count("\n") == 1


def test_serve_prints_the_link_with_a_long_token_and_a_qr_code(tmp_path: Path) -> None:
    served = start_serve(tmp_path / "j.db")
    out, _ = served.stop()
    assert served.base.startswith("http://127.0.0.1:")
    assert len(served.token) >= 22  # 128 bits in URL-safe base64
    assert "▀" in out or "▄" in out or "█" in out
    assert served.process.returncode == 0
    assert (tmp_path / "j.db").exists()


def test_allow_network_warns_in_one_sentence(tmp_path: Path) -> None:
    served = start_serve(tmp_path / "j.db", "--host", "0.0.0.0", "--allow-network")
    _, err = served.stop()
    warning = [line for line in err.splitlines() if "warning" in line]
    assert len(warning) == 1
    assert "anyone on this network who has the link" in warning[0]
    assert not served.base.startswith("http://0.0.0.0")


def test_two_tabs_then_ctrl_c_leaves_no_process_behind(tmp_path: Path) -> None:
    import asyncio

    served = start_serve(tmp_path / "j.db")

    async def open_tabs() -> set[int]:
        import aiohttp

        async with aiohttp.ClientSession() as session:
            sockets = [
                await session.ws_connect(
                    f"{served.base}/ws?token={served.token}&width=100&height=30",
                    headers={"Origin": served.base},
                )
                for _ in range(2)
            ]
            for tab in sockets:
                await tab.receive()  # the app's first screen: its process is running
            apps = children_of(served.process.pid)
            assert len(apps) == 2
            served.process.send_signal(signal.SIGINT)  # ctrl+c while both tabs are open
            for tab in sockets:
                async for _ in tab:
                    pass  # the app's output, until the server closes the tab
            return apps

    apps = asyncio.run(open_tabs())
    served.process.wait(timeout=60)
    assert served.process.returncode == 0
    assert not [pid for pid in apps if alive(pid)]
