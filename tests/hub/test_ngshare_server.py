"""ngshare 0.6.0 on SQLAlchemy 2 keeps a release and a submission only with the shim of hub/ngshare_server.py.

Each case runs in its own interpreter: the shim listens on ngshare's model classes, which are global.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("ngshare", reason="ngshare: pip install 'szkola-kooperacji[k8s]' (see docs/hub.md)")

SCENARIO = """
import sys
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker
from ngshare.database.database import Assignment, Base, Course, Submission, User
from szkola_kooperacji.hub.ngshare_server import restore_backref_cascade

engine = create_engine("sqlite:///" + sys.argv[1])
Base.metadata.create_all(engine)
sessions = sessionmaker(bind=engine)
if sys.argv[2] == "shim":
    restore_backref_cascade(Base, sessions)
db = sessions()
trainer, trainee = User("mkowalska"), User("anowak")
db.add_all([trainer, trainee])
db.add(Course("regionalny", [trainer]))
db.commit()
db = sessions()  # what ngshare's release handler does: a new assignment attached to a stored course
Assignment("cw2_diagnoza", db.query(Course).one())
db.commit()
db = sessions()  # and its submit handler: a new submission attached to a stored assignment
assignment = db.query(Assignment).one_or_none()
if assignment is not None:
    Submission(db.query(User).filter(User.id == "anowak").one(), assignment)
    db.commit()
db = sessions()
print(db.query(Assignment).count(), db.query(Submission).count())
"""


def _stored(tmp_path: Path, mode: str) -> str:
    database = tmp_path / f"{mode}.db"
    done = subprocess.run(
        [sys.executable, "-c", SCENARIO, str(database), mode], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_without_the_shim_ngshare_loses_the_release(tmp_path):
    assert _stored(tmp_path, "plain") == "0 0"  # SQLAlchemy 2 dropped the cascade ngshare 0.6.0 relies on


def test_with_the_shim_the_release_and_the_submission_are_stored(tmp_path):
    assert _stored(tmp_path, "shim") == "1 1"
