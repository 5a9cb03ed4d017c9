from typing import Literal

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework import serializers


class AutoSchema(SpectacularAutoSchema):
    """Names nested serializers after their API (``HealthApi.OutputSerializer`` → ``HealthApiOutput``).

    The house style nests Input/OutputSerializer inside each API class, so the
    bare class names would collide in the schema's components.
    """

    def get_serializer_name(
        self,
        serializer: serializers.Serializer,  # type: ignore[type-arg]
        direction: Literal["request", "response"],
    ) -> str:
        name = super().get_serializer_name(serializer, direction)
        qualname = type(serializer).__qualname__
        if "." in qualname and not getattr(getattr(serializer, "Meta", None), "ref_name", None):
            outer = qualname.split(".")[-2]
            return f"{outer}{name}"
        return name
