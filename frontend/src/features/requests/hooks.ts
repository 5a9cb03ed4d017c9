// Data of the purchase-request pages (server state through the generated client).
import { useEffect, useState } from "react";
import { requestStatusEnumValues, useApiMutation, useApiQuery } from "../../api";
import type { GetPath } from "../../api";

export const REQUEST_STATUSES = requestStatusEnumValues;
export const PAGE_SIZE = 20;
/** A buyer edits a request's fields while it is a draft or open (the server's EDITABLE_STATUSES). */
export const EDITABLE_STATUSES: readonly string[] = ["draft", "open"];

// The moves a buyer makes (REQUEST_TRANSITIONS on the server has the full set).
export const ACTIONS: Record<
  string,
  { to: string; label: "requests.action.publish" | "requests.action.close" | "requests.action.reopen" }[]
> = {
  draft: [
    { to: "open", label: "requests.action.publish" },
    { to: "closed", label: "requests.action.close" },
  ],
  open: [{ to: "closed", label: "requests.action.close" }],
  matched: [{ to: "closed", label: "requests.action.close" }],
  expired: [{ to: "open", label: "requests.action.reopen" }],
};

const REQUEST_PATHS: GetPath[] = [
  "/api/v1/requests/",
  "/api/v1/requests/{request_id}/",
  "/api/v1/requests/{request_id}/audit/",
];

export function useRequests(status: string, page: number) {
  return useApiQuery(
    "/api/v1/requests/",
    {
      params: {
        query: {
          status: (status || undefined) as never,
          page: page > 1 ? page : undefined,
          page_size: PAGE_SIZE,
          ordering: ["-created_at"],
        },
      },
    },
    { keepPrevious: true },
  );
}

export function useRequest(requestId: number) {
  return useApiQuery("/api/v1/requests/{request_id}/", { params: { path: { request_id: requestId } } });
}

export function useRequestHistory(requestId: number) {
  return useApiQuery("/api/v1/requests/{request_id}/audit/", {
    params: { path: { request_id: requestId }, query: { page_size: 100 } },
  });
}

/** The introductions a request led to (approved proposals), newest first. */
export function useRequestIntroductions(requestId: number) {
  return useApiQuery("/api/v1/introductions/", {
    params: { query: { request: requestId, ordering: ["-created_at"], page_size: 50 } },
  });
}

export function useRequestActions() {
  const invalidates = [...REQUEST_PATHS];
  return {
    create: useApiMutation("post", "/api/v1/requests/", { invalidates }),
    update: useApiMutation("patch", "/api/v1/requests/{request_id}/", { invalidates }),
    transition: useApiMutation("post", "/api/v1/requests/{request_id}/transition/", { invalidates }),
  };
}

/** `value`, once it has stayed the same for `delay` ms (typing pauses). */
export function useDebounced<T>(value: T, delay = 400): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

/**
 * The category the engine infers from what the buyer is typing (the server infers the same one
 * for matching when none is chosen); disabled while a category is chosen or the text is short.
 */
export function useCategorySuggestion(text: string, enabled: boolean) {
  const settled = useDebounced(text.trim());
  const query = useApiQuery(
    "/api/v1/taxonomy/categories/infer/",
    { params: { query: { q: settled } } },
    { enabled: enabled && settled.length >= 4, retry: false, staleTime: 60_000 },
  );
  return (enabled && settled.length >= 4 ? query.data?.categories[0]?.category : undefined) ?? null;
}
