from django.urls import path

from supplierlists.apis.invitations import ClaimApi, InvitationCreateApi
from supplierlists.apis.lists import (
    SupplierListDetailApi,
    SupplierListListApi,
    SupplierListMappingApi,
    SupplierListRowsApi,
)
from supplierlists.apis.review import (
    CandidateBulkApi,
    CandidateKeepApartApi,
    CandidateMergeApi,
    ReviewQueueApi,
)

urlpatterns = [
    path("", SupplierListListApi.as_view(), name="supplier-lists"),
    path("<int:supplier_list_id>/", SupplierListDetailApi.as_view(), name="supplier-list-detail"),
    path("<int:supplier_list_id>/mapping/", SupplierListMappingApi.as_view(), name="supplier-list-mapping"),
    path("<int:supplier_list_id>/rows/", SupplierListRowsApi.as_view(), name="supplier-list-rows"),
    path("review/", ReviewQueueApi.as_view(), name="supplier-lists-review"),
    path("review/bulk/", CandidateBulkApi.as_view(), name="supplier-lists-review-bulk"),
    path("review/<int:candidate_id>/merge/", CandidateMergeApi.as_view(), name="supplier-lists-merge"),
    path(
        "review/<int:candidate_id>/keep-apart/",
        CandidateKeepApartApi.as_view(),
        name="supplier-lists-keep-apart",
    ),
    path("invitations/", InvitationCreateApi.as_view(), name="supplier-lists-invite"),
    path("claim/", ClaimApi.as_view(), name="supplier-lists-claim"),
]
