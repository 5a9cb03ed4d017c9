"""Merge the benchmarks' figures into ``benchmarks/results/<date>-<scale>.json`` and print them.

    .venv/bin/python -m benchmarks.report --scale N PARTS_DIR

Every number each benchmark wrote is printed as one row (nested keys joined with dots); the
ratios are the benchmarks' own, each against the baseline measured in the same run.
"""

import argparse
import datetime
import json
import os
import platform
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def _flatten(prefix: str, value: Any) -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        rows: list[tuple[str, Any]] = []
        for key, item in value.items():
            rows.extend(_flatten(f"{prefix}.{key}" if prefix else str(key), item))
        return rows
    return [(prefix, value)]


def _machine() -> dict[str, Any]:
    load = os.getloadavg()
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average_1_5_15": [round(value, 2) for value in load],
        "memory_total_mb": _memory_total_mb(),
    }


def _memory_total_mb() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, required=True, help="products in the run")
    parser.add_argument("parts", type=Path, help="the folder of the benchmarks' JSON files")
    args = parser.parse_args()
    combined: dict[str, Any] = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "scale": args.scale,
        "machine": _machine(),
    }
    for part in sorted(args.parts.glob("*.json")):
        combined[part.stem] = json.loads(part.read_text())
    RESULTS.mkdir(exist_ok=True)
    target = RESULTS / f"{datetime.datetime.now(datetime.UTC).date().isoformat()}-{args.scale}.json"
    target.write_text(json.dumps(combined, indent=2, default=str) + "\n")
    print(f"\n{'figure':<72}{'value':>14}")
    for key, value in _flatten("", combined):
        shown = f"{value:,.1f}" if isinstance(value, float) else str(value)
        print(f"{key:<72}{shown:>14}")
    print(f"\nwritten to {target}")


if __name__ == "__main__":
    main()
