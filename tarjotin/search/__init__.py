"""Full-text and geo search over offerings (Whoosh), kept in step with the database."""
from flask import Flask, current_app

from tarjotin.search.engine import SearchIndex


def init_app(app: Flask) -> None:
    from tarjotin.search import cache, hooks

    app.extensions["search"] = SearchIndex(
        app.config["INDEX_DIR"], voikko_enabled=app.config["VOIKKO"], lock_timeout=app.config["SEARCH_LOCK_TIMEOUT"]
    )
    hooks.register()
    cache.init_app(app)


def get_index() -> SearchIndex:
    return current_app.extensions["search"]
