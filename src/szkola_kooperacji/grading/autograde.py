"""Autograde a group's submissions in parallel with nbgrader itself, one submission per task.

Each worker is a long-lived process that grades one trainee at a time through
``NbGraderAPI.autograde`` (the code path of ``nbgrader autograde``), so scores and
flags are nbgrader's own with the course's preprocessors, which grade the work as data
(``grading.preprocessors``): no kernel starts and no cell of a submission runs. nbgrader
is imported once, in the parent, and the workers are forked from it. The parent hands
out trainees, enforces a wall-time and a memory limit per submission as a last guard
(the intake already bounds what it reads), and records a clear message and zero points
for a submission that cannot be graded. SQLite allows one writer at a time: the gradebook
URL waits for the lock, and grading one trainee again replaces their previous result, so
an interrupted run is simply run again.
"""

from __future__ import annotations

import contextlib
import functools
import multiprocessing as mp
import os
import signal
import sys
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from .course_folder import CourseFolder
from .results import GradedSubmission

DEFAULT_TIME_LIMIT_S = 60.0
DEFAULT_MEMORY_MB = 2048
LOG_FILE = "logs/autograde.log"
"""Where the workers write nbgrader's log, inside the course directory."""
_PARENT_ENDS: list[Connection] = []
"""The parent's ends of the workers' pipes. A forked worker closes its copies, or a worker would never see
the end of its own tasks (it would hold its pipe open itself) nor let the others see theirs."""


@dataclass(frozen=True)
class Outcome:
    """How grading one trainee's submission ended, and what it gave when it was graded."""

    student: str
    ok: bool
    message: str
    seconds: float
    result: GradedSubmission | None = None


def _preload() -> None:
    """Import nbgrader's grading code in this process, so workers forked from it need not import it again."""
    from . import prefer_fast_validation, put_tools_on_path  # noqa: PLC0415

    prefer_fast_validation()
    put_tools_on_path()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import nbformat  # noqa: F401, PLC0415
        from nbgrader.apps import NbGraderAPI  # noqa: F401, PLC0415
        from nbgrader.coursedir import CourseDirectory  # noqa: F401, PLC0415
    from .cells import grading_catalog  # noqa: PLC0415

    grading_catalog()  # the validated cases and Lista, loaded once for every worker


def _reuse_engines() -> None:
    """Let every ``Gradebook`` of this worker share one SQLAlchemy engine per database, checked once.

    nbgrader opens about ten gradebooks per submission, each with a new engine that compiles
    its SQL again and checks every table of the schema (``create_all``). With the engine shared
    and the schema checked on its first use, statements compile once per worker and a gradebook
    costs a connection. ``Gradebook.close`` disposes the engine's pool, which only closes
    connections; ``create_all`` only creates what is missing, so once per worker is enough.
    """
    import nbgrader.api  # noqa: PLC0415

    nbgrader.api.create_engine = functools.lru_cache(maxsize=4)(nbgrader.api.create_engine)
    metadata = nbgrader.api.Base.metadata
    checked: set[int] = set()
    create_all = metadata.create_all

    def create_all_once(bind: Any, **kwargs: Any) -> None:
        if id(bind) not in checked:
            create_all(bind=bind, **kwargs)
            checked.add(id(bind))

    metadata.create_all = create_all_once


def _worker(course_dir: str, memory_mb: int, tasks: Connection) -> None:
    """Grade trainees sent through ``tasks`` until it closes; reply (ok, message) for each."""
    import resource  # noqa: PLC0415 (POSIX only, used only in workers)

    for end in _PARENT_ENDS:
        end.close()
    os.setsid()  # a group of its own, which the parent can kill without touching itself
    # nbgrader logs each step and SQLAlchemy warns: keep that in a log file of the course, out of
    # the trainer's terminal.
    log_path = Path(course_dir) / LOG_FILE
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(log, 1)
    os.dup2(log, 2)
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    warnings.filterwarnings("ignore")  # SQLAlchemy's warnings are noise for a trainer
    os.chdir(course_dir)
    from . import put_tools_on_path  # noqa: PLC0415

    put_tools_on_path()
    _reuse_engines()
    from nbgrader.apps import NbGraderAPI  # noqa: PLC0415 (preloaded by the parent)
    from nbgrader.coursedir import CourseDirectory  # noqa: PLC0415
    from traitlets.config import Config  # noqa: PLC0415

    from .results import graded_submissions  # noqa: PLC0415

    config = Config()
    config.merge(CourseFolder(Path(course_dir)).config)
    api = NbGraderAPI(CourseDirectory(config=config), config=config)
    while True:
        try:
            assignment, student = tasks.recv()
        except EOFError:
            return
        result: dict[str, Any] = api.autograde(assignment, student, force=True, create=True)
        graded = graded_submissions(api.coursedir.db_url, assignment, [student]) if result.get("success") else []
        tasks.send((bool(result.get("success")), _summary(result, memory_mb), graded[0] if graded else None))


def _summary(result: dict[str, Any], memory_mb: int = DEFAULT_MEMORY_MB) -> str:
    if result.get("success"):
        return "oceniono"
    text = f"{result.get('error') or ''}\n{result.get('log') or ''}"
    if "MemoryError" in text:
        return f"przerwano: ocena przekroczyła limit pamięci ({memory_mb} MB, opcja --memory)"
    if "Brak wydanej wersji" in text:
        return next(line for line in text.splitlines() if "Brak wydanej wersji" in line)[-300:]
    return "nie udało się ocenić (szczegóły w " + LOG_FILE + "): " + (text.strip().splitlines() or ["?"])[-1][:200]


class _Worker:
    def __init__(self, context: Any, course_dir: Path, memory_mb: int) -> None:
        self.conn, child = mp.Pipe()
        _PARENT_ENDS.append(self.conn)
        sys.stdout.flush()  # a forked worker must not write the parent's buffered text again
        sys.stderr.flush()
        self.process = context.Process(target=_worker, args=(str(course_dir), memory_mb, child), daemon=True)
        self.process.start()
        child.close()
        self.student: str | None = None
        self.started = 0.0

    def give(self, assignment: str, student: str) -> None:
        self.student, self.started = student, time.monotonic()
        self.conn.send((assignment, student))

    def close(self) -> None:
        self.conn.close()
        with contextlib.suppress(ValueError):
            _PARENT_ENDS.remove(self.conn)

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.join(5)
        self.close()

    def stop(self) -> None:
        self.close()
        self.process.join(30)
        if self.process.is_alive():
            self.kill()


def autograde_parallel(
    course_dir: Path,
    assignment: str,
    students: list[str],
    *,
    jobs: int = 2,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
    memory_mb: int = DEFAULT_MEMORY_MB,
) -> Iterator[Outcome]:
    """Grade each student's submission; yield an Outcome as each one finishes."""
    _preload()
    context = mp.get_context("fork")
    todo = list(students)
    workers = [_Worker(context, course_dir, memory_mb) for _ in range(max(1, min(jobs, len(todo))))]
    try:
        while todo or any(w.student for w in workers):
            for worker in workers:
                if worker.student is None and todo:
                    worker.give(assignment, todo.pop(0))
            busy = [w for w in workers if w.student is not None]
            ready = set(wait([w.conn for w in busy], timeout=0.2))  # whichever worker answers first
            for worker in busy:
                index = workers.index(worker)
                student = worker.student
                assert student is not None
                elapsed = time.monotonic() - worker.started
                if worker.conn in ready:
                    result = None
                    try:
                        ok, message, result = worker.conn.recv()
                        worker.student = None
                    except EOFError:
                        ok, message = False, "przerwano: proces oceniania zakończył się nieoczekiwanie"
                        workers[index] = _replace(worker, context, course_dir, memory_mb)
                    yield Outcome(student, ok, message, elapsed, result)
                elif elapsed > time_limit_s or not worker.process.is_alive():
                    why = (
                        f"przerwano po {time_limit_s:g} s: ocena trwała za długo"
                        if elapsed > time_limit_s
                        else "przerwano: proces oceniania zakończył się (np. limit pamięci)"
                    )
                    workers[index] = _replace(worker, context, course_dir, memory_mb)
                    yield Outcome(student, False, why, elapsed)
    finally:
        for worker in workers:
            worker.stop()


def _replace(worker: _Worker, context: Any, course_dir: Path, memory_mb: int) -> _Worker:
    worker.kill()
    return _Worker(context, course_dir, memory_mb)


def record_zero(db_url: str, assignment: str, student: str) -> None:
    """Make sure a trainee whose submission could not be graded has it in the gradebook, scored 0.

    A score left from an earlier run (e.g. before a broken notebook replaced a good one) is reset,
    and the automatic parts are flagged for the trainer to look at in the formgrader.
    """
    from nbgrader.api import Gradebook  # noqa: PLC0415

    from . import put_tools_on_path  # noqa: PLC0415

    put_tools_on_path()

    with Gradebook(db_url) as gradebook:
        gradebook.update_or_create_student(student)
        submission = gradebook.update_or_create_submission(assignment, student)
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                if grade.cell.cell_type == "code":
                    grade.auto_score = 0.0
                    grade.needs_manual_grade = True
        gradebook.db.commit()
