from django.urls import URLPattern, URLResolver, path

from introductions.apis.notifications import NotificationListApi, NotificationReadAllApi, NotificationReadApi

# read-all/ comes before <id>/.
urlpatterns: list[URLPattern | URLResolver] = [
    path("", NotificationListApi.as_view(), name="notification-list"),
    path("read-all/", NotificationReadAllApi.as_view(), name="notification-read-all"),
    path("<int:notification_id>/read/", NotificationReadApi.as_view(), name="notification-read"),
]
