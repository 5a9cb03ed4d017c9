"""Production (docker-compose): every secret and service address must be given."""

from config.env import env_bool, env_str
from config.settings.base import *  # noqa: F403
from config.settings.base import OPENSEARCH, database_settings

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
DEBUG = False
DATABASES = {"default": database_settings(env_str("DATABASE_URL"))}
CELERY_BROKER_URL = env_str("REDIS_URL")
OPENSEARCH["url"] = env_str("OPENSEARCH_URL")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
# Certificates are signed only with the body's own key (MEDMATCH_SIGNING_KEY/_CERT); never a test key.
MEDMATCH_SIGNING_ALLOW_TEST_KEY = False
