import hashlib

import factory
from factory.django import DjangoModelFactory

from accounts.tests.factories import StaffFactory
from consultations.models import Consultation, ConsultationAttachment, ConsultationMessage, ConsultationTopic
from organizations.tests.factories import PDF_BYTES, VendorFactory


class AdviserFactory(StaffFactory):
    is_adviser = True
    username = factory.Sequence(lambda n: f"adviser{n}@medmatch.example")


class ConsultationFactory(DjangoModelFactory[Consultation]):
    class Meta:
        model = Consultation

    organization = factory.SubFactory(VendorFactory)
    topic = ConsultationTopic.FORCE_MAJEURE
    subject = factory.Sequence(lambda n: f"Can we invoke force majeure against buyer {n}?")
    description = "Our factory was closed by the lockdown order; the buyer claims penalties."


class ConsultationMessageFactory(DjangoModelFactory[ConsultationMessage]):
    class Meta:
        model = ConsultationMessage

    consultation = factory.SubFactory(ConsultationFactory)
    from_adviser = False
    body = "Here is the contract clause 14."


class ConsultationAttachmentFactory(DjangoModelFactory[ConsultationAttachment]):
    class Meta:
        model = ConsultationAttachment

    consultation = factory.SubFactory(ConsultationFactory)
    file = factory.django.FileField(data=PDF_BYTES, filename="contract.pdf")
    original_name = "contract.pdf"
    content_type = "application/pdf"
    size = len(PDF_BYTES)
    sha256 = factory.LazyFunction(lambda: hashlib.sha256(PDF_BYTES).hexdigest())
