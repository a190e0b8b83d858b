"""Typed, bounded reads of one HSDS JSON object. Every error names the field by its path in the record."""
import re
from datetime import date, datetime, time
from urllib.parse import urlsplit

import sqlalchemy as sa
from babel import Locale

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
POSTAL_CODE = re.compile(r"^\d{5}$")
BYDAY = re.compile(r"^[+-]?[1-5]?(MO|TU|WE|TH|FR|SA|SU)(,[+-]?[1-5]?(MO|TU|WE|TH|FR|SA|SU))*$")
TIME = re.compile(r"^(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$")
# Our times are Finnish wall-clock times; an explicit Finnish offset says the same thing, any other zone does not.
FINNISH_OFFSETS = ("+02:00", "+03:00")

_LANGUAGE_LOCALES = [Locale(code) for code in ("fi", "sv", "en")]
LANGUAGE_CODES = frozenset(code for code in _LANGUAGE_LOCALES[2].languages if len(code) == 2)
_LANGUAGE_BY_NAME = {
    name.casefold(): code
    for locale in _LANGUAGE_LOCALES
    for code, name in locale.languages.items()
    if code in LANGUAGE_CODES
}


# Fields export writes from their owner whatever the file said (docs/hsds.md): ids of objects we
# keep as columns, links between objects, and constants of our profile.
DERIVED = frozenset({
    "id", "service_id", "location_id", "organization_id", "link_entity", "link_id", "link_type", "taxonomy_term_id",
    "taxonomy_id", "taxonomy_detail", "address_type", "country", "region", "currency", "location_type",
})


class RecordError(Exception):
    """One field of one record is unusable; the whole record is rejected."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")


def language_code(value: str) -> str | None:
    """An ISO 639-1 code from a code or a language name in Finnish, Swedish or English."""
    code = value.strip().lower()
    if code in LANGUAGE_CODES:
        return code
    return _LANGUAGE_BY_NAME.get(value.strip().casefold())


class Fields:
    """One JSON object of a record; `model` gives the column lengths that text fields are checked against."""

    def __init__(self, data, path: str, model=None, _record: list | None = None):
        if not isinstance(data, dict):
            raise RecordError(path or "record", "not a JSON object")
        self.data = data
        self.path = path
        self.model = model
        self.read: set[str] = set()
        # Every object of one record, so that unread() can name what nothing looked at.
        self._record = [] if _record is None else _record
        self._record.append(self)

    def at(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def get(self, key: str):
        self.read.add(key)
        return self.data.get(key)

    def given(self, key: str) -> bool:
        return self.get(key) not in (None, "")

    def skip(self) -> None:
        """The reader passes over this whole object on purpose (and says so itself)."""
        self.read.update(self.data)

    def unread(self) -> list[str]:
        """Paths of the record's fields that hold a value no reader looked at: they would not come back out.
        Links and ids that export derives from their owner (DERIVED) come back out, so they do not count."""
        return [item.at(key) for item in self._record for key, value in item.data.items()
                if key not in item.read and key not in DERIVED and value not in (None, "", [], {})]

    def _value(self, key: str, required: bool):
        value = self.get(key)
        if value is None or value == "":
            if required:
                raise RecordError(self.at(key), "required")
            return None
        return value

    def text(self, key: str, column: str | None = None, required: bool = False) -> str | None:
        """A string, no longer than the model's String column `column` (default: named like the key)."""
        value = self._string(key, required)
        limit = self._limit(column or key)
        if value is not None and limit and len(value) > limit:
            raise RecordError(self.at(key), f"longer than {limit} characters")
        return value

    def _string(self, key: str, required: bool) -> str | None:
        value = self._value(key, required)
        if value is None:
            return None
        if not isinstance(value, str):
            raise RecordError(self.at(key), "not a string")
        if required and not value.strip():
            raise RecordError(self.at(key), "required")
        return value

    def _limit(self, column: str) -> int | None:
        columns = self.model.__table__.c if self.model is not None else {}
        if column not in columns or isinstance(columns[column].type, sa.Enum):
            return None  # enums are checked against their values, which says more than a length
        return getattr(columns[column].type, "length", None)

    def identifier(self, key: str = "id", required: bool = True) -> str | None:
        # Ids are String(36) columns: a UUID as HSDS asks, or any other id of that length from a foreign system.
        value = self._value(key, required)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise RecordError(self.at(key), "not a string id")
        if len(value) > 36:
            raise RecordError(self.at(key), "longer than 36 characters")
        return value

    def choice(self, key: str, choices, required: bool = False, upper: bool = False) -> str | None:
        value = self._string(key, required)
        if value is None:
            return None
        value = value.upper() if upper else value.lower()
        if value not in choices:
            raise RecordError(self.at(key), f"{value!r} is not one of: {', '.join(choices)}")
        return value

    def choices(self, key: str, choices) -> list[str]:
        values = self.get(key)
        if values is None:
            return []
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise RecordError(self.at(key), "not an array of strings")
        unknown = [v for v in values if v not in choices]
        if unknown:
            raise RecordError(self.at(key), f"{unknown[0]!r} is not one of: {', '.join(choices)}")
        return [c for c in choices if c in values]

    def strings(self, key: str) -> list[str]:
        values = self.get(key)
        if values is None:
            return []
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise RecordError(self.at(key), "not an array of strings")
        return values

    def email(self, key: str, column: str | None = None) -> str | None:
        value = self.text(key, column)
        if value is not None and not EMAIL.match(value):
            raise RecordError(self.at(key), f"{value!r} is not an e-mail address")
        return value

    def url(self, key: str, column: str | None = None) -> str | None:
        value = self.text(key, column)
        if value is not None:
            parts = urlsplit(value)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise RecordError(self.at(key), f"{value!r} is not an http(s) URL")
        return value

    def integer(self, key: str, low: int, high: int) -> int | None:
        value = self._number(key, "not an integer")
        if value is None:
            return None
        if isinstance(value, float):
            if not value.is_integer():
                raise RecordError(self.at(key), "not an integer")
            value = int(value)
        if not low <= value <= high:
            raise RecordError(self.at(key), f"{value} is outside {low}-{high}")
        return value

    def number(self, key: str, low: float, high: float) -> float | None:
        value = self._number(key, "not a number")
        if value is not None and not low <= value <= high:
            raise RecordError(self.at(key), f"{value} is outside {low}-{high}")
        return None if value is None else float(value)

    def _number(self, key: str, message: str):
        value = self.get(key)
        if value is None:
            return None
        # bool is an int subclass in Python, but `true` is not a number in JSON.
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise RecordError(self.at(key), message)
        return value

    def boolean(self, key: str) -> bool | None:
        value = self.get(key)
        if value is not None and not isinstance(value, bool):
            raise RecordError(self.at(key), "not true or false")
        return value

    def date(self, key: str) -> date | None:
        value = self.text(key)
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise RecordError(self.at(key), f"{value!r} is not a date (YYYY-MM-DD)") from None

    def datetime(self, key: str) -> datetime | None:
        value = self.text(key)
        if value is None:
            return None
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise RecordError(self.at(key), f"{value!r} is not an ISO 8601 date-time") from None
        if parsed.tzinfo is None:
            raise RecordError(self.at(key), f"{value!r} has no time zone (add Z or an offset such as +02:00)")
        return parsed

    def time(self, key: str) -> time | None:
        value = self.text(key)
        if value is None:
            return None
        match = TIME.match(value)
        if not match:
            raise RecordError(self.at(key), f"{value!r} is not a time (HH:MM)")
        hours, minutes, seconds, zone = match.groups()
        if zone and zone not in FINNISH_OFFSETS:
            raise RecordError(self.at(key), f"{value!r}: give Finnish local time (HH:MM, optionally +02:00 or +03:00)")
        try:
            return time(int(hours), int(minutes), int(seconds or 0))
        except ValueError:
            raise RecordError(self.at(key), f"{value!r} is not a time of day") from None

    def object(self, key: str, model=None) -> "Fields | None":
        value = self.get(key)
        return None if value is None else Fields(value, self.at(key), model, self._record)

    def objects(self, key: str, model=None) -> list["Fields"]:
        values = self.get(key)
        if values is None:
            return []
        if not isinstance(values, list):
            raise RecordError(self.at(key), "not an array")
        return [Fields(value, f"{self.at(key)}[{i}]", model, self._record) for i, value in enumerate(values)]
