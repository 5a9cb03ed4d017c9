"""Listed vendors in matching, against the real node: a candidate only once staff allow its source,
never in public search (issue 15, item 3)."""

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from accounts.tests.factories import StaffFactory
from catalog.models import Product
from matching.models import Proposal
from matching.services import matching_run_for_product, matching_run_for_request
from organizations.models import Organization, OrganizationSource, VerificationStatus
from organizations.services import organization_verify
from organizations.tests.factories import VendorFactory
from search import engine
from search.indexes import PRODUCTS
from supplierlists.models import ImportStatus, RowStatus, SupplierListRow
from supplierlists.services.uploads import supplier_list_allow_matching
from supplierlists.tests.factories import SupplierListImportFactory
from tests.matching_eval import world
from tests.search_helpers import drain_and_refresh

pytestmark = [pytest.mark.search, pytest.mark.django_db]

EU_MASK_CERTIFICATE = {"markets": ["EU"], "standards": ["CE MDR", "EN 14683"]}


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    world.use_temporary_media(settings, tmp_path)


def _listed_vendor_from_a_list(name: str) -> tuple[Organization, Any]:
    """A vendor created from row 2 of a partner's list whose source is not allowed for matching yet."""
    supplier_list = SupplierListImportFactory(status=ImportStatus.DONE, allow_matching=False, rows_total=1)
    vendor = VendorFactory(name=name, legal_names={"en": name}, country="CN", listed=True, registration_id="")
    SupplierListRow.objects.create(
        supplier_list=supplier_list, number=2, status=RowStatus.CREATED, organization=vendor
    )
    OrganizationSource.objects.create(
        organization=vendor,
        sender_name=supplier_list.sender_name,
        received_on=supplier_list.received_on,
        allow_matching=False,
        reference=f"{supplier_list.filename} row 2",
    )
    return vendor, supplier_list


def _mask(owner: Organization, name: str) -> Product:
    return world.product(
        owner=owner,
        slug="surgical-masks",
        names={"en": name, "zh": "医用外科口罩"},
        standards=["EN 14683"],
        certificates=[EU_MASK_CERTIFICATE],
    )


def _public_product_ids(text: str) -> set[int]:
    response = Client().get("/api/v1/search/products/", {"q": text})
    assert response.status_code == 200
    return {item["id"] for item in response.json()["results"]}


def _suggested_product_ids(prefix: str) -> set[int]:
    response = Client().get("/api/v1/search/suggest/", {"q": prefix})
    assert response.status_code == 200
    return {item["id"] for item in response.json()["products"]}


def _indexed(product: Product) -> dict[str, Any] | None:
    found = engine.get_document(PRODUCTS.alias(), str(product.pk))
    return dict(found["_source"]) if found else None


def test_a_listed_vendor_is_proposed_only_once_its_source_allows_matching_and_never_public(
    clean_indexes: str,
) -> None:
    staff = StaffFactory()
    verified = world.vendor("Wuhan Kangtai Medical")
    verified_mask = _mask(verified, "Surgical mask Type IIR Kangtai")
    listed, supplier_list = _listed_vendor_from_a_list("Hubei Listed Protective")
    listed_mask = _mask(listed, "Surgical mask Type IIR Listed")
    request = world.purchase_request(
        slug="surgical-masks",
        language="fr",
        destination_country="FR",
        quantity=100_000,
        title="Masques chirurgicaux type IIR",
    )
    world.index_everything(products=[verified_mask, listed_mask], requests=[request])

    # Not allowed: not in the index at all, not proposed, not public.
    assert _indexed(listed_mask) is None
    proposed = {p.product_id for p in matching_run_for_request(request_id=request.pk)}
    assert proposed == {verified_mask.pk}
    assert _public_product_ids("surgical mask") == {verified_mask.pk}

    # Staff allow the source: the product enters the index for matching only.
    supplier_list_allow_matching(supplier_list=supplier_list, actor=staff, allow_matching=True)
    drain_and_refresh()
    document = _indexed(listed_mask)
    assert document is not None
    assert (document["vendor_matchable"], document["vendor_verified"]) == (True, False)

    # Reverse matching (the percolator) finds the request for it, forward matching too.
    reverse = matching_run_for_product(product_id=listed_mask.pk)
    assert [p.request_id for p in reverse] == [request.pk]
    proposals = {p.product_id: p for p in matching_run_for_request(request_id=request.pk)}
    assert set(proposals) == {verified_mask.pk, listed_mask.pk}
    criteria = {c["criterion"]: c for c in proposals[listed_mask.pk].criteria}
    assert criteria["vendor_verified"]["status"] == "partial"
    assert "listed vendor" in criteria["vendor_verified"]["detail"]
    assert {c["criterion"]: c for c in proposals[verified_mask.pk].criteria}["vendor_verified"][
        "status"
    ] == "met"

    # Never public: product search, suggestions, supplier search and the catalogue API.
    assert _public_product_ids("surgical mask") == {verified_mask.pk}
    assert _public_product_ids("Listed") == set()
    assert listed_mask.pk not in _suggested_product_ids("Surgical mask")
    suppliers = Client().get("/api/v1/search/suppliers/", {"q": "Hubei Listed"}).json()["results"]
    assert listed.pk not in {item["id"] for item in suppliers}
    assert Client().get(f"/api/v1/products/{listed_mask.pk}/").status_code == 404

    # Staff withdraw the permission: out of the index, its waiting proposal expires.
    supplier_list_allow_matching(supplier_list=supplier_list, actor=staff, allow_matching=False)
    drain_and_refresh()
    assert _indexed(listed_mask) is None
    matching_run_for_product(product_id=listed_mask.pk)
    assert Proposal.objects.get(request=request, product=listed_mask).status == "expired"
    assert {p.product_id for p in matching_run_for_request(request_id=request.pk)} == {verified_mask.pk}


def test_verification_makes_a_listed_vendor_public_and_rejection_removes_it_from_matching(
    clean_indexes: str,
) -> None:
    staff = StaffFactory()
    listed, supplier_list = _listed_vendor_from_a_list("Jiangsu Claimed Medical")
    mask = _mask(listed, "Surgical mask Type IIR Jiangsu")
    supplier_list_allow_matching(supplier_list=supplier_list, actor=staff, allow_matching=True)
    world.index_everything(products=[mask])
    assert _public_product_ids("Jiangsu") == set()

    Organization.objects.filter(pk=listed.pk).update(verification_status=VerificationStatus.PENDING)
    organization_verify(organization=Organization.objects.get(pk=listed.pk), actor=staff)
    drain_and_refresh()
    assert _public_product_ids("Jiangsu") == {mask.pk}

    Organization.objects.filter(pk=listed.pk).update(verification_status=VerificationStatus.REJECTED)
    assert not Organization.objects.matchable().filter(pk=listed.pk).exists()
    assert not Product.objects.matchable().filter(pk=mask.pk).exists()
