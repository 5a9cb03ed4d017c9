import type { Messages } from "../../../i18n/types";
import type en from "./en";

// notifications: Spanish, complete (the type requires every key).
const es: Messages<typeof en> = {
  "notifications.title": "Notificaciones",
  "notifications.intro": "Lo que ha pasado con sus presentaciones, solicitudes de certificado y consultas jurídicas.",
  "notifications.bell": "Notificaciones",
  "notifications.unread": "{count} sin leer",
  "notifications.markRead": "Marcar como leída",
  "notifications.markAllRead": "Marcar todas como leídas",
  "notifications.onlyUnread": "Solo sin leer",
  "notifications.empty.title": "No hay notificaciones",
  "notifications.empty.body":
    "Se le avisará aquí cuando cambie una presentación, una solicitud de certificado o una consulta.",
  "notifications.open": "Abrir la presentación",
  "notifications.audience": "usuarios con sesión iniciada",
};

export default es;
