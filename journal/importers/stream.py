"""Reading an import as a stream, within bounds a hostile or mistaken file cannot get past.

A file is read a block at a time and parsed as it comes (ijson, an incremental JSON parser), so a
large export is never held in memory whole, several times over. Three bounds keep any input from
exhausting the machine or the interpreter, each refused with a sentence naming it:

- ``MAX_BYTES``: 256 MiB per file (``import - < /dev/zero`` used to read until memory ran out);
- ``MAX_DEPTH``: 64 levels of nested lists and objects (a real export needs 4; ``[[[[…`` a
  hundred thousand deep used to end in a RecursionError);
- ``MAX_TEXT``: 100,000 characters in one value (the longest field an entry holds is 4,000).
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, BinaryIO

from journal.errors import InputError

MAX_BYTES = 256 * 1024 * 1024
MAX_DEPTH = 64
MAX_TEXT = 100_000
_BOM = b"\xef\xbb\xbf"


class BoundedStream(io.RawIOBase):
    """A binary stream that refuses to read past ``MAX_BYTES`` and skips a UTF-8 byte-order mark.

    ``on_read`` is told the number of bytes read so far (for a progress bar).
    """

    def __init__(
        self,
        raw: BinaryIO,
        source: str,
        *,
        limit: int | None = None,
        on_read: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__()
        self._raw = raw
        self._source = source
        self._limit = MAX_BYTES if limit is None else limit
        self._on_read = on_read
        self.count = 0
        self._utf8 = codecs.getincrementaldecoder("utf-8")()
        head = raw.read(len(_BOM)) or b""
        try:
            self._utf8.decode(b"" if head == _BOM else head)
        except UnicodeDecodeError:
            raise not_utf8(source) from None
        self._pending = b"" if head == _BOM else head
        self.count = len(head)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer).cast("B")
        if self._pending:
            size = min(len(view), len(self._pending))
            view[:size] = self._pending[:size]
            self._pending = self._pending[size:]
            return size
        data = self._raw.read(len(view)) or b""
        try:
            self._utf8.decode(data, final=not data)  # checked here, once, for every format
        except UnicodeDecodeError:
            raise not_utf8(self._source) from None
        self.count += len(data)
        if self.count > self._limit:
            raise LimitExceeded(
                self._source,
                f"is larger than the {_size(self._limit)} an import may be; split it into "
                "smaller files",
            )
        if self._on_read is not None:
            self._on_read(self.count)
        view[: len(data)] = data
        return len(data)


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MiB" if limit >= 1024 * 1024 else f"{limit:,} bytes"


def text_lines(stream: BoundedStream) -> io.TextIOWrapper:
    """The stream as UTF-8 text with line ends kept as they are (what the csv module wants)."""
    return io.TextIOWrapper(io.BufferedReader(stream), encoding="utf-8", newline="")


def not_utf8(source: str) -> InputError:
    return InputError(f"Nothing was imported: {source} is not UTF-8 text.")


class LimitExceeded(InputError):
    """A bound of this module was exceeded; ``phrase`` says which, for callers that reword it."""

    def __init__(self, source: str, phrase: str) -> None:
        super().__init__(f"Nothing was imported: {source} {phrase}.")
        self.phrase = phrase


class NotAnObject(Exception):
    """The JSON document is valid so far but is not an object at the top."""


def members(
    stream: BoundedStream | BinaryIO, source: str, streamed: str
) -> Iterator[tuple[str, Any]]:
    """The top-level members of a JSON object as ``(key, value)``, in the file's order.

    The list under the key ``streamed`` is not built: ``(streamed + ".start", None)`` marks its
    beginning and each of its items is yielded as ``(streamed + ".item", item)`` as soon as it
    has been read. Raises ``NotAnObject`` when the document is not an object, and
    ``InputError`` for invalid JSON or a bound exceeded.
    """
    import ijson  # type: ignore[import-untyped]

    with _parser_errors(source):
        events = ijson.basic_parse(stream, use_float=True)
        first = next(events, None)
        if first is None:
            raise InputError(f"Nothing was imported: {source} is empty.")
        if first[0] != "start_map":
            raise NotAnObject
        for event, key in events:
            if event == "end_map":
                break
            event, value = next(events)
            if key == streamed and event == "start_array":
                yield f"{streamed}.start", None
                item_key = f"{streamed}.item"
                for item_event, item_value in events:
                    if item_event == "end_array":
                        break
                    yield item_key, _value(events, item_event, item_value, 2, source)
            else:
                yield key, _value(events, event, value, 1, source)
        for _ in events:  # anything after the object is refused by the parser
            pass


def value_of(data: bytes, source: str) -> Any:
    """One JSON value within the same bounds (a CSV cell holding JSON)."""
    import ijson

    with _parser_errors(source):
        events = ijson.basic_parse(io.BytesIO(data), use_float=True)
        first = next(events, None)
        if first is None:
            raise InputError(f"{source} is empty")
        result = _value(events, first[0], first[1], 0, source)
        for _ in events:
            pass
    return result


@contextmanager
def _parser_errors(source: str) -> Iterator[None]:
    """The parser's errors as one sentence each (the bounds' own sentences pass through)."""
    import ijson

    try:
        yield
    except ijson.JSONError as exc:
        message = exc.args[0] if exc.args else ""
        if isinstance(message, bytes):
            message = message.decode("utf-8", "replace")
        reason = (str(message).strip().splitlines() or ["invalid JSON"])[0]
        reason = reason.removeprefix("parse error: ").strip().rstrip(".")
        raise InputError(f"Nothing was imported: {source} is not valid JSON ({reason}).") from None
    except UnicodeDecodeError:
        raise not_utf8(source) from None
    except ValueError:  # a number beyond what Python converts (thousands of digits)
        raise InputError(
            f"Nothing was imported: {source} holds a number too long to read."
        ) from None


def _value(
    events: Iterator[tuple[str, Any]], event: str, value: Any, depth: int, source: str
) -> Any:
    if event == "start_map":
        if depth >= MAX_DEPTH:
            raise LimitExceeded(source, f"nests lists or objects deeper than {MAX_DEPTH} levels")
        obj: dict[str, Any] = {}
        for inner_event, key in events:
            if inner_event == "end_map":
                return obj
            item_event, item_value = next(events)
            if item_event == "string" or item_event == "start_map" or item_event == "start_array":
                obj[key] = _value(events, item_event, item_value, depth + 1, source)
            else:
                obj[key] = item_value  # null, boolean, number: nothing to check
        return obj
    if event == "start_array":
        if depth >= MAX_DEPTH:
            raise LimitExceeded(source, f"nests lists or objects deeper than {MAX_DEPTH} levels")
        items: list[Any] = []
        for inner_event, inner_value in events:
            if inner_event == "end_array":
                return items
            items.append(_value(events, inner_event, inner_value, depth + 1, source))
        return items
    if event == "string" and len(value) > MAX_TEXT:
        raise LimitExceeded(source, f"holds a text longer than {MAX_TEXT:,} characters")
    return value
