import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from matching.models import Proposal, ProposalStatus


class ProposalFactory(DjangoModelFactory[Proposal]):
    """A proposed pair waiting for review: an open request and a published product of a verified vendor."""

    class Meta:
        model = Proposal

    request = factory.SubFactory("purchasing.tests.factories.PurchaseRequestFactory")
    product = factory.SubFactory("catalog.tests.factories.ProductFactory")
    vendor = factory.SelfAttribute("product.vendor")
    score = 80.0
    score_parts = factory.LazyFunction(lambda: {"category": 25.0, "capacity": 15.0, "price": 10.0})
    criteria = factory.LazyFunction(
        lambda: [
            {"criterion": "capacity", "status": "met", "detail": "capacity ok", "expected": 1, "actual": 2}
        ]
    )
    fingerprint = "0" * 64
    status = ProposalStatus.PROPOSED
    source = "forward"
    computed_at = factory.LazyFunction(timezone.now)
    proposed_at = factory.LazyFunction(timezone.now)
