"""Language choice: ?lang= in the URL wins and is remembered in a cookie; Finnish by default."""
from datetime import date, datetime

from babel import Locale, dates
from flask import current_app, request
from flask_babel import get_locale, refresh, to_user_timezone

COOKIE = "lang"
# Babel's plain "en" formats dates the American way ("Tue, Dec 1, 6:00 PM"); our English is British.
FORMAT_LOCALES = {"en": "en_GB"}


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    for candidate in (request.args.get("lang"), request.cookies.get(COOKIE)):
        if candidate in languages:
            return candidate
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def formatting_locale(lang: str | None = None) -> str:
    """The locale that formats dates and times for a UI language ("en" -> "en_GB")."""
    lang = lang or current_language()
    return FORMAT_LOCALES.get(lang, lang)


def datetimeformat(value: datetime, format: str = "medium") -> str:
    return dates.format_datetime(to_user_timezone(value), format, locale=formatting_locale())


def dateformat(value: date, format: str = "medium") -> str:
    if isinstance(value, datetime):
        value = to_user_timezone(value).date()
    return dates.format_date(value, format, locale=formatting_locale())


def counted(number: int, one: str, many: str) -> str:
    """"1 day", "30 days" in an e-mail: each block there is written in its own language, so
    gettext's ngettext (which follows the reader's UI locale) cannot choose the form.
    Finnish, Swedish and English all take the singular for exactly one."""
    return f"{number} {one if number == 1 else many}"


def current_language() -> str:
    """The reader's language code; Finnish outside a request."""
    return str(get_locale() or "fi")


def localized(obj, field: str) -> str | None:
    """The field in the reader's language, falling back to Finnish (the HSDS field itself)."""
    lang = current_language()
    if lang != "fi":
        value = getattr(obj, f"{field}_{lang}", None)
        if value:
            return value
    return getattr(obj, field)


def language_name(code: str) -> str:
    """An ISO 639-1 code as the reader's language names it ("sv" -> "ruotsi" in Finnish)."""
    name = Locale(current_language()).languages.get(code)
    return name or code


def mail_language(services) -> str:
    """Write to an organisation in the language its offerings are run in; Finnish unless none is."""
    languages = {code for s in services for code in s.languages}
    if not languages or "fi" in languages:
        return "fi"
    return "sv" if "sv" in languages else "en"


def init_app(app) -> None:
    app.jinja_env.globals["localized"] = localized
    app.jinja_env.globals["counted"] = counted
    app.jinja_env.filters["language_name"] = language_name
    # Flask-Babel's own filters format with the UI locale itself.
    app.jinja_env.filters.update(datetimeformat=datetimeformat, dateformat=dateformat)

    @app.context_processor
    def current_lang():
        return {"current_lang": current_language()}

    # Flask-Babel caches the locale on g, which outlives a request when an app context was
    # already pushed (commands, tests); the choice belongs to each request.
    app.before_request(refresh)

    @app.after_request
    def remember_language(response):
        lang = request.args.get("lang")
        if lang in app.config["LANGUAGES"] and request.cookies.get(COOKIE) != lang:
            response.set_cookie(
                COOKIE, lang, max_age=365 * 24 * 3600, samesite="Lax", httponly=True,
                secure=app.config["SESSION_COOKIE_SECURE"],
            )
        return response
