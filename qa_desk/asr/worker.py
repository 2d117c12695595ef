"""faster-whisper in a separate process (multiprocessing *spawn*), streaming typed messages.

The caller (CLI loop, Qt QTimer) calls ``poll()`` and never blocks; ``cancel()`` asks the worker
to stop between decoding batches and terminates it when it does not stop promptly. The worker
never outlives its parent (``watch_parent``) and leaves Ctrl-C to it.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import queue
import signal
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from multiprocessing.connection import wait
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any

from qa_desk.asr.errors import AsrError, Cancelled
from qa_desk.asr.messages import Done, Failed, Finished, Message, Progress, SegmentMsg
from qa_desk.asr.options import TranscribeOptions
from qa_desk.audio import AudioError
from qa_desk.domain.transcript import Segment

Job = tuple[str, str]  # (recording key, path)

BACKGROUND_NICE = 10
ORPHANED_EXIT_CODE = 3  # the worker's parent went away; it exited on its own
_PROGRESS_STEP = 0.01  # do not flood the queue with tiny progress changes


def _worker_main(jobs: list[Job], options: TranscribeOptions, out: Any, stop: Event, background: bool) -> None:
    watch_parent()
    _no_interprocess_locks()
    from qa_desk.asr.pipeline import Transcriber

    if background:
        _yield_cpu_to_foreground()
    transcriber = Transcriber(options)
    try:
        for key, path in jobs:
            if stop.is_set():
                break
            last = [-1.0]

            def on_progress(fraction: float, key: str = key, last: list[float] = last) -> None:
                if fraction >= 1.0 or fraction - last[0] >= _PROGRESS_STEP:
                    last[0] = fraction
                    out.put(Progress(key, round(fraction, 4)))

            def on_segment(segment: Segment, key: str = key) -> None:
                out.put(SegmentMsg(key, segment))

            try:
                transcript = transcriber.transcribe(
                    path,
                    on_progress=on_progress,
                    on_segment=on_segment,
                    cancel=stop.is_set,
                )
            except Cancelled:
                break
            except (AudioError, AsrError) as exc:
                out.put(Failed(key, one_line(str(exc))))
            except Exception as exc:  # noqa: BLE001 - one bad file must not stop the others
                out.put(Failed(key, one_line(f"{Path(path).name}: ошибка распознавания: {exc}")))
            else:
                out.put(Done(key, transcript))
    finally:
        out.put(Finished(cancelled=stop.is_set()))


def watch_parent() -> None:
    """Make this spawned process (the ASR worker, or a helper process: use it as a pool's
    ``initializer``) a dependant of its parent: Ctrl-C is left to the parent, which stops it
    cleanly, and the moment the parent is gone (killed, crashed) this process exits.

    A watchdog thread waits on the parent's sentinel, which multiprocessing gives every spawned
    child: the read end of a pipe whose write end only the parent holds (POSIX: it reads as closed
    when the parent dies, whatever killed it), or a handle of the parent process (Windows).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = mp.parent_process()
    if parent is None or parent.sentinel is None:
        return
    sentinel = parent.sentinel

    def watch() -> None:
        try:
            wait([sentinel])
        finally:
            os._exit(ORPHANED_EXIT_CODE)

    threading.Thread(target=watch, name="qa-desk-parent-watch", daemon=True).start()


def _no_interprocess_locks() -> None:
    """faster-whisper's (disabled) tqdm bar would create a multiprocessing lock in this process: a
    named semaphore that, when the worker is terminated or orphaned, the resource tracker reports
    as leaked on the user's terminal. A thread lock serves tqdm as well here."""
    try:
        from tqdm import tqdm
    except ImportError:
        return
    tqdm.set_lock(threading.RLock())


def _yield_cpu_to_foreground() -> None:
    """Lower this process's priority before the decoder starts its threads (they inherit it): on a
    2-core laptop they would otherwise starve the window's thread for 100+ ms. POSIX only."""
    if hasattr(os, "nice"):
        try:
            os.nice(BACKGROUND_NICE)
        except OSError:
            pass


def one_line(text: str) -> str:
    return " ".join(text.split())


class WorkerHandle:
    """Handle of a running worker process; see ``start_worker``."""

    def __init__(self, process: Any, messages: Any, stop: Event, keys: Sequence[str]) -> None:
        self._process = process
        self._queue = messages
        self._stop = stop
        self._pending = set(keys)
        self._finished = False
        # A big message (a whole transcript) crosses the pipe in pieces, and reading it blocks until
        # the (low-priority) worker has written the last one: a reader thread takes that wait, so
        # ``poll`` on the UI thread only ever touches an in-process queue.
        self._inbox: queue.Queue[Message] = queue.Queue()
        self._reader = threading.Thread(target=self._pump, name="qa-desk-asr-reader", daemon=True)
        self._reader.start()

    def _pump(self) -> None:
        while True:
            try:
                msg = self._queue.get(timeout=0.2)
            except queue.Empty:
                if self._process.is_alive():
                    continue
                self._drain_rest()
                return
            except (EOFError, OSError):
                return
            self._inbox.put(msg)
            if isinstance(msg, Finished):
                return

    def _drain_rest(self) -> None:
        try:
            while True:
                self._inbox.put(self._queue.get_nowait())
        except (queue.Empty, EOFError, OSError):
            pass

    def poll(self, timeout: float = 0) -> list[Message]:
        """Messages that arrived so far; waits up to ``timeout`` seconds for the first one."""
        if self._finished:
            return []
        result: list[Message] = []
        try:
            result.append(self._inbox.get(timeout=timeout) if timeout > 0 else self._inbox.get_nowait())
            while True:
                result.append(self._inbox.get_nowait())
        except queue.Empty:
            pass
        for msg in result:
            if isinstance(msg, (Done, Failed)):
                self._pending.discard(msg.recording_key)
            elif isinstance(msg, Finished):
                self._finished = True
        if not self._finished and not result and not self._reader.is_alive() and self._inbox.empty():
            result.extend(self._crashed())
        return result

    def _crashed(self) -> list[Message]:
        """The process died without saying goodbye (killed, out of memory): fail what is left."""
        self._finished = True
        code = self._process.exitcode
        msgs: list[Message] = [
            Failed(key, f"процесс распознавания неожиданно завершился (код {code})") for key in sorted(self._pending)
        ]
        self._pending.clear()
        msgs.append(Finished(cancelled=self._stop.is_set()))
        return msgs

    def cancel(self, grace_s: float = 2.0) -> None:
        """Stop the worker: it checks the flag between batches; after ``grace_s`` it is terminated."""
        self._stop.set()
        self._process.join(grace_s)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(5)
        if self._process.is_alive():
            self._process.kill()
            self._process.join(5)

    def is_alive(self) -> bool:
        return bool(self._process.is_alive())

    @property
    def finished(self) -> bool:
        return self._finished

    def join(self, timeout: float | None = None) -> None:
        self._process.join(timeout)


def start_worker(
    jobs: Sequence[tuple[str, str | Path]], options: TranscribeOptions | None = None, *, background: bool = False
) -> WorkerHandle:
    """Start transcribing ``jobs`` (recording key, path) in a spawned process.

    ``background``: the caller is an interactive window; the worker runs at a lower priority.
    """
    ctx = mp.get_context("spawn")
    messages = ctx.Queue()
    stop = ctx.Event()
    job_list = [(str(key), str(path)) for key, path in jobs]
    process = ctx.Process(
        target=_worker_main,
        args=(job_list, options or TranscribeOptions(), messages, stop, background),
        name="qa-desk-asr",
        daemon=True,
    )
    with _sigint_ignored_for_children():
        process.start()
    return WorkerHandle(process, messages, stop, [k for k, _ in job_list])


@contextmanager
def _sigint_ignored_for_children() -> Iterator[None]:
    """Spawn with SIGINT ignored: a POSIX child inherits that through exec, so a Ctrl-C in the
    terminal (sent to the whole process group) cannot interrupt the worker while it starts up,
    before ``watch_parent`` runs. The parent's own handler is back a few milliseconds later."""
    if threading.current_thread() is not threading.main_thread() or os.name == "nt":
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
