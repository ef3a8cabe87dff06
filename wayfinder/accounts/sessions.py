"""Django's database sessions, read with one plain query.

Every signed-in request reads its session. Building that read through the ORM cost about four times what
running it did, so the read is written out here; everything else (saving, expiry, clearing) is Django's own
database session engine, and the table is the same.
"""

from __future__ import annotations

import functools
from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.utils import timezone


class SessionStore(DatabaseSessionStore):
    def _get_session_from_db(self) -> Any:
        key = self.session_key
        if key is None:
            return None  # nothing to look up (Django's own engine would ask the database for a key of None)
        model = self.get_model_class()
        alias = router.db_for_read(model)
        connection = connections[alias]
        with connection.cursor() as cursor:
            cursor.execute(
                _read_sql(model._meta.db_table),
                [key, connection.ops.adapt_datetimefield_value(timezone.now())],
            )
            row = cursor.fetchone()
        if row is None:
            # As Django's engine does for a session that is missing or has expired: a new one will be made.
            self._session_key = None
            return None
        return model(session_key=key, session_data=row[0])


@functools.cache
def _read_sql(table: str) -> str:
    # The table name comes from the session model; the key and the time are parameters.
    return f'SELECT "session_data" FROM "{table}" WHERE "session_key" = %s AND "expire_date" > %s'  # noqa: S608
