from django.urls import URLPattern, URLResolver, path

from introductions.apis.stats import StatsApi

urlpatterns: list[URLPattern | URLResolver] = [
    path("", StatsApi.as_view(), name="stats"),
]
