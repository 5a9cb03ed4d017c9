from django.urls import URLPattern, URLResolver, path

from introductions.apis.introductions import (
    IntroductionAuditApi,
    IntroductionDetailApi,
    IntroductionListApi,
    IntroductionOutcomeApi,
)

urlpatterns: list[URLPattern | URLResolver] = [
    path("", IntroductionListApi.as_view(), name="introduction-list"),
    path("<int:introduction_id>/", IntroductionDetailApi.as_view(), name="introduction-detail"),
    path("<int:introduction_id>/outcome/", IntroductionOutcomeApi.as_view(), name="introduction-outcome"),
    path("<int:introduction_id>/audit/", IntroductionAuditApi.as_view(), name="introduction-audit"),
]
