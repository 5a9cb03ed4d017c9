from django.urls import URLPattern, URLResolver, path

from consultations import apis

urlpatterns: list[URLPattern | URLResolver] = [
    path("", apis.ConsultationListApi.as_view(), name="consultation-list"),
    path("advisers/", apis.AdviserListApi.as_view(), name="consultation-advisers"),
    path("<int:consultation_id>/", apis.ConsultationDetailApi.as_view(), name="consultation-detail"),
    path("<int:consultation_id>/assign/", apis.ConsultationAssignApi.as_view(), name="consultation-assign"),
    path(
        "<int:consultation_id>/messages/",
        apis.ConsultationMessageListApi.as_view(),
        name="consultation-messages",
    ),
    path(
        "<int:consultation_id>/attachments/",
        apis.ConsultationAttachmentListApi.as_view(),
        name="consultation-attachments",
    ),
    path(
        "<int:consultation_id>/attachments/<int:attachment_id>/file/",
        apis.ConsultationAttachmentFileApi.as_view(),
        name="consultation-attachment-file",
    ),
    path("<int:consultation_id>/close/", apis.ConsultationCloseApi.as_view(), name="consultation-close"),
]
