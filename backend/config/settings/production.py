"""Production (docker-compose): every secret and service address must be given."""

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_str
from config.settings.base import *  # noqa: F403
from config.settings.base import NUM_PROXIES, OPENSEARCH, database_settings

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
# The placeholder of .env.example, the dev key, or a short or repetitive key would let
# anyone forge sessions, password-reset links and signed values.
if (
    SECRET_KEY.startswith(("change-me", "dev-only-insecure", "django-insecure"))
    or len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is a placeholder or too weak: set at least 50 random characters, e.g. "
        '`python -c "import secrets; print(secrets.token_urlsafe(64))"`.'
    )
DEBUG = False
DATABASES = {"default": database_settings(env_str("DATABASE_URL"))}
CELERY_BROKER_URL = env_str("REDIS_URL")
OPENSEARCH["url"] = env_str("OPENSEARCH_URL")

# X-Forwarded-Proto is believed only when a TLS-terminating proxy in front says so
# (NUM_PROXIES > 0); published directly, any client could claim to be on HTTPS.
if NUM_PROXIES > 0:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
# Certificates are signed only with the body's own key (MEDMATCH_SIGNING_KEY/_CERT); never a test key.
MEDMATCH_SIGNING_ALLOW_TEST_KEY = False
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
# The container health check calls the health endpoint over plain HTTP from inside.
SECURE_REDIRECT_EXEMPT = [r"^api/v1/health/$"]
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    # Preloading is a commitment for the whole domain that only its operator can make.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
