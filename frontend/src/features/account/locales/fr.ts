import type { Messages } from "../../../i18n/types";
import type en from "./en";

// account (English fills the gaps).
const fr: Partial<Messages<typeof en>> = {
  "account.title": "Compte",
  "account.everywhere.title": "Se déconnecter partout",
  "account.everywhere.intro":
    "Met fin à toutes les sessions et à tous les jetons d’API de votre compte, sur tous les appareils, y compris celui-ci.",
  "account.everywhere.submit": "Se déconnecter partout",
  "account.change.title": "Changer le mot de passe",
  "account.forgot.link": "Mot de passe oublié ?",
  "account.forgot.title": "Mot de passe oublié",
};

export default fr;
