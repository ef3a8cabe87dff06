"""WSGI entry point (gunicorn wayfinder.wsgi)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wayfinder.settings")
application = get_wsgi_application()

# What start-up loaded (modules, models, settings) lives as long as the process: take it out of the cycle
# collector's sight, and look for cycles among new objects less often than every 700 allocations. Each page
# allocates tens of thousands of short-lived objects, and the collector's passes over them were about a tenth of a
# page's time (docs/decisions/0004-hub-search-and-templates.md, "Serving pages").
gc.collect()
gc.freeze()
gc.set_threshold(50_000, 10, 10)
