"""Gunicorn's settings for WebDPro, read from the project root by ``gunicorn webdpro.wsgi`` (production, see
README "Deploy on AWS", and the bench).

Threaded workers (``gthread``) take only as many connections as they have threads: a request that no thread
is free for waits in the listen queue that all workers share, so the next free thread of *any* worker takes
it. With gunicorn's default (1,000 connections a worker) each worker accepts every connection at once and
queues it behind its own threads, so one busy worker holds requests another could serve; on the checkout
bench (30 buyers, 2 workers x 8 threads) that imbalance was the POST's p95 (1.2-2.3 s against 0.8-1.2 s).
The price is no keep-alive between the load balancer and the app (each request opens a connection inside
the VPC), which the numbers above outweigh.

``--workers`` and ``--threads`` given on the command line still win; ``worker_connections`` follows
``threads`` whatever it is (:func:`on_starting`)."""

worker_class = "gthread"
workers = 2  # the bench's checkout runs as configured here (README "Deploy on AWS" passes --workers per host)
threads = 8
keepalive = 0


def tie_connections_to_threads(cfg) -> None:
    cfg.set("worker_connections", cfg.threads)
    cfg.set("keepalive", 0)


def on_starting(server):
    tie_connections_to_threads(server.cfg)
