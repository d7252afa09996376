"""Wagtail's `public()` and `not_public()` in one SQL query.

Wagtail builds `PageQuerySet.private_q()` by first reading every view
restriction, a query each time a listing, menu or feed asks for public pages
(several per page view) and a condition that grows with each restriction. The
same test — is this page at or below a restricted page? — fits in a subquery.
"""

from django.db.models import CharField, Exists, F, OuterRef, Q
from django.db.models.functions import Cast
from django.db.models.lookups import StartsWith


def private_q(queryset):
    from wagtail.models import PageViewRestriction

    restricting = PageViewRestriction.objects.filter(
        StartsWith(Cast(OuterRef("path"), output_field=CharField()), F("page__path"))
    )
    return Q(Exists(restricting))


def install():
    from wagtail.query import PageQuerySet

    PageQuerySet.private_q = private_q
