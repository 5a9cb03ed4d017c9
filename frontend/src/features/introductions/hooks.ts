// Data of the introductions page: one page of the list and recording an outcome.
import { useQueryClient } from "@tanstack/react-query";
import { useApiMutation, useApiQuery } from "../../api";
import type { ApiInit } from "../../api";

export const INTRODUCTIONS_PAGE_SIZE = 20;

type ListQuery = NonNullable<NonNullable<ApiInit<"/api/v1/introductions/", "get">["params"]>["query"]>;

export function useIntroductions(query: ListQuery) {
  return useApiQuery("/api/v1/introductions/", { params: { query } }, { keepPrevious: true, retry: false });
}

/** Records an outcome; the figures are refetched, the list only marked stale (the saved card is updated in place). */
export function useIntroductionOutcome() {
  const queryClient = useQueryClient();
  return useApiMutation("post", "/api/v1/introductions/{introduction_id}/outcome/", {
    invalidates: ["/api/v1/stats/"],
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["/api/v1/introductions/"], refetchType: "none" }),
  });
}
