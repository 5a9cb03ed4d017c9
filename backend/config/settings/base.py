"""Settings shared by every environment. Values come from config.env only."""

import datetime
from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext

from config.env import env_bool, env_float, env_int, env_list, env_str

# Lets admin and generic classes be subscripted at run time (ModelAdmin[Product]) for mypy.
django_stubs_ext.monkeypatch()

BACKEND_DIR = Path(__file__).resolve().parent.parent.parent
REPO_DIR = BACKEND_DIR.parent
RUN_DIR = Path(env_str("MEDMATCH_RUN_DIR", str(REPO_DIR / ".run")))

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
# How many reverse proxies in front of gunicorn add X-Forwarded-For/-Proto. 0 (published
# directly): those headers come from the client and are never believed.
NUM_PROXIES = env_int("NUM_PROXIES", 0)
# Where the Django admin is served; set it to something not guessable in production.
ADMIN_PATH = env_str("DJANGO_ADMIN_PATH", "admin/").strip("/") + "/"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "axes",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "core",
    "accounts",
    "organizations",
    "reference",
    "catalog",
    "purchasing",
    "audit",
    "outbox",
    "indexing",
    "directory",
    "matching",
    "introductions",
    "certificates",
    "consultations",
    "supplierlists",
    "demo",
    "config",
]

AUTH_USER_MODEL = "accounts.User"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: it turns a locked-out sign-in (API or admin) into accounts.lockout's answer.
    "axes.middleware.AxesMiddleware",
]

# Sign-in lockout (django-axes): per account and, separately, per client address, shared by
# every worker through the database; the address is core.network.client_ip (NUM_PROXIES).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("MEDMATCH_LOGIN_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("MEDMATCH_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.network.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_VERBOSE = False

# One cache for every process (throttle counters): Redis when REDIS_URL is set, in a database of
# its own so that clearing it never touches the broker's; else a table (`make run`).
_REDIS_URL = env_str("REDIS_URL", "")
if _REDIS_URL:
    _base, _sep, _db = _REDIS_URL.rpartition("/")
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env_str(
                "MEDMATCH_CACHE_URL", f"{_base}/{int(_db) + 1}" if _sep and _db.isdigit() else _REDIS_URL
            ),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "medmatch_cache",
        }
    }

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BACKEND_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def database_settings(url: str) -> dict[str, Any]:
    """Django's settings for the database at ``url``, tuned for failing fast and for concurrency.

    PostgreSQL: a short connect timeout (a request fails in seconds, not minutes, while it is
    down) and health checks on reused connections (they recover after a restart).
    SQLite (`make run`): write-ahead log (readers do not block the writer), a busy timeout
    (a writer waits for the lock instead of failing at once) and IMMEDIATE transactions (the
    write lock is taken at BEGIN, so two transactions never deadlock upgrading a read lock;
    without these, 4 parallel approvals gave one 200 and three "database is locked").
    """
    config: dict[str, Any] = dict(
        dj_database_url.parse(url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60), conn_health_checks=True)
    )
    options: dict[str, Any] = dict(config.get("OPTIONS") or {})
    if config["ENGINE"] == "django.db.backends.sqlite3":
        options.setdefault("transaction_mode", "IMMEDIATE")
        options.setdefault("timeout", env_int("DATABASE_SQLITE_TIMEOUT", 30))
        options.setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
    elif config["ENGINE"].startswith("django.db.backends.postgresql"):
        options.setdefault("connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 2))
    config["OPTIONS"] = options
    return config


DATABASES = {
    "default": database_settings(env_str("DATABASE_URL", f"sqlite:///{RUN_DIR / 'medmatch.sqlite3'}"))
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("zh-hans", "中文"),
    ("fr", "Français"),
    ("es", "Español"),
    ("ru", "Русский"),
    ("ar", "العربية"),
]
TIME_ZONE = "UTC"
USE_I18N = True
# Server messages in the reader's language (core/i18n.py): backend/locale/<lang>/LC_MESSAGES.
LOCALE_PATHS = [BACKEND_DIR / "locale"]
USE_TZ = True

# Static files: the Vite build (frontend/dist) is collected and served by whitenoise.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(REPO_DIR / "staticfiles")))
FRONTEND_DIST_DIR = Path(env_str("FRONTEND_DIST_DIR", str(REPO_DIR / "frontend" / "dist")))
# Present once the frontend is built (`make frontend`); the API works without it.
STATICFILES_DIRS = [FRONTEND_DIST_DIR] if FRONTEND_DIST_DIR.exists() else []
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env_str("MEDIA_ROOT", str(RUN_DIR / "media"))},
    },
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Vite already puts a content hash in every asset name (name-HASH.ext), so those
# files can be cached forever.
WHITENOISE_IMMUTABLE_FILE_TEST = r"^.+[.-][0-9a-zA-Z_-]{8,12}\.[^.]+$"
MEDMATCH_VERSION = env_str("MEDMATCH_VERSION", "dev")

# Uploads (documents, spreadsheets) larger than this are refused with a 400.
MEDMATCH_MAX_UPLOAD_BYTES = env_int("MEDMATCH_MAX_UPLOAD_BYTES", 10 * 1024 * 1024)
MEDMATCH_MAX_IMPORT_ROWS = env_int("MEDMATCH_MAX_IMPORT_ROWS", 5000)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Reading one spreadsheet in a worker stops after this many seconds.
MEDMATCH_IMPORT_PARSE_SECONDS = env_int("MEDMATCH_IMPORT_PARSE_SECONDS", 60)

# Supplier lists: a row whose best candidate scores at least AUTO_MERGE joins it; at least
# REVIEW waits for staff; below, it becomes a new listed organisation (scores 0-1).
MEDMATCH_RESOLVE_AUTO_MERGE_SCORE = env_float("MEDMATCH_RESOLVE_AUTO_MERGE_SCORE", 0.92)
MEDMATCH_RESOLVE_REVIEW_SCORE = env_float("MEDMATCH_RESOLVE_REVIEW_SCORE", 0.75)
MEDMATCH_CLAIM_INVITE_DAYS = env_int("MEDMATCH_CLAIM_INVITE_DAYS", 14)
# Imports and invitations whose task has not moved for this long are handed to a worker again.
MEDMATCH_SUPPLIER_LISTS_STALE_SECONDS = env_int("MEDMATCH_SUPPLIER_LISTS_STALE_SECONDS", 600)
# The address of the web app, for links in e-mails.
MEDMATCH_PUBLIC_URL = env_str("MEDMATCH_PUBLIC_URL", "http://127.0.0.1:8000")

# Introductions: remind silent parties, then expire; proposals waiting longer are flagged.
MEDMATCH_INTRO_REMIND_DAYS = env_int("MEDMATCH_INTRO_REMIND_DAYS", 3)
MEDMATCH_INTRO_MAX_REMINDERS = env_int("MEDMATCH_INTRO_MAX_REMINDERS", 2)
MEDMATCH_INTRO_EXPIRE_DAYS = env_int("MEDMATCH_INTRO_EXPIRE_DAYS", 14)
MEDMATCH_PROPOSAL_REVIEW_HOURS = env_int("MEDMATCH_PROPOSAL_REVIEW_HOURS", 48)

# Matching: how many proposals per request, the lowest score proposed, how many candidates
# the engine returns, how many open requests a changed product is matched against.
MEDMATCH_MATCH_TOP_N = env_int("MEDMATCH_MATCH_TOP_N", 10)
MEDMATCH_MATCH_MIN_SCORE = env_int("MEDMATCH_MATCH_MIN_SCORE", 80)
MEDMATCH_MATCH_CANDIDATES = env_int("MEDMATCH_MATCH_CANDIDATES", 50)
MEDMATCH_REVERSE_MAX_REQUESTS = env_int("MEDMATCH_REVERSE_MAX_REQUESTS", 200)
# Currency conversion for price comparison: "EUR=1.08,CNY=0.14" (US dollars per unit).
MEDMATCH_FX_RATES = {
    code.strip().upper(): float(rate)
    for code, _sep, rate in (item.partition("=") for item in env_list("MEDMATCH_FX_RATES", []))
    if rate
}

# Trade services (force-majeure certificates, legal consultations).
# Staff aim to decide an application within this many hours of (re)submission; the clock
# pauses while the member is asked for more information.
MEDMATCH_FM_TARGET_HOURS = env_int("MEDMATCH_FM_TARGET_HOURS", 24)
# Where people open the public verification page that a certificate's QR code points to.
# The issuing body's name as printed at the foot of each certificate.
MEDMATCH_FM_ISSUER = env_str("MEDMATCH_FM_ISSUER", "MedMatch trade services")
MEDMATCH_PUBLIC_URL = env_str("MEDMATCH_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
# The body's signing key and certificate (PEM, given as a file path or as the PEM text).
# Without them a self-signed test key is generated into .run/signing/ at first use
# (dev and tests only; production requires both).
# The certificate PDF's fonts, TrueType files embedded as subsets (reportlab cannot embed
# CFF/OpenType outlines such as Noto CJK's): one with the Chinese glyphs (of a .ttc collection,
# the first face), one for Latin, Cyrillic and Arabic. scripts/bootstrap.sh and the Dockerfile
# install both; a missing file fails `manage.py check` and each PDF's generation, naming the variable.
MEDMATCH_PDF_CJK_FONT = env_str("MEDMATCH_PDF_CJK_FONT", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
MEDMATCH_PDF_TEXT_FONT = env_str("MEDMATCH_PDF_TEXT_FONT", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
MEDMATCH_SIGNING_KEY = env_str("MEDMATCH_SIGNING_KEY", "")
MEDMATCH_SIGNING_CERT = env_str("MEDMATCH_SIGNING_CERT", "")
MEDMATCH_SIGNING_KEY_PASSPHRASE = env_str("MEDMATCH_SIGNING_KEY_PASSPHRASE", "")
MEDMATCH_SIGNING_TEST_KEY_DIR = RUN_DIR / "signing"
MEDMATCH_SIGNING_ALLOW_TEST_KEY = True

# API tokens for integrations (django-rest-knox): stored hashed, expiring after this many hours,
# revoked on logout, password change or reset, and by "sign out everywhere".
MEDMATCH_TOKEN_TTL_HOURS = env_int("MEDMATCH_TOKEN_TTL_HOURS", 24)
REST_KNOX = {
    "TOKEN_TTL": datetime.timedelta(hours=MEDMATCH_TOKEN_TTL_HOURS),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}

REST_FRAMEWORK = {
    # The token scheme comes first: DRF answers an unauthenticated request with the first
    # class's WWW-Authenticate challenge, so it is a 401 (session auth has no challenge: 403).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    # Bounded body size, JSON depth, string length and items (core.parsers).
    "DEFAULT_PARSER_CLASSES": [
        "core.parsers.BoundedJSONParser",
        "core.parsers.BoundedFormParser",
        "core.parsers.BoundedMultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "core.pagination.StandardPagination",
    "PAGE_SIZE": 20,
    # Ordering is a filter of each FilterSet (core.filters.OrderingFilter), so that an unknown
    # field is refused with a 400 on every list, as any other bad parameter.
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "core.schema.AutoSchema",
    "EXCEPTION_HANDLER": "core.exceptions.api_exception_handler",
    "NUM_PROXIES": NUM_PROXIES,
    "DEFAULT_THROTTLE_RATES": {
        "login": env_str("MEDMATCH_LOGIN_THROTTLE", "10/min"),
        "register": env_str("MEDMATCH_REGISTER_THROTTLE", "100/hour"),
        "register_domain": env_str("MEDMATCH_REGISTER_DOMAIN_THROTTLE", "20/hour"),
        "password_reset": env_str("MEDMATCH_PASSWORD_RESET_THROTTLE", "10/hour"),
        "certificate_verify": env_str("MEDMATCH_VERIFY_THROTTLE", "60/min"),
    },
}

SPECTACULAR_SETTINGS = {
    "TITLE": "MedMatch API",
    "DESCRIPTION": "Supplier–buyer matchmaking for medical supplies.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI is served from our own static files, not from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Several models have a "status"; each gets its own enum name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "ProductStatusEnum": "catalog.models.ProductStatus",
        "RequestStatusEnum": "purchasing.models.RequestStatus",
        "VerificationStatusEnum": "organizations.models.VerificationStatus",
        "DuplicateStatusEnum": "purchasing.models.DuplicateStatus",
        "IntroductionStatusEnum": "introductions.models.IntroductionStatus",
        "ProposalStatusEnum": "matching.models.ProposalStatus",
        "FmApplicationStatusEnum": "certificates.models.ApplicationStatus",
        "CertificateStatusEnum": "certificates.models.CertificateStatus",
        "CertificateValidityEnum": "certificates.models.CertificateValidity",
        "EvidenceKindEnum": "certificates.models.EvidenceKind",
        "ConsultationStatusEnum": "consultations.models.ConsultationStatus",
        "ConsultationTopicEnum": "consultations.models.ConsultationTopic",
        "CriterionStatusEnum": "matching.apis.CRITERION_STATUSES",
        "OrganizationKindEnum": "organizations.models.OrganizationKind",
        "UserRoleEnum": "accounts.models.USER_ROLES",
    },
}

LOG_LEVEL = env_str("MEDMATCH_LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "opensearch": {"level": "WARNING"},
        "urllib3": {"level": "WARNING"},
    },
}

from config.settings.celery import *  # noqa: E402,F403  integration settings kept in their own module
from config.settings.email import *  # noqa: E402,F403
from config.settings.search import *  # noqa: E402,F403
