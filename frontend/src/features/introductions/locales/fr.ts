import type { Messages } from "../../../i18n/types";
import type en from "./en";

// introductions: missing keys fall back to English.
const fr: Partial<Messages<typeof en>> = {
  "introductions.title": "Mises en relation",
  "introductions.intro": "Rapprochements approuvés entre un acheteur et un fournisseur, suivis jusqu'à leur issue.",
  "introductions.empty.title": "Aucune mise en relation pour l'instant",
  "introductions.empty.body":
    "Lorsque l'équipe approuve une proposition, les deux parties sont présentées ici et voient leurs coordonnées respectives.",
  "introductions.supplier": "Fournisseur",
  "introductions.buyer": "Acheteur",
  "introductions.yourOrganization": "Votre organisation",
  "introductions.noContacts": "Aucun contact enregistré.",
  "introductions.forRequest": "Pour",
  "introductions.since": "Mise en relation le {date}",
  "introductions.productGone": "Produit retiré",
  "introductions.dealSummary": "Accord : {quantity} unités pour {value}.",
  "introductions.noDealReason": "Pas d'accord :",
  "introductions.outcome.title": "Indiquer le résultat",
  "introductions.outcome.quantity": "Quantité convenue",
  "introductions.outcome.value": "Valeur totale",
  "introductions.outcome.currency": "Devise",
  "introductions.outcome.reason": "Pourquoi n'y a-t-il pas eu d'accord ?",
  "introductions.outcome.note": "Note (facultative)",
  "introductions.outcome.save": "Enregistrer",
  "introductions.overdue": "En retard",
  "introductions.overdueHint": "Toujours sans réponse après le délai de réponse",
  "introductions.filter.overdue": "En retard seulement",
  "introductions.emptyOverdue.title": "Rien en retard",
  "introductions.emptyOverdue.body": "Toutes les mises en relation en attente de réponse sont encore dans leur délai.",
};

export default fr;
