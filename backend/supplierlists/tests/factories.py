import datetime
from pathlib import Path

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.tests.factories import StaffFactory
from organizations.models import Organization
from supplierlists.cleaning import row_clean
from supplierlists.models import ImportStatus, MatchCandidate, RowStatus, SupplierListImport, SupplierListRow

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


def review_candidate_for(
    *, organization: Organization, name: str, country: str = "CN", city: str = "", score: float = 0.8
) -> MatchCandidate:
    """An open review candidate: a resolved row of a mapped list that may be ``organization``."""
    header = ["Company", "Country", "City", "E-mail"]
    mapping = {"0": "name", "1": "country", "2": "city", "3": "email"}
    supplier_list = SupplierListImportFactory(
        status=ImportStatus.DONE, header=header, proposed_mapping=mapping, mapping=mapping, rows_total=1
    )
    cells = {"0": name, "1": country, **({"2": city} if city else {}), "3": "info@candidate.example"}
    data, errors = row_clean(cells=cells, mapping=mapping)
    assert not errors, errors
    reasons = [{"code": "name_similar", "params": {"score": score, "suffix_removed": False}}]
    row = SupplierListRow.objects.create(
        supplier_list=supplier_list,
        number=2,
        cells=cells,
        data=data,
        status=RowStatus.REVIEW,
        score=score,
        reasons=reasons,
    )
    return MatchCandidate.objects.create(row=row, organization=organization, score=score, reasons=reasons)
