"""Fresh planner statistics after content is loaded in bulk (PostgreSQL only).

A table PostgreSQL has never analysed is planned from guesses: with a few hundred rows loaded in
one transaction, a join of page tables can be estimated at 10^17 rows and planned (and, with JIT
on, compiled) as if it were huge. Autovacuum would catch up a minute later; the site's first
visitors should not wait for it.
"""

from django.db import connection
from wagtail.models import Page


def analyze():
    """ANALYZE every table of the database; the page table is also vacuumed when outside a
    transaction (VACUUM cannot run inside one, as in a test or an outer atomic block)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        if not connection.in_atomic_block:
            cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(Page._meta.db_table)}")
        cursor.execute("ANALYZE")
