"""The contacts file's migrations (see store/migrations.py): version 0 is the
first prototype's file, with its own field and stage names."""

from __future__ import annotations

from typing import Any

from ..store.docfile import Migration
from ..store.migrations import rename_default
from ..store.storage import Tables

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
    renamed = rename_default("contacts")(tables)
    renamed["contacts"] = {
        doc_id: _contact_v0_document(document)
        for doc_id, document in renamed.get("contacts", {}).items()
    }
    return renamed


CONTACT_MIGRATIONS: dict[int, Migration] = {0: contacts_v0_to_v1}
