import datetime

import pytest
from django.utils import timezone

from accounts.models import User
from accounts.tests.factories import BuyerUserFactory
from audit.selectors import audit_trail
from organizations.models import BuyerType, Contact, Organization
from organizations.tests.factories import BuyerFactory
from outbox.models import OutboxEntry
from purchasing.models import DuplicateFlag, PurchaseRequest
from purchasing.services.duplicates import duplicate_flags_detect
from purchasing.tests.conftest import client_for
from purchasing.tests.factories import DuplicateFlagFactory, PurchaseRequestFactory
from reference.models import Category

pytestmark = pytest.mark.django_db

URL = "/api/v1/requests/"
DUPLICATES = f"{URL}duplicates/"


def _in(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def _post(user: User, **fields: object) -> dict[str, object]:
    payload: dict[str, object] = {"title": "Masks", "quantity": 1000, "destination_country": "CM"}
    payload.update(fields)
    response = client_for(user).post(URL, payload, format="json")
    assert response.status_code == 201, response.json()
    body: dict[str, object] = response.json()
    return body


def test_same_buyer_same_category_overlapping_dates_is_flagged(
    buyer_member: User, buyer: Organization, masks: Category
) -> None:
    existing = PurchaseRequestFactory(buyer=buyer, category=masks, needed_by=None)

    created = _post(buyer_member, category=masks.pk, needed_by=_in(15))

    flag = DuplicateFlag.objects.get()
    assert (flag.request_id, flag.duplicate_of_id, flag.status) == (created["id"], existing.pk, "open")
    assert "Same buyer" in flag.reason
    assert created["has_duplicates"] is True
    listed = client_for(buyer_member).get(URL, {"has_duplicates": "true"}).json()["results"]
    assert {item["id"] for item in listed} == {existing.pk, created["id"]}


def test_same_end_user_reported_by_an_embassy_and_a_chamber_is_flagged(masks: Category) -> None:
    embassy = BuyerUserFactory(
        organization=BuyerFactory(buyer_type=BuyerType.EMBASSY, name="Embassy of Cameroon")
    )
    chamber = BuyerUserFactory(
        organization=BuyerFactory(buyer_type=BuyerType.CHAMBER, name="Chamber of Commerce")
    )
    first = _post(embassy, category=masks.pk, end_user="Hôpital Central de Yaoundé", needed_by=_in(30))

    second = _post(chamber, category=masks.pk, end_user="  hôpital central  de YAOUNDÉ ", needed_by=_in(10))

    flag = DuplicateFlag.objects.get()
    assert (flag.request_id, flag.duplicate_of_id) == (second["id"], first["id"])
    assert "Same end user" in flag.reason
    # Each buyer sees only its own side of the pair.
    chamber_view = client_for(chamber).get(f"{URL}{second['id']}/")
    assert chamber_view.json()["has_duplicates"] is True
    assert client_for(chamber).get(f"{URL}{first['id']}/").status_code == 404


@pytest.mark.parametrize(
    "case",
    [
        "other_category",
        "no_category",
        "other_buyer_other_end_user",
        "other_buyer_blank_end_users",
        "closed",
        "expired",
        "window_ended",
    ],
)
def test_not_duplicates(
    buyer_member: User, buyer: Organization, masks: Category, gloves: Category, case: str
) -> None:
    fields: dict[str, object] = {"buyer": buyer, "category": masks, "end_user": "CHU Lyon", "status": "open"}
    new_end_user = "CHU Lyon"
    if case == "other_category":
        fields["category"] = gloves
    elif case == "no_category":
        fields["category"] = None
    elif case == "other_buyer_other_end_user":
        fields.update(buyer=BuyerFactory(), end_user="Another hospital")
    elif case == "other_buyer_blank_end_users":
        fields.update(buyer=BuyerFactory(), end_user="")
        new_end_user = ""
    elif case in ("closed", "expired"):
        fields["status"] = case
    elif case == "window_ended":
        fields["needed_by"] = timezone.localdate() - datetime.timedelta(days=1)
    existing = PurchaseRequestFactory(**fields)
    if case == "window_ended":
        PurchaseRequest.objects.filter(pk=existing.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=30)
        )

    _post(buyer_member, category=masks.pk, end_user=new_end_user, needed_by=_in(20))

    assert not DuplicateFlag.objects.exists()


def test_windows_without_needed_by_are_open_ended(buyer: Organization, masks: Category) -> None:
    old = PurchaseRequestFactory(buyer=buyer, category=masks, needed_by=None)
    PurchaseRequest.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=400))
    old.refresh_from_db()
    new = PurchaseRequestFactory(buyer=buyer, category=masks, needed_by=None)

    flags = duplicate_flags_detect(purchase_requests=[new])

    assert [(flag.request_id, flag.duplicate_of_id) for flag in flags] == [(new.pk, old.pk)]
    # A pair is flagged once, whichever side is checked again.
    assert duplicate_flags_detect(purchase_requests=[old]) == []
    assert duplicate_flags_detect(purchase_requests=[new]) == []
    assert DuplicateFlag.objects.count() == 1


def test_an_edit_that_makes_a_duplicate_is_flagged(
    buyer_member: User, buyer: Organization, masks: Category, gloves: Category
) -> None:
    existing = PurchaseRequestFactory(buyer=buyer, category=masks)
    edited = PurchaseRequestFactory(buyer=buyer, category=gloves)
    assert not DuplicateFlag.objects.exists()

    response = client_for(buyer_member).patch(f"{URL}{edited.pk}/", {"category": masks.pk}, format="json")

    assert response.status_code == 200
    assert DuplicateFlag.objects.filter(request=edited, duplicate_of=existing).exists()


def test_duplicate_list_is_for_staff_and_summarises_both_requests(
    staff: User, buyer_member: User, vendor_member: User, buyer_contact: Contact
) -> None:
    flag = DuplicateFlagFactory(
        duplicate_of__buyer=buyer_contact.organization, duplicate_of__end_user="CHU Lyon"
    )
    DuplicateFlagFactory(status="dismissed")

    assert client_for(None).get(DUPLICATES).status_code in (401, 403)
    assert client_for(vendor_member).get(DUPLICATES).status_code == 403
    assert client_for(buyer_member).get(DUPLICATES).status_code == 403
    response = client_for(staff).get(DUPLICATES)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["results"][0]
    assert item["id"] == flag.pk
    assert item["request"]["id"] == flag.request_id
    assert item["duplicate_of"]["id"] == flag.duplicate_of_id
    assert item["duplicate_of"]["end_user"] == "CHU Lyon"
    assert item["duplicate_of"]["buyer"]["id"] == buyer_contact.organization_id
    text = response.content.decode()
    assert buyer_contact.email not in text
    assert buyer_contact.phone not in text
    assert client_for(staff).get(DUPLICATES, {"status": "dismissed"}).json()["count"] == 1
    assert client_for(staff).get(DUPLICATES, {"status": "nonsense"}).status_code == 400


def test_merge_closes_the_newer_request_into_the_older(staff: User) -> None:
    flag = DuplicateFlagFactory()

    response = client_for(staff).post(f"{DUPLICATES}{flag.pk}/merge/")

    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "merged"
    flag.refresh_from_db()
    flag.request.refresh_from_db()
    flag.duplicate_of.refresh_from_db()
    assert flag.status == "merged"
    assert (flag.request.status, flag.duplicate_of.status) == ("closed", "open")
    assert flag.duplicate_of.quantity == 10_000  # nothing is summed
    transition = audit_trail(target=flag.request).get(action="requests.transitioned")
    assert (transition.from_state, transition.to_state, transition.reason, transition.actor) == (
        "open",
        "closed",
        f"merged into #{flag.duplicate_of_id}",
        staff,
    )
    merged = audit_trail(target=flag).get(action="requests.duplicate_merged")
    assert (merged.from_state, merged.to_state) == ("open", "merged")
    assert OutboxEntry.objects.filter(entity="request", entity_id=flag.request_id).count() == 1
    again = client_for(staff).post(f"{DUPLICATES}{flag.pk}/merge/")
    assert again.status_code == 409


def test_merge_into_a_closed_request_is_a_conflict(staff: User) -> None:
    flag = DuplicateFlagFactory(duplicate_of__status="closed")

    response = client_for(staff).post(f"{DUPLICATES}{flag.pk}/merge/")

    assert response.status_code == 409
    flag.refresh_from_db()
    assert flag.status == "open"


def test_dismiss_records_the_decision(staff: User) -> None:
    flag = DuplicateFlagFactory()

    response = client_for(staff).post(
        f"{DUPLICATES}{flag.pk}/dismiss/", {"reason": "Different wards, different needs"}, format="json"
    )

    assert response.status_code == 200, response.json()
    flag.refresh_from_db()
    assert flag.status == "dismissed"
    assert flag.request.status == "open"
    event = audit_trail(target=flag).get(action="requests.duplicate_dismissed")
    assert (event.from_state, event.to_state, event.reason, event.actor) == (
        "open",
        "dismissed",
        "Different wards, different needs",
        staff,
    )
    assert client_for(staff).post(f"{DUPLICATES}{flag.pk}/dismiss/").status_code == 409
    assert client_for(staff).post(f"{DUPLICATES}{flag.pk}/merge/").status_code == 409


def test_merge_and_dismiss_per_role(buyer_member: User, vendor_member: User, staff: User) -> None:
    flag = DuplicateFlagFactory(duplicate_of__buyer=buyer_member.organization)

    for action in ("merge", "dismiss"):
        url = f"{DUPLICATES}{flag.pk}/{action}/"
        assert client_for(None).post(url).status_code in (401, 403)
        assert client_for(vendor_member).post(url).status_code == 403
        assert client_for(buyer_member).post(url).status_code == 403
    assert client_for(staff).post(f"{DUPLICATES}999999/merge/").status_code == 404
    flag.refresh_from_db()
    assert flag.status == "open"


def test_import_response_hides_other_organisations_requests(masks: Category) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    embassy = BuyerUserFactory(organization=BuyerFactory(buyer_type=BuyerType.EMBASSY))
    chamber = BuyerUserFactory(organization=BuyerFactory(buyer_type=BuyerType.CHAMBER))
    theirs = _post(embassy, category=masks.pk, end_user="Yaoundé Central Hospital")
    content = (
        "title,category,quantity,destination_country,end_user\n"
        "Masks,test-surgical-masks,5,CM,yaoundé central hospital\n"
    )

    from purchasing.services.imports import purchase_request_import_run

    queued = client_for(chamber).post(
        f"{URL}import/", {"file": SimpleUploadedFile("r.csv", content.encode())}, format="multipart"
    )
    assert queued.status_code == 202, queued.json()
    purchase_request_import_run(job_id=queued.json()["id"])
    response = client_for(chamber).get(queued.json()["status_url"])

    assert response.json()["status"] == "succeeded", response.json()
    [flag] = response.json()["duplicate_flags"]
    assert flag["request"] == response.json()["created"][0]
    assert flag["duplicate_of"] is None
    assert DuplicateFlag.objects.get().duplicate_of_id == theirs["id"]
