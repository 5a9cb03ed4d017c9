from django.urls import URLPattern, URLResolver, path

from organizations.apis.registration import RegisterApi

# Served under /api/v1/auth/ beside accounts' sign-in: registering creates an organisation.
urlpatterns: list[URLPattern | URLResolver] = [
    path("register/", RegisterApi.as_view(), name="auth-register"),
]
