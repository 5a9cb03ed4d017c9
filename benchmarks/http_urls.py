"""The application's URLs and, beside them, the PostgreSQL full-text baseline of bench_search."""

from django.urls import include, path

from benchmarks.bench_search import BASELINE_PATH, _baseline_view

urlpatterns = [
    path(BASELINE_PATH.lstrip("/"), _baseline_view()),
    path("", include("config.urls")),
]
