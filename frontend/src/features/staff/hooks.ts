// Data of the staff back office: the verification queue, one organisation under review,
// duplicate pairs, and the dashboard's figures. Pages only lay these out.
import { useApiMutation, useApiQuery } from "../../api";
import type { VerificationStatusEnum } from "../../api";

export const QUEUE_PAGE_SIZE = 25;
export const REVIEW_STATUSES: readonly VerificationStatusEnum[] = ["pending", "unverified", "rejected", "verified"];

/** Organisations with the given verification status, oldest first (the queue's order). */
export function useVerificationQueue(status: VerificationStatusEnum, page: number) {
  return useApiQuery(
    "/api/v1/organizations/",
    { params: { query: { verification_status: status, ordering: ["created_at"], page, page_size: QUEUE_PAGE_SIZE } } },
    { keepPrevious: true },
  );
}

/** One organisation with its documents and audit trail. */
export function useOrganizationReview(organizationId: number) {
  const path = { params: { path: { organization_id: organizationId } } };
  const organization = useApiQuery("/api/v1/organizations/{organization_id}/", path);
  const documents = useApiQuery("/api/v1/organizations/{organization_id}/documents/", {
    params: { path: { organization_id: organizationId }, query: { page_size: 100 } },
  });
  const audit = useApiQuery("/api/v1/organizations/{organization_id}/audit/", {
    params: { path: { organization_id: organizationId }, query: { page_size: 100 } },
  });
  return { organization, documents, audit };
}

/** The two decisions staff can take on an organisation; both refetch it, its trail and the queue. */
export function useOrganizationDecision() {
  const invalidates = [
    "/api/v1/organizations/",
    "/api/v1/organizations/{organization_id}/",
    "/api/v1/organizations/{organization_id}/audit/",
  ] as const;
  const verify = useApiMutation("post", "/api/v1/organizations/{organization_id}/verify/", {
    invalidates: [...invalidates],
  });
  const reject = useApiMutation("post", "/api/v1/organizations/{organization_id}/reject/", {
    invalidates: [...invalidates],
  });
  return { verify, reject };
}

export function useDuplicates(page: number) {
  const flags = useApiQuery(
    "/api/v1/requests/duplicates/",
    { params: { query: { status: "open", ordering: ["created_at"], page, page_size: 10 } } },
    { keepPrevious: true },
  );
  const merge = useApiMutation("post", "/api/v1/requests/duplicates/{flag_id}/merge/", {
    invalidates: ["/api/v1/requests/duplicates/", "/api/v1/requests/"],
  });
  const dismiss = useApiMutation("post", "/api/v1/requests/duplicates/{flag_id}/dismiss/", {
    invalidates: ["/api/v1/requests/duplicates/"],
  });
  return { flags, merge, dismiss };
}

/** The figures of `stats/` and the three counts that matter at a glance. */
export function useDashboard() {
  const stats = useApiQuery("/api/v1/stats/");
  const pending = useApiQuery("/api/v1/organizations/", {
    params: { query: { verification_status: "pending", page_size: 1 } },
  });
  const toReview = useApiQuery("/api/v1/proposals/", { params: { query: { status: "proposed", page_size: 1 } } });
  const overdue = useApiQuery("/api/v1/introductions/", { params: { query: { overdue: "true", page_size: 1 } } });
  return {
    stats,
    counts: {
      pendingVerifications: pending.data?.count,
      proposalsToReview: toReview.data?.count,
      overdueIntroductions: overdue.data?.count,
    },
  };
}

/** One purchase request, read-only, and every proposal made for it (the staff request page). */
export function useStaffRequest(requestId: number) {
  const request = useApiQuery("/api/v1/requests/{request_id}/", { params: { path: { request_id: requestId } } });
  const proposals = useApiQuery("/api/v1/proposals/", {
    // "status=" (empty): every status, a value the generated types do not know.
    params: { query: { request: requestId, status: "" as "proposed", ordering: ["-score"], page_size: 50 } },
  });
  return { request, proposals };
}
