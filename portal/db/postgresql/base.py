"""Django's PostgreSQL backend (psycopg2), with every wait on the server time-limited.

ENGINE "portal.db.postgresql". The settings dict's WATCHDOG entry ({"suspect_after",
"probe_timeout", "retry_every", "hard_limit"}, in seconds) configures portal.db.watchdog;
PostgreSQL's own statement_timeout is set through OPTIONS (see portal/settings/base.py).
"""

import psycopg2
import psycopg2.extensions
from django.db.backends.postgresql import base

from portal.db.watchdog import Watchdog, server_address

_watchdogs = {}


def watchdog_for(settings_dict):
    options = settings_dict.get("WATCHDOG") or {}
    key = tuple(sorted(options.items()))
    if key not in _watchdogs:
        _watchdogs[key] = Watchdog(**options)
    return _watchdogs[key]


class WatchedCursor(psycopg2.extensions.cursor):
    """A psycopg2 cursor whose calls that wait on the server are watched."""

    def execute(self, query, vars=None):
        with self.connection.watchdog.watching(self.connection):
            return super().execute(query, vars)

    def executemany(self, query, vars_list):
        with self.connection.watchdog.watching(self.connection):
            return super().executemany(query, vars_list)

    def callproc(self, procname, parameters=None):
        with self.connection.watchdog.watching(self.connection):
            return super().callproc(procname, parameters)

    # A client-side cursor has its rows already; a server-side (named) one fetches them.
    def fetchone(self):
        if self.name is None:
            return super().fetchone()
        with self.connection.watchdog.watching(self.connection):
            return super().fetchone()

    def fetchmany(self, size=None):
        if self.name is None:
            return super().fetchmany(size) if size is not None else super().fetchmany()
        with self.connection.watchdog.watching(self.connection):
            return super().fetchmany(size) if size is not None else super().fetchmany()

    def fetchall(self):
        if self.name is None:
            return super().fetchall()
        with self.connection.watchdog.watching(self.connection):
            return super().fetchall()


class WatchedConnection(psycopg2.extensions.connection):
    """A psycopg2 connection that knows its watchdog, and watches commit and rollback."""

    watchdog = None

    def commit(self):
        with self.watchdog.watching(self):
            return super().commit()

    def rollback(self):
        with self.watchdog.watching(self):
            return super().rollback()


class DatabaseWrapper(base.DatabaseWrapper):
    @property
    def watchdog(self):
        return watchdog_for(self.settings_dict)

    def get_connection_params(self):
        params = super().get_connection_params()
        params["cursor_factory"] = WatchedCursor
        params["connection_factory"] = WatchedConnection
        return params

    def get_new_connection(self, conn_params):
        address = server_address(conn_params.get("host"), conn_params.get("port"))
        self.watchdog.refuse_if_down(address)
        try:
            connection = super().get_new_connection(conn_params)
        except psycopg2.OperationalError as error:
            # libpq's connect_timeout ran out: the server is there but does not answer.
            self.watchdog.note_connection_failed(address, timed_out="timeout expired" in str(error))
            raise
        connection.watchdog = self.watchdog
        return connection
