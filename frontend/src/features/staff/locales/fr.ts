import type { Messages } from "../../../i18n/types";
import type en from "./en";

// staff back office: French (English fills the gaps).
const fr: Partial<Messages<typeof en>> = {
  "staff.nav.verification": "Vérification",
  "staff.nav.duplicates": "Doublons",
  "staff.nav.dashboard": "Tableau de bord",
  "staff.verification.title": "File de vérification",
  "staff.org.verify": "Vérifier",
  "staff.org.reject": "Refuser",
  "staff.org.documents": "Documents",
  "staff.org.audit": "Historique",
  "staff.duplicates.title": "Demandes en double",
  "staff.duplicates.merge": "Fusionner dans la plus ancienne",
  "staff.duplicates.dismiss": "Pas un doublon",
  "staff.dashboard.title": "Tableau de bord",
  "staff.dashboard.pendingVerifications": "Vérifications en attente",
  "staff.dashboard.proposalsToReview": "Propositions à examiner",
  "staff.dashboard.overdueIntroductions": "Mises en relation en retard",
};

export default fr;
