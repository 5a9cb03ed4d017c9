"""One behaviour for bad input on every endpoint (issue 8, items 12–14), driven by the OpenAPI
schema so that a new list endpoint is covered without being listed here."""

import re
from typing import Any

import pytest
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from accounts.tests.factories import BuyerUserFactory, StaffFactory
from introductions.tests.factories import ProposalFactory, introduction_for
from organizations.tests.factories import DocumentFactory, VendorFactory
from reference.models import Market
from reference.tests.factories import MarketFactory

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"
# Paging parameters answer 404 "invalid page" (DRF's paginator), which is fine.
PAGING = {"page", "page_size", "size"}


def _get_operations() -> list[tuple[str, list[dict[str, Any]]]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [
        (path, [param for param in item["get"].get("parameters", []) if param["in"] == "query"])
        for path, item in sorted(schema["paths"].items())
        if "get" in item and path.startswith("/api/v1/")
    ]


OPERATIONS = _get_operations()


def _with(kind: str) -> list[tuple[str, str]]:
    found = []
    for path, params in OPERATIONS:
        for param in params:
            schema_type = param["schema"].get("type")
            if kind == "ordering" and param["name"] == "ordering":
                found.append((path, "ordering"))
            elif kind == schema_type and param["name"] not in PAGING:
                found.append((path, param["name"]))
    return found


@pytest.fixture
def staff_client() -> tuple[APIClient, dict[str, int]]:
    proposal = ProposalFactory()
    introduction = introduction_for()
    vendor = VendorFactory(verified=True)
    values = {
        "organization_id": vendor.pk,
        "document_id": DocumentFactory(organization=vendor).pk,
        "proposal_id": proposal.pk,
        "introduction_id": introduction.pk,
        "request_id": proposal.request_id,
    }
    client = APIClient()
    client.force_authenticate(StaffFactory())
    return client, values


def _url(path: str, values: dict[str, int]) -> str:
    return re.sub(r"\{([a-z_]+)\}", lambda match: str(values[match.group(1)]), path)


def _refused(response: Any, parameter: str) -> None:
    assert response.status_code == 400, (response.status_code, response.content[:300])
    body = response.json()
    assert body["code"] == "invalid"
    assert parameter in body["fields"], body


ORDERED = _with("ordering")
BOOLEANS = [*_with("boolean"), ("/api/v1/notifications/", "unread")]
INTEGERS = _with("integer")


def test_the_schema_driven_lists_cover_the_endpoints_the_audit_found() -> None:
    ordered_paths = {path for path, _ in ORDERED}
    for path in (
        "/api/v1/products/",
        "/api/v1/taxonomy/categories/",
        "/api/v1/reference/markets/",
        "/api/v1/reference/standards/",
        "/api/v1/requests/",
        "/api/v1/proposals/",
        "/api/v1/introductions/",
        "/api/v1/organizations/",
    ):
        assert path in ordered_paths
    assert ("/api/v1/proposals/", "overdue") in BOOLEANS
    assert {
        ("/api/v1/products/", "vendor"),
        ("/api/v1/requests/", "buyer"),
        ("/api/v1/proposals/", "request"),
    } <= set(INTEGERS)


@pytest.mark.parametrize(("path", "parameter"), ORDERED, ids=[path for path, _ in ORDERED])
def test_invalid_ordering_is_refused_on_every_list(
    path: str, parameter: str, staff_client: tuple[APIClient, dict[str, int]]
) -> None:
    client, values = staff_client
    _refused(client.get(_url(path, values), {"ordering": "no_such_field"}), "ordering")


@pytest.mark.parametrize(("path", "parameter"), BOOLEANS, ids=[f"{p} {n}" for p, n in BOOLEANS])
def test_invalid_boolean_is_refused_naming_the_parameter(
    path: str, parameter: str, staff_client: tuple[APIClient, dict[str, int]]
) -> None:
    client, values = staff_client
    _refused(client.get(_url(path, values), {parameter: "perhaps"}), parameter)
    assert client.get(_url(path, values), {parameter: "true"}).status_code == 200


@pytest.mark.parametrize(("path", "parameter"), INTEGERS, ids=[f"{p} {n}" for p, n in INTEGERS])
def test_huge_integer_in_a_filter_is_a_400_not_a_500(
    path: str, parameter: str, staff_client: tuple[APIClient, dict[str, int]]
) -> None:
    client, values = staff_client
    _refused(client.get(_url(path, values), {parameter: HUGE}), parameter)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/no-such-thing/",
        "/api/v1/products/abc/",
        "/api/v1/proposals/1x/approve/",
        "/api/v2/products/",
        "/api/v1/organizations/abc/documents/",
    ],
)
def test_unknown_api_paths_and_non_numeric_ids_answer_json_404(url: str) -> None:
    response = APIClient().get(url)

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "not_found"


@pytest.mark.parametrize("method", ["post", "patch", "put", "delete"])
def test_a_write_to_a_non_numeric_id_is_a_json_404_not_the_csrf_page(method: str) -> None:
    # Seen by schemathesis's negative cases: a session cookie and no CSRF token made Django's
    # CSRF check answer its HTML 403 before the catch-all could say 404.
    client = APIClient(enforce_csrf_checks=True)
    client.cookies["sessionid"] = "not-a-session"
    response = getattr(client, method)(
        "/api/v1/organizations/2.9e-117/documents/-64744/approve/", {"reason": "x"}, format="json"
    )

    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == "not_found"


def test_a_path_without_its_trailing_slash_is_still_redirected() -> None:
    response = APIClient().get("/api/v1/products?page=2")

    assert response.status_code == 301
    assert response["Location"] == "/api/v1/products/?page=2"


@pytest.mark.parametrize("role", ["buyer", "staff"])
def test_options_on_every_endpoint_is_never_a_server_error(
    role: str, staff_client: tuple[APIClient, dict[str, int]]
) -> None:
    staff, values = staff_client
    client = staff
    if role == "buyer":
        client = APIClient()
        client.force_authenticate(BuyerUserFactory())
    schema = SchemaGenerator().get_schema(request=None, public=True)
    paths = [path for path in sorted(schema["paths"]) if path.startswith("/api/v1/")]
    assert "/api/v1/requests/" in paths
    filled = {**values, "id": 1, "product_id": 1, "request_id": 1, "contact_id": 1, "document_id": 1}
    filled.update(flag_id=1, notification_id=1)
    for name in re.findall(r"\{([a-z_]+)\}", " ".join(paths)):
        filled.setdefault(name, 1)
    for path in paths:
        response = client.options(_url(path, filled))
        assert response.status_code < 500, (path, response.status_code, response.content[:300])


@pytest.mark.parametrize("page_size", ["null", "1.5", "0", "-4", "201"])
def test_a_page_size_that_cannot_be_applied_is_a_400_naming_it(page_size: str) -> None:
    # DRF's paginator answered 200 with its default size (or clamped to 200): the value was ignored.
    response = APIClient().get("/api/v1/reference/markets/", {"page_size": page_size})

    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid"
    assert list(body["fields"]) == ["page_size"]


@pytest.mark.parametrize(("page_size", "rows"), [("", 20), ("1", 1), ("200", 200)])
def test_a_page_size_in_range_or_empty_is_applied(page_size: str, rows: int) -> None:
    MarketFactory.create_batch(max(0, 201 - Market.objects.count()))

    response = APIClient().get("/api/v1/reference/markets/", {"page_size": page_size})

    assert response.status_code == 200, response.content
    assert len(response.json()["results"]) == rows
