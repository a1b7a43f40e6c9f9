"""Schema migrations: each takes the tables of version N and returns version N + 1.

Version 0 is a plain TinyDB file as the first prototype wrote it: documents in
TinyDB's ``_default`` table and no ``_meta`` table. A kind of document with its
own changes between versions keeps them beside its model (contacts/migrations.py).
"""

from __future__ import annotations

from .docfile import Migration
from .storage import Tables


def rename_default(kind: str) -> Migration:
    def migrate(tables: Tables) -> Tables:
        documents = tables.get("_default", {})
        result = {name: table for name, table in tables.items() if name != "_default"}
        result[kind] = {**result.get(kind, {}), **documents}
        return result

    return migrate


def plain_migrations(kind: str) -> dict[int, Migration]:
    """Kinds whose prototype only differed by living in ``_default``."""
    return {0: rename_default(kind)}
