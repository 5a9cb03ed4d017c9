import django_filters

from consultations.models import Consultation, ConsultationStatus, ConsultationTopic
from core.filters import IdFilter, OrderingFilter


class ConsultationFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=ConsultationStatus.choices)
    topic = django_filters.ChoiceFilter(choices=ConsultationTopic.choices)
    adviser = IdFilter(field_name="adviser_id", help_text="Adviser's user id.")
    ordering = OrderingFilter(fields=("created_at", "updated_at", "assigned_at", "closed_at"))

    class Meta:
        model = Consultation
        fields: list[str] = []
