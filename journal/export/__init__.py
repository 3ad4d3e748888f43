"""Writers for what leaves the journal: the coaching document (Markdown), JSON and CSV.

``markdown`` renders a ``CoachingData`` (collected by ``coaching.gather``) and never touches the
database; ``escape`` keeps whatever the user typed from becoming Markdown structure; ``data``
writes the JSON and CSV exports that ``journal.importers`` read back. Private entries are never
handed to any writer.
"""
