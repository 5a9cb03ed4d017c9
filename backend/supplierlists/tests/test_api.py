"""The supplier-list API, in process: the tasks' work is done by calling their services.

tests/test_supplier_lists_worker.py runs the same flow through a real Celery worker.
"""

import datetime
import re
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import User
from accounts.tests.factories import BuyerUserFactory, VendorUserFactory
from audit.models import AuditEvent
from catalog.models import Product, ProductStatus
from catalog.search_documents import supplier_documents
from catalog.tests.factories import ProductFactory
from organizations.models import Organization
from organizations.tests.factories import PDF_BYTES, ContactFactory, VendorFactory
from supplierlists.models import (
    CandidateStatus,
    ClaimInvitation,
    ImportStatus,
    InvitationStatus,
    MatchCandidate,
    RowStatus,
    SupplierListImport,
)
from supplierlists.services.claims import claim_invitation_send
from supplierlists.services.resolve import supplier_list_resolve
from supplierlists.services.uploads import supplier_list_parse
from supplierlists.services.workers import supplier_lists_catch_up
from supplierlists.tests.factories import FIXTURES, fixture_upload, review_candidate_for
from supplierlists.tests.fixtures.make_supplier_list import USCC_E1

pytestmark = pytest.mark.django_db
PASSWORD = "a long claim passphrase"
BASE = "/api/v1/supplier-lists/"


def _client(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _upload(client: APIClient, file: SimpleUploadedFile, **extra: Any) -> Any:
    data = {"file": file, "sender_name": "Embassy of France in China", "received_on": "2026-11-20", **extra}
    return client.post(BASE, data, format="multipart")


def _imported(staff: User, filename: str = "supplier_list.csv") -> SupplierListImport:
    """Upload, read (the parse task's work), confirm the proposed mapping, resolve (the resolve task's)."""
    client = _client(staff)
    response = _upload(client, fixture_upload(filename))
    assert response.status_code == 202, response.json()
    supplier_list_parse(supplier_list_id=response.json()["id"])
    detail = client.get(f"{BASE}{response.json()['id']}/").json()
    confirmed = client.post(
        f"{BASE}{detail['id']}/mapping/", {"mapping": detail["proposed_mapping"]}, format="json"
    )
    assert confirmed.status_code == 202, confirmed.json()
    return supplier_list_resolve(supplier_list_id=detail["id"])


def test_only_staff_reach_the_supplier_list_endpoints(staff: User) -> None:
    candidate = review_candidate_for(organization=VendorFactory(listed=True), name="Listed Co")
    paths = [
        ("get", BASE),
        ("post", BASE),
        ("get", f"{BASE}{candidate.row.supplier_list_id}/"),
        ("post", f"{BASE}{candidate.row.supplier_list_id}/mapping/"),
        ("get", f"{BASE}{candidate.row.supplier_list_id}/rows/"),
        ("get", f"{BASE}review/"),
        ("post", f"{BASE}review/bulk/"),
        ("post", f"{BASE}review/{candidate.pk}/merge/"),
        ("post", f"{BASE}review/{candidate.pk}/keep-apart/"),
        ("post", f"{BASE}invitations/"),
    ]
    for user, expected in ((None, {401, 403}), (VendorUserFactory(), {403}), (BuyerUserFactory(), {403})):
        for method, path in paths:
            response = getattr(_client(user), method)(path, {}, format="json")
            assert response.status_code in expected, (user, method, path, response.status_code)
    assert _client(staff).get(f"{BASE}review/").status_code == 200


def test_upload_records_the_source_and_a_task_proposes_the_mapping(
    staff: User, django_capture_on_commit_callbacks: Any
) -> None:
    sender = VendorFactory(name="China Chamber of Commerce", kind="buyer", buyer_type="chamber")
    with django_capture_on_commit_callbacks() as callbacks:
        response = _upload(
            _client(staff), fixture_upload("supplier_list.xlsx"), sender_organization=sender.pk
        )

    assert response.status_code == 202, response.json()
    body = response.json()
    assert (body["status"], body["sender_name"], body["sender_organization"]) == (
        "parsing",
        "Embassy of France in China",
        sender.pk,
    )
    assert body["received_on"] == "2026-11-20"
    assert len(callbacks) == 1  # the parse task, after commit
    supplier_list_parse(supplier_list_id=body["id"])
    detail = _client(staff).get(f"{BASE}{body['id']}/").json()
    assert detail["status"] == "mapping"
    assert detail["rows_total"] == 60
    assert detail["header"][:3] == ["中文名称", "企业名称", "truth"]
    proposed = {detail["header"][int(column)]: field for column, field in detail["proposed_mapping"].items()}
    assert proposed == {
        "中文名称": "name_zh",
        "企业名称": "name",
        "电话": "phone",
        "邮箱": "email",
        "联系人": "contact_name",
        "国家": "country",
        "城市": "city",
        "主要产品": "categories",
        "统一社会信用代码": "registration_id",
        "网址": "website",
        "地址": "address",
        "微信": "wechat",
    }
    assert AuditEvent.objects.filter(action="supplier_list.uploaded", object_id=str(body["id"])).exists()


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "unsupported_file_type"),
        (b"Company,Country\n", "empty_file"),
        ("Company,Country\n" + "\n".join(f"Co {n},CN" for n in range(12)), "too_many_rows"),
        ("," * 80 + "x\n1\n", "too_many_columns"),
    ],
)
def test_a_file_the_task_cannot_read_fails_with_its_reason(
    staff: User, settings: Any, content: Any, code: str
) -> None:
    settings.MEDMATCH_MAX_IMPORT_ROWS = 10
    raw = content.encode() if isinstance(content, str) else content
    response = _upload(_client(staff), SimpleUploadedFile("list.csv", raw))
    assert response.status_code == 202

    supplier_list_parse(supplier_list_id=response.json()["id"])

    detail = _client(staff).get(f"{BASE}{response.json()['id']}/").json()
    assert detail["status"] == "failed"
    assert [error["code"] for error in detail["file_errors"]] == [code]


def test_upload_is_bounded_and_validated(staff: User, settings: Any) -> None:
    settings.MEDMATCH_MAX_UPLOAD_BYTES = 100
    too_large = _upload(_client(staff), SimpleUploadedFile("big.csv", b"x" * 101))
    empty = _upload(_client(staff), SimpleUploadedFile("empty.csv", b""))
    future = _upload(_client(staff), SimpleUploadedFile("a.csv", b"a\n1\n"), received_on="2999-01-01")
    missing = _client(staff).post(BASE, {}, format="multipart")

    assert too_large.status_code == 400
    assert too_large.json()["fields"]["file"][0]["code"] == "file_too_large"
    assert empty.json()["fields"]["file"][0]["code"] == "empty_file"
    assert future.json()["fields"]["received_on"][0]["code"] == "future_date"
    assert set(missing.json()["fields"]) == {"file", "sender_name", "received_on"}
    assert not SupplierListImport.objects.exists()


def test_the_mapping_is_checked_before_any_row_is_resolved(staff: User) -> None:
    client = _client(staff)
    list_id = _upload(client, fixture_upload()).json()["id"]
    supplier_list_parse(supplier_list_id=list_id)
    url = f"{BASE}{list_id}/mapping/"

    unknown_field = client.post(url, {"mapping": {"0": "favourite_colour"}}, format="json")
    no_country = client.post(url, {"mapping": {"0": "name"}}, format="json")
    twice = client.post(url, {"mapping": {"0": "name", "1": "name", "2": "country"}}, format="json")
    outside = client.post(url, {"mapping": {"0": "name", "2": "country", "99": "city"}}, format="json")
    good = client.post(url, {"mapping": {"0": "name", "2": "country"}}, format="json")
    again = client.post(url, {"mapping": {"0": "name", "2": "country"}}, format="json")

    assert unknown_field.status_code == 400
    assert "mapping" in unknown_field.json()["fields"]
    assert [e["code"] for e in no_country.json()["fields"]["mapping"]] == ["missing_field"]
    assert [e["code"] for e in twice.json()["fields"]["mapping"]] == ["duplicate_field"]
    assert [e["code"] for e in outside.json()["fields"]["mapping"]] == ["unknown_column"]
    assert good.status_code == 202
    assert good.json()["status"] == "resolving"
    assert again.status_code == 409


def test_rows_with_errors_are_rejected_with_errors_by_field(staff: User, known_vendors: Any) -> None:
    supplier_list = _imported(staff)

    response = _client(staff).get(f"{BASE}{supplier_list.pk}/rows/", {"status": "rejected"})

    rows = {row["number"]: row["field_errors"] for row in response.json()["results"]}
    assert {
        number: {field: [e["code"] for e in errors] for field, errors in row.items()}
        for number, row in rows.items()
    } == {
        35: {"name": ["required"]},
        36: {"country": ["invalid_country"]},
        37: {"registration_id": ["uscc_checksum"]},
        38: {"email": ["invalid_email"]},
    }
    assert all(error["message"] for row in rows.values() for errors in row.values() for error in errors)


def test_figures_per_import(staff: User, known_vendors: Any) -> None:
    supplier_list = _imported(staff)

    figures = _client(staff).get(f"{BASE}{supplier_list.pk}/").json()["figures"]

    assert figures == {
        "rows": 60,
        "created": 36,
        "merged_automatically": 18,
        "sent_to_review": 2,
        "review_open": 2,
        "review_merged": 0,
        "review_kept_apart": 0,
        "rejected": 4,
        "unresolved": 0,
        "review_share": round(2 / 56, 4),
        "pending_share": round(2 / 60, 4),
    }


def test_auto_merge_adds_contacts_and_sources_and_overwrites_nothing(staff: User, known_vendors: Any) -> None:
    e1 = known_vendors["E1"]
    before = {
        field: getattr(e1, field) for field in ("name", "legal_names", "registration_id", "website", "city")
    }

    supplier_list = _imported(staff)

    e1.refresh_from_db()
    assert {field: getattr(e1, field) for field in before} == before
    assert e1.verification_status == "verified"
    assert not e1.listed
    assert e1.sources.count() == 3
    source = e1.sources.first()
    assert source is not None
    assert (source.sender_name, source.received_on) == (
        "Embassy of France in China",
        supplier_list.received_on,
    )
    contacts = {(c.name, c.email) for c in e1.contacts.all()}
    assert ("Li Wei", "") in contacts  # a new person on a known phone
    assert any(email == "xinda_sales@163.com" for _name, email in contacts)
    assert len(contacts) == 3
    rows = {row.number: row for row in supplier_list.rows.filter(organization=e1)}
    assert rows[2].reasons[0] == {"code": "same_registration_id", "params": {"scheme": "uscc"}}
    assert {r["code"] for r in rows[3].reasons} >= {"same_domain", "same_phone", "same_city"}
    name_reason = next(r for r in rows[4].reasons if r["code"] == "name_similar")
    assert name_reason["params"]["suffix_removed"] is True
    assert name_reason["params"]["score"] >= 0.9


def test_rows_new_to_the_platform_become_listed_organisations_visible_to_staff_only(
    staff: User, known_vendors: Any
) -> None:
    supplier_list = _imported(staff)
    created = Organization.objects.filter(
        pk__in=supplier_list.rows.filter(status=RowStatus.CREATED).values("organization")
    )
    kangning = created.get(name="Jiangsu Kangning Medical Supplies Co., Ltd.")
    ProductFactory(vendor=kangning, status=ProductStatus.PUBLISHED)

    anonymous = _client(None).get("/api/v1/organizations/", {"page_size": 200}).json()["results"]
    vendor = _client(VendorUserFactory()).get("/api/v1/organizations/", {"page_size": 200}).json()["results"]
    seen_by_staff = _client(staff).get("/api/v1/organizations/", {"page_size": 200}).json()["results"]

    assert created.count() == 36
    assert all(
        organization.listed and organization.verification_status == "unverified" for organization in created
    )
    assert kangning.legal_names == {
        "en": "Jiangsu Kangning Medical Supplies Co., Ltd.",
        "zh": "江苏康宁医疗用品有限公司",
    }
    assert kangning.registration_id
    listed_ids = set(created.values_list("pk", flat=True))
    assert not listed_ids & {o["id"] for o in anonymous}
    assert not listed_ids & {o["id"] for o in vendor}
    assert listed_ids <= {o["id"] for o in seen_by_staff} or len(seen_by_staff) == 200
    assert _client(None).get(f"/api/v1/organizations/{kangning.pk}/").status_code == 404
    assert supplier_documents([kangning.pk]) == {}  # never in the public supplier index
    assert not Product.objects.public().filter(vendor=kangning).exists()  # nor in search and matching


def test_review_queue_shows_both_sides_and_staff_merge_or_keep_apart(staff: User, known_vendors: Any) -> None:
    supplier_list = _imported(staff)
    client = _client(staff)

    queue = client.get(f"{BASE}review/", {"supplier_list": supplier_list.pk}).json()["results"]

    assert [item["row"]["number"] for item in queue] == [34, 33]  # best score first
    huaxin, xinda = queue
    assert xinda["organization"]["id"] == known_vendors["E1"].pk
    assert xinda["row"]["values"]["name"] == "Xinda Medical"
    assert xinda["organization"]["registration_id"] == USCC_E1
    assert [reason["code"] for reason in xinda["reasons"]] == ["name_similar"]
    merged = client.post(f"{BASE}review/{xinda['id']}/merge/")
    kept = client.post(f"{BASE}review/{huaxin['id']}/keep-apart/")
    twice = client.post(f"{BASE}review/{huaxin['id']}/merge/")

    assert merged.status_code == 200, merged.json()
    assert merged.json()["status"] == "merged"
    assert kept.json()["status"] == "kept_apart"
    assert twice.status_code == 409
    assert known_vendors["E1"].sources.count() == 4
    new = Organization.objects.get(pk=kept.json()["row"]["organization"])
    assert (new.name, new.listed) == ("Huaxin Medical Co.", True)
    figures = client.get(f"{BASE}{supplier_list.pk}/").json()["figures"]
    assert (figures["review_open"], figures["review_merged"], figures["review_kept_apart"]) == (0, 1, 1)
    assert figures["pending_share"] == 0.0
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {
        "supplier_list.candidate_merged",
        "supplier_list.candidate_kept_apart",
        "organization.list_merged",
    } <= actions


def test_bulk_review_decides_all_or_nothing(staff: User) -> None:
    target = VendorFactory(listed=True)
    first = review_candidate_for(organization=target, name="Alpha Medical")
    second = review_candidate_for(organization=target, name="Alpha Medical Co")
    client = _client(staff)

    missing = client.post(
        f"{BASE}review/bulk/", {"action": "merge", "ids": [first.pk, 999999]}, format="json"
    )
    done = client.post(
        f"{BASE}review/bulk/", {"action": "merge", "ids": [first.pk, second.pk]}, format="json"
    )
    again = client.post(f"{BASE}review/bulk/", {"action": "keep_apart", "ids": [first.pk]}, format="json")
    wrong = client.post(f"{BASE}review/bulk/", {"action": "approve", "ids": []}, format="json")
    huge = client.post(f"{BASE}review/bulk/", {"action": "merge", "ids": [10**30]}, format="json")

    assert missing.status_code == 400
    assert done.status_code == 200, done.json()
    assert done.json()["count"] == 2
    assert again.status_code == 409
    assert set(wrong.json()["fields"]) == {"action", "ids"}
    assert huge.status_code == 400
    assert set(MatchCandidate.objects.values_list("status", flat=True)) == {CandidateStatus.MERGED}
    assert target.sources.count() == 2


def _invite(staff: User, organization: Organization, **extra: Any) -> Any:
    return _client(staff).post(
        f"{BASE}invitations/", {"organizations": [organization.pk], **extra}, format="json"
    )


def test_claim_flow_invite_link_password_documents_verification(staff: User, media: Any) -> None:
    listed = VendorFactory(
        name="Xiamen Hongfa Medical Devices",
        legal_names={"zh": "厦门宏发医疗设备有限公司"},
        registration_id="",
        listed=True,
    )
    ContactFactory(organization=listed, email="hongfa@example.cn")

    invited = _invite(staff, listed)
    assert invited.status_code == 201, invited.json()
    invitation = ClaimInvitation.objects.get(pk=invited.json()["invitations"][0]["id"])
    assert (invitation.email, invitation.language, invitation.status) == ("hongfa@example.cn", "zh", "queued")
    assert claim_invitation_send(invitation_id=invitation.pk) is True
    assert claim_invitation_send(invitation_id=invitation.pk) is False  # sent once only

    message = mail.outbox[-1]
    assert message.to == ["hongfa@example.cn"]
    assert "厦门宏发医疗设备有限公司" in message.subject
    token = re.search(r"/claim\?token=([\w-]+)", message.body).group(1)  # type: ignore[union-attr]
    anonymous = _client(None)
    shown = anonymous.get(f"{BASE}claim/", {"token": token})
    weak = anonymous.post(
        f"{BASE}claim/", {"token": token, "password": "123", "full_name": "Chen"}, format="json"
    )
    claimed = anonymous.post(
        f"{BASE}claim/", {"token": token, "password": PASSWORD, "full_name": "Chen Hong"}, format="json"
    )
    reused = anonymous.post(
        f"{BASE}claim/", {"token": token, "password": PASSWORD, "full_name": "X"}, format="json"
    )

    assert shown.status_code == 200
    assert shown.json()["organization"] == "Xiamen Hongfa Medical Devices"
    assert weak.status_code == 400
    assert "password" in weak.json()["fields"]
    assert claimed.status_code == 201, claimed.json()
    assert claimed.json()["organization_id"] == listed.pk
    assert claimed.json()["role"] == "vendor"
    assert reused.json()["fields"]["token"][0]["code"] == "used_token"
    listed.refresh_from_db()
    assert not listed.listed

    member = APIClient()
    assert (
        member.post(
            "/api/v1/auth/login/", {"email": "hongfa@example.cn", "password": PASSWORD}, format="json"
        ).status_code
        == 200
    )
    assert member.get(f"/api/v1/organizations/{listed.pk}/").status_code == 200
    no_code = member.post(f"/api/v1/organizations/{listed.pk}/request-verification/")
    member.post(
        f"/api/v1/organizations/{listed.pk}/documents/",
        {"document_type": "business_licence", "file": SimpleUploadedFile("licence.pdf", PDF_BYTES)},
        format="multipart",
    )
    assert no_code.status_code == 400
    assert no_code.json()["fields"]["registration_id"][0]["code"] == "required"
    patched = member.patch(f"/api/v1/organizations/{listed.pk}/", {"registration_id": USCC_E1}, format="json")
    assert patched.status_code == 200, patched.json()
    requested = member.post(f"/api/v1/organizations/{listed.pk}/request-verification/")
    assert requested.status_code == 200, requested.json()
    assert requested.json()["verification_status"] == "pending"
    actions = list(AuditEvent.objects.filter(object_id=str(listed.pk)).values_list("action", flat=True))
    assert {
        "organization.claim_invited",
        "organization.claimed",
        "organization.verification_requested",
    } <= set(actions)


def test_a_claim_link_expires_and_a_new_invitation_replaces_the_old(staff: User) -> None:
    listed = VendorFactory(listed=True, country="FR", registration_id="")
    ContactFactory(organization=listed, email="contact@lemaire.example.fr")
    first = ClaimInvitation.objects.get(pk=_invite(staff, listed).json()["invitations"][0]["id"])
    claim_invitation_send(invitation_id=first.pk)
    old_token = re.search(r"token=([\w-]+)", mail.outbox[-1].body).group(1)  # type: ignore[union-attr]
    assert "Revendiquez" in mail.outbox[-1].subject  # French for a French vendor

    ClaimInvitation.objects.filter(pk=first.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    expired = _client(None).get(f"{BASE}claim/", {"token": old_token})
    second = _invite(staff, listed, email="boss@lemaire.example.fr")
    revoked = _client(None).get(f"{BASE}claim/", {"token": old_token})
    garbage = _client(None).post(
        f"{BASE}claim/", {"token": "nope", "password": PASSWORD, "full_name": "X"}, format="json"
    )

    assert expired.json()["fields"]["token"][0]["code"] == "expired_token"
    assert second.status_code == 201
    assert second.json()["invitations"][0]["email"] == "boss@lemaire.example.fr"
    assert revoked.json()["fields"]["token"][0]["code"] == "invalid_token"
    assert garbage.status_code == 400
    first.refresh_from_db()
    assert first.status == InvitationStatus.REVOKED


def test_invitations_are_refused_per_organisation_with_reasons(staff: User) -> None:
    claimed = VendorUserFactory().organization
    listed_without_email = VendorFactory(listed=True)
    listed = VendorFactory(listed=True)
    ContactFactory(organization=listed)

    some = _client(staff).post(
        f"{BASE}invitations/",
        {"organizations": [claimed.pk, listed_without_email.pk, listed.pk, 999999]},
        format="json",
    )
    none = _client(staff).post(f"{BASE}invitations/", {"organizations": [claimed.pk]}, format="json")
    email_for_many = _client(staff).post(
        f"{BASE}invitations/",
        {"organizations": [listed.pk, claimed.pk], "email": "a@b.example"},
        format="json",
    )

    assert some.status_code == 201
    assert [i["organization"] for i in some.json()["invitations"]] == [listed.pk]
    assert {(r["organization"], r["code"]) for r in some.json()["refused"]} == {
        (claimed.pk, "not_listed"),
        (listed_without_email.pk, "no_email"),
        (999999, "not_found"),
    }
    assert none.status_code == 400
    assert email_for_many.status_code == 400


def test_lost_tasks_are_handed_out_again_and_a_broker_outage_loses_nothing(
    staff: User, broker_down: None
) -> None:
    response = _upload(_client(staff), fixture_upload())
    assert response.status_code == 202  # the broker is down; the upload is kept
    listed = VendorFactory(listed=True)
    ContactFactory(organization=listed)
    assert _invite(staff, listed).status_code == 201
    later = timezone.now() + datetime.timedelta(hours=1)

    assert supplier_lists_catch_up(now=later) == {"parsing": 1, "resolving": 0, "invitations": 1}
    assert supplier_lists_catch_up(now=timezone.now() - datetime.timedelta(hours=1))["parsing"] == 0
    assert (FIXTURES / "supplier_list.csv").exists()
    assert SupplierListImport.objects.get().status == ImportStatus.PARSING


def test_staff_allow_a_source_s_organisations_as_matching_candidates(staff: User, known_vendors: Any) -> None:
    supplier_list = _imported(staff)
    url = f"{BASE}{supplier_list.pk}/"

    allowed = _client(staff).patch(url, {"allow_matching": True}, format="json")
    invalid = _client(staff).patch(url, {"allow_matching": "perhaps"}, format="json")

    assert allowed.status_code == 200
    assert allowed.json()["allow_matching"] is True
    assert invalid.status_code == 400
    kangning = Organization.objects.get(name="Jiangsu Kangning Medical Supplies Co., Ltd.")
    assert list(kangning.sources.values_list("allow_matching", flat=True)) == [True, True, True]
    assert not known_vendors["E3"].sources.filter(allow_matching=False).exists()
    assert AuditEvent.objects.filter(action="supplier_list.matching_allowed").count() == 1


def test_the_invitations_page_lists_the_organisations_lists_brought_in_with_their_invitation(
    staff: User,
) -> None:
    supplier_list = _imported(staff)
    listed = Organization.objects.filter(
        listed=True, pk__in=supplier_list.rows.values("organization")
    ).first()
    assert listed is not None
    assert _invite(staff, listed, email="sales@listed.example").status_code == 201
    elsewhere = VendorFactory(listed=True)  # listed by hand, not by a list

    everything = _client(staff).get(f"{BASE}invitations/")
    of_list = _client(staff).get(f"{BASE}invitations/", {"supplier_list": supplier_list.pk, "page_size": 100})
    bad = _client(staff).get(f"{BASE}invitations/", {"supplier_list": "x"})
    vendor = _client(VendorUserFactory()).get(f"{BASE}invitations/")

    assert everything.status_code == 200
    assert of_list.status_code == 200
    ids = {item["id"] for item in of_list.json()["results"]}
    assert listed.pk in ids
    assert elsewhere.pk not in ids
    assert ids == set(supplier_list.rows.exclude(organization=None).values_list("organization", flat=True))
    item = next(i for i in of_list.json()["results"] if i["id"] == listed.pk)
    assert item["invitation"]["status"] == "queued"
    assert item["invitation"]["email"] == "sales@listed.example"
    others = [i for i in of_list.json()["results"] if i["id"] != listed.pk]
    assert all(i["invitation"] is None for i in others)
    assert bad.status_code == 400
    assert "supplier_list" in bad.json()["fields"]
    assert vendor.status_code == 403
