"""A small directory around Kuopio with a built index, for the resident pages."""
from datetime import date, time, timedelta

from tarjotin.directory.models import Schedule
from tarjotin.search import get_index, hooks
from tests.factories import LocationFactory, OrganizationFactory, ServiceAtLocationFactory, ServiceFactory, TermFactory
from tests.fixtures.database import shared


@shared
def listing(app, db):
    """Two offerings in Kuopio, one online-only, one on the violence theme; the index rebuilt."""
    loneliness = TermFactory(code="loneliness", name="Yksinäisyys", name_sv="Ensamhet", name_en="Loneliness")
    violence = TermFactory(code="violence", name="Lähisuhdeväkivalta", name_sv="Våld i nära relationer")
    older = TermFactory(taxonomy="target_group", code="older-people", name="Ikäihmiset", name_sv="Äldre")
    organization = OrganizationFactory(name="Kuopion Ystävät ry", assured_date=date.today())
    cafe = ServiceFactory(
        organization=organization, name="Ystäväkahvila", name_sv="Vänkafé",
        description="Tule <b>juttelemaan</b> kahvilaan, jossa yksinäisyys helpottaa.",
        languages=["fi", "sv"], taxonomy_terms=[loneliness, older], assured_date=date.today(),
    )
    cafe.schedules.append(Schedule(freq="WEEKLY", byday="TU", opens_at=time(13), closes_at=time(15)))
    place = LocationFactory(organization=organization, municipality_code=None, accessibility=["elevator"],
                            accessibility_description="Hissi pihan puolella.")
    ServiceAtLocationFactory(service=cafe, location=place)
    walk = ServiceFactory(organization=organization, name="Kävelyryhmä", is_free=False, cost_description="2 €",
                          taxonomy_terms=[loneliness], assured_date=date.today() - timedelta(days=900))
    ServiceAtLocationFactory(service=walk, location=place)
    chat = ServiceFactory(name="Yksinäisyyden chat", delivery_modes=["online"], taxonomy_terms=[loneliness])
    shelter = ServiceFactory(name="Turvakoti-neuvonta", taxonomy_terms=[violence], delivery_modes=["phone"])
    db.session.commit()
    hooks.rebuild(get_index())
    return {"cafe": cafe, "walk": walk, "chat": chat, "shelter": shelter, "organization": organization}
