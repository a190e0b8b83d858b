"""What residents may see: the one rule, as SQL and as the models' matching properties.

- An organisation is *public* when it is published.
- An offering is *visible* (its page, the organisation's list, the sitemap, HSDS export, contact
  requests) when its organisation is public and it is active or temporarily closed.
- An offering is *searchable* (the index, theme counts, referral picks, alternatives to a full
  offering) when its organisation is public and it is active: a paused offering keeps its page
  but is not offered as something to join now.

The SQL clauses compare `Organization.status`, so a query using a service clause joins
`Service.organization`. `models` is imported as a module because models.py builds its
properties from the predicates here; each side reads the other only when called.
"""
from __future__ import annotations

import sqlalchemy as sa

from tarjotin.directory import models

PUBLIC_ORGANIZATION_STATUSES = ("published",)
VISIBLE_SERVICE_STATUSES = ("active", "temporarily closed")
SEARCHABLE_SERVICE_STATUSES = ("active",)


def is_public_organization(organization_status: str) -> bool:
    return organization_status in PUBLIC_ORGANIZATION_STATUSES


def is_visible_service(service_status: str, organization_status: str) -> bool:
    return service_status in VISIBLE_SERVICE_STATUSES and is_public_organization(organization_status)


def is_searchable_service(service_status: str, organization_status: str) -> bool:
    return service_status in SEARCHABLE_SERVICE_STATUSES and is_public_organization(organization_status)


def public_organization_clause() -> sa.ColumnElement[bool]:
    return models.Organization.status.in_(PUBLIC_ORGANIZATION_STATUSES)


def visible_service_clause() -> sa.ColumnElement[bool]:
    return sa.and_(models.Service.status.in_(VISIBLE_SERVICE_STATUSES), public_organization_clause())


def searchable_service_clause() -> sa.ColumnElement[bool]:
    return sa.and_(models.Service.status.in_(SEARCHABLE_SERVICE_STATUSES), public_organization_clause())
