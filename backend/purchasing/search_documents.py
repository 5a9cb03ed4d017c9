"""The purchase-request document (REQUESTS): the open and matched requests."""

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from purchasing.models import PurchaseRequest, RequestStatus
from search import indexing
from search.analysis import split_by_language
from search.hashing import with_hash
from search.indexes import REQUESTS

INDEXED_REQUEST_STATUSES = (RequestStatus.OPEN, RequestStatus.MATCHED)


def request_queryset() -> QuerySet[PurchaseRequest]:
    return (
        PurchaseRequest.objects.filter(status__in=INDEXED_REQUEST_STATUSES)
        .select_related("buyer", "category")
        .prefetch_related("required_standards")
    )


def request_document(request: PurchaseRequest) -> dict[str, Any]:
    language = request.language or "other"
    document: dict[str, Any] = {
        "id": request.pk,
        **split_by_language({language: request.title}, "title"),
        **split_by_language({language: request.description}, "description"),
        "buyer_id": request.buyer_id,
        "buyer_country": request.buyer.country,
        "status": request.status,
        "category_id": request.category_id,
        "category_slug": request.category.slug if request.category else None,
        "hs_code": request.category.hs_code if request.category else None,
        "destination_country": request.destination_country,
        "quantity": request.quantity,
        "needed_by": request.needed_by.isoformat() if request.needed_by else None,
        "required_standards": sorted(standard.code for standard in request.required_standards.all()),
        "target_unit_price": float(request.target_unit_price) if request.target_unit_price else None,
        "currency": request.currency or None,
        "created_at": request.created_at.isoformat(),
    }
    return with_hash(document)


def request_documents(ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    return {request.pk: request_document(request) for request in request_queryset().filter(pk__in=list(ids))}


def search_entities_register() -> None:
    indexing.entity_register(indexing.Entity("request", REQUESTS, request_documents, request_queryset))
