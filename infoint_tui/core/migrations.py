"""Schema migrations: each takes the tables of version N and returns version N + 1.

Version 0 is a plain TinyDB file as the first prototype wrote it: documents in
TinyDB's ``_default`` table, no ``_meta`` table, and (for contacts) the
prototype's field names.
"""

from __future__ import annotations

from typing import Any

from .docfile import Migration
from .storage import Tables

_PROTOTYPE_STAGES = {
    "target": "target",
    "request sent": "requested",
    "requested": "requested",
    "follow-up": "follow-up",
    "follow up": "follow-up",
    "scheduled": "scheduled",
    "met": "met",
    "nurture": "nurture",
    "closed": "closed",
}


def _rename_default(kind: str) -> Migration:
    def migrate(tables: Tables) -> Tables:
        documents = tables.get("_default", {})
        result = {name: table for name, table in tables.items() if name != "_default"}
        result[kind] = {**result.get(kind, {}), **documents}
        return result

    return migrate


def _contact_v0_document(document: dict[str, Any]) -> dict[str, Any]:
    migrated = dict(document)
    renames = {"org": "company", "followup": "follow_up", "history": "stage_history"}
    for old, new in renames.items():
        if old in migrated:
            migrated[new] = migrated.pop(old)
    stage = str(migrated.get("stage", "target")).strip().lower()
    migrated["stage"] = _PROTOTYPE_STAGES.get(stage, "target")
    history = []
    for item in migrated.get("stage_history") or []:
        if isinstance(item, dict) and "at" in item:
            label = str(item.get("stage", "target")).strip().lower()
            history.append({"stage": _PROTOTYPE_STAGES.get(label, "target"), "at": item["at"]})
    migrated["stage_history"] = history
    if isinstance(migrated.get("tags"), str):
        migrated["tags"] = [tag.strip() for tag in migrated["tags"].split(",") if tag.strip()]
    return migrated


def contacts_v0_to_v1(tables: Tables) -> Tables:
    renamed = _rename_default("contacts")(tables)
    renamed["contacts"] = {
        doc_id: _contact_v0_document(document)
        for doc_id, document in renamed.get("contacts", {}).items()
    }
    return renamed


CONTACT_MIGRATIONS: dict[int, Migration] = {0: contacts_v0_to_v1}


def plain_migrations(kind: str) -> dict[int, Migration]:
    """Kinds whose prototype only differed by living in ``_default``."""
    return {0: _rename_default(kind)}
