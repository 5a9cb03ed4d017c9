from django.urls import URLPattern, URLResolver, path

from certificates import apis

# Fixed words (applications/, queue/, verify/) come before <id>/.
urlpatterns: list[URLPattern | URLResolver] = [
    path("", apis.CertificateListApi.as_view(), name="certificate-list"),
    path("applications/", apis.ApplicationListApi.as_view(), name="certificate-application-list"),
    path(
        "applications/<int:application_id>/",
        apis.ApplicationDetailApi.as_view(),
        name="certificate-application-detail",
    ),
    path(
        "applications/<int:application_id>/evidence/",
        apis.EvidenceListApi.as_view(),
        name="certificate-evidence-list",
    ),
    path(
        "applications/<int:application_id>/evidence/<int:evidence_id>/",
        apis.EvidenceDetailApi.as_view(),
        name="certificate-evidence-detail",
    ),
    path(
        "applications/<int:application_id>/evidence/<int:evidence_id>/file/",
        apis.EvidenceFileApi.as_view(),
        name="certificate-evidence-file",
    ),
    path(
        "applications/<int:application_id>/submit/",
        apis.ApplicationSubmitApi.as_view(),
        name="certificate-application-submit",
    ),
    path(
        "applications/<int:application_id>/request-info/",
        apis.ApplicationRequestInfoApi.as_view(),
        name="certificate-application-request-info",
    ),
    path(
        "applications/<int:application_id>/approve/",
        apis.ApplicationApproveApi.as_view(),
        name="certificate-application-approve",
    ),
    path(
        "applications/<int:application_id>/reject/",
        apis.ApplicationRejectApi.as_view(),
        name="certificate-application-reject",
    ),
    path("queue/", apis.ReviewQueueApi.as_view(), name="certificate-queue"),
    path("verify/<str:number>/", apis.CertificateVerifyApi.as_view(), name="certificate-verify"),
    path("<int:certificate_id>/", apis.CertificateDetailApi.as_view(), name="certificate-detail"),
    path("<int:certificate_id>/pdf/", apis.CertificatePdfApi.as_view(), name="certificate-pdf"),
    path("<int:certificate_id>/revoke/", apis.CertificateRevokeApi.as_view(), name="certificate-revoke"),
]
