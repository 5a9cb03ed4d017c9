"""Index definitions: versioned physical names behind a stable alias.

The application reads and writes only through ``alias``; a rebuild creates
``physical_name(version+1)`` and swaps the alias atomically.
"""

from dataclasses import dataclass, field
from typing import Any

from search.config import SearchConfig, current_config


@dataclass(frozen=True)
class IndexDefinition:
    name: str
    version: int
    mappings: dict[str, Any]
    analysis: dict[str, Any] = field(default_factory=dict)

    def alias(self, config: SearchConfig | None = None) -> str:
        config = config or current_config()
        return f"{config.index_prefix}{self.name}"

    def physical_name(self, version: int | None = None, config: SearchConfig | None = None) -> str:
        return f"{self.alias(config)}-v{version if version is not None else self.version}"

    def body(self, config: SearchConfig | None = None) -> dict[str, Any]:
        config = config or current_config()
        index_settings: dict[str, Any] = {
            "number_of_shards": config.number_of_shards,
            "number_of_replicas": config.number_of_replicas,
        }
        if self.analysis:
            index_settings["analysis"] = self.analysis
        return {"settings": {"index": index_settings}, "mappings": self.mappings}
