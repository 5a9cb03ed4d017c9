import pytest
from django.test import Client

from accounts.tests.factories import StaffFactory
from catalog.models import Product
from catalog.tests.factories import ProductFactory
from outbox.models import OutboxEntry

pytestmark = pytest.mark.django_db


def admin_client() -> Client:
    client = Client()
    client.force_login(StaffFactory(is_superuser=True))
    return client


def test_product_admin_lists_and_searches() -> None:
    product = ProductFactory(names={"en": "Nitrile gloves", "zh": "丁腈手套"})
    other = ProductFactory(names={"en": "Face shield"})

    listing = admin_client().get("/admin/catalog/product/")
    search = admin_client().get("/admin/catalog/product/", {"q": "丁腈"})

    assert listing.status_code == 200
    assert search.status_code == 200
    assert f"/admin/catalog/product/{product.pk}/change/" in search.content.decode()
    assert f"/admin/catalog/product/{other.pk}/change/" not in search.content.decode()


def test_product_admin_change_page_loads_and_cannot_add() -> None:
    product = ProductFactory()
    client = admin_client()

    assert client.get(f"/admin/catalog/product/{product.pk}/change/").status_code == 200
    assert client.get("/admin/catalog/product/add/").status_code == 403


def test_deleting_in_the_admin_reaches_the_outbox() -> None:
    product = ProductFactory()

    response = admin_client().post(f"/admin/catalog/product/{product.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not Product.objects.filter(pk=product.pk).exists()
    assert OutboxEntry.objects.filter(entity="product", entity_id=product.pk, operation="delete").exists()
