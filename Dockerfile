# One image for web, worker and beat. Build: docker compose build
FROM node:20-bookworm-slim AS frontend
WORKDIR /app/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    PYTHONPATH=/app/backend:/app \
    FRONTEND_DIST_DIR=/app/frontend/dist \
    DJANGO_STATIC_ROOT=/app/staticfiles
WORKDIR /app
# The fonts the certificate PDFs embed (settings MEDMATCH_PDF_CJK_FONT, MEDMATCH_PDF_TEXT_FONT).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core fonts-wqy-microhei \
    && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml README.md ./
RUN pip install --no-cache-dir . && useradd --create-home --uid 1000 medmatch
COPY backend/ backend/
COPY search/ search/
COPY --from=frontend /app/frontend/dist frontend/dist
# collectstatic needs the required variables to exist, not to be real.
RUN DJANGO_SECRET_KEY=build DATABASE_URL=sqlite:////tmp/build.sqlite3 REDIS_URL=redis://build:6379/0 \
    OPENSEARCH_URL=http://build:9200 python backend/manage.py collectstatic --noinput
USER medmatch
EXPOSE 8000
CMD ["gunicorn", "config.wsgi:application", "--chdir", "backend", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
