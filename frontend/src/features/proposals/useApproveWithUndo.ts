// Approve with undo: an approval is held back for a few seconds, during which "Undo" takes it back.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { apiCall } from "../../api";

/** An approval is sent this long after the click; until then "Undo" takes it back. */
export const APPROVE_UNDO_SECONDS = 5;

export interface PendingApproval {
  deadline: number;
  timer: ReturnType<typeof setTimeout>;
  verifyBuyer: boolean;
}

/**
 * The approvals waiting out their undo window, by proposal id. The component re-renders while any
 * is waiting, so that a countdown can be shown; leaving the page sends the waiting ones at once.
 */
export function useApproveWithUndo() {
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<Map<number, PendingApproval>>(new Map());
  const [, setTick] = useState(0);
  const pendingRef = useRef(pending);
  pendingRef.current = pending;

  // The countdown of approvals waiting for their undo window to pass.
  useEffect(() => {
    if (pending.size === 0) return;
    const interval = setInterval(() => setTick((n) => n + 1), 250);
    return () => clearInterval(interval);
  }, [pending.size]);

  // Leaving the page does not lose an approval the reviewer did not undo: it is sent at once.
  useEffect(
    () => () => {
      for (const [id, item] of pendingRef.current) {
        clearTimeout(item.timer);
        void apiCall("post", "/api/v1/proposals/{proposal_id}/approve/", {
          params: { path: { proposal_id: id } },
          body: { reason: "", verify_buyer: item.verifyBuyer },
        }).then(
          () => queryClient.invalidateQueries({ queryKey: ["/api/v1/proposals/"] }),
          () => undefined,
        );
      }
    },
    [queryClient],
  );

  const dropPending = (id: number) =>
    setPending((current) => {
      const next = new Map(current);
      next.delete(id);
      return next;
    });

  /** Holds the approval of `id` for the undo window, then calls `send` (unless undone or the page is left). */
  const schedule = (id: number, verifyBuyer: boolean, send: () => void) => {
    const timer = setTimeout(() => {
      dropPending(id);
      send();
    }, APPROVE_UNDO_SECONDS * 1000);
    setPending((current) =>
      new Map(current).set(id, { deadline: Date.now() + APPROVE_UNDO_SECONDS * 1000, timer, verifyBuyer }),
    );
  };

  const undo = (id: number) => {
    const item = pending.get(id);
    if (item) clearTimeout(item.timer);
    dropPending(id);
  };

  return { pending, schedule, undo };
}
