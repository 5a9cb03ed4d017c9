from django.urls import URLPattern, URLResolver, path

from consultations.apis import TradeServicesStatsApi

urlpatterns: list[URLPattern | URLResolver] = [
    path("", TradeServicesStatsApi.as_view(), name="stats-trade-services"),
]
