import datetime
from pathlib import Path

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.tests.factories import StaffFactory
from supplierlists.models import SupplierListImport

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture_upload(name: str = "supplier_list.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (FIXTURES / name).read_bytes())


class SupplierListImportFactory(DjangoModelFactory[SupplierListImport]):
    class Meta:
        model = SupplierListImport

    uploaded_by = factory.SubFactory(StaffFactory)
    sender_name = "Embassy of France in China"
    received_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=3))
    filename = "supplier_list.csv"
    content = factory.LazyFunction(lambda: (FIXTURES / "supplier_list.csv").read_bytes())
