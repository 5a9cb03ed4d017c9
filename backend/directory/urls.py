from django.urls import path

from directory.apis import ProductSearchApi, SuggestApi, SupplierSearchApi

urlpatterns = [
    path("products/", ProductSearchApi.as_view(), name="search-products"),
    path("suppliers/", SupplierSearchApi.as_view(), name="search-suppliers"),
    path("suggest/", SuggestApi.as_view(), name="search-suggest"),
]
