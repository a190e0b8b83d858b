"""Search tests run on each database and on both Finnish analysis paths (Voikko and the fallback)."""
import pytest


@pytest.fixture
def app_config(analysis) -> dict:
    return {"VOIKKO": analysis == "voikko"}
