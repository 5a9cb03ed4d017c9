from django.urls import URLPattern, URLResolver, path

from certificates.apis.applications import (
    ApplicationApproveApi,
    ApplicationDetailApi,
    ApplicationListApi,
    ApplicationRejectApi,
    ApplicationRequestInfoApi,
    ApplicationSubmitApi,
    ReviewQueueApi,
)
from certificates.apis.certificates import (
    CertificateDetailApi,
    CertificateListApi,
    CertificatePdfApi,
    CertificateRevokeApi,
    CertificateVerifyApi,
)
from certificates.apis.evidence import EvidenceDetailApi, EvidenceFileApi, EvidenceListApi

# Fixed words (applications/, queue/, verify/) come before <id>/.
urlpatterns: list[URLPattern | URLResolver] = [
    path("", CertificateListApi.as_view(), name="certificate-list"),
    path("applications/", ApplicationListApi.as_view(), name="certificate-application-list"),
    path(
        "applications/<int:application_id>/",
        ApplicationDetailApi.as_view(),
        name="certificate-application-detail",
    ),
    path(
        "applications/<int:application_id>/evidence/",
        EvidenceListApi.as_view(),
        name="certificate-evidence-list",
    ),
    path(
        "applications/<int:application_id>/evidence/<int:evidence_id>/",
        EvidenceDetailApi.as_view(),
        name="certificate-evidence-detail",
    ),
    path(
        "applications/<int:application_id>/evidence/<int:evidence_id>/file/",
        EvidenceFileApi.as_view(),
        name="certificate-evidence-file",
    ),
    path(
        "applications/<int:application_id>/submit/",
        ApplicationSubmitApi.as_view(),
        name="certificate-application-submit",
    ),
    path(
        "applications/<int:application_id>/request-info/",
        ApplicationRequestInfoApi.as_view(),
        name="certificate-application-request-info",
    ),
    path(
        "applications/<int:application_id>/approve/",
        ApplicationApproveApi.as_view(),
        name="certificate-application-approve",
    ),
    path(
        "applications/<int:application_id>/reject/",
        ApplicationRejectApi.as_view(),
        name="certificate-application-reject",
    ),
    path("queue/", ReviewQueueApi.as_view(), name="certificate-queue"),
    path("verify/<str:number>/", CertificateVerifyApi.as_view(), name="certificate-verify"),
    path("<int:certificate_id>/", CertificateDetailApi.as_view(), name="certificate-detail"),
    path("<int:certificate_id>/pdf/", CertificatePdfApi.as_view(), name="certificate-pdf"),
    path("<int:certificate_id>/revoke/", CertificateRevokeApi.as_view(), name="certificate-revoke"),
]
