"""The G-PZK session as a CRDT document: every participant edits a copy, copies merge without loss.

Layout of the ``pycrdt.Doc`` (all values are strings, lists of strings or maps of them):

- ``meta``       case_id, forum, lead (the GOPS institution id), next_meeting (the trainer's, for the protokół)
- ``roles``      institution id → who plays it ("" when free)
- ``diagnosis``  ``json``: the team's diagnosis, written whole by the lead
- ``frame``      contract field → JSON value (goals, period, reviews… — the contract without actions)
- ``proposals``  proposal id → map {seq, institution_id, action (JSON), status, comment}
- ``shares``     array of {id, institution_id, item_id, basis, note}
- ``events``     array of {id, text}

Concurrent edits touch different keys (the proposer's action text, the lead's
status) or append to arrays, so a merge keeps both. Everything written is first
validated by the domain models; everything read is validated again, so an entry
a hostile client wrote straight into the document is skipped with a Polish
problem instead of breaking the meeting. Text is only ever stored as text.
"""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pycrdt import Array, Doc, Map
from pydantic import ValidationError

from ..domain.case import Case
from ..domain.contract import Action, Contract
from ..domain.diagnosis import Diagnosis
from ..domain.directory import ServiceDirectory
from ..domain.meeting import Meeting, MeetingEvent, Proposal, ProposalStatus, case_roles, proposal_problem
from ..domain.sharing import Forum, ShareAct, ShareBasis
from ..errors import SessionError

_Json = TypeVar("_Json", Diagnosis, Action)
_Row = TypeVar("_Row", ShareAct, MeetingEvent)

NEXT_MEETING_LIMIT = 300
"""How long the trainer's note of the next meeting may be (one line of the protokół)."""

FRAME_EXCLUDED = frozenset({"actions"})
"""Contract fields the frame never holds: actions come from accepted proposals."""


def _new_id(prefix: str) -> str:
    """Return an id no other participant will make at the same moment (random, not a counter)."""
    return f"{prefix}{secrets.token_hex(4)}"


@dataclass
class SessionView:
    """The meeting read from the document, and what could not be read (Polish, one line each)."""

    meeting: Meeting
    problems: list[str] = field(default_factory=list)


class Session:
    """One participant's copy of a G-PZK session: moves write to the CRDT, ``view()`` reads it back."""

    def __init__(self, doc: Doc[Any] | None = None) -> None:
        self.doc = doc if doc is not None else Doc()
        self.meta = self.doc.get("meta", type=Map)
        self.roles = self.doc.get("roles", type=Map)
        self.diagnosis = self.doc.get("diagnosis", type=Map)
        self.frame = self.doc.get("frame", type=Map)
        self.proposals = self.doc.get("proposals", type=Map)
        self.shares = self.doc.get("shares", type=Array)
        self.events = self.doc.get("events", type=Array)

    # -- setting up -------------------------------------------------------------------------------

    def open(self, case: Case, directory: ServiceDirectory, forum: Forum = Forum.G_PZK) -> None:
        """Open the session for a case (the trainer does this once): the lead and every free role."""
        lead = case.reference.contract.ops_institution_id
        if not lead:
            raise SessionError(f"Przypadek {case.id} nie wskazuje ośrodka pomocy społecznej, który prowadzi sprawę.")
        with self.doc.transaction():
            self.meta["case_id"] = case.id
            self.meta["forum"] = forum.value
            self.meta["lead"] = lead
            order = case_roles(case, directory)
            self.meta["role_order"] = json.dumps(order)
            for institution_id in order:
                if institution_id not in self.roles:
                    self.roles[institution_id] = ""
            self.frame["ops_institution_id"] = json.dumps(lead)

    def claim_role(self, institution_id: str, holder: str) -> None:
        """Give a free role to a participant; one participant holds one role."""
        holder = " ".join(holder.split())
        if not holder:
            raise SessionError("Podaj imię i nazwisko, aby objąć rolę.")
        with self.doc.transaction():
            roles = self.roles.to_py() or {}
            if institution_id not in roles:
                raise SessionError(f"Na tym spotkaniu nie ma roli {institution_id}.")
            current = str(roles[institution_id])
            if current and current != holder:
                raise SessionError(f"Tę rolę gra już {current}.")
            held = [i for i, h in roles.items() if h == holder and i != institution_id]
            if held:
                raise SessionError(f"Grasz już rolę {held[0]}; uczestnik ma jedną rolę.")
            self.roles[institution_id] = holder

    def release_role(self, institution_id: str) -> None:
        """Free a role (the participant left or the trainer reassigns it)."""
        if institution_id in self.roles:
            self.roles[institution_id] = ""

    # -- the lead's frame ---------------------------------------------------------------------------

    def set_diagnosis(self, diagnosis: Diagnosis) -> None:
        """Write the team's diagnosis (the lead's, whole)."""
        self.diagnosis["json"] = diagnosis.model_dump_json()

    def set_frame(self, contract: Contract) -> None:
        """Write the contract's frame field by field, so two fields edited at once both survive."""
        data = contract.model_dump(mode="json", exclude=set(FRAME_EXCLUDED))
        with self.doc.transaction():
            for name, value in data.items():
                encoded = json.dumps(value, ensure_ascii=False)
                if self.frame.get(name) != encoded:
                    self.frame[name] = encoded

    # -- proposals ------------------------------------------------------------------------------------

    def propose(self, institution_id: str, action: Action) -> str:
        """Propose an action of one's institution; return the proposal id (also the action's id)."""
        proposal_id = _new_id("P")
        action = action.model_copy(update={"id": proposal_id})
        problem = proposal_problem(self.with_frame(), Proposal(institution_id=institution_id, action=action))
        if problem:
            raise SessionError(problem)
        self.proposals[proposal_id] = Map(
            {
                "seq": f"{time.time_ns():020d}",
                "institution_id": institution_id,
                "action": action.model_dump_json(),
                "status": ProposalStatus.ZAPROPONOWANE.value,
                "comment": "",
            }
        )
        return proposal_id

    def revise(self, proposal_id: str, action: Action) -> None:
        """Change a proposal's action; a returned proposal goes back to the lead as proposed.

        The status is written only when the proposal was returned, so a lead's
        acceptance made at the same moment as a small correction is not undone.
        """
        entry = self._proposal(proposal_id)
        action = action.model_copy(update={"id": proposal_id})
        problem = proposal_problem(
            self.with_frame(), Proposal(institution_id=str(entry["institution_id"]), action=action)
        )
        if problem:
            raise SessionError(problem)
        with self.doc.transaction():
            entry["action"] = action.model_dump_json()
            if entry.get("status") == ProposalStatus.ZWROCONE.value:
                entry["status"] = ProposalStatus.ZAPROPONOWANE.value

    def accept(self, proposal_id: str) -> None:
        """Accept a proposal into the shared contract (the lead's move)."""
        entry = self._proposal(proposal_id)
        with self.doc.transaction():
            entry["status"] = ProposalStatus.PRZYJETE.value
            entry["comment"] = ""

    def send_back(self, proposal_id: str, comment: str) -> None:
        """Return a proposal with a comment saying what to change (the lead's move)."""
        comment = " ".join(comment.split())
        if not comment:
            raise SessionError("Zwracając propozycję, napisz, co trzeba zmienić.")
        entry = self._proposal(proposal_id)
        with self.doc.transaction():
            entry["status"] = ProposalStatus.ZWROCONE.value
            entry["comment"] = comment[:500]

    def with_frame(self) -> Meeting:
        """Read the header and the lead's frame: what a proposal is checked against (its goal must exist)."""
        with self.doc.transaction():
            return self.header().model_copy(update={"frame": self._frame([])})

    def _proposal(self, proposal_id: str) -> Map[Any]:
        entry = self.proposals.get(proposal_id)
        if not isinstance(entry, Map):
            raise SessionError(f"Nie ma propozycji {proposal_id}.")
        return entry

    # -- sharing and events -------------------------------------------------------------------------

    def share(self, institution_id: str, item_id: str, basis: ShareBasis, note: str = "") -> str:
        """Tell the team one item the institution knows: an act everyone sees. Return its id."""
        if institution_id not in self.header().roles:
            raise SessionError(f"Instytucja {institution_id} nie ma roli na tym spotkaniu.")
        act = ShareAct(id=_new_id("U"), institution_id=institution_id, item_id=item_id, basis=basis, note=note)
        self.shares.append(act.model_dump(mode="json"))
        return act.id

    def inject_event(self, text: str) -> str:
        """Add an event that changes the case for everyone, e.g. "ojciec wrócił do picia" (the trainer's move)."""
        event = MeetingEvent(id=_new_id("E"), text=text)
        self.events.append(event.model_dump(mode="json"))
        return event.id

    def set_next_meeting(self, text: str) -> None:
        """Record when and where the team meets next, for every role's protokół (the trainer's move)."""
        text = " ".join(text.split())
        if len(text) > NEXT_MEETING_LIMIT:
            raise SessionError(f"Termin następnego spotkania: najwyżej {NEXT_MEETING_LIMIT} znaków.")
        if self.meta.get("next_meeting", "") != text:
            self.meta["next_meeting"] = text

    # -- reading back ---------------------------------------------------------------------------------

    def header(self, problems: list[str] | None = None) -> Meeting:
        """Read only the case, forum, lead and roles: enough to check a move, without parsing the rest."""
        with self.doc.transaction():
            meta = self.meta.to_py() or {}
            roles = _ordered_roles(self.roles.to_py() or {}, meta.get("role_order"))
        meeting_data: dict[str, Any] = {
            "case_id": meta.get("case_id") or "nieznany",
            "forum": meta.get("forum") or Forum.G_PZK.value,
            "lead_institution_id": meta.get("lead") or "nieznany",
            "roles": roles,
            "next_meeting": str(meta.get("next_meeting") or "")[:NEXT_MEETING_LIMIT],
        }
        try:
            return Meeting.model_validate(meeting_data)
        except ValidationError:
            if problems is not None:
                problems.append("Nagłówek sesji jest uszkodzony; otwórz sesję ponownie.")
            return Meeting(case_id="nieznany", lead_institution_id="nieznany")

    def view(self) -> SessionView:
        """Read the whole meeting from the document; entries that do not validate become problems.

        One transaction for the whole read: pycrdt opens one per access otherwise.
        """
        problems: list[str] = []
        with self.doc.transaction():
            return self._view(problems)

    def _view(self, problems: list[str]) -> SessionView:
        meeting = self.header(problems)
        diagnosis = _load(Diagnosis, self.diagnosis.get("json"), "diagnoza", problems)
        frame = self._frame(problems)
        proposals = self._read_proposals(problems)
        shares = [s for s in (_load_py(ShareAct, raw, "udostępnienie", problems) for raw in self.shares) if s]
        events = [e for e in (_load_py(MeetingEvent, raw, "zdarzenie", problems) for raw in self.events) if e]
        meeting = meeting.model_copy(
            update={
                "diagnosis": diagnosis or Diagnosis(),
                "frame": frame,
                "proposals": proposals,
                "shares": shares,
                "events": events,
            }
        )
        return SessionView(meeting=meeting, problems=problems)

    def _frame(self, problems: list[str]) -> Contract:
        data: dict[str, Any] = {}
        for name, encoded in (self.frame.to_py() or {}).items():
            if name in FRAME_EXCLUDED or name not in Contract.model_fields:
                problems.append(f"Pominięto nieznane pole kontraktu {str(name)[:40]!r}.")
                continue
            try:
                data[name] = json.loads(str(encoded))
            except ValueError:
                problems.append(f"Pominięto uszkodzone pole kontraktu {name}.")
        try:
            return Contract.model_validate(data)
        except ValidationError as error:
            problems.append(f"Ramy kontraktu są niepoprawne ({error.error_count()} bł.); pominięto je.")
            return Contract()

    def _read_proposals(self, problems: list[str]) -> list[Proposal]:
        rows: list[tuple[str, Proposal]] = []
        for proposal_id, entry in self.proposals.items():
            raw = entry.to_py() if isinstance(entry, Map) else None
            if not isinstance(raw, dict):
                problems.append(f"Pominięto uszkodzoną propozycję {str(proposal_id)[:40]!r}.")
                continue
            action = _load(Action, raw.get("action"), "działanie", problems)
            if action is None:
                continue
            try:
                proposal = Proposal(
                    institution_id=raw.get("institution_id"),
                    action=action.model_copy(update={"id": proposal_id}),
                    status=raw.get("status"),
                    comment=raw.get("comment") or "",
                )
            except ValidationError:
                problems.append(f"Pominięto uszkodzoną propozycję {str(proposal_id)[:40]!r}.")
                continue
            rows.append((str(raw.get("seq") or ""), proposal))
        return [proposal for _, proposal in sorted(rows, key=lambda row: (row[0], row[1].action.id))]


def _load(model: type[_Json], encoded: object, what: str, problems: list[str]) -> _Json | None:
    if encoded is None:
        return None
    try:
        return model.model_validate_json(str(encoded))
    except ValidationError:
        problems.append(f"Pominięto uszkodzony element: {what}.")
        return None


def _load_py(model: type[_Row], raw: object, what: str, problems: list[str]) -> _Row | None:
    try:
        return model.model_validate(raw)
    except ValidationError:
        problems.append(f"Pominięto uszkodzony element: {what}.")
        return None


def _ordered_roles(raw: dict[str, Any], order_json: object) -> dict[str, str | None]:
    """Return roles in the order the session was opened with (a CRDT map has no order of its own)."""
    try:
        order = [str(i) for i in json.loads(str(order_json))] if order_json else []
    except (ValueError, TypeError):
        order = []
    rank = {institution_id: n for n, institution_id in enumerate(order)}
    keys = sorted(raw, key=lambda k: (rank.get(str(k), len(rank)), str(k)))
    return {str(k): (str(raw[k]) or None) for k in keys}
