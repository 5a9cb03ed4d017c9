import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from accounts.tests.factories import StaffFactory, UserFactory
from audit.models import AuditEvent
from catalog.models import Product, ProductStatus
from catalog.tests.conftest import client_for
from catalog.tests.factories import ProductFactory, certificate_for
from organizations.models import DocumentType
from organizations.tests.factories import BuyerFactory, ContactFactory, VendorFactory
from outbox.models import OutboxEntry
from reference.models import Category

pytestmark = pytest.mark.django_db

URL = "/api/v1/products/"


def detail(product: Product | int) -> str:
    return f"{URL}{product if isinstance(product, int) else product.pk}/"


def gloves() -> Category:
    return Category.objects.get(slug="nitrile-examination-gloves")


def payload(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "category": gloves().pk,
        "names": {"en": "Nitrile examination gloves, powder-free", "zh": "一次性无粉丁腈检查手套"},
        "descriptions": {"en": "Blue, 3.5 g, textured fingertips."},
        "model_number": "NG-35",
        "standards": ["EN 455", "CE MDR"],
        "min_order_quantity": 100_000,
        "capacity_per_day": 2_000_000,
        "stock": 5_000_000,
        "unit": "piece",
        "lead_time_days": 14,
        "price_min": "0.0600",
        "price_max": "0.0900",
        "currency": "USD",
        "incoterms": ["FOB", "CIF"],
        "origin_country": "MY",
        "ports": ["Port Klang"],
        "status": "published",
    }
    data.update(overrides)
    return data


def field_codes(response: Any, field: str) -> list[str]:
    body = response.json()
    assert body["code"] == "invalid", body
    return [error["code"] for error in body["fields"][field]]


# --- create, read, update, delete ---------------------------------------------------------------


def test_vendor_member_creates_a_product_for_their_organisation() -> None:
    vendor = VendorFactory(verified=True)
    member = UserFactory(organization=vendor)

    response = client_for(member).post(URL, payload(), format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    product = Product.objects.get(pk=body["id"])
    assert product.vendor == vendor
    assert body["vendor"] == {
        "id": vendor.pk,
        "name": vendor.name,
        "country": "CN",
        "verification_status": "verified",
    }
    assert body["category"] == {
        "id": gloves().pk,
        "slug": "nitrile-examination-gloves",
        "hs_code": "4015.19",
        "names": gloves().names,
    }
    assert body["standards"] == ["CE MDR", "EN 455"]
    assert body["names"]["zh"] == "一次性无粉丁腈检查手套"
    assert body["price_min"] == "0.0600"
    assert body["incoterms"] == ["FOB", "CIF"]
    assert body["ports"] == ["Port Klang"]
    assert body["status"] == "published"
    assert body["certificates"] == []


def test_create_applies_defaults_for_optional_fields() -> None:
    member = UserFactory(organization=VendorFactory(verified=True))
    minimal = {
        key: payload()[key]
        for key in (
            "category",
            "names",
            "min_order_quantity",
            "capacity_per_day",
            "lead_time_days",
            "price_min",
            "price_max",
            "currency",
            "origin_country",
        )
    }

    response = client_for(member).post(URL, minimal, format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "draft"
    assert body["unit"] == "piece"
    assert body["stock"] == 0
    assert body["standards"] == []
    assert body["incoterms"] == []


def test_create_drops_duplicate_incoterms_ports_and_standards() -> None:
    member = UserFactory(organization=VendorFactory(verified=True))

    response = client_for(member).post(
        URL,
        payload(
            incoterms=["FOB", "FOB", "EXW"], ports=["Shanghai ", "Shanghai"], standards=["EN 455", "EN 455"]
        ),
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert response.json()["incoterms"] == ["FOB", "EXW"]
    assert response.json()["ports"] == ["Shanghai"]
    assert response.json()["standards"] == ["EN 455"]


def test_retrieve_a_public_product_anonymously() -> None:
    product = ProductFactory(standards=["EN 14683"])

    response = client_for(None).get(detail(product))

    assert response.status_code == 200
    assert response.json()["id"] == product.pk
    assert response.json()["standards"] == ["EN 14683"]
    assert response.json()["model_number"] == product.model_number


def test_retrieve_an_unknown_product_is_404() -> None:
    response = client_for(None).get(detail(999_999))

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_vendor_patches_their_product() -> None:
    product = ProductFactory(standards=["EN 14683"])
    member = UserFactory(organization=product.vendor)

    response = client_for(member).patch(
        detail(product), {"stock": 42, "standards": ["EN 14683", "CE MDR"]}, format="json"
    )

    assert response.status_code == 200, response.json()
    product.refresh_from_db()
    assert product.stock == 42
    assert sorted(product.standards.values_list("code", flat=True)) == ["CE MDR", "EN 14683"]
    assert response.json()["standards"] == ["CE MDR", "EN 14683"]


def test_patch_without_standards_keeps_them() -> None:
    product = ProductFactory(standards=["EN 14683"])
    member = UserFactory(organization=product.vendor)

    response = client_for(member).patch(detail(product), {"lead_time_days": 3}, format="json")

    assert response.status_code == 200
    assert response.json()["standards"] == ["EN 14683"]
    assert response.json()["lead_time_days"] == 3


def test_put_replaces_every_field() -> None:
    product = ProductFactory(model_number="OLD", standards=["EN 14683"])
    member = UserFactory(organization=product.vendor)

    response = client_for(member).put(detail(product), payload(model_number="NEW"), format="json")

    assert response.status_code == 200, response.json()
    product.refresh_from_db()
    assert product.model_number == "NEW"
    assert product.category == gloves()
    assert product.vendor == member.organization
    assert response.json()["standards"] == ["CE MDR", "EN 455"]


def test_put_needs_the_required_fields() -> None:
    product = ProductFactory()
    member = UserFactory(organization=product.vendor)

    response = client_for(member).put(detail(product), {"stock": 1}, format="json")

    assert response.status_code == 400
    assert field_codes(response, "names") == ["required"]
    assert field_codes(response, "category") == ["required"]


def test_vendor_deletes_their_product() -> None:
    product = ProductFactory()
    member = UserFactory(organization=product.vendor)

    response = client_for(member).delete(detail(product))

    assert response.status_code == 204
    assert not Product.objects.filter(pk=product.pk).exists()


def test_vendor_field_cannot_be_changed_by_an_update() -> None:
    product = ProductFactory()
    other = VendorFactory(verified=True)
    member = UserFactory(organization=product.vendor)

    response = client_for(member).patch(detail(product), {"vendor": other.pk, "stock": 5}, format="json")

    assert response.status_code == 200
    product.refresh_from_db()
    assert product.vendor_id == member.organization_id


# --- validation ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"min_order_quantity": 0}, "min_order_quantity", "min_value"),
        ({"capacity_per_day": 0}, "capacity_per_day", "min_value"),
        ({"capacity_per_day": -5}, "capacity_per_day", "min_value"),
        ({"lead_time_days": 0}, "lead_time_days", "min_value"),
        ({"stock": -1}, "stock", "min_value"),
        ({"price_min": "0"}, "price_min", "min_value"),
        ({"price_max": "-1"}, "price_max", "min_value"),
        ({"min_order_quantity": 3_000_000_000}, "min_order_quantity", "max_value"),
        ({"price_min": "0.50", "price_max": "0.10"}, "price_max", "invalid_price_range"),
        ({"price_min": "cheap"}, "price_min", "invalid"),
        ({"currency": "ABC"}, "currency", "invalid_currency"),
        ({"origin_country": "XX"}, "origin_country", "invalid_country"),
        ({"origin_country": "China"}, "origin_country", "invalid_country"),
        ({"incoterms": ["FOB", "FOT"]}, "incoterms", "invalid_incoterm"),
        ({"names": {}}, "names", "required"),
        ({"names": {"en": "  "}}, "names", "empty_translation"),
        ({"names": {"english": "Gloves"}}, "names", "invalid_language"),
        ({"descriptions": {"EN!": "x"}}, "descriptions", "invalid_language"),
        ({"standards": ["EN 455", "EN 99999"]}, "standards", "unknown_standard"),
        ({"category": 99_999_999}, "category", "does_not_exist"),
        ({"status": "sold"}, "status", "invalid_choice"),
        ({"ports": ["x" * 200]}, "ports", "invalid"),
        ({"unit": "u" * 40}, "unit", "max_length"),
    ],
)
def test_create_rejects_invalid_fields(overrides: dict[str, Any], field: str, code: str) -> None:
    member = UserFactory(organization=VendorFactory(verified=True))

    response = client_for(member).post(URL, payload(**overrides), format="json")

    assert response.status_code == 400
    assert code in field_codes(response, field)
    assert not Product.objects.exists()
    assert not OutboxEntry.objects.filter(entity="product").exists()


def test_create_requires_names() -> None:
    member = UserFactory(organization=VendorFactory(verified=True))
    data = payload()
    del data["names"]

    response = client_for(member).post(URL, data, format="json")

    assert response.status_code == 400
    assert field_codes(response, "names") == ["required"]


def test_create_reports_every_invalid_field_at_once() -> None:
    member = UserFactory(organization=VendorFactory(verified=True))

    response = client_for(member).post(
        URL, payload(lead_time_days=0, currency="EURO", incoterms=["XYZ"]), format="json"
    )

    assert response.status_code == 400
    fields = response.json()["fields"]
    assert {"lead_time_days", "currency", "incoterms"} <= set(fields)


def test_patch_is_validated_against_the_stored_values() -> None:
    product = ProductFactory(price_min=Decimal("0.05"), price_max=Decimal("0.08"))
    member = UserFactory(organization=product.vendor)

    response = client_for(member).patch(detail(product), {"price_min": "0.10"}, format="json")

    assert response.status_code == 400
    assert field_codes(response, "price_max") == ["invalid_price_range"]
    product.refresh_from_db()
    assert product.price_min == Decimal("0.05")


def test_patch_rejects_an_unknown_standard() -> None:
    product = ProductFactory()
    member = UserFactory(organization=product.vendor)

    response = client_for(member).patch(detail(product), {"standards": ["ISO 0000"]}, format="json")

    assert response.status_code == 400
    assert field_codes(response, "standards") == ["unknown_standard"]


# --- who may create -----------------------------------------------------------------------------


def test_anonymous_and_buyers_cannot_create() -> None:
    buyer = UserFactory(organization=BuyerFactory())

    anonymous = client_for(None).post(URL, payload(), format="json")
    as_buyer = client_for(buyer).post(URL, payload(), format="json")

    assert anonymous.status_code == 401  # not signed in: a challenge, not a refusal
    assert anonymous["WWW-Authenticate"] == "Token"
    assert anonymous.json()["code"] == "not_authenticated"
    assert as_buyer.status_code == 403
    assert as_buyer.json()["code"] == "permission_denied"
    assert not Product.objects.exists()


def test_vendor_cannot_create_for_another_vendor() -> None:
    member = UserFactory(organization=VendorFactory(verified=True))
    other = VendorFactory(verified=True)

    response = client_for(member).post(URL, payload(vendor=other.pk), format="json")

    # The same answer as a request posted for another buyer (organization_acting_for).
    assert response.status_code == 400
    assert response.json()["fields"]["vendor"][0]["code"] == "not_allowed"
    assert not Product.objects.exists()


def test_vendor_may_name_their_own_organisation() -> None:
    member = UserFactory(organization=VendorFactory(verified=True))

    response = client_for(member).post(URL, payload(vendor=member.organization_id), format="json")

    assert response.status_code == 201
    assert response.json()["vendor"]["id"] == member.organization_id


def test_staff_create_for_a_vendor() -> None:
    vendor = VendorFactory(verified=True)

    response = client_for(StaffFactory()).post(URL, payload(vendor=vendor.pk), format="json")

    assert response.status_code == 201, response.json()
    assert Product.objects.get().vendor == vendor


@pytest.mark.parametrize(
    ("vendor", "code"),
    [(None, "required"), ("missing", "does_not_exist"), ("buyer", "not_a_vendor")],
)
def test_staff_must_name_an_existing_vendor(vendor: str | None, code: str) -> None:
    ids = {None: None, "missing": 99_999_999, "buyer": BuyerFactory().pk}

    response = client_for(StaffFactory()).post(URL, payload(vendor=ids[vendor]), format="json")

    assert response.status_code == 400
    assert field_codes(response, "vendor") == [code]
    assert not Product.objects.exists()


# --- visibility and object permissions ----------------------------------------------------------


@pytest.fixture
def catalogue() -> dict[str, Any]:
    """Vendor A (verified): published, draft, archived; vendor B (verified): published, draft;
    vendor C (unverified): published."""
    vendor_a = VendorFactory(verified=True)
    vendor_b = VendorFactory(verified=True)
    vendor_c = VendorFactory()
    products = {
        "a_published": ProductFactory(vendor=vendor_a),
        "a_draft": ProductFactory(vendor=vendor_a, status=ProductStatus.DRAFT),
        "a_archived": ProductFactory(vendor=vendor_a, status=ProductStatus.ARCHIVED),
        "b_published": ProductFactory(vendor=vendor_b),
        "b_draft": ProductFactory(vendor=vendor_b, status=ProductStatus.DRAFT),
        "c_published": ProductFactory(vendor=vendor_c),
    }
    users = {
        "anonymous": None,
        "vendor_a": UserFactory(organization=vendor_a),
        "vendor_b": UserFactory(organization=vendor_b),
        "vendor_c": UserFactory(organization=vendor_c),
        "buyer": UserFactory(organization=BuyerFactory()),
        "staff": StaffFactory(),
    }
    return {"products": products, "users": users}


PUBLIC = {"a_published", "b_published"}
VISIBLE = {
    "anonymous": PUBLIC,
    "buyer": PUBLIC,
    "vendor_a": PUBLIC | {"a_draft", "a_archived"},
    "vendor_b": PUBLIC | {"b_draft"},
    "vendor_c": PUBLIC | {"c_published"},
    "staff": {"a_published", "a_draft", "a_archived", "b_published", "b_draft", "c_published"},
}


@pytest.mark.parametrize("role", sorted(VISIBLE))
def test_list_shows_each_role_what_it_may_see(catalogue: dict[str, Any], role: str) -> None:
    names = {product.pk: name for name, product in catalogue["products"].items()}

    response = client_for(catalogue["users"][role]).get(URL)

    assert response.status_code == 200
    assert {names[item["id"]] for item in response.json()["results"]} == VISIBLE[role]
    assert response.json()["count"] == len(VISIBLE[role])


@pytest.mark.parametrize("role", sorted(VISIBLE))
def test_detail_is_404_for_what_a_role_may_not_see(catalogue: dict[str, Any], role: str) -> None:
    client = client_for(catalogue["users"][role])

    for name, product in catalogue["products"].items():
        response = client.get(detail(product))
        expected = 200 if name in VISIBLE[role] else 404
        assert response.status_code == expected, (role, name)


def test_other_vendor_gets_403_on_public_and_404_on_hidden_products(catalogue: dict[str, Any]) -> None:
    client = client_for(catalogue["users"]["vendor_b"])
    public = catalogue["products"]["a_published"]
    hidden = catalogue["products"]["a_draft"]

    responses = {
        ("patch", "public"): client.patch(detail(public), {"stock": 1}, format="json"),
        ("put", "public"): client.put(detail(public), payload(), format="json"),
        ("delete", "public"): client.delete(detail(public)),
        ("patch", "hidden"): client.patch(detail(hidden), {"stock": 1}, format="json"),
        ("put", "hidden"): client.put(detail(hidden), payload(), format="json"),
        ("delete", "hidden"): client.delete(detail(hidden)),
    }

    for (method, which), response in responses.items():
        assert response.status_code == (403 if which == "public" else 404), (method, which)
    public.refresh_from_db()
    hidden.refresh_from_db()
    assert public.stock == hidden.stock == 200_000


@pytest.mark.parametrize("role", ["anonymous", "buyer"])
def test_anonymous_and_buyers_cannot_change_products(catalogue: dict[str, Any], role: str) -> None:
    client = client_for(catalogue["users"][role])
    product = catalogue["products"]["a_published"]
    refused = 401 if role == "anonymous" else 403

    assert client.patch(detail(product), {"stock": 1}, format="json").status_code == refused
    assert client.put(detail(product), payload(), format="json").status_code == refused
    assert client.delete(detail(product)).status_code == refused
    assert Product.objects.filter(pk=product.pk, stock=200_000).exists()


def test_owner_changes_their_hidden_products(catalogue: dict[str, Any]) -> None:
    client = client_for(catalogue["users"]["vendor_a"])
    draft = catalogue["products"]["a_draft"]
    archived = catalogue["products"]["a_archived"]

    assert client.patch(detail(draft), {"stock": 1}, format="json").status_code == 200
    assert client.delete(detail(archived)).status_code == 204


def test_unverified_vendor_manages_its_products_but_they_stay_private(catalogue: dict[str, Any]) -> None:
    client = client_for(catalogue["users"]["vendor_c"])
    product = catalogue["products"]["c_published"]

    assert client.patch(detail(product), {"stock": 7}, format="json").status_code == 200
    assert client_for(None).get(detail(product)).status_code == 404


def test_staff_change_and_delete_any_product(catalogue: dict[str, Any]) -> None:
    client = client_for(catalogue["users"]["staff"])

    patched = client.patch(detail(catalogue["products"]["b_draft"]), {"status": "published"}, format="json")
    deleted = client.delete(detail(catalogue["products"]["a_archived"]))

    assert patched.status_code == 200
    assert patched.json()["status"] == "published"
    assert deleted.status_code == 204


# --- outbox and audit ---------------------------------------------------------------------------


def test_create_update_delete_write_outbox_rows() -> None:
    member = UserFactory(organization=VendorFactory(verified=True))
    client = client_for(member)

    product_id = client.post(URL, payload(), format="json").json()["id"]
    client.patch(detail(product_id), {"stock": 1}, format="json")
    client.delete(detail(product_id))

    rows = list(OutboxEntry.objects.filter(entity="product", entity_id=product_id).order_by("id"))
    assert [row.operation for row in rows] == ["upsert", "upsert", "delete"]


def test_a_failed_update_writes_no_outbox_row() -> None:
    product = ProductFactory()
    member = UserFactory(organization=product.vendor)

    response = client_for(member).patch(detail(product), {"currency": "???"}, format="json")

    assert response.status_code == 400
    assert not OutboxEntry.objects.filter(entity="product", entity_id=product.pk).exists()


def test_status_changes_are_audited() -> None:
    member = UserFactory(organization=VendorFactory(verified=True))
    client = client_for(member)

    product_id = client.post(URL, payload(status="draft"), format="json").json()["id"]
    client.patch(detail(product_id), {"status": "published"}, format="json")
    client.patch(detail(product_id), {"stock": 3}, format="json")
    client.patch(detail(product_id), {"status": "archived"}, format="json")
    client.patch(detail(product_id), {"status": "draft"}, format="json")
    client.delete(detail(product_id))

    events = list(
        AuditEvent.objects.filter(object_id=str(product_id), content_type__model="product").order_by("id")
    )
    assert [(event.action, event.from_state, event.to_state) for event in events] == [
        ("product.created", "", "draft"),
        ("product.published", "draft", "published"),
        ("product.archived", "published", "archived"),
        ("product.unpublished", "archived", "draft"),
        ("product.deleted", "draft", ""),
    ]
    assert all(event.actor_id == member.pk for event in events)


# --- certificates -------------------------------------------------------------------------------


def test_certificates_show_facts_validity_and_no_files() -> None:
    product = ProductFactory()
    today = timezone.localdate()
    valid = certificate_for(
        product=product, markets=("EU", "GB"), standards=("EN 14683", "CE MDR"), number="CE-VALID"
    )
    certificate_for(
        product=product,
        markets=("US",),
        standards=("FDA EUA",),
        valid_from=today - datetime.timedelta(days=400),
        valid_until=today - datetime.timedelta(days=1),
        number="EUA-EXPIRED",
    )
    certificate_for(product=product, organization=VendorFactory(verified=True), number="SOMEONE-ELSES")
    certificate_for(product=product, document_type=DocumentType.BUSINESS_LICENCE, number="LICENCE")

    response = client_for(None).get(detail(product))

    assert response.status_code == 200
    certificates = {item["number"]: item for item in response.json()["certificates"]}
    assert set(certificates) == {"CE-VALID", "EUA-EXPIRED"}
    assert certificates["CE-VALID"] == {
        "id": valid.pk,
        "number": "CE-VALID",
        "issuer": "TÜV SÜD Product Service GmbH",
        "review_status": "approved",
        "valid_from": valid.valid_from.isoformat(),
        "valid_until": valid.valid_until.isoformat(),
        "markets": ["EU", "GB"],
        "standards": ["CE MDR", "EN 14683"],
        "is_valid_today": True,
    }
    assert certificates["EUA-EXPIRED"]["is_valid_today"] is False
    text = response.content.decode()
    assert "certificate.pdf" not in text
    assert "documents/" not in text


def test_a_certificate_without_end_date_is_valid() -> None:
    product = ProductFactory()
    document = certificate_for(product=product, markets=("US",), standards=("FDA 510(k)",))
    document.valid_until = None
    document.save()

    response = client_for(None).get(detail(product))

    assert response.json()["certificates"][0]["is_valid_today"] is True


def test_a_certificate_not_yet_valid_is_not_valid_today() -> None:
    product = ProductFactory()
    certificate_for(product=product, valid_from=timezone.localdate() + datetime.timedelta(days=3))

    response = client_for(None).get(detail(product))

    assert response.json()["certificates"][0]["is_valid_today"] is False


def test_list_queries_do_not_grow_with_products(django_assert_max_num_queries: Any) -> None:
    for _ in range(12):
        product = ProductFactory(standards=["EN 14683"])
        certificate_for(product=product)

    with django_assert_max_num_queries(10):
        response = client_for(None).get(URL)

    assert response.json()["count"] == 12


# --- contacts never leak ------------------------------------------------------------------------


def test_no_products_response_reveals_vendor_contacts() -> None:
    vendor = VendorFactory(verified=True)
    contact = ContactFactory(
        organization=vendor, email="li.na@wuhan-medical.example", phone="+86 27 8888 0000"
    )
    product = ProductFactory(vendor=vendor)
    draft = ProductFactory(vendor=vendor, status=ProductStatus.DRAFT)
    certificate_for(product=product)
    owner = UserFactory(organization=vendor)
    staff = StaffFactory()
    users = [
        None,
        owner,
        UserFactory(organization=VendorFactory(verified=True)),
        UserFactory(organization=BuyerFactory()),
        staff,
    ]

    responses = []
    for user in users:
        client = client_for(user)
        responses.append(client.get(URL))
        responses.append(client.get(detail(product)))
        responses.append(client.get(f"{URL}?vendor={vendor.pk}&country=CN"))
    responses.append(client_for(owner).post(URL, payload(), format="json"))
    responses.append(client_for(owner).patch(detail(draft), {"stock": 9}, format="json"))
    responses.append(client_for(owner).put(detail(draft), payload(), format="json"))
    responses.append(client_for(staff).post(URL, payload(vendor=vendor.pk), format="json"))

    assert {response.status_code for response in responses} <= {200, 201}
    for response in responses:
        text = response.content.decode()
        for value in (contact.email, contact.phone, contact.wechat, contact.whatsapp, contact.name):
            assert value not in text


def test_product_numbers_are_bounded_to_what_the_index_mapping_holds() -> None:
    """Every integer field of a product that the index maps as ``integer`` declares the bound
    itself, so it holds on SQLite too (which would store any 64-bit number)."""
    from django.core.validators import MaxValueValidator

    from catalog.models import Product
    from core.validators import INTEGER_MAX
    from search.indexes import PRODUCTS

    integer_fields = [
        name for name, mapping in PRODUCTS.mappings["properties"].items() if mapping.get("type") == "integer"
    ]
    assert {"capacity_per_day", "stock", "min_order_quantity", "lead_time_days"} <= set(integer_fields)
    for name in integer_fields:
        declared = Product._meta.get_field(name)._validators  # type: ignore[union-attr]
        bounds = [validator.limit_value for validator in declared if isinstance(validator, MaxValueValidator)]
        assert bounds, name
        assert max(bounds) <= INTEGER_MAX, name  # type: ignore[type-var]


def test_capacity_beyond_index_range_is_refused() -> None:
    member = UserFactory(organization=VendorFactory(verified=True))

    response = client_for(member).post(
        URL, payload(capacity_per_day=2**40, stock=2**35, lead_time_days=0), format="json"
    )

    assert response.status_code == 400
    assert field_codes(response, "capacity_per_day") == ["max_value"]
    assert field_codes(response, "stock") == ["max_value"]
    assert field_codes(response, "lead_time_days") == ["min_value"]


def test_codes_are_normalised_like_requests_do() -> None:
    """Lower-case currency, country and Incoterms are accepted and stored upper-case."""
    member = UserFactory(organization=VendorFactory(verified=True))

    response = client_for(member).post(
        URL, payload(currency="eur", origin_country="my", incoterms=["fob"]), format="json"
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["currency"], body["origin_country"], body["incoterms"]) == ("EUR", "MY", ["FOB"])


def test_every_bad_list_item_is_named() -> None:
    member = UserFactory(organization=VendorFactory(verified=True))

    response = client_for(member).post(URL, payload(incoterms=["XYZ", "ABC"], currency="EURO"), format="json")

    assert response.status_code == 400
    messages = [item["message"] for item in response.json()["fields"]["incoterms"]]
    assert len(messages) == 2
    assert "XYZ" in messages[0]
    assert "ABC" in messages[1]
    assert "currency" in response.json()["fields"]


def test_a_product_can_name_its_certificates_when_created(settings: Any, tmp_path: Any) -> None:
    """Issue 8, item 9: no second call (and no vendor re-review) to link a certificate."""
    from organizations.tests.factories import CertificateFactory

    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    vendor = VendorFactory(verified=True)
    member = UserFactory(organization=vendor)
    certificate = CertificateFactory(organization=vendor, number="CE-OWN")
    foreign = CertificateFactory(organization=VendorFactory(verified=True), number="CE-FOREIGN")

    refused = client_for(member).post(URL, payload(certificates=[certificate.pk, foreign.pk]), format="json")
    assert refused.status_code == 400
    assert field_codes(refused, "certificates") == ["not_own_certificate"]

    response = client_for(member).post(URL, payload(certificates=[certificate.pk]), format="json")

    assert response.status_code == 201, response.json()
    assert [item["number"] for item in response.json()["certificates"]] == ["CE-OWN"]
    vendor.refresh_from_db()
    assert vendor.verification_status == "verified"
