import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.models import User
from accounts.tests.factories import StaffFactory
from catalog.tests.factories import ProductFactory
from introductions.models import Introduction, Notification
from introductions.services import introduction_create
from matching.models import Proposal, ProposalStatus
from purchasing.tests.factories import PurchaseRequestFactory


class ProposalFactory(DjangoModelFactory[Proposal]):
    """A proposed (request, vendor, product) candidate; ``approved=True`` for a decided one."""

    class Meta:
        model = Proposal

    request = factory.SubFactory(PurchaseRequestFactory)
    product = factory.SubFactory(ProductFactory)
    vendor = factory.SelfAttribute("product.vendor")
    score = 82.5
    score_parts = factory.LazyFunction(lambda: {"category": 30.0, "capacity": 20.0, "certificates": 32.5})
    criteria = factory.LazyFunction(
        lambda: [
            {"criterion": "category", "status": "met", "detail": "same category"},
            {"criterion": "capacity", "status": "met", "detail": "capacity covers the quantity"},
        ]
    )
    fingerprint = factory.Sequence(lambda n: f"{n:064x}")
    status = ProposalStatus.PROPOSED
    computed_at = factory.LazyFunction(timezone.now)
    proposed_at = factory.LazyFunction(timezone.now)

    class Params:
        approved = factory.Trait(
            status=ProposalStatus.APPROVED,
            decided_at=factory.LazyFunction(timezone.now),
            decision_reason="Good match.",
        )


def introduction_for(
    *, proposal: Proposal | None = None, actor: User | None = None, **fields: object
) -> Introduction:
    """An approved proposal turned into an introduction by the real service."""
    if proposal is None:
        proposal = ProposalFactory(approved=True, **fields)
    elif proposal.status != ProposalStatus.APPROVED:
        proposal.status = ProposalStatus.APPROVED
        proposal.save(update_fields=["status"])
    return introduction_create(proposal=proposal, actor=actor or StaffFactory())


class NotificationFactory(DjangoModelFactory[Notification]):
    class Meta:
        model = Notification

    user = factory.SubFactory("accounts.tests.factories.UserFactory")
    kind = "introduction.created"
    title = factory.Sequence(lambda n: f"Notification {n}")
    body = "Something happened."
