"""Read the next page of a long read while the caller works on this one.

A streamed export alternates between waiting for DynamoDB's next page and turning the page it has into
text; :func:`read_ahead` makes the two overlap: a worker thread pulls the pages (its calls are counted for
the request that started it, :func:`webdpro.db.calls.counting_for`) and keeps at most ``depth`` pages
waiting, while the caller formats the one before. The worker's error is raised in the caller, at the page
it would have been; a caller that stops early (the browser went away) stops the worker at its next page.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator

from webdpro.db import calls

_PAGE, _DONE, _ERROR = "page", "done", "error"
_WAIT = 0.1  # seconds between the worker's looks at whether the caller stopped, while the queue is full


class _Reader(threading.Thread):
    """The worker: pulls ``pages`` and hands them over one message at a time."""

    def __init__(self, pages: Iterable, depth: int):
        super().__init__(name="webdpro-read-ahead", daemon=True)
        self.pages, self.out, self.stop = pages, queue.Queue(maxsize=depth), threading.Event()
        self.counters = calls.current_counters()

    def put(self, message) -> bool:
        while not self.stop.is_set():
            try:
                self.out.put(message, timeout=_WAIT)
                return True
            except queue.Full:
                continue
        return False

    def run(self):
        with calls.counting_for(self.counters):
            try:
                for page in self.pages:
                    if not self.put((_PAGE, page)):
                        return
            except Exception as error:  # handed to the caller, raised there
                self.put((_ERROR, error))
                return
            finally:
                close = getattr(self.pages, "close", None)
                if close is not None:
                    close()  # a generator's own cleanup runs here, in the thread that ran it
            self.put((_DONE, None))


def read_ahead(pages: Iterable, depth: int = 1) -> Iterator:
    """The items of ``pages`` in order, each read in a worker thread while the caller handles the ones before
    (at most ``depth`` read and not yet taken)."""
    reader = _Reader(pages, depth)
    reader.start()
    finished = False
    try:
        while True:
            kind, value = reader.out.get()
            if kind == _PAGE:
                yield value
                continue
            finished = True
            if kind == _ERROR:
                raise value
            return
    finally:
        reader.stop.set()
        if finished:
            reader.join()  # it has sent its last message: its counters are complete
