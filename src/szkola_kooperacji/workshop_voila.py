"""Voilà tuned for a workshop: N kernels pre-rendered before trainees arrive, a small refill, a hard cap.

Voilà's own pool refills every kernel it hands out one second later, so a burst of
40 trainees starts 40 more kernels at once and starves two cores exactly when the
trainees start clicking, and the server ends with twice the kernels. Here the
pool is filled once to N before the workshop; later refills only keep a small
reserve for latecomers and reloads, and no more than ``cap`` kernels ever run.
Each kernel handed to a page is bound to that page's browser (``page_binding``).
Run as ``python -m szkola_kooperacji.workshop_voila`` with Voilà's own options.
"""

from __future__ import annotations

import os
from typing import Any

import voila.app
from tornado.web import HTTPError
from voila.voila_kernel_manager import voila_kernel_manager_factory

from .page_binding import REPLACEMENTS, bind_current_page, forget, outside_page
from .serving import CAP_ENV, RESERVE_ENV

READY_MESSAGE = "Serwer gotowy – przygotowane pulpity uczestników"

FULL_MESSAGE = (
    "Na serwerze pracuje już maksymalna liczba uczestników. Poczekaj chwilę i odśwież stronę "
    "albo poproś prowadzącego o zamknięcie nieużywanych kart."
)


def workshop_kernel_manager_factory(
    base_class: Any, preheat_kernel: bool, default_pool_size: int, page_config_hook: Any = None
) -> Any:
    """Return Voilà's kernel manager class with a reserve-limited refill and a cap on kernels."""
    voila_class: Any = voila_kernel_manager_factory(base_class, preheat_kernel, default_pool_size, page_config_hook)
    reserve = int(os.environ.get(RESERVE_ENV, "2"))
    cap = int(os.environ.get(CAP_ENV, "0"))

    class WorkshopKernelManager(voila_class):
        def fill_if_needed(
            self,
            delay: float | None = None,
            notebook_name: str | None = None,
            extra_kernel_env_variables: dict[str, str] | None = None,
            **kwargs: Any,
        ) -> None:
            if delay != 0:  # a refill after a hand-out, not the initial fill at start-up
                pools: dict[str, Any] = getattr(self, "kernel_pools_config", {})
                default = dict(pools.get("default", {}))
                if default.get("pool_size", 0) > reserve:
                    default["pool_size"] = reserve
                    self.kernel_pools_config = {**pools, "default": default}
                if cap and len(self.list_kernel_ids()) >= cap:
                    return
            outside_page(  # kernels for the pool belong to no page yet, not to the one being served now
                super().fill_if_needed,
                delay=delay,
                notebook_name=notebook_name,
                extra_kernel_env_variables=extra_kernel_env_variables or {},
                **kwargs,
            )

        async def get_rendered_notebook(self, *args: Any, **kwargs: Any) -> Any:
            result = await super().get_rendered_notebook(*args, **kwargs)
            bind_current_page(result[2])  # (render task, rendered cells, kernel id) handed to this page
            return result

        async def shutdown_kernel(self, kernel_id: str, *args: Any, **kwargs: Any) -> Any:
            forget(kernel_id)
            return await super().shutdown_kernel(kernel_id, *args, **kwargs)

        rendered = 0
        announced = False

        async def _initialize(self, notebook_path: str, kernel_id: str | None = None, **kwargs: Any) -> Any:
            result = await super()._initialize(notebook_path, kernel_id, **kwargs)
            task = result.get("task") if isinstance(result, dict) else None
            if task is not None:
                task.add_done_callback(lambda _: self._count_rendered())
            return result

        def _count_rendered(self) -> None:
            """Tell the host when the initial pool is rendered: from then on every trainee gets a page at once."""
            type(self).rendered += 1
            wanted = int(self.kernel_pools_config.get("default", {}).get("pool_size", 0))
            if not type(self).announced and wanted and type(self).rendered >= wanted:
                type(self).announced = True
                print(f"{READY_MESSAGE}: {type(self).rendered}", flush=True)

        async def start_kernel(self, *args: Any, **kwargs: Any) -> str:
            if cap and len(self.list_kernel_ids()) >= cap:
                self.log.warning("Kernel cap of %s reached; refusing a new kernel", cap)
                raise HTTPError(503, FULL_MESSAGE)
            kernel_id: str = await super().start_kernel(*args, **kwargs)
            bind_current_page(kernel_id)  # started for the page being served (no pool, or the pool ran dry)
            return kernel_id

    return WorkshopKernelManager


class WorkshopVoila(voila.app.Voila):
    """Voilà whose kernel URLs answer only the browser each kernel's page was served to."""

    def init_handlers(self) -> list[Any]:
        """Return Voilà's routes with the page-bound handlers in place of Voilà's own."""
        routes: list[Any] = super().init_handlers()
        return [(route[0], REPLACEMENTS.get(route[1], route[1]), *route[2:]) for route in routes]


def main() -> None:
    """Start Voilà with the workshop kernel manager and page-bound kernels."""
    voila.app.voila_kernel_manager_factory = workshop_kernel_manager_factory
    WorkshopVoila.launch_instance()


if __name__ == "__main__":
    main()
