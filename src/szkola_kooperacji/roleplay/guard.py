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
from functools import partial
from typing import Any

from pycrdt import Array, Doc, Map, YMessageType, YSyncMessageType, read_message
from pydantic import ValidationError

from ..domain.contract import Action
from ..domain.meeting import Proposal, proposal_problem
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


def _refusal(
    before: Parts, after: Parts, role: str, own_items: frozenset[str] | None, doc: Doc[Any] | None = None
) -> str | None:
    """Return why the change is not this role's to make, or None when it is (``doc``: the document after it)."""
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
        if doc is None or (was is not None and was.get("action") == now.get("action")):
            continue
        if (why := action_refusal(doc, str(key), str(owner), now.get("action"))) is not None:
            return why
    return None


def new_unknown_roots(before: Doc[Any], after: Doc[Any]) -> set[str]:
    """Return the top-level entries an update added that are none of the session's parts (a hostile client's).

    Compared with the document before, so an entry already there (the trainer is not guarded) does not
    make every later update of the room refused. ``before`` is read only when ``after`` has a stranger.
    """
    strangers = set(after.keys()) - set(ROOTS)
    return strangers - set(before.keys()) if strangers else strangers


def action_refusal(doc: Doc[Any], proposal_id: str, institution_id: str, encoded: object) -> str | None:
    """Return why a proposal's new action may not stand, judged as the page judges it (``proposal_problem``).

    ``doc`` holds the change already, so a goal the lead adds in the same update counts.
    """
    try:
        action = Action.model_validate_json(str(encoded)).model_copy(update={"id": proposal_id})
        proposal = Proposal(institution_id=institution_id, action=action)
    except ValidationError:
        return "proposals: malformed action"
    session = Session(doc)  # the lead's frame is parsed only when the action names a goal (most do not)
    problem = proposal_problem(session.with_frame() if action.goal_id else session.header(), proposal)
    return None if problem is None else f"proposals: {problem}"


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
        if new_unknown_roots(doc, copy):
            return "unknown top-level entry"
        return _refusal(before, _parts(copy), role, own_items, copy)
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


Change = tuple[str, list[Any], dict[str, Any] | list[Any]]
"""One change an update made: the root's name, the path inside it, and the map's keys or the array's delta."""

TRAINER_ONLY = ("meta", "events", REVEALED)
LEAD_ONLY = ("diagnosis", "frame")
ROOTS: dict[str, type[Map[Any]] | type[Array[Any]]] = {
    **dict.fromkeys(("meta", "roles", "diagnosis", "frame", "proposals", REVEALED), Map),
    "shares": Array,
    "events": Array,
}


class RoomGuard:
    """The guard of one room, paying for what an update changes rather than for the whole document.

    ``check_message`` copies and compares the whole document, so its cost grows with
    the meeting. Here a shadow copy follows the room's document; a role's update is
    applied to the shadow first, and its observers list exactly what changed
    (keys of maps, inserts and deletions of arrays), which the same rules judge. A
    refused update is never applied to the room, so the shadow is rebuilt from it.
    """

    def __init__(self, doc: Doc[Any]) -> None:
        self.doc = doc
        self._changes: list[Change] | None = None
        self._subscriptions: list[Any] = []
        self._shadow = self._follow()
        self._following = doc.observe(lambda event: self._shadow.apply_update(event.update))

    def _follow(self) -> Doc[Any]:
        shadow: Doc[Any] = Doc()
        shadow.apply_update(self.doc.get_update())
        self._subscriptions = [  # kept: pycrdt drops an observer whose subscription is collected
            # a partial, not a lambda with a default: pycrdt passes the transaction to a 2-parameter callback
            shadow.get(name, type=kind).observe_deep(partial(self._record, name))
            for name, kind in ROOTS.items()
        ]
        return shadow

    def _record(self, root: str, events: list[Any]) -> None:
        if self._changes is None:
            return  # the room's own changes, followed
        for event in events:
            if hasattr(event, "keys"):
                keys = {
                    key: {**change, "newValue": _plain(change.get("newValue"))} for key, change in event.keys.items()
                }
                self._changes.append((root, list(event.path), keys))
            else:
                delta = [{k: _plain(v) for k, v in part.items()} for part in event.delta]
                self._changes.append((root, list(event.path), delta))

    def check(self, message: bytes, role: str, own_items: frozenset[str] | None = None) -> str | None:
        """Return why a role's sync message is refused, or None when it may be applied (then it will be)."""
        try:
            update = _update(message)
            if update is None:
                return None
            self._changes = []
            try:
                self._shadow.apply_update(update)
                changes = self._changes
            finally:
                self._changes = None
            if new_unknown_roots(self.doc, self._shadow):
                why: str | None = "unknown top-level entry"
            else:
                why = self._judge(changes, role, own_items)
        except Exception:  # a message that does not decode is refused, not applied
            why = "malformed update"
        if why is not None:
            self._shadow = self._follow()  # it holds the refused update, which the room never will
        return why

    def _judge(self, changes: list[Change], role: str, own_items: frozenset[str] | None) -> str | None:
        with self._shadow.transaction():
            lead = str(self._shadow.get("meta", type=Map).get("lead") or "")
            proposals = self._shadow.get("proposals", type=Map)
            for change in changes:
                why = _judge_one(change, role, lead, own_items, proposals)
                if why is None:
                    why = self._judge_action(change, proposals)
                if why is not None:
                    return why
        return None

    def _judge_action(self, change: Change, proposals: Map[Any]) -> str | None:
        """Judge each action a change adds or rewrites: its goal must exist, its fields must be valid."""
        root, path, what = change
        if root != "proposals" or not isinstance(what, dict):
            return None
        if not path:  # whole proposals added (removals were refused already)
            written = {str(k): v.get("newValue") for k, v in what.items()}
            actions = {k: (v.get("institution_id"), v.get("action")) for k, v in written.items() if isinstance(v, dict)}
        elif "action" in what:
            entry = proposals.get(str(path[0]))
            owner = entry.get("institution_id") if isinstance(entry, Map) else None
            actions = {str(path[0]): (owner, what["action"].get("newValue"))}
        else:
            return None
        for proposal_id, (owner, encoded) in actions.items():
            if (why := action_refusal(self._shadow, proposal_id, str(owner), encoded)) is not None:
                return why
        return None


def _plain(value: Any) -> Any:
    if isinstance(value, Map | Array):
        return value.to_py()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _judge_one(
    change: Change, role: str, lead: str, own_items: frozenset[str] | None, proposals: Map[Any]
) -> str | None:
    root, path, what = change
    if root in TRAINER_ONLY:
        return f"{root}: only the trainer or the server"
    if root in LEAD_ONLY:
        return None if role == lead else "diagnosis/frame: only the lead"
    if root == "roles":
        return None if set(what) <= {role} else "roles: only its own seat"
    if isinstance(what, list):
        return _judge_shares(what, role, own_items)
    return _judge_proposal(path, what, role, lead, proposals)


def _judge_shares(delta: list[Any], role: str, own_items: frozenset[str] | None) -> str | None:
    if any("delete" in part for part in delta):
        return "shares: removed or changed"
    added = [item for part in delta for item in part.get("insert", [])]
    if any(not isinstance(s, dict) or s.get("institution_id") != role for s in added):
        return "shares: only appending its own"
    if own_items is not None and any(s.get("item_id") not in own_items for s in added):
        return "shares: only items its institution knows"
    return None


def _judge_proposal(path: list[Any], keys: dict[str, Any], role: str, lead: str, proposals: Map[Any]) -> str | None:
    if not path:  # whole proposals added, replaced or removed
        for key in keys.values():
            if key.get("action") != "add":
                return "proposals: removed"
            now = key.get("newValue")
            if not isinstance(now, dict) or now.get("institution_id") != role:
                return "proposals: another institution's"
        return None
    if "institution_id" in keys:
        return "proposals: owner changed"
    entry = proposals.get(str(path[0]))
    owner = entry.get("institution_id") if isinstance(entry, Map) else None
    if role == owner:
        return None
    if role != lead:
        return "proposals: another institution's"
    return None if set(keys) <= {"status", "comment"} else "proposals: the lead answers, it does not rewrite"
