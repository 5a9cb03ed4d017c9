"""Flag a staff user as a legal adviser (or unflag them): `manage.py adviser staff@example.org [--remove]`."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User


class Command(BaseCommand):
    help = "Make a staff user an adviser who can be given legal consultations (or stop it with --remove)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username", help="The staff user's username (usually the e-mail address).")
        parser.add_argument("--remove", action="store_true", help="Remove the adviser flag.")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user {options['username']}.")
        if not user.is_staff and not options["remove"]:
            raise CommandError(f"{user.username} is not staff; only staff can be advisers.")
        user.is_adviser = not options["remove"]
        user.save(update_fields=["is_adviser"])
        self.stdout.write(f"{user.username}: adviser={user.is_adviser}")
