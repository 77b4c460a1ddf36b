"""The page's widget states, answered from a copy made while the kernel waited for its trainee.

When a page connects, its front end asks the kernel for the state of every widget
(``request_states``). ipywidgets builds that answer twice over (``get_manager_state`` is
computed and thrown away) from ~110 widgets' traits: 20–40 ms of a kernel's CPU at the
moment forty kernels are asked at once. A workshop kernel has built its page long before
its trainee arrives, so the answer is made then (``prepare``) and kept for as long as no
widget changes: every widget change passes ``Widget.notify_change`` (opening and closing
change the ``comm`` trait too), which marks the copy stale. A stale copy is rebuilt on
request exactly as ipywidgets builds it, so the answer is always the present state.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from typing import Any

from ipywidgets.widgets import widget as ipywidgets_widget

_Answer = tuple[dict[str, Any], list[Any], list[Any]]


@dataclass
class _Copy:
    changes: int = 0
    """How many widget changes the kernel has seen; the copy is current while this has not moved."""
    made_at: int = -1
    answer: _Answer = ({}, [], [])


_COPY = _Copy()


def current_states() -> _Answer:
    """Return every widget's state, buffer paths and buffers, as ipywidgets sends them."""
    if _COPY.made_at == _COPY.changes:
        return _COPY.answer
    seen = _COPY.changes
    full_state = {
        model_id: {
            "model_name": widget._model_name,
            "model_module": widget._model_module,
            "model_module_version": widget._model_module_version,
            "state": widget.get_state(drop_defaults=False),
        }
        for model_id, widget in list(ipywidgets_widget._instances.items())
    }
    _COPY.answer = ipywidgets_widget._remove_buffers(full_state)
    _COPY.made_at = seen
    return _COPY.answer


def prepare() -> None:
    """Make the copy once the page's cell has finished (on the kernel's loop), before any trainee asks."""
    with contextlib.suppress(RuntimeError):  # no loop (a test or a script): the copy is made on request
        asyncio.get_running_loop().call_soon(current_states)


def _answer_control(cls: type[Any], msg: dict[str, Any]) -> None:
    """Ipywidgets' control-comm handler, answering ``request_states`` from the copy."""
    if cls._control_comm is None:
        raise RuntimeError("Control comm has not been properly opened")
    method = msg["content"]["data"]["method"]
    if method != "request_states":
        raise RuntimeError(f'Unknown front-end to back-end widget control msg with method "{method}"')
    states, buffer_paths, buffers = current_states()
    cls._control_comm.send({"method": "update_states", "states": states, "buffer_paths": buffer_paths}, buffers=buffers)


def install() -> None:
    """Answer ``request_states`` from the copy and mark it stale at every widget change (once per process)."""
    widget_class: Any = ipywidgets_widget.Widget
    if getattr(widget_class, "_szkola_states_installed", False):
        return
    notify = widget_class.notify_change

    def notify_change(self: Any, change: Any) -> None:
        _COPY.changes += 1
        notify(self, change)

    widget_class.notify_change = notify_change
    widget_class._handle_control_comm_msg = classmethod(_answer_control)
    widget_class._szkola_states_installed = True
