import type { Messages } from "../../../i18n/types";
import type en from "./en";

// staff back office: Spanish (English fills the gaps).
const es: Partial<Messages<typeof en>> = {
  "staff.nav.verification": "Verificación",
  "staff.nav.duplicates": "Duplicados",
  "staff.nav.dashboard": "Panel",
  "staff.verification.title": "Cola de verificación",
  "staff.org.verify": "Verificar",
  "staff.org.reject": "Rechazar",
  "staff.org.documents": "Documentos",
  "staff.org.audit": "Historial",
  "staff.duplicates.title": "Solicitudes duplicadas",
  "staff.duplicates.merge": "Fusionar con la más antigua",
  "staff.duplicates.dismiss": "No es un duplicado",
  "staff.dashboard.title": "Panel",
  "staff.dashboard.pendingVerifications": "Verificaciones pendientes",
  "staff.dashboard.proposalsToReview": "Propuestas por revisar",
  "staff.dashboard.overdueIntroductions": "Presentaciones atrasadas",
};

export default es;
