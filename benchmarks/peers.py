"""jrnl, the peer we compare against: each version in a virtual environment of its own.

``benchmarks/.work/jrnl-current`` holds the newest release on PyPI (upgraded when the suite runs,
so "current" stays current), ``benchmarks/.work/jrnl-4.3`` holds 4.3. Both are created on first
use and reused afterwards. jrnl runs with its own config file (``--config-file``) and its own
XDG folders, so the user's jrnl setup is never read or changed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from dataclasses import dataclass
from pathlib import Path

from benchmarks.generate import write_jrnl_config

PEERS = {"current": "jrnl", "4.3": "jrnl==4.3"}


@dataclass(frozen=True)
class Jrnl:
    name: str
    """"current" or "4.3"."""
    version: str
    bin: Path
    xdg: Path

    def config(self, journal: Path, folder: Path) -> Path:
        """A config file for this version pointing at ``journal`` (written into ``folder``)."""
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"jrnl-{self.name}.yaml"
        write_jrnl_config(path, journal, self.version)
        return path

    def env(self, base: dict[str, str]) -> dict[str, str]:
        env = dict(base)
        env.update(
            XDG_CONFIG_HOME=str(self.xdg / "config"),
            XDG_DATA_HOME=str(self.xdg / "data"),
            XDG_CACHE_HOME=str(self.xdg / "cache"),
            HOME=str(self.xdg),
            EDITOR="",
            VISUAL="",
        )
        return env


def ensure_jrnl(name: str, work: Path, log=print) -> Jrnl:
    """Create (once) the virtual environment for one jrnl version and report its version."""
    spec = PEERS[name]
    folder = work / f"jrnl-{name}"
    python = folder / "bin" / "python"
    stamp = folder / ".installed"
    if not stamp.exists():
        log(f"  installing {spec} into {folder}")
        venv.EnvBuilder(with_pip=True, clear=True).create(folder)
        _pip(python, "install", "--quiet", "--disable-pip-version-check", spec)
        stamp.write_text(spec + "\n")
    elif name == "current" and os.environ.get("BENCH_UPGRADE_JRNL") == "1":
        _pip(python, "install", "--quiet", "--disable-pip-version-check", "--upgrade", spec)
    version = subprocess.run(
        [str(python), "-c", "from jrnl.__version__ import __version__; print(__version__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    xdg = work / f"xdg-{name}"
    for sub in ("config", "data", "cache"):
        (xdg / sub).mkdir(parents=True, exist_ok=True)
    return Jrnl(name, version, folder / "bin" / "jrnl", xdg)


def _pip(python: Path, *args: str) -> None:
    result = subprocess.run([str(python), "-m", "pip", *args], capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise RuntimeError(f"pip {' '.join(args)} failed")
