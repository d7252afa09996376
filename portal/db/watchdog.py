"""A time limit on every round trip to PostgreSQL, including to a server that has stopped.

PostgreSQL's `statement_timeout` cancels a slow query on a server that runs. A server
that is hung (stopped, swapped out, cut off) cannot cancel anything, its kernel still
acknowledges our packets, and libpq has no client-side time limit: a thread waiting in
`recv()` waits for ever. What unblocks it is shutting the connection's socket down.

So each call that waits on the server (execute, fetch from a server-side cursor, commit,
rollback) is *watched*: one thread per process looks at the calls in flight a few times a
second. A call that has taken longer than `suspect_after` seconds has the server checked:
a PostgreSQL that runs answers the first byte of a connection (an SSLRequest) at once,
even while its backends are busy. If it does not answer within `probe_timeout`, the
server is *down*: every watched call to it in this process has its socket shut down (the
call raises DatabaseNotAnswering, an OperationalError) and new connections and queries
fail at once, without waiting, until a probe succeeds again (at most one per
`retry_every` seconds). If the server answers, the query is only slow and is left to
`statement_timeout`; `hard_limit` seconds is the most any call may take whatever the probe
says. `time_limit()` lowers that for a block (the health check).
"""

import contextlib
import contextvars
import logging
import os
import socket
import threading
import time

import psycopg2

logger = logging.getLogger(__name__)

POLL_SECONDS = 0.1
SSL_REQUEST = (8).to_bytes(4, "big") + (80877103).to_bytes(4, "big")


class DatabaseNotAnswering(psycopg2.OperationalError):
    """PostgreSQL did not answer in time: the connection was closed, or not tried."""


_block_limit = contextvars.ContextVar("database_time_limit", default=None)


@contextlib.contextmanager
def time_limit(seconds):
    """Calls made in this block give up after `seconds`, whether the server looks alive or not."""
    token = _block_limit.set(seconds)
    try:
        yield
    finally:
        _block_limit.reset(token)


def server_address(host, port):
    """(host, port) as libpq reports them: no host is the default Unix socket directory."""
    return (host or "/var/run/postgresql", int(port or 5432))


def server_answers(address, timeout):
    """Whether a PostgreSQL server listens at `address` ((host, port)) and answers within `timeout`."""
    host, port = address
    try:
        if host.startswith("/"):
            probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            probe.settimeout(timeout)
            probe.connect(os.path.join(host, f".s.PGSQL.{port}"))
        else:
            probe = socket.create_connection((host, port), timeout=timeout)
        with probe:
            probe.settimeout(timeout)
            probe.sendall(SSL_REQUEST)
            return probe.recv(1) in (b"S", b"N")
    except OSError:
        return False


class _Call:
    __slots__ = ("fd", "address", "started", "hard_limit", "killed")

    def __init__(self, fd, address, hard_limit):
        self.fd, self.address, self.hard_limit = fd, address, hard_limit
        self.started = time.monotonic()
        self.killed = False


class Watchdog:
    def __init__(self, suspect_after=1.0, probe_timeout=1.0, retry_every=1.0, hard_limit=None):
        self.suspect_after = suspect_after
        self.probe_timeout = probe_timeout
        self.retry_every = retry_every
        self.hard_limit = hard_limit
        self._lock = threading.Lock()
        self._calls = set()
        self._down = {}  # address -> monotonic time of the last failed probe
        self._answered = {}  # address -> monotonic time of the last probe a slow call caused, answered
        self._probing = set()  # addresses being probed by a caller now
        self._thread_pid = None

    # The calling side -----------------------------------------------------------------------

    @contextlib.contextmanager
    def watching(self, pg_connection):
        """Around one call that waits on the server through `pg_connection` (a psycopg2 connection)."""
        address = server_address(pg_connection.info.host, pg_connection.info.port)
        self.refuse_if_down(address)
        limit = _block_limit.get()
        limit = self.hard_limit if limit is None else min(limit, self.hard_limit or limit)
        call = _Call(pg_connection.fileno(), address, limit)
        self._start_thread()
        with self._lock:
            self._calls.add(call)
        try:
            yield
        except psycopg2.Error as error:
            if call.killed:
                raise DatabaseNotAnswering(
                    f"PostgreSQL at {address[0]}:{address[1]} did not answer within "
                    f"{time.monotonic() - call.started:.1f} s; the connection was closed"
                ) from error
            raise
        finally:
            with self._lock:
                self._calls.discard(call)

    def refuse_if_down(self, address):
        """Raise DatabaseNotAnswering at once while `address` is known not to answer.

        At most once every `retry_every` seconds one caller probes instead, and lets the
        others through again once the server answers.
        """
        with self._lock:
            failed_at = self._down.get(address)
            if failed_at is None:
                return
            due = time.monotonic() - failed_at >= self.retry_every and address not in self._probing
            if due:
                self._probing.add(address)
        if due:
            try:
                if server_answers(address, self.probe_timeout):
                    self._mark_up(address)
                    return
                self._mark_down(address)
            finally:
                with self._lock:
                    self._probing.discard(address)
        raise DatabaseNotAnswering(f"PostgreSQL at {address[0]}:{address[1]} is not answering")

    def note_connection_failed(self, address, timed_out=False):
        """A new connection failed: find out whether the server answers at all."""
        if timed_out or not server_answers(address, self.probe_timeout):
            self._mark_down(address)

    def is_down(self, address):
        return address in self._down

    # The watching side ----------------------------------------------------------------------

    def _start_thread(self):
        # Started lazily, and again in a forked child: a thread does not survive fork().
        if self._thread_pid == os.getpid():
            return
        with self._lock:
            if self._thread_pid == os.getpid():
                return
            self._thread_pid = os.getpid()
            threading.Thread(target=self._run, name="database-watchdog", daemon=True).start()

    def _run(self):
        while True:
            time.sleep(POLL_SECONDS)
            try:
                self._check()
            except Exception:  # noqa: BLE001 - the watchdog must outlive anything it meets
                logger.exception("Database watchdog")

    def _check(self):
        now = time.monotonic()
        with self._lock:
            calls = [call for call in self._calls if not call.killed]
        overdue = [call for call in calls if call.hard_limit is not None and now - call.started >= call.hard_limit]
        suspects = {call.address for call in calls if now - call.started >= self.suspect_after} - {
            call.address for call in overdue
        }
        for address in suspects:
            if now - self._answered.get(address, -self.retry_every) < self.retry_every:
                continue  # slow, not hung, a moment ago: statement_timeout deals with slow queries
            if server_answers(address, self.probe_timeout):
                self._answered[address] = time.monotonic()
            else:
                self._mark_down(address)
        if overdue:
            self._kill(overdue, "took longer than its time limit")

    def _mark_down(self, address):
        with self._lock:
            was_up = address not in self._down
            self._down[address] = time.monotonic()
            hanging = [call for call in self._calls if call.address == address and not call.killed]
        if was_up:
            logger.error("PostgreSQL at %s:%s is not answering: failing its queries at once", *address)
        self._kill(hanging, "the server is not answering")

    def _mark_up(self, address):
        with self._lock:
            self._down.pop(address, None)
        logger.warning("PostgreSQL at %s:%s answers again", *address)

    def _kill(self, calls, reason):
        # Under the lock: a call still registered has not returned, so its descriptor is still its socket.
        with self._lock:
            for call in calls:
                if call in self._calls and not call.killed:
                    call.killed = True
                    with contextlib.suppress(OSError):
                        sock = socket.socket(fileno=os.dup(call.fd))
                        try:
                            sock.shutdown(socket.SHUT_RDWR)
                        finally:
                            sock.close()
                    logger.warning("Closed a PostgreSQL connection whose call %s", reason)
