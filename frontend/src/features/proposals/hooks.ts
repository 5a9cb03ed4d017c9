// Data of the staff review queue: the list and the three decisions.
// Pages only lay these out.
import { useQueryClient } from "@tanstack/react-query";
import { useApiMutation, useApiQuery } from "../../api";
import type { ApiInit, GetPath } from "../../api";

export const QUEUE_PAGE_SIZE = 25;

type QueueQuery = NonNullable<NonNullable<ApiInit<"/api/v1/proposals/", "get">["params"]>["query"]>;

/** One page of the queue; the previous page stays on screen while the next one loads. */
export function useProposalQueue(query: QueueQuery) {
  return useApiQuery("/api/v1/proposals/", { params: { query } }, { keepPrevious: true, retry: false });
}

// A decision shows on the row it was taken on; the queue itself is only marked stale (refetching it
// now would drop the decided row from the "proposed" list while its result is being read).
const AFTER_DECISION: GetPath[] = ["/api/v1/introductions/", "/api/v1/stats/", "/api/v1/notifications/"];

export function useProposalDecisions() {
  const queryClient = useQueryClient();
  const markQueueStale = () => queryClient.invalidateQueries({ queryKey: ["/api/v1/proposals/"], refetchType: "none" });
  const options = { invalidates: AFTER_DECISION, onSuccess: markQueueStale };
  const approve = useApiMutation("post", "/api/v1/proposals/{proposal_id}/approve/", options);
  const reject = useApiMutation("post", "/api/v1/proposals/{proposal_id}/reject/", options);
  const bulk = useApiMutation("post", "/api/v1/proposals/bulk/", options);
  return { approve, reject, bulk };
}
