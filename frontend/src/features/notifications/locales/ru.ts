import type { Messages } from "../../../i18n/types";
import type en from "./en";

// notifications (English fills the gaps).
const ru: Partial<Messages<typeof en>> = {
  "notifications.title": "Уведомления",
  "notifications.bell": "Уведомления",
  "notifications.markRead": "Отметить прочитанным",
  "notifications.markAllRead": "Отметить все прочитанными",
};

export default ru;
