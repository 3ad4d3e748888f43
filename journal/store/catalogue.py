"""The tag catalogue: its tags with how often each was used, and custom tags added to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from journal.db import Database
from journal.errors import InputError
from journal.rows import TagUsage
from journal.taxonomy import BUILTIN_TAGS, GROUPS

if TYPE_CHECKING:  # validated input arrives built; reading never imports the validation layer
    from journal.schemas import TagIn


class TagCatalogue:
    """The store's queries and writes of the tag catalogue."""

    db: Database

    def tags(self) -> list[TagUsage]:
        """The catalogue with how often each tag was used (+, -, unknown) on live entries.

        Counted from the tag index alone, minus the (few) tags of entries in the trash, so that
        no join over the whole journal is needed.
        """
        counts: dict[tuple[str, int], int] = {}
        for slug, polarity, n in self.db.execute(
            "SELECT tag_slug, polarity, count(*) FROM entry_tag GROUP BY tag_slug, polarity"
        ):
            counts[(slug, polarity)] = n
        for slug, polarity, n in self.db.execute(
            "SELECT tag_slug, polarity, count(*) FROM entry_tag WHERE entry_id IN "
            "(SELECT id FROM entry WHERE trashed_at IS NOT NULL) GROUP BY tag_slug, polarity"
        ):
            counts[(slug, polarity)] -= n
        rows = [
            TagUsage(
                t.slug,
                t.group,
                t.description,
                t.builtin,
                counts.get((t.slug, 1), 0),
                counts.get((t.slug, -1), 0),
                counts.get((t.slug, 0), 0),
            )
            for t in self.tag_catalogue()
        ]
        order = {g: i for i, g in enumerate(GROUPS)}
        builtin_pos = {t.slug: i for i, t in enumerate(BUILTIN_TAGS)}
        return sorted(
            rows,
            key=lambda t: (
                order.get(t.group, len(order)),
                t.group,
                builtin_pos.get(t.slug, len(builtin_pos)),
                t.slug,
            ),
        )

    def tag_catalogue(self) -> list[TagUsage]:
        """The catalogue without usage counts (cheap: for pickers and validation)."""
        return [
            TagUsage(
                slug=row["slug"],
                group=row["group"],
                description=row["description"] or "",
                builtin=bool(row["builtin"]),
            )
            for row in self.db.named('SELECT slug, "group", description, builtin FROM tag')
        ]

    def add_tag(self, data: TagIn) -> TagUsage:
        """A custom tag; a group that matches a built-in one ignoring case takes its spelling."""
        group = next((g for g in GROUPS if g.lower() == data.group.lower()), data.group)
        with self.db.transaction() as db:
            exists = db.execute("SELECT 1 FROM tag WHERE slug = ?", (data.slug,)).fetchone()
            if exists:
                raise InputError(f'The tag "{data.slug}" already exists.')
            db.execute(
                'INSERT INTO tag (slug, "group", description, builtin) VALUES (?, ?, ?, 0)',
                (data.slug, group, data.description),
            )
        return TagUsage(data.slug, group, data.description, False)
