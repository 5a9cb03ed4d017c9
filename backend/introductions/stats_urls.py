from django.urls import URLPattern, URLResolver, path

from introductions.apis import StatsApi

urlpatterns: list[URLPattern | URLResolver] = [
    path("", StatsApi.as_view(), name="stats"),
]
