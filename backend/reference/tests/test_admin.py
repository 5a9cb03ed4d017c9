import pytest
from django.test import Client

from accounts.tests.factories import StaffFactory, VendorUserFactory
from reference.models import Category, Market, MarketRequirement, Standard

pytestmark = pytest.mark.django_db


def admin_client() -> Client:
    client = Client()
    client.force_login(StaffFactory(is_superuser=True))
    return client


@pytest.mark.parametrize("model", ["category", "standard", "market", "marketrequirement"])
def test_admin_changelists_load(model: str) -> None:
    response = admin_client().get(f"/admin/reference/{model}/")

    assert response.status_code == 200


def test_admin_search_finds_categories_by_chinese_name() -> None:
    response = admin_client().get("/admin/reference/category/", {"q": "额温枪"})

    assert response.status_code == 200
    assert "infrared-thermometers" in response.content.decode()
    assert "surgical-masks" not in response.content.decode()


def test_admin_change_pages_load() -> None:
    client = admin_client()
    pages = [
        f"/admin/reference/category/{Category.objects.get(slug='surgical-masks').pk}/change/",
        f"/admin/reference/standard/{Standard.objects.get(code='EN 14683').pk}/change/",
        f"/admin/reference/market/{Market.objects.get(code='EU').pk}/change/",
        f"/admin/reference/marketrequirement/{MarketRequirement.objects.first().pk}/change/",  # type: ignore[union-attr]
    ]

    for page in pages:
        assert client.get(page).status_code == 200, page


def test_admin_is_closed_to_members() -> None:
    client = Client()
    client.force_login(VendorUserFactory())

    response = client.get("/admin/reference/category/")

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
