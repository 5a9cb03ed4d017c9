from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from core.views import spa_index

api_v1 = [
    path("", include("core.urls")),
    path("auth/", include("accounts.urls")),
    path("organizations/", include("organizations.urls")),
    path("products/", include("catalog.urls")),
    path("requests/", include("purchasing.urls")),
    path("", include("reference.urls")),
    path("search/", include("discovery.urls")),
    path("proposals/", include("matching.urls")),
    path("introductions/", include("introductions.urls")),
    path("notifications/", include("introductions.notification_urls")),
    path("stats/trade-services/", include("certificates.stats_urls")),
    path("stats/", include("introductions.stats_urls")),
    path("certificates/", include("certificates.urls")),
    path("consultations/", include("consultations.urls")),
    path("supplier-lists/", include("supplierlists.urls")),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    # Everything else that is not an API, admin or static path is a client-side route.
    re_path(r"^(?!api/|admin/|static/)(?P<path>.*)$", spa_index, name="spa"),
]
