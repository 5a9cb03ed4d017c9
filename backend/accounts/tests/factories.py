import factory
from factory.django import DjangoModelFactory

from accounts.models import User


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}@example.org")
    email = factory.SelfAttribute("username")
    first_name = factory.Faker("name")
    password = factory.django.Password("correct horse battery staple")
    organization = None


class StaffFactory(UserFactory):
    is_staff = True
    username = factory.Sequence(lambda n: f"staff{n}@medmatch.example")


class VendorUserFactory(UserFactory):
    organization = factory.SubFactory("organizations.tests.factories.VendorFactory")


class BuyerUserFactory(UserFactory):
    organization = factory.SubFactory("organizations.tests.factories.BuyerFactory")
