// notifications: English, the reference.
const en = {
  "notifications.title": "Notifications",
  "notifications.intro": "What happened to your introductions, certificate applications and legal consultations.",
  "notifications.bell": "Notifications",
  "notifications.unread": "{count} unread",
  "notifications.markRead": "Mark read",
  "notifications.markAllRead": "Mark all read",
  "notifications.onlyUnread": "Unread only",
  "notifications.empty.title": "No notifications",
  "notifications.empty.body":
    "You will be told here when an introduction, a certificate application or a consultation changes.",
  "notifications.open": "Open the introduction",
  "notifications.audience": "signed-in users",
} as const;

export default en;
