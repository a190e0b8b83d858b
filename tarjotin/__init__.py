"""Tarjotin: a wellbeing offering catalogue."""
from flask import Flask

# A name bound here is an attribute of the package too: `db` would hide the tarjotin.db module
# (migrations reach tarjotin.db.UTCDateTime) and `contact` the tarjotin.contact package, hence the
# module `extensions` and the `*_bp` names.
from tarjotin import cli, config as settings, extensions, i18n, search, templating, web
from tarjotin.accounts.account import bp as account_bp
from tarjotin.accounts.views import bp as accounts_bp
from tarjotin.api.open_data_views import bp as open_data_bp
from tarjotin.api.views import bp as api_bp
from tarjotin.contact.views import bp as contact_bp
from tarjotin.directory.views import bp as directory_bp
from tarjotin.manage.moderation_views import bp as moderation_bp
from tarjotin.manage.pathways_views import bp as pathways_bp
from tarjotin.manage.views import bp as manage_bp
from tarjotin.participation.staff_views import bp as participation_staff_bp
from tarjotin.participation.views import bp as participation_bp
from tarjotin.paths import ROOT
from tarjotin.referrals.views import bp as referrals_bp
from tarjotin.search.views import bp as search_bp


def create_app(config: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    load_settings(app, config)
    register_extensions(app)
    register_web(app)
    register_blueprints(app)
    register_commands(app)
    return app


def load_settings(app: Flask, config: dict | None) -> None:
    """The environment's settings over the embedded defaults, then the caller's (tests) over both."""
    app.config.from_mapping(settings.load(app.instance_path))
    if config:
        app.config.from_mapping(config)


def register_extensions(app: Flask) -> None:
    extensions.db.init_app(app)
    extensions.migrate.init_app(app, extensions.db, directory=str(ROOT / "migrations"), render_as_batch=True)
    extensions.csrf.init_app(app)
    extensions.babel.init_app(app, locale_selector=i18n.select_locale)
    i18n.init_app(app)
    search.init_app(app)  # the index, its change-log hooks and the cache of kept answers
    extensions.login.init_app(app)


def register_web(app: Flask) -> None:
    """What every response shares: the proxy view, logging, security headers, error pages, health,
    and the rate limits."""
    web.init_app(app)
    templating.init_app(app)
    # After web: a request carrying NUL is refused before it counts against anyone's limit.
    extensions.limiter.init_app(app)


def register_blueprints(app: Flask) -> None:
    for bp in (
        directory_bp, search_bp, api_bp, open_data_bp, contact_bp, accounts_bp, account_bp, manage_bp, moderation_bp,
        pathways_bp, participation_bp, participation_staff_bp, referrals_bp,
    ):
        app.register_blueprint(bp)


def register_commands(app: Flask) -> None:
    cli.init_app(app)
