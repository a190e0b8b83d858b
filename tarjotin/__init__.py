"""Tarjotin: a wellbeing offering catalogue."""
from pathlib import Path

from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: dict | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    from tarjotin import config as settings

    app.config.from_mapping(settings.load(app.instance_path))
    if config:
        app.config.from_mapping(config)

    from tarjotin import i18n
    from tarjotin.extensions import babel, csrf, db, mail, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"), render_as_batch=True)
    mail.init_app(app)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    i18n.init_app(app)

    from tarjotin import web

    web.init_app(app)

    from tarjotin import search
    from tarjotin.directory.views import bp as directory_bp

    search.init_app(app)
    app.register_blueprint(directory_bp)

    from tarjotin.api.pages import bp as open_data_bp
    from tarjotin.api.views import bp as api_bp

    app.register_blueprint(api_bp)
    app.register_blueprint(open_data_bp)

    from tarjotin.contact.views import bp as contact_bp
    from tarjotin.extensions import limiter

    limiter.init_app(app)
    app.register_blueprint(contact_bp)

    from tarjotin.accounts.account import bp as account_bp
    from tarjotin.accounts.views import bp as accounts_bp
    from tarjotin.extensions import login
    from tarjotin.manage import moderation, pathways, views as manage_views

    login.init_app(app)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(account_bp)
    app.register_blueprint(manage_views.bp)
    app.register_blueprint(moderation.bp)
    app.register_blueprint(pathways.bp)

    from tarjotin.participation import staff as participation_staff, views as participation

    app.register_blueprint(participation.bp)
    app.register_blueprint(participation_staff.bp)

    from tarjotin.referrals.views import bp as referrals_bp

    app.register_blueprint(referrals_bp)

    from tarjotin import cli

    cli.init_app(app)
    return app
