import type { Messages } from "../../../i18n/types";
import type en from "./en";

// notifications (English fills the gaps).
const fr: Partial<Messages<typeof en>> = {
  "notifications.title": "Notifications",
  "notifications.bell": "Notifications",
  "notifications.markRead": "Marquer comme lu",
  "notifications.markAllRead": "Tout marquer comme lu",
};

export default fr;
