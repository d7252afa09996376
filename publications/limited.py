"""Run a function in a child process with limits on its memory and time.

For work on files that users upload, whose parsers a crafted file can make use gigabytes or
loop for ever: the child has an address-space limit (RLIMIT_AS) and each call a CPU limit
and a wall-clock limit (the child is killed when it outlives it), so the web worker that
asked keeps its memory and its time whatever the file does. The function and its arguments
must be picklable (a module-level function; pass files by path); so must its result.

    try:
        text = run_limited(read_text, "/tmp/upload.pptx", "pptx", memory_mb=512, seconds=20)
    except LimitedRunFailed as failure:
        ...  # str(failure) says what happened, for a log line or a message

The child is started on first use and kept for the calls that follow (starting Python and
importing a parser costs a few hundred milliseconds, too much for each of thousands of files
in `load_bulk`); it is replaced after any failure and after MAX_CALLS_PER_CHILD calls.
"""

import contextlib
import os
import pickle
import resource
import select
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MAX_CALLS_PER_CHILD = 200
_HEADER = struct.Struct("!I")


class LimitedRunFailed(Exception):
    """The function raised, ran out of memory or time, or its process died."""


def run_limited(function, *args, memory_mb, seconds, **kwargs):
    """`function(*args, **kwargs)` in a child process of at most `memory_mb` MB, within `seconds` s."""
    with _lock:
        global _child
        if _child is None or not _child.fits(memory_mb):
            if _child is not None:
                _child.stop()
            _child = _Child(memory_mb)
        child = _child
        try:
            return child.call(function, args, kwargs, seconds)
        finally:
            if not child.healthy or child.calls >= MAX_CALLS_PER_CHILD:
                child.stop()
                _child = None


_lock = threading.Lock()
_child = None


class _Child:
    def __init__(self, memory_mb):
        self.memory_mb = memory_mb
        self.pid_of_parent = os.getpid()
        self.calls = 0
        self.healthy = True
        self.process = subprocess.Popen(
            [sys.executable, "-m", "publications.limited", str(memory_mb)],
            cwd=PROJECT_ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )

    def fits(self, memory_mb):
        # A child inherited through fork() (a preloaded app server) belongs to another process.
        return self.memory_mb == memory_mb and self.pid_of_parent == os.getpid() and self.process.poll() is None

    def call(self, function, args, kwargs, seconds):
        self.calls += 1
        request = pickle.dumps((function, args, kwargs, seconds))
        try:
            self.process.stdin.write(_HEADER.pack(len(request)) + request)
            self.process.stdin.flush()
            outcome, value = pickle.loads(self._read_answer(time.monotonic() + seconds, seconds))
        except (OSError, EOFError, pickle.UnpicklingError):
            self.healthy = False
            raise LimitedRunFailed(self._death(seconds)) from None
        if outcome == "ok":
            return value
        self.healthy = False
        if outcome == "memory":
            raise LimitedRunFailed(f"needed more than {self.memory_mb} MB of memory")
        raise LimitedRunFailed(f"{getattr(function, '__name__', 'the function')} failed: {value}")

    def _read_answer(self, deadline, seconds):
        data = b""
        stdout = self.process.stdout.fileno()
        wanted = _HEADER.size
        while len(data) < wanted:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([stdout], [], [], left)[0]:
                self.healthy = False
                self.stop()
                raise LimitedRunFailed(f"took longer than {seconds} s")
            chunk = os.read(stdout, max(wanted - len(data), 65536))
            if not chunk:
                raise EOFError
            data += chunk
            if wanted == _HEADER.size and len(data) >= _HEADER.size:
                wanted += _HEADER.unpack(data[: _HEADER.size])[0]
        return data[_HEADER.size :]

    def _death(self, seconds):
        self.stop()
        code = self.process.returncode
        if code in (-9, -24):  # SIGKILL, SIGXCPU
            return f"was stopped after {seconds} s of processing"
        if code is not None and code < 0:
            return f"crashed (signal {-code}), perhaps out of its {self.memory_mb} MB of memory"
        return f"exited with status {code}"

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):
                stream.close()


def _serve(memory_mb):
    """The child: answer calls until the parent closes the pipe, or until memory runs out."""
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    requests, answers = sys.stdin.buffer, sys.stdout.buffer
    while header := requests.read(_HEADER.size):
        body = requests.read(_HEADER.unpack(header)[0])
        try:
            function, args, kwargs, seconds = pickle.loads(body)
            used = resource.getrusage(resource.RUSAGE_SELF)
            cpu = int(used.ru_utime + used.ru_stime) + 1
            resource.setrlimit(resource.RLIMIT_CPU, (cpu + int(seconds), resource.RLIM_INFINITY))
            outcome = ("ok", function(*args, **kwargs))
            answer = pickle.dumps(outcome)
        except MemoryError:
            outcome = ("memory", None)
        except Exception as error:  # noqa: BLE001 - whatever it was, the parent hears of it
            outcome = ("error", f"{type(error).__name__}: {error}"[:500])
        if outcome[0] != "ok":
            answer = pickle.dumps(outcome)
        answers.write(_HEADER.pack(len(answer)) + answer)
        answers.flush()
        if outcome[0] != "ok":
            break  # a fresh process for the next call


if __name__ == "__main__":
    _serve(int(sys.argv[1]))
