from django.urls import path

from reference.apis import (
    CategoryDetailApi,
    CategoryInferApi,
    CategoryListApi,
    ExchangeRateListApi,
    MarketListApi,
    StandardListApi,
)

urlpatterns = [
    path("taxonomy/categories/", CategoryListApi.as_view(), name="taxonomy-category-list"),
    path("taxonomy/categories/infer/", CategoryInferApi.as_view(), name="taxonomy-category-infer"),
    path("taxonomy/categories/<int:pk>/", CategoryDetailApi.as_view(), name="taxonomy-category-detail"),
    path("reference/markets/", MarketListApi.as_view(), name="reference-market-list"),
    path("reference/standards/", StandardListApi.as_view(), name="reference-standard-list"),
    path("reference/exchange-rates/", ExchangeRateListApi.as_view(), name="reference-exchange-rate-list"),
]
