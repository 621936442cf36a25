"""Helpers for tests that start real servers (kg serve, oxigraph serve) on loopback: a free port, waiting until
one answers, stopping the process group the test started."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(process: subprocess.Popen, url: str, seconds: float = 60, what: str = "server") -> None:
    """Return once ``url`` answers (any HTTP status counts); fail if the process exits or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            stderr = process.stderr.read() if process.stderr else ""
            raise AssertionError(f"{what} exited with {process.returncode}: {stderr!r}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    stop(process)
    raise AssertionError(f"{what} did not answer at {url}")


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to the process group the test started (kg serve passes it on to its oxigraph child)."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
