import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.tests.factories import StaffFactory, VendorUserFactory

pytestmark = pytest.mark.django_db


def test_staff_become_advisers_and_members_cannot() -> None:
    staff = StaffFactory()
    member = VendorUserFactory()

    call_command("adviser", staff.username)
    staff.refresh_from_db()
    assert staff.is_adviser
    with pytest.raises(CommandError, match="not staff"):
        call_command("adviser", member.username)
    call_command("adviser", staff.username, "--remove")
    staff.refresh_from_db()
    assert not staff.is_adviser
