"""What a server process does once the app is loaded, before it takes requests: ``webdpro/wsgi.py`` calls
:func:`ready` in every gunicorn worker (and ``make run``'s server), and the bench's process calls it before it
times pages, as it stands in for one.

* The DynamoDB client and every table's connection are built now (``webdpro.db.warm_up``), not while the
  first requests wait.
* Everything loaded so far (Django, the URLconf, the templates, botocore's service model: ~150,000 objects)
  lives as long as the process, so it is moved out of the garbage collector's way (``gc.freeze``). Otherwise
  every full collection walks all of it again: one came about every other CSV export on the bench and cost
  ~75 ms, landing on whichever request happened to be running (the objects a request frees are still freed
  as before; only what is frozen is never collected).
"""

from __future__ import annotations

import gc

from webdpro import db


def ready() -> None:
    db.warm_up()
    gc.freeze()
