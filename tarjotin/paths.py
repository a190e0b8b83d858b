"""Where the repository's own folders are (templates, static, migrations, seed_data).

Its own module, not the package's __init__: modules imported while the factory module loads
need it, and `from tarjotin import ROOT` there would read a half-initialised package."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
