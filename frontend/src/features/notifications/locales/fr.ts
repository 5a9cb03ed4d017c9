import type { Messages } from "../../../i18n/types";
import type en from "./en";

// notifications: French, complete (the type requires every key).
const fr: Messages<typeof en> = {
  "notifications.title": "Notifications",
  "notifications.intro":
    "Ce qui est arrivé à vos mises en relation, demandes de certificat et consultations juridiques.",
  "notifications.bell": "Notifications",
  "notifications.unread": "{count} non lue(s)",
  "notifications.markRead": "Marquer comme lu",
  "notifications.markAllRead": "Tout marquer comme lu",
  "notifications.onlyUnread": "Non lues seulement",
  "notifications.empty.title": "Aucune notification",
  "notifications.empty.body":
    "Vous serez prévenu ici quand une mise en relation, une demande de certificat ou une consultation change.",
  "notifications.open": "Ouvrir la mise en relation",
  "notifications.audience": "utilisateurs connectés",
};

export default fr;
