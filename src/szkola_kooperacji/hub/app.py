"""JupyterHub whose course services start in their own time: ``python -m szkola_kooperacji.hub.app -f CONFIG``.

JupyterHub waits about ten seconds for each managed service with a URL and exits when one has not
answered by then. A course's service is a whole JupyterLab with the formgrader, which on a busy
two-core server takes longer than that to answer; so the hub starts it and goes on. Until it
answers, ``/services/KURS/`` shows the Polish "Trwa uruchamianie" page (``templates/503.html``,
the proxy's error page), which reloads itself into the formgrader once it is up; the hub polls its
services and starts again one that exited (JupyterHub's own behaviour).
"""

from __future__ import annotations

from typing import Any

from jupyterhub.app import JupyterHub


class SzkolaHub(JupyterHub):
    """JupyterHub that does not wait for its managed web services to answer before it serves."""

    async def start_service(self, service_name: str, service: Any, ssl_context: Any = None) -> bool:
        """Start a managed service with a URL and return at once; any other service as JupyterHub does."""
        if not (service.managed and service.url):
            return bool(await super().start_service(service_name, service, ssl_context))
        self.log.info("Starting managed service %s at %s (it answers once its server is up)", service_name, service.url)
        try:
            await service.start()
        except Exception:
            self.log.critical("Failed to start service %s", service_name, exc_info=True)
            return False
        return True


main = SzkolaHub.launch_instance

if __name__ == "__main__":
    main()
