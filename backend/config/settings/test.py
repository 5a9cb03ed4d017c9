"""The test suite: PostgreSQL, Redis and the local OpenSearch node (started by `make test`)."""

from config.env import env_str
from config.settings.base import *  # noqa: F403
from config.settings.base import OPENSEARCH

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed; tests only
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
OPENSEARCH["index_prefix"] = env_str("OPENSEARCH_INDEX_PREFIX", "medmatch-test-")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
