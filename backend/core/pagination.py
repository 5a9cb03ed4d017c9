from typing import Any

import django_filters
from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView


class StandardPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 200


class ListApi(APIView):
    """A paginated list filtered and ordered by ``filterset_class``.

    ``queryset`` only names the model for the schema; the rows always come from a selector.
    """

    pagination_class = StandardPagination
    filter_backends = [DjangoFilterBackend]
    filterset_class: type[django_filters.FilterSet]
    queryset: QuerySet[Any]

    def paginated_response(
        self,
        request: Request,
        queryset: QuerySet[Any],
        serializer_class: type[serializers.BaseSerializer[Any]],
        context: dict[str, Any] | None = None,
    ) -> Response:
        for backend in self.filter_backends:
            queryset = backend().filter_queryset(request, queryset, self)
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(queryset, request, view=self)
        return paginator.get_paginated_response(serializer_class(page, many=True, context=context or {}).data)
