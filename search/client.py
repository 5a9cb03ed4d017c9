"""The opensearch-py client factory."""

from functools import lru_cache

from opensearchpy import OpenSearch

from search.config import SearchConfig, current_config


def build_client(config: SearchConfig) -> OpenSearch:
    """A client for ``config``; TLS and basic auth are used when configured."""
    kwargs: dict[str, object] = {
        # OPENSEARCH_URL may name several nodes, comma-separated; a dead one is skipped for a while.
        "hosts": config.hosts(),
        "timeout": config.timeout,
        "max_retries": max(1, len(config.hosts()) - 1),
        "retry_on_timeout": len(config.hosts()) > 1,
        # Web threads and benchmark clients share one client; keep a connection each.
        "pool_maxsize": 16,
    }
    if config.user:
        kwargs["http_auth"] = (config.user, config.password)
    if any(host.startswith("https://") for host in config.hosts()):
        kwargs["use_ssl"] = True
        kwargs["verify_certs"] = config.verify_certs
        kwargs["ssl_show_warn"] = config.verify_certs
        if config.ca_certs:
            kwargs["ca_certs"] = config.ca_certs
    return OpenSearch(**kwargs)  # type: ignore[arg-type]


@lru_cache(maxsize=4)
def _cached_client(config: SearchConfig) -> OpenSearch:
    return build_client(config)


def get_client() -> OpenSearch:
    """The process-wide client for the configured cluster."""
    return _cached_client(current_config())
