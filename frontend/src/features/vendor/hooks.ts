// Data of the vendor area: the signed-in vendor's organisation, contacts, documents and products.
import { useState } from "react";
import { ApiError, apiErrorFrom, csrfToken, useApiMutation, useApiQuery } from "../../api";
import type { ApiData, GetPath } from "../../api";
import { useAuth } from "../../auth";
import { apiUrl } from "../../config";

const ORGANIZATION_PATHS: GetPath[] = [
  "/api/v1/organizations/{organization_id}/",
  "/api/v1/organizations/{organization_id}/contacts/",
  "/api/v1/organizations/{organization_id}/documents/",
];
const PRODUCT_PATHS: GetPath[] = ["/api/v1/products/", "/api/v1/products/{product_id}/"];

export function useOrganization(organizationId: number) {
  return useApiQuery("/api/v1/organizations/{organization_id}/", {
    params: { path: { organization_id: organizationId } },
  });
}

export function useContacts(organizationId: number) {
  return useApiQuery("/api/v1/organizations/{organization_id}/contacts/", {
    params: { path: { organization_id: organizationId }, query: { page_size: 100 } },
  });
}

export function useDocuments(organizationId: number) {
  return useApiQuery("/api/v1/organizations/{organization_id}/documents/", {
    params: { path: { organization_id: organizationId }, query: { page_size: 100 } },
  });
}

export function useOrganizationActions() {
  const invalidates = ORGANIZATION_PATHS;
  return {
    update: useApiMutation("patch", "/api/v1/organizations/{organization_id}/", { invalidates }),
    createContact: useApiMutation("post", "/api/v1/organizations/{organization_id}/contacts/", { invalidates }),
    updateContact: useApiMutation("patch", "/api/v1/organizations/{organization_id}/contacts/{contact_id}/", {
      invalidates,
    }),
    deleteContact: useApiMutation("delete", "/api/v1/organizations/{organization_id}/contacts/{contact_id}/", {
      invalidates,
    }),
    deleteDocument: useApiMutation("delete", "/api/v1/organizations/{organization_id}/documents/{document_id}/", {
      invalidates,
    }),
    requestVerification: useApiMutation("post", "/api/v1/organizations/{organization_id}/request-verification/", {
      invalidates,
    }),
  };
}

export function useMyProducts(vendorId: number, page: number) {
  return useApiQuery(
    "/api/v1/products/",
    { params: { query: { vendor: vendorId, page, ordering: ["-created_at"] } } },
    { keepPrevious: true },
  );
}

export function useMyProduct(productId: number) {
  return useApiQuery(
    "/api/v1/products/{product_id}/",
    { params: { path: { product_id: productId } } },
    { enabled: productId > 0 },
  );
}

export function useProductActions() {
  const invalidates = PRODUCT_PATHS;
  return {
    create: useApiMutation("post", "/api/v1/products/", { invalidates }),
    update: useApiMutation("patch", "/api/v1/products/{product_id}/", { invalidates }),
    updateDocument: useApiMutation("patch", "/api/v1/organizations/{organization_id}/documents/{document_id}/", {
      invalidates: [...invalidates, ...ORGANIZATION_PATHS],
    }),
  };
}

export type UploadedDocument = ApiData<"/api/v1/organizations/{organization_id}/documents/", "post">;

/**
 * Uploads one document (multipart) with its progress as a fraction 0…1. XMLHttpRequest, not the
 * generated client: fetch cannot report upload progress. Errors are the API's `ApiError`, so the
 * form puts the server's messages on its fields.
 */
export function sendDocument(
  organizationId: number,
  body: FormData,
  onProgress: (fraction: number) => void,
): Promise<UploadedDocument> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", apiUrl(`organizations/${organizationId}/documents/`));
    request.withCredentials = true;
    request.setRequestHeader("Accept", "application/json");
    const token = csrfToken();
    if (token) request.setRequestHeader("X-CSRFToken", token);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onerror = () => reject(new ApiError(0, "network", "The server could not be reached."));
    request.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = request.responseText ? JSON.parse(request.responseText) : null;
      } catch {
        parsed = null;
      }
      if (request.status >= 200 && request.status < 300) {
        onProgress(1);
        resolve(parsed as UploadedDocument);
      } else {
        reject(apiErrorFrom(request.status, request.statusText, parsed, request.getResponseHeader("Retry-After")));
      }
    };
    request.send(body);
  });
}

/** An upload in progress: `progress` is null when idle, else 0…1. */
export function useDocumentUpload(organizationId: number, onDone: () => Promise<unknown>) {
  const [progress, setProgress] = useState<number | null>(null);
  const upload = async (body: FormData) => {
    setProgress(0);
    try {
      const document = await sendDocument(organizationId, body, setProgress);
      await onDone();
      return document;
    } finally {
      setProgress(null);
    }
  };
  return { upload, progress };
}

/** The signed-in member's organisation id (0 if none; the vendor routes are gated to vendors). */
export function useOrganizationId(): number {
  const { user } = useAuth();
  return user?.organization_id ?? 0;
}
