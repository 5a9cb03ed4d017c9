import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from consultations.models import Consultation, ConsultationStatus, ConsultationTopic
from purchasing.filters import StableOrderingFilter


class ConsultationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ConsultationStatus.choices)
    topic = django_filters.ChoiceFilter(choices=ConsultationTopic.choices)
    adviser = extend_schema_field(OpenApiTypes.INT)(
        django_filters.NumberFilter(field_name="adviser_id", help_text="Adviser's user id.")
    )
    ordering = StableOrderingFilter(fields=("created_at", "updated_at", "assigned_at", "closed_at"))

    class Meta:
        model = Consultation
        fields: list[str] = []
