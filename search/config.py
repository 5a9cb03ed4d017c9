"""Connection settings, read from Django settings (config.settings.search)."""

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SearchConfig:
    url: str
    user: str = ""
    password: str = ""
    verify_certs: bool = True
    ca_certs: str = ""
    timeout: int = 10
    index_prefix: str = "medmatch-"
    number_of_shards: int = 1
    number_of_replicas: int = 0

    def hosts(self) -> list[str]:
        """The node URLs of ``url`` (one, or several separated by commas)."""
        return [host.strip() for host in self.url.split(",") if host.strip()]

    @classmethod
    def from_mapping(cls, values: dict[str, Any]) -> "SearchConfig":
        return cls(**{key: values[key] for key in cls.__dataclass_fields__ if key in values})


def current_config() -> SearchConfig:
    from django.conf import settings

    return SearchConfig.from_mapping(settings.OPENSEARCH)
