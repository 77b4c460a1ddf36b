"""What a role's connection may change in the session document, checked by the server on every update.

The page enforces the moves of each role, but a hostile client could write any
CRDT update. The server applies each incoming update to a copy of the room's
document and compares the parts before and after: a role may claim or release
only its own seat, add only its own shares and proposals, revise only its own
proposals; only the lead answers proposals and edits the diagnosis and frame;
only the trainer opens the session and announces events. Only the server reveals
a shared item (``knowledge.REVEALED``), and a role shares only items its own
institution knows; a role's knowledge document is read-only.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from pycrdt import Array, Doc, Map, YMessageType, YSyncMessageType, read_message

from .knowledge import KNOWLEDGE, REVEALED
from .session import Session

Parts = dict[str, Any]


def _parts(doc: Doc[Any]) -> Parts:
    session = Session(doc)
    with doc.transaction():
        return {
            "meta": session.meta.to_py() or {},
            "roles": session.roles.to_py() or {},
            "diagnosis": session.diagnosis.to_py() or {},
            "frame": session.frame.to_py() or {},
            "proposals": session.proposals.to_py() or {},
            "shares": session.shares.to_py() or [],
            "events": session.events.to_py() or [],
            "revealed": doc.get(REVEALED, type=Map).to_py() or {},
        }


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _refusal(before: Parts, after: Parts, role: str, own_items: frozenset[str] | None) -> str | None:
    """Return why the change is not this role's to make, or None when it is."""
    lead = str(before["meta"].get("lead") or "")
    for name in ("meta", "events", "revealed"):
        if after[name] != before[name]:
            return f"{name}: only the trainer or the server"
    if role != lead and (after["diagnosis"] != before["diagnosis"] or after["frame"] != before["frame"]):
        return "diagnosis/frame: only the lead"
    changed_roles = {
        k for k in before["roles"].keys() | after["roles"].keys() if before["roles"].get(k) != after["roles"].get(k)
    }
    if changed_roles - {role}:
        return "roles: only its own seat"
    # Another role's share appended at the same moment may merge before this one: compare as multisets.
    old, new = Counter(map(_key, before["shares"])), Counter(map(_key, after["shares"]))
    if old - new:
        return "shares: removed or changed"
    added = [json.loads(k) for k in (new - old).elements()]
    if any(not isinstance(s, dict) or s.get("institution_id") != role for s in added):
        return "shares: only appending its own"
    if own_items is not None and any(s.get("item_id") not in own_items for s in added):
        return "shares: only items its institution knows"
    for key in before["proposals"].keys() | after["proposals"].keys():
        was, now = before["proposals"].get(key), after["proposals"].get(key)
        if was == now:
            continue
        if now is None or not isinstance(now, dict):
            return "proposals: removed"
        owner = (was or now).get("institution_id")
        if was is not None and now.get("institution_id") != was.get("institution_id"):
            return "proposals: owner changed"
        if role not in (owner, lead):
            return "proposals: another institution's"
        if owner != role and {k for k in now if now.get(k) != (was or {}).get(k)} - {"status", "comment"}:
            return "proposals: the lead answers, it does not rewrite"
    return None


def _update(message: bytes) -> bytes | None:
    """Return the document update a sync message carries; None for a state request or awareness."""
    if len(message) < 3 or message[0] != YMessageType.SYNC or message[1] == YSyncMessageType.SYNC_STEP1:
        return None
    return read_message(message[2:])


def check_message(doc: Doc[Any], message: bytes, role: str, own_items: frozenset[str] | None = None) -> str | None:
    """Return why a role's sync message is refused, or None when it may be applied.

    Only document updates (sync step 2 and update messages) change anything;
    a state request or awareness passes through. ``own_items`` are the ids of
    what the role's institution knows: the only items it may share.
    """
    try:
        update = _update(message)
        if update is None:
            return None
        copy: Doc[Any] = Doc()
        copy.apply_update(doc.get_update())
        before = _parts(copy)
        copy.apply_update(update)
        return _refusal(before, _parts(copy), role, own_items)
    except Exception:  # a message that does not decode is refused, not applied
        return "malformed update"


def check_read_only(doc: Doc[Any], message: bytes) -> str | None:
    """Return why a message to a role's knowledge document is refused: any change is (the server writes it)."""
    try:
        update = _update(message)
        if update is None:
            return None
        copy: Doc[Any] = Doc()
        copy.apply_update(doc.get_update())
        before = copy.get(KNOWLEDGE, type=Array).to_py()
        copy.apply_update(update)
        return "knowledge: read-only" if copy.get(KNOWLEDGE, type=Array).to_py() != before else None
    except Exception:
        return "malformed update"
