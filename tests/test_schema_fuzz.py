"""schemathesis over every API operation as anonymous, vendor, buyer and staff, against a live
server over HTTP: no server error, no answer outside the schema, no undocumented status code.

Each operation and role gets cases of both of schemathesis's generation modes: positive (inputs
the schema allows) and negative (inputs it forbids: wrong types, out-of-range numbers, missing
required fields, unknown enum values ...). A negative case must be refused with a 4xx, which the
negative-data check below is set to require (its default also lets a 5xx through, left to the
server-error check).

The bounded run (``make test``) draws MEDMATCH_FUZZ_CASES cases per operation, role and mode (2);
``make test-fuzz`` draws many more. The figures are printed (``-s`` shows them) and the test
fails on the first kind of problem with the cases that showed it.
"""

import json
import os
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pytest
import requests
import schemathesis
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from knox.models import AuthToken
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.models import User
from accounts.tests.factories import BuyerUserFactory, StaffFactory, VendorUserFactory
from catalog.tests.factories import ProductFactory
from organizations.tests.factories import ContactFactory
from purchasing.tests.factories import PurchaseRequestFactory
from reference.models import Category

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.search]

ROLES = ("anonymous", "vendor", "buyer", "staff")
CASES = int(os.environ.get("MEDMATCH_FUZZ_CASES", "2"))
# A regular expression over "METHOD /path": only the operations it finds (to look into one, or
# to bound a long run); every operation when unset.
ONLY = re.compile(os.environ.get("MEDMATCH_FUZZ_OPERATIONS", ""))
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    response_schema_conformance,
    content_type_conformance,
    negative_data_rejection,
]
# Invalid input is answered 4xx, whatever the 4xx; that it is a documented one is
# status_code_conformance's part.
CONFIG = {"checks": {"negative_data_rejection": {"expected-statuses": ["4xx"]}}}
# What each check's failure is counted as in the figures.
KINDS = {
    "ServerError": "server errors",
    "ContentTypeServerError": "server errors",
    "UndefinedStatusCode": "undocumented statuses",
    "JsonSchemaError": "schema violations",
    "MalformedJson": "schema violations",
    "UndefinedContentType": "schema violations",
    "MissingContentType": "schema violations",
    "MalformedMediaType": "schema violations",
    "AcceptedNegativeData": "invalid input accepted",
}
# Operations that would end the role's own credentials mid-run are sent with a token of their
# own (see _headers); none is left out.
REVOKING = {"POST /api/v1/auth/logout/", "POST /api/v1/auth/logout/everywhere/"}


@dataclass
class Figures:
    operations: int = 0
    cases: Counter[str] = field(default_factory=Counter)
    # Operations with no input to make invalid (no parameter, no body): no negative case exists.
    nothing_to_negate: set[str] = field(default_factory=set)
    statuses: Counter[int] = field(default_factory=Counter)
    problems: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    def record(self, kind: str, text: str) -> None:
        self.problems[kind] += 1
        self.examples.setdefault(kind, [])
        if len(self.examples[kind]) < 30 and text not in self.examples[kind]:
            self.examples[kind].append(text)


def _schema() -> dict[str, Any]:
    generated = SchemaGenerator().get_schema(request=None, public=True)
    loaded: dict[str, Any] = json.loads(OpenApiJsonRenderer().render(generated))
    return loaded


def _world() -> tuple[dict[str, User | None], dict[str, int]]:
    """The users of each role, and ids of real objects for the path parameters they fill in
    (the other parameters are drawn at random: mostly 404s)."""
    category = Category.objects.get(slug="surgical-masks")
    vendor = VendorUserFactory(organization__verification_status="verified")
    buyer = BuyerUserFactory(organization__verification_status="verified")
    product = ProductFactory(vendor=vendor.organization, category=category, origin_country="CN")
    request = PurchaseRequestFactory(buyer=buyer.organization, category=category, destination_country="KE")
    # A contact without an e-mail address: its "" must keep to the schema.
    contact = ContactFactory(organization=vendor.organization, email="")
    users: dict[str, User | None] = {
        "anonymous": None,
        "vendor": vendor,
        "buyer": buyer,
        "staff": StaffFactory(),
    }
    ids = {
        "organization_id": vendor.organization_id,
        "product_id": product.pk,
        "request_id": request.pk,
        "contact_id": contact.pk,
    }
    return users, ids


def _headers(user: User | None) -> dict[str, str]:
    if user is None:
        return {}
    _instance, key = AuthToken.objects.create(user=user)
    return {"Authorization": f"Token {key}"}


def _fuzz_one(
    operation: Any,
    role: str,
    user: User | None,
    base_url: str,
    session: requests.Session,
    cases: int,
    figures: Figures,
    mode: GenerationMode,
    path_parameters: dict[str, int] | None = None,
) -> None:
    label = f"{operation.method.upper()} {operation.path}"
    fixed_headers = _headers(user)

    @hypothesis_settings(
        max_examples=cases,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(mode, path_parameters=path_parameters))
    def one_case(case: Any) -> None:
        headers = _headers(user) if label in REVOKING else fixed_headers
        session.cookies.clear()  # a sign-in case's session cookie must not carry over to the next
        response = case.call(base_url=base_url, session=session, headers=headers, timeout=30)
        figures.cases[mode.value] += 1
        figures.statuses[response.status_code] += 1
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except FailureGroup as group:
            for failure in group.exceptions:
                kind = KINDS.get(type(failure).__name__, type(failure).__name__)
                summary = " ".join(str(failure.message).split())[:300]
                sent = " ".join(case.as_curl_command(headers=headers).split())[:600]
                figures.record(
                    kind,
                    f"{mode.value} {role} {label} → {response.status_code}: {failure.title}: {summary}\n"
                    f"      {sent}",
                )

    try:
        one_case()
    except Unsatisfiable:
        if mode is GenerationMode.POSITIVE:
            raise
        figures.nothing_to_negate.add(label)


def _fuzz(base_url: str, users: dict[str, User | None], ids: dict[str, int], cases: int) -> Figures:
    schema = schemathesis.openapi.from_dict(_schema(), config=SchemathesisConfig.from_dict(CONFIG))
    figures = Figures()
    session = requests.Session()
    for result in schema.get_all_operations():
        operation = result.ok()
        if not operation.path.startswith("/api/v1/"):
            continue
        if not ONLY.search(f"{operation.method.upper()} {operation.path}"):
            continue
        figures.operations += 1
        names = re.findall(r"\{([a-z_]+)\}", operation.path)
        known = {name: ids[name] for name in names if name in ids}
        for role in ROLES:
            for mode in MODES:
                _fuzz_one(operation, role, users[role], base_url, session, cases, figures, mode)
                if names and len(known) == len(names):
                    _fuzz_one(operation, role, users[role], base_url, session, cases, figures, mode, known)
    return figures


def test_every_operation_as_every_role_keeps_to_the_schema(
    live_server: Any,
    search_prefix: str,
    live_heartbeats: None,
    settings: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The throttles and the sign-in lockout would answer 429 (documented) to most of a long
    # run; DRF's throttles read their rates once, into a class attribute.
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(
        SimpleRateThrottle, "THROTTLE_RATES", dict.fromkeys(SimpleRateThrottle.THROTTLE_RATES, "100000/min")
    )
    settings.AXES_ENABLED = False
    # No worker runs here, only the heartbeats recorded at the start: keep them fresh for the
    # whole run (it takes minutes on a loaded machine), or health answers 503 part-way through.
    settings.MEDMATCH_HEARTBEAT_STALE_SECONDS = 3600
    users, ids = _world()

    started = time.monotonic()
    figures = _fuzz(live_server.url, users, ids, CASES)
    seconds = time.monotonic() - started

    print(
        f"\nschemathesis: {figures.operations} operations × {len(ROLES)} roles, "
        f"{figures.cases['positive']} positive and {figures.cases['negative']} negative cases "
        f"in {seconds:.0f} s; server errors {figures.problems['server errors']}, schema violations "
        f"{figures.problems['schema violations']}, "
        f"undocumented statuses {figures.problems['undocumented statuses']}, "
        f"invalid input accepted {figures.problems['invalid input accepted']}; "
        f"{len(figures.nothing_to_negate)} operations take no input to make invalid; "
        f"statuses {dict(sorted(figures.statuses.items()))}"
    )
    for kind, examples in figures.examples.items():
        print(f"  {kind} ({figures.problems[kind]}):")
        for example in examples:
            print(f"    {example}")
    assert figures.operations >= (60 if not ONLY.pattern else 1)
    for mode in MODES:
        assert figures.cases[mode.value] >= figures.operations * len(ROLES), mode
    assert not figures.problems, dict(figures.problems)
