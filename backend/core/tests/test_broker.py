"""The file-system broker writes each message whole before a reader can see it."""

import os
from pathlib import Path
from typing import Any

from kombu import Connection

from core import broker


def _connection(folder: Path) -> Connection:
    for sub in ("queue", "processed", "control"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    return Connection(
        transport=broker.Transport,
        transport_options={
            "data_folder_in": str(folder / "queue"),
            "data_folder_out": str(folder / "queue"),
            "processed_folder": str(folder / "processed"),
            "control_folder": str(folder / "control"),
            "polling_interval": 0.01,
        },
    )


def test_a_message_round_trips_through_the_folder(tmp_path: Path) -> None:
    with _connection(tmp_path) as connection:
        queue = connection.SimpleQueue("indexing")
        queue.put({"task": "search.drain_outbox", "n": 1})
        message = queue.get(timeout=2)
        assert message.payload == {"task": "search.drain_outbox", "n": 1}
        message.ack()
        queue.close()
    assert os.listdir(tmp_path / "queue") == []


def test_a_reader_never_sees_a_message_being_written(tmp_path: Path, monkeypatch: Any) -> None:
    """While the payload is being written, the queue folder holds no file a queue would read."""
    seen_while_writing: list[list[str]] = []
    real_open = open

    class Spy:
        def __init__(self, path: str, mode: str) -> None:
            self.file = real_open(path, mode)

        def __enter__(self) -> "Spy":
            return self

        def __exit__(self, *exc: object) -> None:
            self.file.close()

        def write(self, data: bytes) -> int:
            seen_while_writing.append(
                [name for name in os.listdir(tmp_path / "queue") if ".indexing.msg" in name]
            )
            return self.file.write(data)

    monkeypatch.setattr(broker, "open", Spy, raising=False)
    with _connection(tmp_path) as connection:
        channel = connection.default_channel
        assert isinstance(channel, broker.Channel)
        channel._put("indexing", {"n": 2})
        assert seen_while_writing == [[]]
        assert channel._get("indexing") == {"n": 2}
