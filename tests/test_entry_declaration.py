"""The entry is declared once (journal/entry.py) and everything else follows from it."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import fields

from journal.cli import build_parser
from journal.entry import ENTRY_COLUMNS, FIELDS, Kind, Stage, Vocabulary
from journal.export.data import CSV_COLUMNS
from journal.rows import EntryRow


def test_every_declared_field_reaches_the_schemas_and_the_exports() -> None:
    from journal.schemas import EntryIn, EntryPatch

    names = {f.name for f in FIELDS}
    assert names | {"occurred_at"} <= set(EntryIn.model_fields)
    assert names | {"occurred_at"} == set(EntryPatch.model_fields)
    assert {f.export for f in FIELDS} <= set(CSV_COLUMNS)
    assert tuple(f.name for f in fields(EntryRow))[: len(ENTRY_COLUMNS)] == ENTRY_COLUMNS


def test_the_limits_typed_input_gets_are_the_declared_ones() -> None:
    from journal.schemas import EntryIn

    for spec in FIELDS:
        if spec.kind in (Kind.LINE, Kind.TEXT):
            limits = [
                m.max_length
                for m in EntryIn.model_fields[spec.name].metadata
                if hasattr(m, "max_length")
            ]
            assert spec.max_length in limits, spec


def test_the_tables_check_constraints_come_from_the_vocabularies() -> None:
    from journal.models import Entry

    checks = {
        c.name: str(c.sqltext)
        for c in Entry.__table__.constraints
        if c.name and c.name.startswith("ck_")
    }  # type: ignore[attr-defined]  # SQLModel sets __table__ on table models
    for spec in FIELDS:
        if spec.vocabulary is not None:
            text = checks[f"ck_entry_{spec.name}"]
            assert all(f"'{value}'" in text for value in spec.vocabulary.values())
    assert len(checks) == sum(1 for f in FIELDS if f.vocabulary is not None)


def test_the_command_line_offers_every_declared_value_and_choice() -> None:
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]  # argparse keeps sub-parsers here
    edit = {a.dest: a for a in commands["edit"]._actions}
    add = {a.dest: a for a in commands["add"]._actions}
    for spec in FIELDS:
        if spec.kind is Kind.TAGS:
            continue
        assert spec.option in edit, spec
        if spec.stage is Stage.QUICK:
            assert spec.option in add, spec
        if spec.vocabulary is not None:
            assert tuple(edit[spec.option].choices) == spec.vocabulary.values()


def test_vocabularies_carry_their_words() -> None:
    for spec in FIELDS:
        vocabulary: type[Vocabulary] | None = spec.vocabulary
        if vocabulary is not None:
            for member in vocabulary:
                assert member.label and member.short and member == member.value


def test_the_declaration_imports_nothing_heavy() -> None:
    """The CLI's parser and the app's first paint import it."""
    code = (
        "import sys, journal.entry, journal.textrules; "
        "print(sorted(m for m in ('pydantic', 'sqlalchemy', 'sqlmodel', 'textual', 'typing', "
        "'dataclasses') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"
