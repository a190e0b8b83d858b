"""The set-up commands `make run` relies on are safe to run again; README's command table is true."""
import re
from pathlib import Path

import pytest
import sqlalchemy as sa

from tarjotin import create_app
from tarjotin.directory.models import Organization
from tests.factories import OrganizationFactory


def _organizations(db) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Organization))


def test_seed_if_empty_fills_an_empty_database_and_indexes_it(db, runner, reference_data):
    result = runner.invoke(args=["seed", "demo", "--organizations", "12", "--if-empty"])
    assert result.exit_code == 0, result.output
    assert _organizations(db) == 12
    assert "Indexed" in result.output
    status = runner.invoke(args=["search", "status"])
    assert status.exit_code == 0, status.output


def test_seed_if_empty_leaves_existing_data_alone(db, runner):
    OrganizationFactory(name="Oma yhdistys ry")
    db.session.commit()
    result = runner.invoke(args=["seed", "demo", "--organizations", "12", "--if-empty"])
    assert result.exit_code == 0 and "no demo data added" in result.output
    assert _organizations(db) == 1


def test_rebuild_if_missing_builds_once(db, runner):
    first = runner.invoke(args=["search", "rebuild", "--if-missing"])
    assert first.exit_code == 0 and "Indexed" in first.output
    second = runner.invoke(args=["search", "rebuild", "--if-missing"])
    assert second.exit_code == 0 and "not rebuilt" in second.output


def _readme_commands() -> list[str]:
    """Every `command` in the first column of README's "Command line" table."""
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    table = readme.split("## Command line", 1)[1].split("\n## ", 1)[0]
    cells = [line.split("|")[1] for line in table.splitlines() if line.startswith("| `")]
    return [usage for cell in cells for usage in re.findall(r"`([^`]+)`", cell)]


@pytest.fixture(scope="module")
def help_runner(tmp_path_factory):
    """Help pages need no database: one app for the whole table."""
    folder = tmp_path_factory.mktemp("help")
    return create_app({"TESTING": True, "SECRET_KEY": "test", "SQLALCHEMY_DATABASE_URI": "sqlite://",
                       "INDEX_DIR": str(folder / "index")}).test_cli_runner()


@pytest.mark.parametrize("usage", _readme_commands())
def test_readme_command_table_names_real_commands_and_options(help_runner, usage):
    path = []
    for word in usage.split():
        if not re.fullmatch(r"[a-z][a-z-]*", word):
            break  # an argument (FILE, ID) or an [--option]
        path.append(word)
    result = help_runner.invoke(args=[*path, "--help"])
    assert result.exit_code == 0, result.output  # 2: "No such command"
    for option in re.findall(r"--[a-z-]+", usage):
        assert option in result.output


def test_taxonomy_sync_adds_once_and_keeps_the_countys_words(db, runner):
    from tarjotin.directory.models import TaxonomyTerm

    first = runner.invoke(args=["taxonomy", "sync"])
    assert first.exit_code == 0, first.output
    assert "thesaurus: 31 terms (31 added" in first.output and "309 municipalities" in first.output
    assert "Indexed" in first.output  # the index follows what was added
    loneliness = db.session.scalars(sa.select(TaxonomyTerm).where(TaxonomyTerm.code == "loneliness")).first()
    loneliness.name = "Yksinäisyys"
    loneliness.synonyms = ["kyläkahvila"]
    db.session.commit()
    second = runner.invoke(args=["taxonomy", "sync"])
    assert "thesaurus: 31 terms (0 added" in second.output and "Indexed" in second.output
    db.session.expire_all()
    assert loneliness.name == "Yksinäisyys"
    assert loneliness.synonyms[0] == "kyläkahvila" and "yksinäinen" in loneliness.synonyms
    third = runner.invoke(args=["taxonomy", "sync"])
    assert "(0 added, 0 synonyms added)" in third.output and "Indexed" not in third.output
