"""The one settings module. Every value that differs between installations comes from an
environment variable; a wrong value stops the start with a message that names the variable.
See README, "Configuration"."""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from partnerkit import config

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = config.data_dir("PARTNERKIT_DATA_DIR")

DEBUG = config.env_bool("PARTNERKIT_DEBUG", default=False)
SECRET_KEY = config.secret_key("PARTNERKIT_SECRET_KEY", DATA_DIR)
ALLOWED_HOSTS = config.env_list("PARTNERKIT_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = config.env_list("PARTNERKIT_CSRF_TRUSTED_ORIGINS", [])
for origin in CSRF_TRUSTED_ORIGINS:
    if not origin.startswith(("http://", "https://")):
        raise ImproperlyConfigured(
            f"PARTNERKIT_CSRF_TRUSTED_ORIGINS: {origin!r} must start with http:// or https://."
        )

# Behind a reverse proxy that terminates TLS (see README, "Production").
SECURE_PROXY = config.env_bool("PARTNERKIT_BEHIND_HTTPS_PROXY", default=False)
if SECURE_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = config.env_int("PARTNERKIT_HSTS_SECONDS", 31536000)

INSTALLED_APPS = [
    "partnerkit.accounts",
    "partnerkit.workspaces",
    "partnerkit.partners",
    "partnerkit.partnerships",
    "partnerkit.transfer",
    "partnerkit.groundwork",
    "partnerkit.selection",
    "partnerkit.wikimedia",
    "partnerkit.research",
    "partnerkit.discovery",
    "partnerkit.pitch",
    "partnerkit.meetings",
    "partnerkit.negotiation",
    "partnerkit.followups",
    "partnerkit.documents",
    "partnerkit.running",
    "partnerkit.impact",
    "partnerkit.dashboard",
    "partnerkit.web",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_countries",
    "django_htmx",
    "ninja",  # serves the API documentation's own scripts, so /api/v1/docs works offline
    "simple_history",
    "django_tasks",
    "django_tasks_db",
]

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
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "partnerkit.urls"
WSGI_APPLICATION = "partnerkit.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "partnerkit.workspaces.context_processors.current_workspace",
            ],
        },
    },
]

DATABASES = {"default": config.database("DATABASE_URL", DATA_DIR / "partnerkit.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3

# Sessions live in the database, so any number of web processes can share them.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("de", _("German")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
    ("he", _("Hebrew")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = config.env_str("PARTNERKIT_TIME_ZONE", "UTC")
try:
    import zoneinfo

    zoneinfo.ZoneInfo(TIME_ZONE)
except (zoneinfo.ZoneInfoNotFoundError, ValueError):
    raise ImproperlyConfigured(
        f"PARTNERKIT_TIME_ZONE={TIME_ZONE!r} is not a known time zone (e.g. Europe/Berlin)."
    ) from None
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files are served by WhiteNoise straight from the apps, so `partnerkit serve` needs no
# collectstatic step; a reverse proxy may serve STATIC_ROOT instead after `collectstatic`.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# E-mail: printed to the console unless an SMTP host is configured.
EMAIL_HOST = config.env_str("PARTNERKIT_EMAIL_HOST")
EMAIL_PORT = config.env_int("PARTNERKIT_EMAIL_PORT", 587, minimum=1, maximum=65535)
EMAIL_HOST_USER = config.env_str("PARTNERKIT_EMAIL_USER")
EMAIL_HOST_PASSWORD = config.env_str("PARTNERKIT_EMAIL_PASSWORD")
EMAIL_USE_TLS = config.env_bool("PARTNERKIT_EMAIL_USE_TLS", default=True)
EMAIL_TIMEOUT = 20
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = config.env_email(
    "PARTNERKIT_DEFAULT_FROM_EMAIL", "Partnerkit <partnerkit@localhost.localdomain>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Where people reach this installation: the links in e-mails sent from the command line
# (`partnerkit remind`), where there is no request to take the address from.
PUBLIC_URL = config.env_str("PARTNERKIT_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
if not PUBLIC_URL.startswith(("http://", "https://")):
    raise ImproperlyConfigured(
        f"PARTNERKIT_PUBLIC_URL: {PUBLIC_URL!r} must start with http:// or https://."
    )

# History notes ("Moved from … — reason") may be long; keep them whole.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Background work: rows in the database, claimed by `partnerkit worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Identifies Partnerkit to the Wikimedia APIs (their policy asks for a way to reach us).
WIKIMEDIA_CONTACT = config.env_str("PARTNERKIT_WIKIMEDIA_CONTACT")
# Where the Wikimedia APIs are. One base URL replaces them all (a mirror, or a test server
# that answers under /wikidata/w/api.php, /commons/w/api.php, /sparql and /rest_v1/).
WIKIMEDIA_BASE_URL = config.env_str("PARTNERKIT_WIKIMEDIA_BASE_URL").rstrip("/")
# Shared by every process of this installation (the limiter keeps its state in the database).
WIKIMEDIA_REQUESTS_PER_MINUTE = config.env_int(
    "PARTNERKIT_WIKIMEDIA_REQUESTS_PER_MINUTE", 150, minimum=1, maximum=5000
)
WIKIMEDIA_MAX_IN_FLIGHT = config.env_int("PARTNERKIT_WIKIMEDIA_MAX_IN_FLIGHT", 3, minimum=1, maximum=10)
# Enriched Wikidata facts older than this are refreshed by `partnerkit wikidata refresh --stale`
# and by the worker once a day.
WIKIDATA_REFRESH_DAYS = config.env_int("PARTNERKIT_WIKIDATA_REFRESH_DAYS", 30, minimum=1)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {
        "handlers": ["console"],
        "level": config.env_choice(
            "PARTNERKIT_LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR")
        ),
    },
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # httpx logs every request at INFO; Partnerkit's own messages say what matters.
        "httpx": {"level": "WARNING"},
        "httpcore": {"level": "WARNING"},
    },
}
