import type { Messages } from "../../../i18n/types";
import type en from "./en";

// notifications: Arabic.
const ar: Partial<Messages<typeof en>> = {
  "notifications.title": "الإشعارات",
  "notifications.intro": "ما حدث لتعارفاتك.",
  "notifications.bell": "الإشعارات",
  "notifications.unread": "{count} غير مقروءة",
  "notifications.markRead": "تعليم كمقروء",
  "notifications.markAllRead": "تعليم الكل كمقروء",
  "notifications.onlyUnread": "غير المقروءة فقط",
  "notifications.empty.title": "لا توجد إشعارات",
  "notifications.empty.body": "سيتم إعلامك هنا عند إنشاء تعارف أو تغيّره.",
  "notifications.open": "فتح التعارف",
  "notifications.audience": "المستخدمين المسجلين",
};

export default ar;
