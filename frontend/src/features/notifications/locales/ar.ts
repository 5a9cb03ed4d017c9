import type { Messages } from "../../../i18n/types";
import type en from "./en";

// notifications: Arabic, complete (the type requires every key).
const ar: Messages<typeof en> = {
  "notifications.title": "الإشعارات",
  "notifications.intro": "ما حدث لتعارفاتك وطلبات الشهادات والاستشارات القانونية.",
  "notifications.bell": "الإشعارات",
  "notifications.unread": "{count} غير مقروءة",
  "notifications.markRead": "تعليم كمقروء",
  "notifications.markAllRead": "تعليم الكل كمقروء",
  "notifications.onlyUnread": "غير المقروءة فقط",
  "notifications.empty.title": "لا توجد إشعارات",
  "notifications.empty.body": "سيتم إعلامك هنا عند تغيّر تعارف أو طلب شهادة أو استشارة.",
  "notifications.open": "فتح التعارف",
  "notifications.audience": "المستخدمين المسجلين",
};

export default ar;
