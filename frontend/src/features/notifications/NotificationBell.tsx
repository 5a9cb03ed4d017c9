import { Link } from "react-router";
import { useAuth } from "../../auth";
import { useI18n } from "../../i18n";
import { useUnreadCount } from "./hooks";

/** The header's bell: a link to the notification centre with the unread count. */
export function NotificationBell() {
  const { state } = useAuth();
  const { t, lang } = useI18n();
  const signedIn = state.status === "authenticated";
  const unread = useUnreadCount(signedIn);
  if (!signedIn) return null;
  const label =
    unread && unread > 0
      ? `${t("notifications.bell")}: ${t("notifications.unread", { count: unread })}`
      : t("notifications.bell");
  return (
    <Link to="/notifications" className="notification-bell" aria-label={label} data-testid="notification-bell">
      <svg
        viewBox="0 0 24 24"
        width="20"
        height="20"
        aria-hidden="true"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
      >
        <path d="M6 16V11a6 6 0 1 1 12 0v5l1.5 2h-15z" />
        <path d="M10 20a2 2 0 0 0 4 0" />
      </svg>
      {unread && unread > 0 ? (
        <span className="notification-bell__count" data-testid="unread-count">
          {new Intl.NumberFormat(lang).format(unread)}
        </span>
      ) : null}
    </Link>
  );
}
