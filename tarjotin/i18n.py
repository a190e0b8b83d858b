"""Language choice: ?lang= in the URL wins and is remembered in a cookie; Finnish by default."""
from babel import Locale
from flask import current_app, request
from flask_babel import get_locale, refresh

COOKIE = "lang"


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    for candidate in (request.args.get("lang"), request.cookies.get(COOKIE)):
        if candidate in languages:
            return candidate
    return current_app.config["BABEL_DEFAULT_LOCALE"]


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
    app.jinja_env.filters["language_name"] = language_name

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
