"""The test suite: PostgreSQL, Redis and the local OpenSearch node (started by `make test`)."""

from config.env import env_bool, env_str
from config.settings.base import *  # noqa: F403
from config.settings.base import OPENSEARCH, RUN_DIR

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed; tests only
# locmem in the test process; a worker process started by the tests writes files instead,
# so that the tests can read what it sent.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(RUN_DIR / "test-mail"))
OPENSEARCH["index_prefix"] = env_str("OPENSEARCH_INDEX_PREFIX", "medmatch-test-")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Set for the worker process the tests start (see config.celery).
MEDMATCH_TEST_WORKER = env_bool("MEDMATCH_TEST_WORKER", False)
