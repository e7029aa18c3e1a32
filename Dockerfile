# The rskg API (see docker-compose.yml): `rskg serve` on 0.0.0.0:8000, configured by RSKG_* variables.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /src
COPY pyproject.toml README.md LICENSE ./
COPY rskg ./rskg
COPY ontology ./ontology
COPY ingest ./ingest
COPY graph ./graph
COPY queries ./queries
COPY api ./api
RUN pip install . \
 && useradd --create-home --uid 10001 rskg \
 && mkdir -p /var/lib/rskg \
 && chown rskg /var/lib/rskg

USER rskg
WORKDIR /home/rskg
ENV RSKG_DATA_DIR=/var/lib/rskg
EXPOSE 8000
CMD ["rskg", "serve", "--host", "0.0.0.0"]
