"""Directory models. Field names follow Open Referral HSDS 3 where one exists.

Text that residents read has Finnish (the HSDS field itself) plus `_sv` and `_en` columns.
Ids are UUID strings, as in HSDS, so an import can upsert by id.
"""
from datetime import date, datetime, time

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from tarjotin.db import TimestampMixin, UTCDateTime, new_id, utcnow
from tarjotin.directory import visibility
from tarjotin.extensions import db

ORGANIZATION_STATUSES = ("draft", "published", "archived")
SERVICE_STATUSES = ("active", "inactive", "defunct", "temporarily closed")  # HSDS service.status
DELIVERY_MODES = ("in_person", "online", "phone")
CAPACITY_STATUSES = ("accepting", "waiting_list", "not_now")
TAXONOMIES = ("theme", "target_group")
# Themes whose pages and searches get the quick-exit button (someone may be watching the screen).
QUICK_EXIT_THEMES = frozenset({"crisis", "violence"})
ACCESSIBILITY_CODES = (
    "step_free_access",
    "accessible_toilet",
    "elevator",
    "induction_loop",
    "accessible_parking",
    "guide_dog_welcome",
    "easy_read_material",
    "sign_language",
)


def _id_column():
    return mapped_column(sa.String(36), primary_key=True, default=new_id)


service_taxonomy_term = sa.Table(
    "service_taxonomy_term",
    db.metadata,
    sa.Column("service_id", sa.String(36), sa.ForeignKey("service.id", ondelete="CASCADE"), primary_key=True),
    sa.Column(
        "taxonomy_term_id", sa.String(36), sa.ForeignKey("taxonomy_term.id", ondelete="CASCADE"), primary_key=True
    ),
)


class Municipality(db.Model):
    """A Finnish municipality (kunta) by its official three-digit code."""

    code: Mapped[str] = mapped_column(sa.String(3), primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100), nullable=False, unique=True)
    name_sv: Mapped[str | None] = mapped_column(sa.String(100))
    region: Mapped[str | None] = mapped_column(sa.String(100))
    latitude: Mapped[float | None] = mapped_column(sa.Float)
    longitude: Mapped[float | None] = mapped_column(sa.Float)


class TaxonomyTerm(db.Model):
    """A theme or a target group, with lay synonyms that search uses."""

    __table_args__ = (sa.UniqueConstraint("taxonomy", "code", name="uq_taxonomy_term_taxonomy_code"),)

    id: Mapped[str] = _id_column()
    taxonomy: Mapped[str] = mapped_column(sa.Enum(*TAXONOMIES, name="taxonomy", native_enum=False), nullable=False)
    code: Mapped[str] = mapped_column(sa.String(64), nullable=False)
    name: Mapped[str] = mapped_column(sa.String(200), nullable=False)
    name_sv: Mapped[str | None] = mapped_column(sa.String(200))
    name_en: Mapped[str | None] = mapped_column(sa.String(200))
    parent_id: Mapped[str | None] = mapped_column(sa.ForeignKey("taxonomy_term.id"))
    # The words people type, per language: Finnish analysed with the Finnish fields, the others with theirs.
    synonyms: Mapped[list] = mapped_column(sa.JSON, nullable=False, default=list)
    synonyms_sv: Mapped[list] = mapped_column(sa.JSON, nullable=False, default=list, server_default="[]")
    synonyms_en: Mapped[list] = mapped_column(sa.JSON, nullable=False, default=list, server_default="[]")

    parent = relationship("TaxonomyTerm", remote_side=[id])


class Organization(TimestampMixin, db.Model):
    id: Mapped[str] = _id_column()
    name: Mapped[str] = mapped_column(sa.String(255), nullable=False)
    alternate_name: Mapped[str | None] = mapped_column(sa.String(255))
    description: Mapped[str | None] = mapped_column(sa.Text)
    description_sv: Mapped[str | None] = mapped_column(sa.Text)
    description_en: Mapped[str | None] = mapped_column(sa.Text)
    business_id: Mapped[str | None] = mapped_column(sa.String(9), unique=True)  # Y-tunnus
    email: Mapped[str | None] = mapped_column(sa.String(254))
    url: Mapped[str | None] = mapped_column(sa.String(500))
    phone: Mapped[str | None] = mapped_column(sa.String(40))
    status: Mapped[str] = mapped_column(
        sa.Enum(*ORGANIZATION_STATUSES, name="organization_status", native_enum=False),
        nullable=False,
        default="draft",
        index=True,
    )
    assured_date: Mapped[date | None] = mapped_column(sa.Date)
    last_modified: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow, onupdate=utcnow)
    # A moderator's call: changes by this organisation's editors publish without review.
    is_trusted: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False, server_default=sa.false())

    services = relationship(
        "Service", back_populates="organization", cascade="all, delete-orphan", order_by="Service.name"
    )
    locations = relationship("Location", back_populates="organization", cascade="all, delete-orphan")

    @property
    def is_public(self) -> bool:
        return visibility.is_public_organization(self.status)


def capacity_status_for(is_accepting_new: bool) -> str:
    """Rows written with the flag alone (the demo seed, factories) get the state it implies."""
    return "accepting" if is_accepting_new else "not_now"


class Service(TimestampMixin, db.Model):
    """An offering (palvelu/toiminta): what a resident can take part in."""

    id: Mapped[str] = _id_column()
    organization_id: Mapped[str] = mapped_column(
        sa.ForeignKey("organization.id", ondelete="CASCADE"), nullable=False, index=True
    )
    name: Mapped[str] = mapped_column(sa.String(255), nullable=False)
    name_sv: Mapped[str | None] = mapped_column(sa.String(255))
    name_en: Mapped[str | None] = mapped_column(sa.String(255))
    description: Mapped[str | None] = mapped_column(sa.Text)
    description_sv: Mapped[str | None] = mapped_column(sa.Text)
    description_en: Mapped[str | None] = mapped_column(sa.Text)
    url: Mapped[str | None] = mapped_column(sa.String(500))
    email: Mapped[str | None] = mapped_column(sa.String(254))  # where contact requests go
    status: Mapped[str] = mapped_column(
        sa.Enum(*SERVICE_STATUSES, name="service_status", native_enum=False), nullable=False, default="active"
    )
    eligibility_description: Mapped[str | None] = mapped_column(sa.Text)
    minimum_age: Mapped[int | None] = mapped_column(sa.Integer)
    maximum_age: Mapped[int | None] = mapped_column(sa.Integer)
    is_free: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=True)
    cost_description: Mapped[str | None] = mapped_column(sa.Text)
    is_registration_required: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=False)
    application_process: Mapped[str | None] = mapped_column(sa.Text)  # how to join
    languages: Mapped[list] = mapped_column(sa.JSON, nullable=False, default=list)  # ISO 639-1 codes
    delivery_modes: Mapped[list] = mapped_column(sa.JSON, nullable=False, default=list)  # DELIVERY_MODES
    # Kept by the capacity_status validator below; a column of its own because search filters on it.
    is_accepting_new: Mapped[bool] = mapped_column(sa.Boolean, nullable=False, default=True)
    capacity_status: Mapped[str] = mapped_column(
        sa.Enum(*CAPACITY_STATUSES, name="capacity_status", native_enum=False), nullable=False,
        default=lambda context: capacity_status_for(context.get_current_parameters().get("is_accepting_new", True)),
    )
    capacity_note: Mapped[str | None] = mapped_column(sa.Text)
    capacity_updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    assured_date: Mapped[date | None] = mapped_column(sa.Date)
    last_modified: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False, default=utcnow, onupdate=utcnow)

    @validates("capacity_status")
    def _set_flag(self, key: str, value: str) -> str:
        self.is_accepting_new = value == "accepting"
        return value

    organization = relationship("Organization", back_populates="services")
    taxonomy_terms = relationship("TaxonomyTerm", secondary=service_taxonomy_term, order_by="TaxonomyTerm.code")
    schedules = relationship(
        "Schedule", back_populates="service", cascade="all, delete-orphan", order_by="Schedule.byday"
    )
    service_at_locations = relationship("ServiceAtLocation", back_populates="service", cascade="all, delete-orphan")

    def terms(self, taxonomy: str) -> list:
        return [t for t in self.taxonomy_terms if t.taxonomy == taxonomy]

    @property
    def locations(self) -> list:
        return [sal.location for sal in self.service_at_locations]

    @property
    def is_visible(self) -> bool:
        return visibility.is_visible_service(self.status, self.organization.status)

    @property
    def is_searchable(self) -> bool:
        return visibility.is_searchable_service(self.status, self.organization.status)


class Schedule(db.Model):
    """An HSDS schedule: a recurring time (iCalendar RRULE parts) when the offering meets."""

    id: Mapped[str] = _id_column()
    service_id: Mapped[str] = mapped_column(sa.ForeignKey("service.id", ondelete="CASCADE"), nullable=False, index=True)
    freq: Mapped[str | None] = mapped_column(sa.Enum("WEEKLY", "MONTHLY", name="schedule_freq", native_enum=False))
    interval: Mapped[int | None] = mapped_column(sa.Integer)
    byday: Mapped[str | None] = mapped_column(sa.String(40))  # e.g. "MO,WE" or "1TU"
    opens_at: Mapped[time | None] = mapped_column(sa.Time)
    closes_at: Mapped[time | None] = mapped_column(sa.Time)
    description: Mapped[str | None] = mapped_column(sa.Text)

    service = relationship("Service", back_populates="schedules")


class Location(db.Model):
    """A place (toimipaikka) where an organisation's offerings happen."""

    id: Mapped[str] = _id_column()
    organization_id: Mapped[str] = mapped_column(
        sa.ForeignKey("organization.id", ondelete="CASCADE"), nullable=False, index=True
    )
    name: Mapped[str | None] = mapped_column(sa.String(255))
    address_1: Mapped[str | None] = mapped_column(sa.String(255))
    postal_code: Mapped[str | None] = mapped_column(sa.String(5))
    city: Mapped[str | None] = mapped_column(sa.String(100))
    # HSDS state_province as an import gave it; export derives the region (maakunta) when it is empty.
    state_province: Mapped[str | None] = mapped_column(sa.String(100))
    municipality_code: Mapped[str | None] = mapped_column(sa.ForeignKey("municipality.code"), index=True)
    latitude: Mapped[float | None] = mapped_column(sa.Float)
    longitude: Mapped[float | None] = mapped_column(sa.Float)
    accessibility: Mapped[list] = mapped_column(sa.JSON, nullable=False, default=list)  # ACCESSIBILITY_CODES
    accessibility_description: Mapped[str | None] = mapped_column(sa.Text)

    organization = relationship("Organization", back_populates="locations")
    municipality = relationship("Municipality")


class ServiceAtLocation(db.Model):
    __table_args__ = (sa.UniqueConstraint("service_id", "location_id", name="uq_service_at_location_pair"),)

    id: Mapped[str] = _id_column()
    service_id: Mapped[str] = mapped_column(sa.ForeignKey("service.id", ondelete="CASCADE"), nullable=False, index=True)
    location_id: Mapped[str] = mapped_column(
        sa.ForeignKey("location.id", ondelete="CASCADE"), nullable=False, index=True
    )

    service = relationship("Service", back_populates="service_at_locations")
    location = relationship("Location")
