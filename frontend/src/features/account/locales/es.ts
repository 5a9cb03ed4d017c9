import type { Messages } from "../../../i18n/types";
import type en from "./en";

// account (English fills the gaps).
const es: Partial<Messages<typeof en>> = {
  "account.title": "Cuenta",
  "account.change.title": "Cambiar la contraseña",
  "account.forgot.link": "¿Olvidó su contraseña?",
  "account.forgot.title": "Contraseña olvidada",
};

export default es;
