"""A trainee's kernel websocket: the two channels a dashboard uses, opened on the kernel's IOPub welcome.

A dashboard page sends widget messages on shell and listens on IOPub; it never answers ``input()``
(stdin) nor interrupts its kernel (control: the page has no such button, and a closed page's kernel
is shut down over HTTP). Jupyter's server opens all four channels for every websocket; here only
those two, so each arrival makes two sockets, not four (and not six, counting the nudge's below).

Jupyter's server makes sure a new websocket's IOPub subscription is live before relaying the
page's first messages (a message published earlier would be lost). It "nudges": it opens two
more sockets and sends ``kernel_info`` requests on shell and control until an IOPub message
comes back. ipykernel 7 announces each new subscription itself (``iopub_welcome``, JEP 65), so
that message alone says the subscription is live. Waiting for it spares each trainee's arrival
two kernel requests, their four status messages and two sockets; with forty trainees arriving
at once those were a quarter of the requests their kernels served. The pool checked this
kernel's ``kernel_info`` moments before (``kernel_pool``), so it is known to answer.

ZeroMQ tells a publisher of a subscription only when its topic is new, and another socket may
already listen to all of a kernel's messages (a second tab of the same page, Voilà's own client),
so the websocket's subscription to all messages may not be new. The websocket therefore also
subscribes to a topic of its own, which is, and waits for that topic's welcome: ZeroMQ applies one
socket's subscriptions in order, so when the kernel welcomes that topic, the subscription to all
messages is live too. Anything that comes before it (the welcome of all messages, when that was
new) is dropped, as Jupyter's nudge drops what comes before its reply; the page sees no welcome.
A kernel older than ipykernel 7 sends no welcome: after ``WELCOME_SECONDS`` the nudge runs as
Jupyter's does.
"""

from __future__ import annotations

import asyncio
import uuid

import zmq
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection
from traitlets import Bool

WELCOME_SECONDS = 1.0
"""How long to wait for the welcome before nudging; it comes in milliseconds, even with forty arriving."""


DASHBOARD_CHANNELS = ("iopub", "shell")
"""The channels a dashboard page uses; a message for another one is refused with Jupyter's own warning."""


class DashboardConnection(ZMQChannelsWebsocketConnection):
    """A kernel websocket connection on shell and IOPub, whose subscription is confirmed by the kernel's welcome."""

    limit_rate = Bool(
        False,
        config=True,
        help="Jupyter's IOPub rate limit guards a notebook's page against a flood of printed output and drops "
        "messages beyond it; a dashboard prints nothing, and a dropped widget message would leave its page "
        "out of step with its kernel. Off, it also spares decoding every status message once more.",
    )

    def create_stream(self) -> None:
        """Connect the dashboard's channels only (Jupyter's connects stdin and control too)."""
        identity = self.session.bsession
        for channel in DASHBOARD_CHANNELS:
            stream = getattr(self.kernel_manager, f"connect_{channel}")(identity=identity)
            stream.channel = channel
            self.channels[channel] = stream

    def nudge(self) -> asyncio.Future[None]:
        """Resolve on the kernel's welcome of this connection's topic; nudge as Jupyter does if none comes."""
        iopub = self.channels["iopub"]
        welcomed: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        topic = f"szkola-welcome-{uuid.uuid4().hex}".encode()

        def on_iopub(message: list[bytes]) -> None:
            # Only this topic's welcome: the one for all messages may come first (when no other socket
            # listens to all of them) and is dropped, as Jupyter's nudge drops what comes before it.
            if message[0] == topic and not welcomed.done():
                iopub.stop_on_recv()
                iopub.socket.setsockopt(zmq.UNSUBSCRIBE, topic)
                welcomed.set_result(None)

        iopub.on_recv(on_iopub)
        iopub.socket.setsockopt(zmq.SUBSCRIBE, topic)  # new to the kernel: it answers with its welcome
        nudge = super().nudge

        async def wait() -> None:
            try:
                await asyncio.wait_for(welcomed, WELCOME_SECONDS)
            except TimeoutError:
                if not iopub.closed():
                    iopub.stop_on_recv()
                self.log.debug("No IOPub welcome from kernel %s: nudging", self.kernel_id)
                await nudge()

        return asyncio.ensure_future(wait())
