"""What each institution knows, carried by the transport: a role receives only its own items and shared ones.

The session document everyone syncs holds no item of the case's knowledge until
it is shared. Each role also syncs a read-only knowledge document of its own
(``KNOWLEDGE``: its institution's items, written by the server from the case),
and when a role shares one of its items the server copies that item into the
session document (``REVEALED``), so from then on everyone has it. A role's page
builds the case as its institution knows it (``known_case``) from these two
documents alone, so its view cannot show what never reached it.
"""

from __future__ import annotations

from typing import Any

from pycrdt import Array, Doc, Map
from pydantic import ValidationError

from ..domain.case import Case
from ..domain.sharing import KnowledgeItem, knowledge_of

KNOWLEDGE = "knowledge"
"""Root array of a role's knowledge document: its institution's items as JSON, in file order."""
REVEALED = "revealed"
"""Root map of the session document: item id → the item as JSON, written by the server once it is shared."""


def knowledge_doc(case: Case, institution_id: str) -> Doc[Any]:
    """Return a new knowledge document holding one institution's items of the case."""
    doc: Doc[Any] = Doc()
    items = doc.get(KNOWLEDGE, type=Array)
    with doc.transaction():
        for item in knowledge_of(case.knowledge, institution_id):
            items.append(item.model_dump_json())
    return doc


def reveal_shared(doc: Doc[Any], case: Case) -> int:
    """Copy into the session document every item a share made public; return how many were new.

    An item is revealed only when the institution that shared it is the one that
    knows it (the guard refuses other shares, a trainer's wrong entry included).
    """
    revealed = doc.get(REVEALED, type=Map)
    shares = doc.get("shares", type=Array)
    with doc.transaction():
        known = set(revealed.keys())
        new = []
        for raw in shares.to_py() or []:
            if not isinstance(raw, dict):
                continue
            item = case.knowledge_item(str(raw.get("item_id")))
            if item is not None and item.id not in known and item.institution_id == raw.get("institution_id"):
                new.append(item)
                known.add(item.id)
    if new:
        with doc.transaction():
            for item in new:
                revealed[item.id] = item.model_dump_json()
    return len(new)


def _items(encoded: list[Any]) -> list[KnowledgeItem]:
    found = []
    for raw in encoded:
        try:
            found.append(KnowledgeItem.model_validate_json(str(raw)))
        except ValidationError:
            continue  # a malformed entry is skipped, never shown raw
    return found


def known_case(case: Case, shared: Doc[Any], own: Doc[Any]) -> Case:
    """Return the case as one role knows it: its own items from ``own``, others' only once revealed."""
    with own.transaction():
        mine = _items(list(own.get(KNOWLEDGE, type=Array).to_py() or []))
    with shared.transaction():
        revealed = _items(list((shared.get(REVEALED, type=Map).to_py() or {}).values()))
    ids = {item.id for item in mine}
    others = [item for item in revealed if item.id not in ids]
    order = {item.id: n for n, item in enumerate(case.knowledge)}
    others.sort(key=lambda item: order.get(item.id, len(order)))
    return case.model_copy(update={"knowledge": mine + others})
