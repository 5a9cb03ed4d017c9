"""docker-compose.yml is valid (there is no Docker engine here to run it)."""

import shutil
import subprocess
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent


def test_compose_file_validates_and_has_the_production_topology(tmp_path: Path) -> None:
    shutil.copy(REPO / "docker-compose.yml", tmp_path / "docker-compose.yml")
    shutil.copy(REPO / ".env.example", tmp_path / ".env")
    compose = shutil.which("docker-compose")
    assert compose, "docker-compose is installed by scripts/bootstrap.sh"

    result = subprocess.run(
        [compose, "config"], cwd=tmp_path, capture_output=True, text=True, check=False, timeout=60
    )

    assert result.returncode == 0, result.stderr
    config = yaml.safe_load(result.stdout)
    assert set(config["services"]) == {"postgres", "redis", "opensearch", "web", "worker", "beat"}
    assert config["services"]["opensearch"]["image"].startswith("opensearchproject/opensearch:2.19.")
    for name in ("postgres", "redis", "opensearch", "web", "worker"):
        assert "healthcheck" in config["services"][name], name
    assert config["services"]["web"]["environment"]["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
