import type { Messages } from "../../../i18n/types";
import type en from "./en";

// account (English fills the gaps).
const fr: Partial<Messages<typeof en>> = {
  "account.title": "Compte",
  "account.change.title": "Changer le mot de passe",
  "account.forgot.link": "Mot de passe oublié ?",
  "account.forgot.title": "Mot de passe oublié",
};

export default fr;
