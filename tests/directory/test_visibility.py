"""The visibility rule: each SQL clause selects exactly the rows whose matching property is true."""
import itertools

import sqlalchemy as sa

from tarjotin.directory import visibility
from tarjotin.directory.models import ORGANIZATION_STATUSES, SERVICE_STATUSES, Organization, Service
from tests.factories import OrganizationFactory, ServiceFactory


def _every_combination(db) -> dict[str, Service]:
    services = {}
    for organization_status, service_status in itertools.product(ORGANIZATION_STATUSES, SERVICE_STATUSES):
        organization = OrganizationFactory(status=organization_status)
        services[f"{organization_status}/{service_status}"] = ServiceFactory(organization=organization,
                                                                              status=service_status)
    db.session.commit()
    return services


def _selected(db, clause) -> set[str]:
    return set(db.session.scalars(sa.select(Service.id).join(Service.organization).where(clause)))


def test_visible_clause_and_property_agree(db):
    services = _every_combination(db)
    visible = {name for name, service in services.items() if service.is_visible}
    assert visible == {"published/active", "published/temporarily closed"}
    assert _selected(db, visibility.visible_service_clause()) == {services[name].id for name in visible}


def test_searchable_clause_and_property_agree(db):
    services = _every_combination(db)
    searchable = {name for name, service in services.items() if service.is_searchable}
    assert searchable == {"published/active"}
    assert _selected(db, visibility.searchable_service_clause()) == {services[name].id for name in searchable}


def test_public_organization_clause_and_property_agree(db):
    organizations = {status: OrganizationFactory(status=status) for status in ORGANIZATION_STATUSES}
    db.session.commit()
    public = {status for status, organization in organizations.items() if organization.is_public}
    assert public == {"published"}
    selected = set(db.session.scalars(sa.select(Organization.id).where(visibility.public_organization_clause())))
    assert selected == {organizations[status].id for status in public}
