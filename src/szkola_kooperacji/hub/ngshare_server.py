"""ngshare as a hub-managed service on one server: ``python -m szkola_kooperacji.hub.ngshare_server``.

ngshare's own command listens on every interface (a Kubernetes pod must); behind the hub's proxy
on one machine it needs only the address the hub gave it ($JUPYTERHUB_SERVICE_URL, 127.0.0.1),
so this runs ngshare's application there, its database brought up to date as ngshare's command
does, and without tornado's autoreload.

ngshare 0.6.0, the last release on PyPI, was written for SQLAlchemy 1.x, whose backref cascade put a
new assignment or submission into the session when it was attached to its course or assignment.
SQLAlchemy 2 (what JupyterHub 5 and nbgrader 0.9 run on) dropped that cascade, and ngshare 0.6.0
then answers "success" to a release or a submission and stores nothing (ngshare issues #167 and
#169, fixed on its main branch after 0.6.0). :func:`restore_backref_cascade` restores the cascade for
ngshare's sessions.
"""

from __future__ import annotations

import argparse
import asyncio
import os
from collections import namedtuple
from typing import Any
from urllib.parse import urlparse

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, object_session

ATTACHED = "szkola_attached"
"""Key in a session's ``info``: new objects attached to the session's objects, added at its next flush."""


def restore_backref_cascade(base: Any, sessions: Any) -> None:
    """Make a new object set on a many-to-one of a session's object join that session (SQLAlchemy 1.x's cascade).

    ``base`` is the declarative base whose relationships cascade so; ``sessions`` the sessionmaker
    (or Session class) whose sessions add such objects at their next flush.
    """

    def attached(target: Any, value: Any, _old: Any, _initiator: Any) -> None:
        session = object_session(value) if value is not None else None
        if session is not None and inspect(target).transient:
            session.info.setdefault(ATTACHED, []).append(target)

    def add_attached(session: Session, _context: Any, _instances: Any) -> None:
        for target in session.info.pop(ATTACHED, []):
            if inspect(target).transient:
                session.add(target)

    for mapper in base.registry.mappers:
        for relationship in mapper.relationships:
            if not relationship.uselist:
                event.listen(getattr(mapper.class_, relationship.key), "set", attached)
    event.listen(sessions, "before_flush", add_attached)


def main(argv: list[str] | None = None) -> None:
    """Run ngshare at $JUPYTERHUB_SERVICE_URL with its database and file storage."""
    from ngshare import dbutil  # noqa: PLC0415  (ngshare: only in a hub that runs it)
    from ngshare.database.database import Base  # noqa: PLC0415
    from ngshare.ngshare import MyApplication  # noqa: PLC0415
    from tornado.httpserver import HTTPServer  # noqa: PLC0415

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database", required=True, help="SQLAlchemy URL of ngshare's database")
    parser.add_argument("--storage", required=True, help="folder of the exchanged files")
    parser.add_argument("--admins", default="", help="hub accounts that create courses (comma-separated)")
    args = parser.parse_args(argv)
    options = namedtuple("CmdOpts", ["x"])(["data=true", f"storage={args.storage}"])
    dbutil.upgrade(args.database, cmd_opts=options)
    app = MyApplication(
        os.environ["JUPYTERHUB_SERVICE_PREFIX"],
        args.database,
        args.storage,
        admin=[name for name in args.admins.split(",") if name],
        autoreload=False,
    )
    restore_backref_cascade(Base, app.db_session)
    url = urlparse(os.environ["JUPYTERHUB_SERVICE_URL"])

    async def serve() -> None:
        HTTPServer(app).listen(url.port or 80, url.hostname or "127.0.0.1")
        await asyncio.Event().wait()

    asyncio.run(serve())


if __name__ == "__main__":
    main()
