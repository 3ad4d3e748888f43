"""Between the form widgets and the core: raw field texts in, validated models or errors out.

Validation itself lives once in ``journal.schemas``; this module only maps its first problem to
the field that should show it. Pydantic is imported on first use, never on the start-up path.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from journal.entry import FIELDS, Stage

QUICK_FIELDS = (*(f.name for f in FIELDS if f.stage is Stage.QUICK), "when")
NOW_WORDS = ("", "now")


class FormError(Exception):
    """A refused form: ``field`` names the widget to show ``message`` next to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def parse_when_text(text: str, zone: tzinfo, now: datetime | None = None) -> datetime | None:
    """The instant a When field means; None for "now" (the store stamps the time of saving)."""
    from journal.errors import InputError
    from journal.when import parse_capture

    if text.strip().lower() in NOW_WORDS:
        return None
    try:
        return parse_capture(text, now or datetime.now(zone))
    except InputError as exc:
        raise FormError("when", str(exc)) from None


def check(model: type[Any], data: dict[str, Any]) -> Any:
    """``model`` built from ``data`` (the schemas' own validation), or FormError for its field."""
    from pydantic import ValidationError

    from journal.schemas import explain

    try:
        return model.model_validate(data)
    except ValidationError as exc:
        loc = exc.errors()[0].get("loc", ())
        field = str(loc[0]) if loc else ""
        raise FormError("when" if field == "occurred_at" else field, explain(exc)) from None


def tag_marks(texts: list[str]) -> list[Any]:
    from journal.values import TagMark

    return [TagMark.parse(text) for text in texts]


def require_what(values: dict[str, Any]) -> None:
    """FormError when "What happened" is empty: the one check a form can make before the
    validation layer is imported."""
    if not str(values.get("what") or "").strip():
        raise FormError("what", "What happened is required and cannot be empty.")


def new_entry(values: dict[str, Any], zone: tzinfo) -> Any:
    """An ``EntryIn`` from the capture form's values, or FormError."""
    from journal.schemas import EntryIn

    require_what(values)
    data = {name: values.get(name) for name in QUICK_FIELDS if name not in ("tags", "when")}
    data["tags"] = tag_marks(values.get("tags") or [])
    at = parse_when_text(str(values.get("when") or ""), zone)
    if at is not None:
        data["occurred_at"] = at
    return check(EntryIn, data)


def has_content(values: dict[str, Any]) -> bool:
    """Whether a capture form holds anything worth keeping as a draft.

    Setting and perspective alone do not count: they are sticky defaults, not typing.
    """
    return bool(
        str(values.get("what") or "").strip()
        or str(values.get("differently") or "").strip()
        or values.get("tags")
        or values.get("overall")
        or str(values.get("when") or "").strip().lower() not in NOW_WORDS
    )
