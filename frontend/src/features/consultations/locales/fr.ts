import type { Messages } from "../../../i18n/types";
import type en from "./en";

// consultations: French, complete (the type requires every key).
const fr: Messages<typeof en> = {
  "consultations.nav": "Conseil juridique",
  "consultations.title": "Consultations juridiques",
  "consultations.intro":
    "Interrogez un conseiller sur la force majeure, les contrats et l'arbitrage, l'antidumping et les autres mesures de défense commerciale, ou l'assurance-crédit à l'export. Gratuit pour les membres ; seuls votre organisation, le conseiller et le personnel peuvent lire l'échange.",
  "consultations.empty": "Aucune consultation.",
  "consultations.ask.title": "Poser une question",
  "consultations.ask.submit": "Envoyer la question",
  "consultations.topic": "Thème",
  "consultations.subject": "Objet",
  "consultations.description": "Votre question",
  "consultations.attachments": "Pièces jointes (PDF, PNG ou JPEG)",
  "consultations.member": "Membre",
  "consultations.adviser": "Conseiller",
  "consultations.status.label": "Statut",
  "consultations.status.open": "En attente d'un conseiller",
  "consultations.status.assigned": "Chez un conseiller",
  "consultations.status.closed": "Close",
  "consultations.topic.force_majeure": "Force majeure",
  "consultations.topic.contracts_arbitration": "Contrats et arbitrage",
  "consultations.topic.trade_remedies": "Défense commerciale (antidumping…)",
  "consultations.topic.export_credit_insurance": "Crédit et assurance à l'export",
  "consultations.topic.other": "Autre",
  "consultations.thread": "Messages",
  "consultations.noMessages": "Aucun message.",
  "consultations.reply": "Votre message",
  "consultations.send": "Envoyer",
  "consultations.assign.label": "Attribuer au conseiller",
  "consultations.assign.submit": "Attribuer",
  "consultations.outcome": "Conclusion",
  "consultations.close": "Clore avec cette conclusion",
};

export default fr;
