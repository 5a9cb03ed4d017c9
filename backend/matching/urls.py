from django.urls import URLPattern, URLResolver, path

from matching.apis import (
    ProposalApproveApi,
    ProposalAuditApi,
    ProposalBulkApi,
    ProposalDetailApi,
    ProposalListApi,
    ProposalRejectApi,
)

# bulk/ comes before <id>/.
urlpatterns: list[URLPattern | URLResolver] = [
    path("", ProposalListApi.as_view(), name="proposal-list"),
    path("bulk/", ProposalBulkApi.as_view(), name="proposal-bulk"),
    path("<int:proposal_id>/", ProposalDetailApi.as_view(), name="proposal-detail"),
    path("<int:proposal_id>/approve/", ProposalApproveApi.as_view(), name="proposal-approve"),
    path("<int:proposal_id>/reject/", ProposalRejectApi.as_view(), name="proposal-reject"),
    path("<int:proposal_id>/audit/", ProposalAuditApi.as_view(), name="proposal-audit"),
]
