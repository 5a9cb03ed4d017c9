"""The file-system broker of ``make run`` (no Redis), with messages written atomically.

kombu's file-system transport creates a message's file in the queue folder and then writes it; a
worker polling at that moment moves and reads the still-empty file, fails to decode it and its
consumer stops with "Unrecoverable error: JSONDecodeError" (seen measuring freshness: every
write after it waited for beat's periodic drain). Here a message is written under a name no queue
reads and renamed into place, which is atomic within a folder, so a reader sees all of it or none.
"""

import os
import uuid
from time import monotonic
from typing import Any

# celery-types' kombu stubs leave out the file-system transport and ChannelError, and type
# dumps with arguments it does not require.
from kombu.exceptions import ChannelError  # type: ignore[attr-defined]
from kombu.transport import filesystem  # type: ignore[attr-defined]
from kombu.utils.encoding import str_to_bytes
from kombu.utils.json import dumps


class Channel(filesystem.Channel):
    def _put(self, queue: str, payload: Any, **kwargs: Any) -> None:
        """Put ``payload`` onto ``queue``: written beside the queue's files, then renamed in."""
        # Named as kombu names them (the time first, so the order of reading is the order of writing).
        name = f"{round(monotonic() * 1000)}_{uuid.uuid4()}.{queue}.msg"
        final = os.path.join(self.data_folder_out, name)
        partial = os.path.join(self.data_folder_out, f".writing-{uuid.uuid4()}")  # matches no queue
        try:
            with open(partial, "wb") as file:
                file.write(str_to_bytes(dumps(payload)))  # type: ignore[call-arg]
            os.replace(partial, final)
        except OSError as exc:
            raise ChannelError(f"Cannot add file {final!r} to directory") from exc


class Transport(filesystem.Transport):
    Channel = Channel
