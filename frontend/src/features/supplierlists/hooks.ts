// Data of the supplier-list pages (server state through the generated client).
import { apiCall, useApiMutation, useApiQuery } from "../../api";
import type { components } from "../../api";

export type MappingField = components["schemas"]["SupplierListMappingApiInputRequest"]["mapping"][string];

/** The fields a column can be mapped to, in the order the mapping form offers them ("" ignores a column). */
export const MAPPING_FIELDS = [
  "name",
  "name_en",
  "name_zh",
  "country",
  "city",
  "address",
  "registration_id",
  "website",
  "contact_name",
  "email",
  "phone",
  "wechat",
  "whatsapp",
  "categories",
  "language",
] as const satisfies readonly Exclude<MappingField, "">[];

// Every field of the API's enum is offered (a field added there fails the type check here).
type Missing = Exclude<Exclude<MappingField, "">, (typeof MAPPING_FIELDS)[number]>;
const everyFieldOffered: Missing extends never ? true : never = true;
void everyFieldOffered;

/** While a worker reads or resolves the list, poll it this often (ms). */
export const PROGRESS_POLL_MS = 1000;

const PATHS = [
  "/api/v1/supplier-lists/",
  "/api/v1/supplier-lists/{supplier_list_id}/",
  "/api/v1/supplier-lists/{supplier_list_id}/rows/",
  "/api/v1/supplier-lists/review/",
  "/api/v1/supplier-lists/invitations/",
] as const;

export function useSupplierLists(page: number) {
  return useApiQuery("/api/v1/supplier-lists/", { params: { query: { page } } }, { keepPrevious: true });
}

export function useSupplierList(supplierListId: number) {
  return useApiQuery(
    "/api/v1/supplier-lists/{supplier_list_id}/",
    { params: { path: { supplier_list_id: supplierListId } } },
    {
      staleTime: 0,
      refetchInterval: (query) => {
        const status = query.state.data?.status;
        return status === "parsing" || status === "resolving" ? PROGRESS_POLL_MS : false;
      },
    },
  );
}

export function useRejectedRows(supplierListId: number, enabled: boolean) {
  return useApiQuery(
    "/api/v1/supplier-lists/{supplier_list_id}/rows/",
    { params: { path: { supplier_list_id: supplierListId }, query: { status: "rejected", page_size: 100 } } },
    { enabled },
  );
}

export function useReviewQueue(supplierList: number | undefined, page: number) {
  return useApiQuery(
    "/api/v1/supplier-lists/review/",
    { params: { query: { supplier_list: supplierList, status: "open", page } } },
    { keepPrevious: true, staleTime: 0 },
  );
}

/** Organisations per page of the invitations page (a list brings in dozens; staff invite in bulk). */
export const INVITATIONS_PAGE_SIZE = 50;

export function useInvitations(supplierList: number | undefined, page: number) {
  return useApiQuery(
    "/api/v1/supplier-lists/invitations/",
    { params: { query: { supplier_list: supplierList, page, page_size: INVITATIONS_PAGE_SIZE } } },
    { keepPrevious: true, staleTime: 0 },
  );
}

export function useSupplierListActions() {
  const invalidates = [...PATHS];
  return {
    confirmMapping: useApiMutation("post", "/api/v1/supplier-lists/{supplier_list_id}/mapping/", { invalidates }),
    allowMatching: useApiMutation("patch", "/api/v1/supplier-lists/{supplier_list_id}/", { invalidates }),
    merge: useApiMutation("post", "/api/v1/supplier-lists/review/{candidate_id}/merge/", { invalidates }),
    keepApart: useApiMutation("post", "/api/v1/supplier-lists/review/{candidate_id}/keep-apart/", { invalidates }),
    bulk: useApiMutation("post", "/api/v1/supplier-lists/review/bulk/", { invalidates }),
    invite: useApiMutation("post", "/api/v1/supplier-lists/invitations/", { invalidates }),
  };
}

export type UploadValues = {
  file: File;
  sender_name: string;
  received_on: string;
  allow_matching: boolean;
};

/** Uploads a list (multipart); a worker then reads it. */
export function uploadSupplierList(values: UploadValues) {
  const form = new FormData();
  form.append("file", values.file);
  form.append("sender_name", values.sender_name);
  form.append("received_on", values.received_on);
  form.append("allow_matching", values.allow_matching ? "true" : "false");
  return apiCall("post", "/api/v1/supplier-lists/", {
    body: form as never,
    bodySerializer: (value: unknown) => value as FormData,
  });
}

export function useClaimInvitation(token: string) {
  return useApiQuery("/api/v1/supplier-lists/claim/", { params: { query: { token } } }, { enabled: Boolean(token) });
}

export function useClaimActions() {
  return {
    claim: useApiMutation("post", "/api/v1/supplier-lists/claim/"),
    correct: useApiMutation("patch", "/api/v1/organizations/{organization_id}/", {
      invalidates: ["/api/v1/organizations/{organization_id}/"],
    }),
    requestVerification: useApiMutation("post", "/api/v1/organizations/{organization_id}/request-verification/", {
      invalidates: ["/api/v1/organizations/{organization_id}/"],
    }),
  };
}

/** Uploads the business licence (multipart); the server checks its content and size. */
export function uploadBusinessLicence(organizationId: number, file: File) {
  const form = new FormData();
  form.append("file", file);
  form.append("document_type", "business_licence");
  return apiCall("post", "/api/v1/organizations/{organization_id}/documents/", {
    params: { path: { organization_id: organizationId } },
    body: form as never,
    bodySerializer: (value: unknown) => value as FormData,
  });
}
