import type { Messages } from "../../../i18n/types";
import type en from "./en";

// home: missing keys fall back to English.
const fr: Partial<Messages<typeof en>> = {
  "home.join.buyer": "S'inscrire comme acheteur",
  "home.join.vendor": "S'inscrire comme fournisseur",
  "home.join.buyer.body": "Publiez vos besoins ou importez un tableur, et recevez des fournisseurs vérifiés.",
  "home.join.vendor.body":
    "Présentez vos produits et certificats ; une fois vérifié, les acheteurs vous trouvent en six langues.",
  "home.join.buyer.title": "Acheteurs",
  "home.join.vendor.title": "Fournisseurs",
  "home.lead":
    "MedMatch met en relation des fournisseurs vérifiés de fournitures médicales avec les acheteurs qui en ont besoin : ambassades, agences gouvernementales, hôpitaux, distributeurs et ONG.",
  "home.step1.title": "Fournisseurs vérifiés",
  "home.step1.body":
    "L'équipe contrôle licences et certificats avant qu'un fournisseur n'apparaisse dans l'annuaire ou les rapprochements.",
  "home.step2.title": "Demandes d'achat",
  "home.step2.body": "Les acheteurs publient leurs besoins ou les importent depuis un tableur, dans six langues.",
  "home.step3.title": "Propositions expliquées",
  "home.step3.body":
    "Chaque candidat est classé selon les certificats, la capacité, le délai et le prix, avec les raisons affichées.",
  "home.step4.title": "Mises en relation suivies",
  "home.step4.body":
    "Un rapprochement approuvé révèle les contacts aux deux parties, et le résultat est suivi jusqu'à l'accord.",
  "home.cta.suppliers": "Parcourir les fournisseurs",
  "home.cta.requests": "Voir les demandes d'achat",
  "status.title": "État du système",
  "status.loading": "Vérification…",
  "status.refresh": "Actualiser",
  "status.overall.ok": "Tous les systèmes sont opérationnels",
  "status.overall.degraded": "Service dégradé",
  "status.unavailable": "État indisponible",
  "status.unavailableHint": "Le service d'état est injoignable. Réessayez dans un instant.",
  "status.state.ok": "OK",
  "status.state.down": "En panne",
  "status.state.unknown": "Inconnu",
  "status.component.database": "Base de données",
  "status.component.search": "Recherche",
  "status.component.broker": "Courtier de messages",
  "status.checkedAt": "Vérifié à {time}",
};

export default fr;
