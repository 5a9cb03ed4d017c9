import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from purchasing.models import DuplicateFlag, ImportBatch, PurchaseRequest, RequestStatus, end_user_key


class PurchaseRequestFactory(DjangoModelFactory[PurchaseRequest]):
    """An open request from a verified buyer (hospital) for 10,000 pieces, needed in 30 days."""

    class Meta:
        model = PurchaseRequest
        skip_postgeneration_save = True

    buyer = factory.SubFactory("organizations.tests.factories.BuyerFactory", verified=True)
    category = factory.SubFactory("reference.tests.factories.CategoryFactory")
    title = factory.Sequence(lambda n: f"Request {n}: surgical masks")
    description = "3-ply, ear loops"
    language = "en"
    end_user = ""
    end_user_key = factory.LazyAttribute(lambda o: end_user_key(o.end_user))
    quantity = 10_000
    unit = "piece"
    destination_country = "FR"
    needed_by = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    status = RequestStatus.OPEN

    @factory.post_generation
    def required_standards(self, create: bool, extracted: list[object] | None, **kwargs: object) -> None:
        if create and extracted:
            self.required_standards.set(extracted)


class ImportBatchFactory(DjangoModelFactory[ImportBatch]):
    class Meta:
        model = ImportBatch

    buyer = factory.SubFactory("organizations.tests.factories.BuyerFactory")
    filename = factory.Sequence(lambda n: f"requests-{n}.csv")
    row_count = 0


class DuplicateFlagFactory(DjangoModelFactory[DuplicateFlag]):
    class Meta:
        model = DuplicateFlag

    duplicate_of = factory.SubFactory(PurchaseRequestFactory)
    request = factory.SubFactory(
        PurchaseRequestFactory,
        buyer=factory.SelfAttribute("..duplicate_of.buyer"),
        category=factory.SelfAttribute("..duplicate_of.category"),
    )
    reason = "Same buyer, same category, overlapping dates."
