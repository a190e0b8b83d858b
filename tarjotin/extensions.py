"""Flask extensions, created unbound; create_app binds them."""
from flask_babel import Babel
from flask_caching import Cache
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from tarjotin.db import metadata

db = SQLAlchemy(metadata=metadata)
migrate = Migrate()
csrf = CSRFProtect()
babel = Babel()
cache = Cache()  # kept search answers; see search/cache.py
limiter = Limiter(key_func=get_remote_address)
login = LoginManager()
