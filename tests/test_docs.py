"""The documentation stays true to the program."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from journal.cli import build_parser, main

DOCS = Path(__file__).resolve().parents[1] / "docs"
NOT_COMMANDS = {"Exit codes", "WHEN", "ENTRY (the JSON of one entry)"}


def documented_commands() -> list[str]:
    text = (DOCS / "cli.md").read_text()
    names: list[str] = []
    for heading in re.findall(r"^## (.+)$", text, flags=re.MULTILINE):
        if heading in NOT_COMMANDS or not re.fullmatch(r"[a-z][a-z ,]*", heading):
            continue
        names.extend(part.strip() for part in heading.split(","))
    return names


def parser_commands() -> set[str]:
    return set(build_parser().get_default("commands"))


def test_every_command_is_documented_and_every_documented_command_exists() -> None:
    documented = documented_commands()
    assert set(documented) == parser_commands()


@pytest.mark.parametrize("command", documented_commands())
def test_help_of_each_documented_command_runs(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        main([*command.split(), "--help"])
    assert info.value.code == 0
    assert f"usage: service-journal {command}" in capsys.readouterr().out


def test_readme_shows_the_two_commands_first() -> None:
    readme = (DOCS.parent / "README.md").read_text()
    first_block = readme.split("```")[1]
    assert "make run" in first_block and "make test" in first_block


def test_the_guide_lists_every_built_in_tag() -> None:
    from journal.taxonomy import BUILTIN_TAGS

    guide = (DOCS / "guide.md").read_text()
    missing = [t.slug for t in BUILTIN_TAGS if f"| `{t.slug}` | {t.description} |" not in guide]
    assert missing == []
