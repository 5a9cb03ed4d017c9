import socket

from celery import shared_task

from core.queues import TaskQueue


@shared_task(name="core.ping", queue=TaskQueue.DEFAULT)
def ping(token: str) -> dict[str, str]:
    """Answer with the token and the worker's host: proves the broker and a worker are alive."""
    return {"token": token, "host": socket.gethostname()}
