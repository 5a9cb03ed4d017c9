"""A user's notifications: list, mark one or all read."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import request_user
from core.pagination import ListApi
from introductions.filters import NotificationFilter
from introductions.models import Notification
from introductions.selectors import notification_get, notification_list
from introductions.services.notifications import notification_mark_read, notifications_mark_all_read


class NotificationOutputSerializer(serializers.Serializer[Notification]):
    id = serializers.IntegerField()
    kind = serializers.CharField(
        help_text="introduction.created/.reminder/.outcome/.expired, certificate.*, consultation.*."
    )
    title = serializers.CharField()
    body = serializers.CharField()
    introduction = serializers.IntegerField(source="introduction_id", allow_null=True)
    details = serializers.DictField(help_text="Ids, names and statuses the message is about.")
    read_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()


class NotificationListApi(ListApi):
    """Your own in-app notifications, newest first."""

    permission_classes = [IsAuthenticated]
    filterset_class = NotificationFilter

    @extend_schema(
        responses={200: NotificationOutputSerializer(many=True)}, operation_id="notifications_list"
    )
    def get(self, request: Request) -> Response:
        rows = notification_list(user=request_user(request), filters=request.query_params)
        return self.page_response(request, rows, NotificationOutputSerializer)


class NotificationReadApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=None, responses={200: NotificationOutputSerializer}, operation_id="notifications_read"
    )
    def post(self, request: Request, notification_id: int) -> Response:
        notification = notification_get(user=request_user(request), notification_id=notification_id)
        return Response(NotificationOutputSerializer(notification_mark_read(notification=notification)).data)


class NotificationReadAllApi(APIView):
    permission_classes = [IsAuthenticated]

    class OutputSerializer(serializers.Serializer[dict[str, int]]):
        marked = serializers.IntegerField(help_text="How many notifications were unread.")

    @extend_schema(request=None, responses={200: OutputSerializer}, operation_id="notifications_read_all")
    def post(self, request: Request) -> Response:
        marked = notifications_mark_all_read(user=request_user(request))
        return Response(self.OutputSerializer({"marked": marked}).data)
