from django.urls import URLPattern, URLResolver, path

from purchasing.apis.duplicates import DuplicateDismissApi, DuplicateFlagListApi, DuplicateMergeApi
from purchasing.apis.imports import (
    PurchaseRequestImportApi,
    PurchaseRequestImportStatusApi,
    PurchaseRequestImportTemplateApi,
)
from purchasing.apis.requests import (
    PurchaseRequestAuditApi,
    PurchaseRequestDetailApi,
    PurchaseRequestListCreateApi,
    PurchaseRequestTransitionApi,
)

# import/ and duplicates/ come before <id>/.
urlpatterns: list[URLPattern | URLResolver] = [
    path("", PurchaseRequestListCreateApi.as_view(), name="request-list"),
    path("import/", PurchaseRequestImportApi.as_view(), name="request-import"),
    path("import/<int:job_id>/", PurchaseRequestImportStatusApi.as_view(), name="request-import-status"),
    path("import/template/", PurchaseRequestImportTemplateApi.as_view(), name="request-import-template"),
    path("duplicates/", DuplicateFlagListApi.as_view(), name="request-duplicate-list"),
    path("duplicates/<int:flag_id>/merge/", DuplicateMergeApi.as_view(), name="request-duplicate-merge"),
    path(
        "duplicates/<int:flag_id>/dismiss/", DuplicateDismissApi.as_view(), name="request-duplicate-dismiss"
    ),
    path("<int:request_id>/", PurchaseRequestDetailApi.as_view(), name="request-detail"),
    path("<int:request_id>/audit/", PurchaseRequestAuditApi.as_view(), name="request-audit"),
    path("<int:request_id>/transition/", PurchaseRequestTransitionApi.as_view(), name="request-transition"),
]
