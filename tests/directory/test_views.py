"""The resident pages over a real index: front page, results, offering and help pages."""
import re
import shutil

import pytest
import sqlalchemy as sa
from flask import current_app

from tarjotin.extensions import db as _db
from tarjotin.search import get_index, hooks
from tests.factories import OrganizationFactory, ServiceFactory


def text(response) -> str:
    return response.get_data(as_text=True)


def test_front_page_has_search_place_theme_tiles_and_easy_read_link(client, listing):
    page = text(client.get("/"))
    assert "Mihin etsit tukea?" in page and 'name="q"' in page and 'name="near"' in page
    assert 'href="/haku?theme=loneliness"' in page and "3 palvelua" in page
    assert 'href="/selkokieli"' in page and 'href="/saavutettavuus"' in page


def test_language_switch_keeps_the_query(client, listing):
    page = text(client.get("/haku?q=kahvila&theme=loneliness&lang=sv"))
    links = re.findall(r'href="([^"]*lang=en[^"]*)"', page)
    assert links and "q=kahvila" in links[0] and "theme=loneliness" in links[0]
    assert "Sökresultat: kahvila – Tarjotin" in page


def test_results_keep_the_words_and_place_and_show_the_card(client, listing):
    page = text(client.get("/haku?q=kahvila&near=Kuopio"))
    assert "<title>Hakutulokset: kahvila – Tarjotin</title>" in page
    assert 'value="kahvila"' in page and 'value="Kuopio"' in page
    card = page.split("Ystäväkahvila", 1)[1].split("</article>", 1)[0]
    assert "Kuopion Ystävät ry" in card and "Maksuton" in card and "suomi, ruotsi" in card
    assert "Seuraavan kerran ti" in card and "Tarkistettu" in card and "Miksi tämä tulos?" in card
    assert "km" in card
    # Escape first, then mark: the description's markup stays text, the matched word is marked.
    assert "&lt;b&gt;juttelemaan&lt;/b&gt;" in card and "<mark>kahvilaan</mark>" in card


def test_stale_listing_says_so(client, listing):
    page = text(client.get("/haku?q=kävelyryhmä"))
    assert "Tietoja ei ole tarkistettu vähään aikaan" in page


def test_filters_are_chips_with_counts_that_remove_themselves(client, listing):
    page = text(client.get("/haku?theme=loneliness&free=1&language=sv"))
    chips = page.split('class="chips"', 1)[1].split("</section>", 1)[0]
    assert "Yksinäisyys <span class=\"count\">(1)</span>" in chips
    assert 'href="/haku?language=sv&amp;free=1"' in chips  # the theme chip drops only the theme
    assert "Ystäväkahvila" in page and "Kävelyryhmä" not in page


def test_online_offerings_are_listed_apart_when_a_place_is_given(client, listing):
    page = text(client.get("/haku?q=yksinäisyys&near=Kuopio"))
    anywhere = page.split('id="anywhere-title"', 1)[1]
    assert "Yksinäisyyden chat" in anywhere


def test_no_results_offers_ways_on(client, listing):
    page = text(client.get("/haku?q=kahvila&near=Siilinjärvi&radius=5"))
    assert "Hakuehdoilla ei löytynyt palveluja" in page
    assert "radius=10" in page  # a wider radius
    assert "near=Kuopio" in page  # a neighbouring municipality
    assert 'href="/haku?q=kahvila"' in page  # the words everywhere


def test_spelling_suggestion(client, listing):
    page = text(client.get("/haku?q=kahwila"))
    assert "kahvila" in page.split("</h1>", 1)[1]


def test_unknown_place_is_an_inline_error_in_the_readers_language(client, listing):
    response = client.get("/haku?q=kahvila&near=Eipaikkaa&lang=sv")
    assert response.status_code == 200
    page = text(response)
    assert "Platsen hittades inte" in page and 'aria-invalid="true"' in page
    assert "Vänkafé" in page  # still searched, without the place


def test_bad_radius_and_page_are_inline_errors(client, listing):
    page = text(client.get("/haku?q=kahvila&near=Kuopio&radius=7&page=x"))
    assert "Valitse etäisyys listasta." in page and "Sivua ei ole." in page


def test_missing_index_is_a_friendly_message_and_the_rest_works(client, listing):
    shutil.rmtree(current_app.config["INDEX_DIR"])
    response = client.get("/haku?q=kahvila")
    assert response.status_code == 503 and "Haku ei ole juuri nyt käytössä" in text(response)
    assert client.get("/").status_code == 200
    assert client.get(f"/palvelut/{listing['cafe'].id}").status_code == 200


def test_result_cards_load_in_a_fixed_number_of_queries(client, db, listing):
    for n in range(15):
        ServiceFactory(name=f"Kahvila {n}", organization=listing["organization"])
    db.session.commit()
    hooks.rebuild(get_index())
    statements = []
    sa.event.listen(_db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    few = len(text(client.get("/haku?q=kahvila&target_group=older-people")).split('class="card"')) - 1
    first = len(statements)
    statements.clear()
    many = len(text(client.get("/haku?q=kahvila")).split('class="card"')) - 1
    assert few == 1 and many == 16  # the café and the fifteen new ones
    assert len(statements) == first == 4, statements  # taxonomy labels, offerings, their places, open calls


def test_offering_page(client, listing):
    page = text(client.get(f"/palvelut/{listing['cafe'].id}"))
    assert "<title>Ystäväkahvila – Tarjotin</title>" in page
    assert "Joka viikko: tiistai klo 13.00–15.00" in page and "Seuraavan kerran" in page
    assert "openstreetmap.org/?mlat=" in page and "Hissi pihan puolella." in page and "<li>Hissi</li>" in page
    assert "Ikäihmiset" in page and "Kävelyryhmä" in page  # who it is for; the organisation's other offerings
    assert "Pyydä yhteydenottoa" in page and "Lisää tarjottimelle" in page
    assert "data-quick-exit" not in page
    assert "Every week: Tuesday 13:00–15:00" in text(client.get(f"/palvelut/{listing['cafe'].id}?lang=en"))


def test_quick_exit_on_violence_theme(client, listing):
    page = text(client.get(f"/palvelut/{listing['shelter'].id}"))
    assert 'href="https://www.google.com/"' in page and 'rel="noreferrer"' in page
    assert "data-quick-exit" in text(client.get("/haku?theme=violence"))
    assert "data-quick-exit" in text(client.get("/haku?q=väkivalta"))


def test_organisation_page(client, listing):
    page = text(client.get(f"/jarjestot/{listing['organization'].id}"))
    assert "Ystäväkahvila" in page and "Kävelyryhmä" in page and "Puijonkatu 1" in page


def test_sitemap_lists_published_offerings_and_organisations(client, db, listing):
    draft = ServiceFactory(organization=OrganizationFactory(status="draft"))
    db.session.commit()
    response = client.get("/sitemap.xml")
    body = text(response)
    assert response.content_type.startswith("application/xml")
    assert f"/palvelut/{listing['cafe'].id}</loc>" in body and f"/jarjestot/{listing['organization'].id}</loc>" in body
    assert draft.id not in body and draft.organization.id not in body
    assert "Sitemap: http://localhost/sitemap.xml" in text(client.get("/robots.txt"))


def test_help_pages(client, app):
    app.config["ACCESSIBILITY_FEEDBACK_EMAIL"] = "palaute@example.org"
    statement = text(client.get("/saavutettavuus"))
    assert "Saavutettavuusseloste – Tarjotin" in statement and "mailto:palaute@example.org" in statement
    assert "Näin käytät Tarjotinta" in text(client.get("/selkokieli"))
    assert "Så här använder du Tarjotin" in text(client.get("/selkokieli?lang=sv"))


def test_place_suggestions_and_nearest_place(client, app):
    assert "Kuopio" in client.get("/paikat?q=kuo").get_json()
    assert client.get("/paikat/lahin?lat=62.89&lon=27.68").get_json() == {"name": "Kuopio"}
    assert client.get("/paikat/lahin?lat=x").status_code == 400


@pytest.mark.parametrize("page", ["99999999999999999999", "0", "-1", "501"])
def test_item8_organization_list_page_out_of_range_is_404(client, db, page):
    assert client.get(f"/jarjestot?page={page}").status_code == 404
    assert client.get("/jarjestot?page=1").status_code == 200
