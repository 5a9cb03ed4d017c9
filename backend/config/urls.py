import re

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from core.views import api_not_found, spa_index

api_v1 = [
    path("", include("core.urls")),
    path("auth/", include("organizations.registration_urls")),
    path("auth/", include("accounts.urls")),
    path("organizations/", include("organizations.urls")),
    path("products/", include("catalog.urls")),
    path("requests/", include("purchasing.urls")),
    path("", include("reference.urls")),
    path("search/", include("directory.urls")),
    path("proposals/", include("matching.urls")),
    path("introductions/", include("introductions.urls")),
    path("notifications/", include("introductions.notification_urls")),
    path("stats/trade-services/", include("consultations.stats_urls")),
    path("stats/", include("introductions.stats_urls")),
    path("certificates/", include("certificates.urls")),
    path("consultations/", include("consultations.urls")),
    path("supplier-lists/", include("supplierlists.urls")),
    path("outbox/", include("outbox.urls")),
]

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    # Unknown API paths (and ids that are not numbers) answer in the API's JSON error shape.
    re_path(r"^api/(?P<path>.*)$", api_not_found, name="api-not-found"),
    # Everything else that is not an API, admin or static path is a client-side route.
    re_path(rf"^(?!api/|{re.escape(settings.ADMIN_PATH)}|static/)(?P<path>.*)$", spa_index, name="spa"),
]

# A database outage (or any error outside DRF's views) answers JSON under /api/, never HTML.
handler500 = "core.exceptions.server_error_handler"
