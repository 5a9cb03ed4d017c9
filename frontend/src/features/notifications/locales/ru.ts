import type { Messages } from "../../../i18n/types";
import type en from "./en";

// notifications: Russian, complete (the type requires every key).
const ru: Messages<typeof en> = {
  "notifications.title": "Уведомления",
  "notifications.intro":
    "Что произошло с вашими представлениями, заявками на сертификат и юридическими консультациями.",
  "notifications.bell": "Уведомления",
  "notifications.unread": "Непрочитанных: {count}",
  "notifications.markRead": "Отметить прочитанным",
  "notifications.markAllRead": "Отметить все прочитанными",
  "notifications.onlyUnread": "Только непрочитанные",
  "notifications.empty.title": "Уведомлений нет",
  "notifications.empty.body":
    "Здесь появится сообщение, когда изменится представление, заявка на сертификат или консультация.",
  "notifications.open": "Открыть представление",
  "notifications.audience": "вошедших пользователей",
};

export default ru;
