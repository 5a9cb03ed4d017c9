from collections.abc import Callable
from typing import Any

import django_filters
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView


class StandardPagination(PageNumberPagination):
    """Page numbers from 1; ``page_size`` 1 … 200 (20 when not given or empty).

    DRF's own class falls back to the default size for a ``page_size`` it cannot read (``null``,
    ``-4``) and clamps one above the maximum: here such a value is refused with a 400 naming the
    parameter, as every other query parameter is (core.filters).
    """

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param, "")
        if raw == "":
            return self.page_size
        field = serializers.IntegerField(min_value=1, max_value=self.max_page_size)
        try:
            size: int = field.run_validation(raw)
        except exceptions.ValidationError as error:
            raise exceptions.ValidationError({self.page_size_query_param: error.detail}) from error
        return size

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        """The bounds this class enforces, so that the schema says what is refused."""
        parameters: list[dict[str, Any]] = super().get_schema_operation_parameters(view)
        bounds = {
            self.page_query_param: {"minimum": 1},
            self.page_size_query_param: {"minimum": 1, "maximum": self.max_page_size},
        }
        for parameter in parameters:
            parameter["schema"].update(bounds.get(parameter["name"], {}))
        return parameters


class ListApi(APIView):
    """A paginated list whose rows come from a selector, filtered and ordered by ``filterset_class``.

    The one list idiom of the API. ``model`` names the rows' model for the schema (the filterset's
    model when there is one); ``input_serializer_class`` is what OPTIONS describes as the POST body
    of a list that also creates (the views pick their serializers explicitly).
    """

    pagination_class = StandardPagination
    filter_backends = [DjangoFilterBackend]
    filterset_class: type[django_filters.FilterSet] | None = None
    model: type[Model] | None = None
    input_serializer_class: type[serializers.BaseSerializer[Any]] | None = None

    def get_queryset(self) -> QuerySet[Any]:
        """No rows: only what drf-spectacular and django-filter read the model from."""
        model = self.model or (self.filterset_class._meta.model if self.filterset_class else None)
        if model is None:
            raise ImproperlyConfigured(f"{type(self).__name__} names neither a model nor a filterset.")
        return model._default_manager.none()

    def get_serializer(self, *args: Any, **kwargs: Any) -> serializers.BaseSerializer[Any]:
        """The POST body, for OPTIONS (and the schema of a view that states no request)."""
        kwargs.pop("context", None)
        return (self.input_serializer_class or serializers.Serializer)(*args, **kwargs)

    def page_response(
        self,
        request: Request,
        rows: Any,
        serializer_class: type[serializers.BaseSerializer[Any]],
        context: Callable[[list[Any]], dict[str, Any]] | dict[str, Any] | None = None,
    ) -> Response:
        """One page of ``rows`` that a selector has already filtered (``filterset_class`` then
        only documents the parameters). ``context`` may be worked out from the page's rows."""
        paginator = self.pagination_class()
        page = list(paginator.paginate_queryset(rows, request, view=self) or [])
        extra = context(page) if callable(context) else context
        return paginator.get_paginated_response(serializer_class(page, many=True, context=extra or {}).data)

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
