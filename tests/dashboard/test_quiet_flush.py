"""A real kernel with the dashboard imported: printed output still arrives, an empty flush costs nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from jupyter_client.manager import start_new_kernel

PROBE = """
import sys
import szkola_kooperacji.dashboard
scheduled = []
schedule = sys.stdout.pub_thread.schedule
sys.stdout.pub_thread.schedule = lambda f: (scheduled.append(f), schedule(f))[1]
sys.stdout.flush(); sys.stderr.flush()
empty = len(scheduled)
sys.stdout.pub_thread.schedule = schedule
print("widać", empty)
"""


@pytest.fixture(scope="module")
def kernel() -> Iterator[object]:
    manager, client = start_new_kernel(kernel_name="python3")
    yield client
    client.stop_channels()
    manager.shutdown_kernel(now=True)


def _outputs(client: object, code: str) -> list[str]:
    texts: list[str] = []
    client.execute_interactive(  # type: ignore[attr-defined]
        code,
        timeout=60,
        output_hook=lambda msg: texts.append(msg["content"]["text"]) if msg["msg_type"] == "stream" else None,
    )
    return texts


@pytest.mark.slow
def test_printed_output_arrives_and_an_empty_flush_wakes_no_thread(kernel: object):
    assert "".join(_outputs(kernel, PROBE)) == "widać 0\n"


@pytest.mark.slow
def test_output_printed_without_newline_arrives_before_idle(kernel: object):
    assert "".join(_outputs(kernel, "import sys; sys.stdout.write('bez końca linii')")) == "bez końca linii"
