"""Wayfinder's one settings module: every value comes from the environment through typed helpers."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import dj_database_url
import dj_email_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent

DEFAULT_SECRET_KEY = "wayfinder-insecure-development-key-change-me"  # noqa: S105 - refused in production


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from error


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {raw!r}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", DEFAULT_SECRET_KEY)
# PRODUCTION turns on the deploy-time protections (HTTPS-only cookies, HSTS, refusal of unsafe values).
PRODUCTION = env_bool("PRODUCTION", False)
TESTING = "pytest" in sys.modules or env_bool("TESTING", False)

if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("Refusing to start: DEBUG is on in production. Set DEBUG=false.")
    if SECRET_KEY == DEFAULT_SECRET_KEY or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("Refusing to start: production needs its own SECRET_KEY of at least 50 characters.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if not PRODUCTION else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "wayfinder.core",
    "wayfinder.accounts",
    "wayfinder.comms",
    "wayfinder.certificates",
    "wayfinder.networks",
    "wayfinder.frameworks",
    "wayfinder.hub",
    "wayfinder.contributions",
    "wayfinder.assessments",
    "wayfinder.plans",
    "wayfinder.support",
    "wayfinder.events",
    "wayfinder.learning",
    "wayfinder.community",
    "wayfinder.measures",
    "wayfinder.dashboards",
    "wayfinder.api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sites",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "django_htmx",
    "csp",
    # Wagtail: the editors' side of the knowledge hub at /cms/ (pages live in wayfinder.hub).
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
]

REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    INSTALLED_APPS.append("django_rq")

MIDDLEWARE = [
    # The protective headers come first, so they are on every response, static files included: WhiteNoise
    # answers /static/ itself and what comes after it never sees those responses.
    "django.middleware.security.SecurityMiddleware",
    # django-csp's middleware, with a looser policy for the Wagtail admin under /cms/ only.
    "wayfinder.hub.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Under /api/, an error page Django or the router drew in HTML is answered in JSON instead.
    "wayfinder.api.middleware.JsonErrorsMiddleware",
    # A NUL character in the address, query or cookies answers 400 before anything reads the database.
    "wayfinder.core.middleware.RefuseNulCharacterMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "wayfinder.accounts.middleware.RequireTwoFactorMiddleware",
    "wayfinder.contributions.cms_access.CmsAccessMiddleware",
]

ROOT_URLCONF = "wayfinder.urls"
WSGI_APPLICATION = "wayfinder.wsgi.application"
ASGI_APPLICATION = "wayfinder.asgi.application"

TEMPLATES = [
    {
        # Our pages: Jinja2 with the NHS.UK frontend macros. Each app keeps its templates in <app>/jinja2/.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "wayfinder.jinja2.environment",
            # Under test a name a template uses but nobody gave it fails the test; in use it prints as nothing.
            "undefined": "wayfinder.jinja2.UndefinedNameFails" if TESTING else "jinja2.ChainableUndefined",
            # Wagtail's tags (pageurl, richtext, image) for the knowledge hub's pages.
            "extensions": ["wagtail.jinja2tags.core", "wagtail.images.jinja2tags.images"],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.messages.context_processors.messages",
                "wayfinder.core.context_processors.site",
                "wayfinder.dashboards.context_processors.dashboard",
                "wayfinder.community.context_processors.community",
            ],
        },
    },
    {
        # Django templates only where a library needs them (Django admin, allauth internals).
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
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

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60 if PRODUCTION else 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # What the planner takes reading a table's pages out of order to cost. PostgreSQL's default, 4, prices it as
    # on a spinning disk; on SSDs or with the database in memory 1.1 is the usual setting. With 4, a search for a
    # rare word hashed all 5,000 hub pages to check its hundred matches instead of looking each one up (1.1 ms
    # to 0.5 ms of SQL). An empty DATABASE_RANDOM_PAGE_COST leaves the server's own setting, for example behind a
    # connection pooler that refuses startup options.
    _random_page_cost = env_str("DATABASE_RANDOM_PAGE_COST", "1.1")
    if _random_page_cost:
        _options = DATABASES["default"].setdefault("OPTIONS", {})
        _options["options"] = f"{_options.get('options', '')} -c random_page_cost={float(_random_page_cost)}".strip()

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
SITE_ID = 1

# The cache. Sign-in throttling (allauth's rate limits) counts failed attempts in it, so every process serving
# requests must share it: with a cache in each process's memory, three gunicorn workers let through three times
# the failed sign-ins before the first refusal. Redis when REDIS_URL is set; Django's database cache where there
# is no Redis (CACHE_BACKEND=database, after `manage.py createcachetable`); memory in one process for development.
CACHE_BACKEND = env_choice("CACHE_BACKEND", "redis" if REDIS_URL else "memory", ("redis", "database", "memory"))
CACHE_TABLE = "wayfinder_cache"
CACHES: dict[str, dict[str, Any]]
if CACHE_BACKEND == "redis":
    if not REDIS_URL:
        raise ImproperlyConfigured("CACHE_BACKEND=redis needs REDIS_URL, for example redis://redis.internal:6379/0")
    # django-redis rather than Django's own Redis backend: it keeps one client per connection pool, where Django's
    # builds a client for every cache call (docs/decisions/0006-drawn-pages-and-people.md).
    CACHES = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": REDIS_URL}}
elif CACHE_BACKEND == "database":
    # Django culls a third of the entries once there are MAX_ENTRIES (300 by default), which would forget
    # sign-in counts whenever dashboards filled the cache.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }
else:
    # Production takes a cache in each process's memory only when told so in as many words (CACHE_BACKEND=memory),
    # which is right for a single process on a single machine and nothing else.
    if PRODUCTION and not os.environ.get("CACHE_BACKEND", "").strip():
        raise ImproperlyConfigured(
            "Refusing to start: production needs a cache that every worker shares, or each worker counts failed "
            "sign-ins on its own. Set REDIS_URL, or set CACHE_BACKEND=database and run manage.py createcachetable."
        )
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work: django-tasks. The database backend by default (no extra server), RQ when Redis is set,
# and run at once in tests so a test sees what a worker would have done.
TASKS: dict[str, dict[str, Any]]
if TESTING:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
elif REDIS_URL:
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Email: the console in development; EMAIL_URL (smtp://host:port) anywhere else.
EMAIL_URL = env_str("EMAIL_URL", "console:" if not PRODUCTION else "")
if not EMAIL_URL:
    raise ImproperlyConfigured("Production needs EMAIL_URL, for example submission://user:pass@mail.example:587")
vars().update(dj_email_url.parse(EMAIL_URL))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Wayfinder <no-reply@wayfinder.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Django's and allauth's backends, reading the signed-in person from the shared cache (accounts/backends.py).
AUTHENTICATION_BACKENDS = [
    "wayfinder.accounts.backends.ModelBackend",
    "wayfinder.accounts.backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # Hashing is deliberately slow; tests only need it to be correct.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Accounts (django-allauth): email and password, the email confirmed before first sign-in.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Wayfinder: "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
ACCOUNT_ADAPTER = "wayfinder.accounts.adapter.AccountAdapter"
ACCOUNT_RATE_LIMITS = {
    # Repeated failed sign-ins are throttled per address and per account.
    "login_failed": env_str("LOGIN_FAILED_RATE_LIMIT", "10/m/ip,5/5m/key"),
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
# Behind a reverse proxy, allauth must know how many proxies to trust to find the real client address
# for its sign-in throttling; otherwise everyone would share the proxy's address.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Sign-up says plainly when an address already has an account (as NHS services do); throttling limits probing.
ACCOUNT_PREVENT_ENUMERATION = False
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_FORMS = {
    "login": "wayfinder.accounts.forms.LoginForm",
    "signup": "wayfinder.accounts.forms.SignupForm",
    "add_email": "wayfinder.accounts.forms.AddEmailForm",
    "change_password": "wayfinder.accounts.forms.ChangePasswordForm",
    "set_password": "wayfinder.accounts.forms.SetPasswordForm",
    "reset_password": "wayfinder.accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "wayfinder.accounts.forms.ResetPasswordKeyForm",
    "reauthenticate": "wayfinder.accounts.forms.ReauthenticateForm",
}
MFA_ADAPTER = "wayfinder.accounts.adapter.MFAAdapter"
MFA_FORMS = {
    "authenticate": "wayfinder.accounts.forms.AuthenticateForm",
    "reauthenticate": "wayfinder.accounts.forms.MFAReauthenticateForm",
    "activate_totp": "wayfinder.accounts.forms.ActivateTOTPForm",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Wayfinder"
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "/accounts/login/"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    PACKAGE_DIR / "static",
    ("nhsuk", NODE_MODULES / "nhsuk-frontend" / "dist" / "nhsuk"),
    ("htmx", NODE_MODULES / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Outside production WhiteNoise serves straight from the source folders, so no collectstatic is needed.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Security: a content security policy with no inline script (a per-request nonce for the one line the
# NHS.UK page template needs), and HTTPS-only cookies with HSTS in production.
# The NHS.UK stylesheet loads the Frutiger font from NHS England's server; the font is licensed to NHS England and
# not shipped in nhsuk-frontend, so fonts, and only fonts, may come from there.
NHS_FONT_ORIGIN = "https://assets.nhs.uk"
# Learning units embed their videos from these services only (the editor's form checks the address).
LEARNING_VIDEO_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", NHS_FONT_ORIGIN],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", *LEARNING_VIDEO_ORIGINS],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# The Wagtail admin (/cms/) runs its own inline scripts and styles and frames its preview: it gets this
# policy instead (see wayfinder/hub/middleware.py). Every other path keeps the strict one above.
CMS_URL_PREFIX = "/cms/"
# The JSON API (wayfinder/api/): everything under it answers in JSON, errors included.
API_URL_PREFIX = "/api/"
CMS_CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    # Wagtail's preview shows our pages, and so the NHS.UK font, inside /cms/.
    "font-src": ["'self'", "data:", NHS_FONT_ORIGIN],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Django's own sessions: kept in the database, and read from the shared cache first when there is Redis. A cache in
# each process's memory is not shared (signing out in one worker would leave the session cached in the others), and
# the database cache would only add a second read of the database, so both keep to the database alone.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db" if CACHE_BACKEND == "redis" else "django.contrib.sessions.backends.db"
)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Load balancers call the health check over plain HTTP inside the private network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# The knowledge hub's editors use Wagtail at /cms/. They sign in through our own sign-in page (so two-factor
# authentication applies as everywhere else), never Wagtail's password-only form.
WAGTAIL_SITE_NAME = "Wayfinder knowledge hub"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILADMIN_LOGIN_URL = LOGIN_URL
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
# No calls out from the admin: no Gravatar (it would send a hash of each editor's email address) and no
# check for new Wagtail releases.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Wagtail's database search backend: SQLite's full-text tables, or PostgreSQL's text search.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "odt", "xls", "xlsx", "ods", "ppt", "pptx", "odp", "csv", "txt"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "wayfinder.hub.documents.HubDocumentForm"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]

# Invitations to join a network stop working after this many days.
INVITATION_VALID_DAYS = env_int("INVITATION_VALID_DAYS", 14)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
