"""The benchmark data generator reaches the totals asked for, and a second run adds nothing."""

from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate import generate
from catalog.models import Product
from organizations.models import Organization, OrganizationKind
from purchasing.models import PurchaseRequest

pytestmark = [pytest.mark.django_db]


def test_generation_reaches_the_totals_asked_for_and_resumes_without_adding(
    tmp_path: Path, settings: Any
) -> None:
    # Through the fixture, so that the storage is restored for the tests that follow.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    first = generate(products=600, vendors=12, requests=30, show_progress=False)
    assert (first["products"], first["vendors"], first["requests"]) == (600, 12, 30)
    assert Organization.objects.filter(kind=OrganizationKind.VENDOR).count() == 12
    again = generate(products=600, vendors=12, requests=30, show_progress=False)
    assert again["added_products"] == 0
    assert (Product.objects.count(), PurchaseRequest.objects.count()) == (600, 30)
