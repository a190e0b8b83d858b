from tests.factories import OrganizationFactory, ServiceAtLocationFactory, ServiceFactory, TermFactory


def test_front_page_lists_themes_with_counts(client, db):
    theme = TermFactory(name="Mielenterveys", name_sv="Psykisk hälsa")
    ServiceFactory(taxonomy_terms=[theme])
    db.session.commit()
    page = client.get("/").get_data(as_text=True)
    assert "Mielenterveys" in page and "1 palvelu" in page
    assert "Psykisk hälsa" in client.get("/?lang=sv").get_data(as_text=True)


def test_language_choice_is_remembered_in_a_cookie(client, db):
    response = client.get("/?lang=en")
    assert "lang=en" in response.headers["Set-Cookie"]
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)


def test_offering_page_shows_the_offering_and_its_place(client, db):
    link = ServiceAtLocationFactory(service__name="Omaishoitajien kahvila", service__name_sv="Närståendevårdarnas café")
    db.session.commit()
    page = client.get(f"/palvelut/{link.service.id}").get_data(as_text=True)
    assert "Omaishoitajien kahvila" in page and "Puijonkatu 1" in page and "openstreetmap.org" in page
    assert "Närståendevårdarnas café" in client.get(f"/palvelut/{link.service.id}?lang=sv").get_data(as_text=True)


def test_unpublished_listings_are_not_shown(client, db):
    draft = ServiceFactory(organization=OrganizationFactory(status="draft"))
    archived = ServiceFactory(status="defunct")
    db.session.commit()
    assert client.get(f"/palvelut/{draft.id}").status_code == 404
    assert client.get(f"/jarjestot/{draft.organization.id}").status_code == 404
    assert client.get(f"/palvelut/{archived.id}").status_code == 404


def test_organisation_page_and_list(client, db):
    service = ServiceFactory(organization__name="Kuopion Seudun Omaishoitajat ry")
    db.session.commit()
    assert "Kuopion Seudun Omaishoitajat ry" in client.get("/jarjestot").get_data(as_text=True)
    page = client.get(f"/jarjestot/{service.organization.id}").get_data(as_text=True)
    assert service.name in page


def test_output_is_escaped(client, db):
    service = ServiceFactory(name="<script>alert(1)</script>")
    db.session.commit()
    page = client.get(f"/palvelut/{service.id}").get_data(as_text=True)
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
