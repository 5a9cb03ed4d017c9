import factory
from factory.django import DjangoModelFactory

from reference.models import Category, Market, Standard


class CategoryFactory(DjangoModelFactory[Category]):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"category-{n}")
    hs_code = factory.Sequence(lambda n: f"90{n % 100:02d}.90")
    names = factory.LazyAttribute(lambda o: {"en": o.slug.replace("-", " "), "zh": "类别"})
    synonyms = factory.LazyFunction(dict)


class StandardFactory(DjangoModelFactory[Standard]):
    class Meta:
        model = Standard
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"STD {n}")
    title = factory.LazyAttribute(lambda o: f"Standard {o.code}")


class MarketFactory(DjangoModelFactory[Market]):
    class Meta:
        model = Market
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"M{n}")
    name = factory.LazyAttribute(lambda o: f"Market {o.code}")
    countries = factory.LazyFunction(list)
