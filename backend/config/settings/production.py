"""Production (docker-compose): every secret and service address must be given."""

import dj_database_url

from config.env import env_bool, env_int, env_str
from config.settings.base import *  # noqa: F403
from config.settings.base import OPENSEARCH

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
DEBUG = False
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL"), conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60)
    )
}
CELERY_BROKER_URL = env_str("REDIS_URL")
CELERY_RESULT_BACKEND = CELERY_BROKER_URL
OPENSEARCH["url"] = env_str("OPENSEARCH_URL")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
# Certificates are signed only with the body's own key (MEDMATCH_SIGNING_KEY/_CERT); never a test key.
MEDMATCH_SIGNING_ALLOW_TEST_KEY = False
