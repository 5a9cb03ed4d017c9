from django.urls import path

from outbox.apis import OutboxEntryListApi

urlpatterns = [
    path("entries/", OutboxEntryListApi.as_view(), name="outbox-entries"),
]
