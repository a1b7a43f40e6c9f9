"""Contacts as JSON: the same objects ``infoint show --json`` prints."""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..contacts.model import Contact


def export_json(contacts: Iterable[Contact]) -> str:
    return json.dumps([c.public_dict() for c in contacts], ensure_ascii=False, indent=2) + "\n"
