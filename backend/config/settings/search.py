"""OpenSearch connection and index settings, handed to the search package."""

from config.env import env_bool, env_int, env_str

OPENSEARCH = {
    "url": env_str("OPENSEARCH_URL", "http://127.0.0.1:9201"),
    "user": env_str("OPENSEARCH_USER", ""),
    "password": env_str("OPENSEARCH_PASSWORD", ""),
    "verify_certs": env_bool("OPENSEARCH_VERIFY_CERTS", True),
    "ca_certs": env_str("OPENSEARCH_CA_CERTS", ""),
    "timeout": env_int("OPENSEARCH_TIMEOUT", 10),
    "index_prefix": env_str("OPENSEARCH_INDEX_PREFIX", "medmatch-"),
    "number_of_shards": env_int("OPENSEARCH_SHARDS", 1),
    "number_of_replicas": env_int("OPENSEARCH_REPLICAS", 0),
}
