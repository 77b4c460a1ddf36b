"""The page's shell messages reach the kernel's socket at once, in order, and wait when the kernel cannot take them."""

from __future__ import annotations

import asyncio
from pathlib import Path

import zmq
import zmq.asyncio
from zmq.eventloop.zmqstream import ZMQStream

from szkola_kooperacji.kernel_connection import send_at_once
from tests.aio import run


async def _received(router: zmq.asyncio.Socket, count: int) -> list[bytes]:
    bodies = []
    for _ in range(count):
        _identity, body = await asyncio.wait_for(router.recv_multipart(), 5)
        bodies.append(body)
    return bodies


async def _send_before_and_after_the_kernel_listens(endpoint: str) -> tuple[bool, list[bytes]]:
    context = zmq.asyncio.Context()
    dealer: zmq.Socket[bytes] = zmq.Context.instance().socket(zmq.DEALER)
    dealer.sndhwm = 1
    stream = ZMQStream(dealer)
    send_at_once(stream)
    try:
        dealer.connect(endpoint)  # nobody listens yet: the socket cannot take a message without waiting
        stream.send_multipart([b"1"])
        stream.send_multipart([b"2"])
        queued = stream.sending()
        router = context.socket(zmq.ROUTER)
        router.bind(endpoint)
        return queued, await _received(router, 2)
    finally:
        stream.close(linger=0)
        context.destroy(linger=0)


async def _send_to_a_listening_kernel(endpoint: str) -> tuple[bool, list[bytes]]:
    context = zmq.asyncio.Context()
    router = context.socket(zmq.ROUTER)
    router.bind(endpoint)
    stream = ZMQStream(zmq.Context.instance().socket(zmq.DEALER))
    send_at_once(stream)
    try:
        stream.socket.connect(endpoint)
        await asyncio.sleep(0.2)  # connected
        stream.send_multipart([b"a"])
        handed_over = not stream.sending()  # taken by ZeroMQ already, nothing left for the loop
        return handed_over, await _received(router, 1)
    finally:
        stream.close(linger=0)
        context.destroy(linger=0)


def test_a_message_is_handed_to_zeromq_without_waiting_for_the_loop(tmp_path: Path) -> None:
    handed_over, received = run(_send_to_a_listening_kernel(f"ipc://{tmp_path}/shell"))
    assert handed_over
    assert received == [b"a"]


def test_messages_the_kernel_cannot_take_yet_wait_in_order(tmp_path: Path) -> None:
    queued, received = run(_send_before_and_after_the_kernel_listens(f"ipc://{tmp_path}/shell"))
    assert queued, "without a listener the stream keeps the messages"
    assert received == [b"1", b"2"], "the second did not overtake the first"
