"""A small world for referral tests: the accounts' people, a second advisor, a pathway with a
hand-picked offering, offerings near and far from Kuopio, and a built search index. Modules that
use it import the accounts' `people` and `test_settings` fixtures, so the pure tests need no app."""
from dataclasses import dataclass

import pytest

from tarjotin.accounts.models import User
from tarjotin.directory.models import Service
from tarjotin.referrals.models import CarePathway, PathwayStep, PathwayStepOffering
from tarjotin.search import get_index, hooks
from tests.accounts.people import People
from tests.factories import LocationFactory, ServiceAtLocationFactory, ServiceFactory, TermFactory, UserFactory


@dataclass
class World:
    people: People
    step: PathwayStep
    picked: Service  # hand-picked for the step, in Siilinjärvi
    near: Service  # found by search, in Kuopio, accepting
    full: Service  # found by search, in Kuopio, not accepting
    advisor_b: User

    @property
    def advisor(self) -> User:
        return self.people.users["advisor"]


def _offering(organization, name: str, theme, lat: float, lon: float, city: str, **fields) -> Service:
    service = ServiceFactory(organization=organization, name=name, email=f"{name.split()[0].lower()}@example.org",
                             taxonomy_terms=[theme], **fields)
    ServiceAtLocationFactory(service=service, location=LocationFactory(
        organization=organization, city=city, latitude=lat, longitude=lon, municipality_code=None))
    return service


@pytest.fixture
def world(db, people) -> World:
    theme = TermFactory(taxonomy="theme", code="memory", name="Muisti")
    picked = _offering(people.org_b, "Muistikahvila", theme, 63.08, 27.66, "Siilinjärvi")
    near = _offering(people.org_a, "Muistiryhmä", theme, 62.8924, 27.6770, "Kuopio")
    full = _offering(people.org_a, "Muistijumppa", theme, 62.90, 27.68, "Kuopio", is_accepting_new=False)
    pathway = CarePathway(code="memory", name="Muistisairaudet", name_sv="Minnessjukdomar", name_en="Memory disorders")
    step = PathwayStep(position=0, name="Muistihuoli", name_sv="Minnesoro", name_en="Memory concerns", terms=[theme],
                       picks=[PathwayStepOffering(service=picked, position=0)])
    pathway.steps.append(step)
    db.session.add(pathway)
    advisor_b = UserFactory(email="advisor-b@example.org", role="advisor")
    db.session.commit()
    hooks.rebuild(get_index())
    return World(people, step, picked, near, full, advisor_b)


def send_referral(world: World, service: Service, advisor: User | None = None, when=None, client=True):
    """A referral through the service layer, as screen 2 sends it; committed."""
    from tarjotin.db import utcnow
    from tarjotin.extensions import db
    from tarjotin.referrals import services
    from tarjotin.referrals.suggestions import locate

    details = services.Client("Maija Meikäläinen", "040 123 4567", "maija@example.net", "phone") if client else None
    order = services.Order([service], world.step, "muistihuoli", locate("Kuopio"), "fi", details,
                           "suostumus" if client else None, None)
    (referral,) = services.send(advisor or world.advisor, order, when or utcnow())
    db.session.commit()
    return referral
