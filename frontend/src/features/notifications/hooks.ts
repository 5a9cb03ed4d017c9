// The signed-in user's notifications: the unread count for the header, the list, and marking read.
import { useApiMutation, useApiQuery } from "../../api";

const UNREAD_POLL_MS = 30_000;
const INVALIDATES = ["/api/v1/notifications/"] as const;

/** How many notifications are unread; refetched every 30 s while the page is open. */
export function useUnreadCount(enabled: boolean) {
  const query = useApiQuery(
    "/api/v1/notifications/",
    { params: { query: { unread: "true", page_size: 1 } } },
    { enabled, refetchInterval: enabled ? UNREAD_POLL_MS : false },
  );
  return query.data?.count;
}

export function useNotifications(onlyUnread: boolean, page: number) {
  const list = useApiQuery(
    "/api/v1/notifications/",
    { params: { query: { ...(onlyUnread ? { unread: "true" } : {}), page, page_size: 20 } } },
    { keepPrevious: true },
  );
  const markRead = useApiMutation("post", "/api/v1/notifications/{notification_id}/read/", {
    invalidates: [...INVALIDATES],
  });
  const markAllRead = useApiMutation("post", "/api/v1/notifications/read-all/", { invalidates: [...INVALIDATES] });
  return { list, markRead, markAllRead };
}
