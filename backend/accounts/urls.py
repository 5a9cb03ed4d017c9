from django.urls import path

from accounts.apis import (
    EmailConfirmApi,
    LoginApi,
    LogoutApi,
    LogoutEverywhereApi,
    MeApi,
    PasswordChangeApi,
    PasswordResetApi,
    PasswordResetConfirmApi,
    TokenApi,
)

urlpatterns = [
    path("login/", LoginApi.as_view(), name="auth-login"),
    path("logout/", LogoutApi.as_view(), name="auth-logout"),
    path("logout/everywhere/", LogoutEverywhereApi.as_view(), name="auth-logout-everywhere"),
    path("token/", TokenApi.as_view(), name="auth-token"),
    path("me/", MeApi.as_view(), name="auth-me"),
    path("password/change/", PasswordChangeApi.as_view(), name="auth-password-change"),
    path("password/reset/", PasswordResetApi.as_view(), name="auth-password-reset"),
    path("email/confirm/", EmailConfirmApi.as_view(), name="auth-email-confirm"),
    path("password/reset/confirm/", PasswordResetConfirmApi.as_view(), name="auth-password-reset-confirm"),
]
