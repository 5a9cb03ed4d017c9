import type { Messages } from "../../../i18n/types";
import type en from "./en";

// notifications (English fills the gaps).
const es: Partial<Messages<typeof en>> = {
  "notifications.title": "Notificaciones",
  "notifications.bell": "Notificaciones",
  "notifications.markRead": "Marcar como leída",
  "notifications.markAllRead": "Marcar todas como leídas",
};

export default es;
