"""factory_boy factories for directory rows, bound to the app's session."""
import factory
from argon2 import PasswordHasher, profiles

from tarjotin.accounts.models import User
from tarjotin.directory import models
from tarjotin.extensions import db

PASSWORD = "oikea salasana 123"


class _Base(factory.alchemy.SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = lambda: db.session  # noqa: E731 - the session of the current app
        sqlalchemy_session_persistence = "flush"


class MunicipalityFactory(_Base):
    class Meta:
        model = models.Municipality

    code = factory.Sequence(lambda n: f"{900 + n % 99:03d}")
    name = factory.Sequence(lambda n: f"Kunta {n}")
    region = "Pohjois-Savo"
    latitude = 62.89
    longitude = 27.68


class TermFactory(_Base):
    class Meta:
        model = models.TaxonomyTerm

    taxonomy = "theme"
    code = factory.Sequence(lambda n: f"term-{n}")
    name = factory.Sequence(lambda n: f"Teema {n}")
    synonyms = factory.LazyFunction(list)


class OrganizationFactory(_Base):
    class Meta:
        model = models.Organization

    name = factory.Sequence(lambda n: f"Testiyhdistys {n} ry")
    description = "Yhdistys tukee jäseniään ja järjestää vertaistukea."
    email = factory.Sequence(lambda n: f"yhdistys{n}@example.org")
    status = "published"


class ServiceFactory(_Base):
    class Meta:
        model = models.Service

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Vertaistukiryhmä {n}")
    description = "Kokoonnumme kerran viikossa juttelemaan."
    languages = factory.LazyFunction(lambda: ["fi"])
    delivery_modes = factory.LazyFunction(lambda: ["in_person"])


class LocationFactory(_Base):
    class Meta:
        model = models.Location

    organization = factory.SubFactory(OrganizationFactory)
    name = "Järjestötalo"
    address_1 = "Puijonkatu 1"
    postal_code = "70100"
    city = "Kuopio"
    latitude = 62.8924
    longitude = 27.6770


class ServiceAtLocationFactory(_Base):
    class Meta:
        model = models.ServiceAtLocation

    service = factory.SubFactory(ServiceFactory)
    location = factory.SubFactory(LocationFactory, organization=factory.SelfAttribute("..service.organization"))



class UserFactory(_Base):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"kayttaja{n}@example.org")
    name = factory.Sequence(lambda n: f"Käyttäjä {n}")
    role = "editor"
    # The cheapest argon2 parameters: tests check behaviour, not hashing cost.
    password_hash = factory.LazyFunction(lambda: PasswordHasher.from_parameters(profiles.CHEAPEST).hash(PASSWORD))
