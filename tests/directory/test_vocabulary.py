"""One word per stored code, shared by the pages, the search filters, the editing forms and the export."""
from tarjotin.directory.models import ACCESSIBILITY_CODES, DELIVERY_MODES
from tarjotin.directory.vocabulary import ACCESSIBILITY, DELIVERY
from tarjotin.manage.forms import LocationForm, ServiceForm


def test_every_code_has_one_label_in_the_stored_order():
    assert tuple(ACCESSIBILITY) == ACCESSIBILITY_CODES
    assert tuple(DELIVERY) == DELIVERY_MODES


def test_the_editing_forms_offer_the_same_words_the_pages_show(app):
    with app.test_request_context("/?lang=en"):
        assert [(c.value, c.label) for c in LocationForm.accessibility.kwargs["choices"]] == \
            [(code, label) for code, label in ACCESSIBILITY.items()]
        assert [(c.value, c.label) for c in ServiceForm.delivery_modes.kwargs["choices"]] == \
            [(code, label) for code, label in DELIVERY.items()]
