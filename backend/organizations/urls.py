from django.urls import path

from organizations.apis.contacts import ContactDetailApi, ContactListApi
from organizations.apis.documents import (
    DocumentApproveApi,
    DocumentDetailApi,
    DocumentFileApi,
    DocumentListApi,
    DocumentRejectApi,
)
from organizations.apis.organizations import (
    OrganizationAuditApi,
    OrganizationDetailApi,
    OrganizationListApi,
    OrganizationRejectApi,
    OrganizationRequestVerificationApi,
    OrganizationVerifyApi,
)

urlpatterns = [
    path("", OrganizationListApi.as_view(), name="organization-list"),
    path("<int:organization_id>/", OrganizationDetailApi.as_view(), name="organization-detail"),
    path("<int:organization_id>/contacts/", ContactListApi.as_view(), name="organization-contact-list"),
    path(
        "<int:organization_id>/contacts/<int:contact_id>/",
        ContactDetailApi.as_view(),
        name="organization-contact-detail",
    ),
    path("<int:organization_id>/documents/", DocumentListApi.as_view(), name="organization-document-list"),
    path(
        "<int:organization_id>/documents/<int:document_id>/",
        DocumentDetailApi.as_view(),
        name="organization-document-detail",
    ),
    path(
        "<int:organization_id>/documents/<int:document_id>/file/",
        DocumentFileApi.as_view(),
        name="organization-document-file",
    ),
    path(
        "<int:organization_id>/documents/<int:document_id>/approve/",
        DocumentApproveApi.as_view(),
        name="organization-document-approve",
    ),
    path(
        "<int:organization_id>/documents/<int:document_id>/reject/",
        DocumentRejectApi.as_view(),
        name="organization-document-reject",
    ),
    path(
        "<int:organization_id>/request-verification/",
        OrganizationRequestVerificationApi.as_view(),
        name="organization-request-verification",
    ),
    path("<int:organization_id>/verify/", OrganizationVerifyApi.as_view(), name="organization-verify"),
    path("<int:organization_id>/reject/", OrganizationRejectApi.as_view(), name="organization-reject"),
    path("<int:organization_id>/audit/", OrganizationAuditApi.as_view(), name="organization-audit"),
]
