"""Where a request about offerings goes: one route per organisation, to its offerings' request
addresses, else its own, else the county's. Contact requests and referrals both route this way."""
from dataclasses import dataclass

from flask import current_app

from tarjotin.directory.models import Organization, Service


@dataclass(frozen=True)
class Route:
    organization: Organization
    services: list[Service]
    recipients: list[str]
    is_fallback: bool
    is_overflow: bool = False  # the organisation's address had reached its limit: the county got it


def routes(services: list[Service]) -> list[Route]:
    by_organization: dict[str, list[Service]] = {}
    for service in services:
        by_organization.setdefault(service.organization_id, []).append(service)
    result = []
    for group in by_organization.values():
        organization = group[0].organization
        recipients = list(dict.fromkeys(s.email for s in group if s.email))
        if not recipients and organization.email:
            recipients = [organization.email]
        is_fallback = not recipients
        result.append(Route(organization, group, recipients or [current_app.config["COUNTY_FALLBACK_EMAIL"]], is_fallback))
    return result
