import type { Messages } from "../../../i18n/types";
import type en from "./en";

// account (English fills the gaps).
const es: Partial<Messages<typeof en>> = {
  "account.title": "Cuenta",
  "account.everywhere.title": "Cerrar sesión en todas partes",
  "account.everywhere.intro":
    "Cierra todas las sesiones y tokens de API de su cuenta en todos los dispositivos, incluido este.",
  "account.everywhere.submit": "Cerrar sesión en todas partes",
  "account.change.title": "Cambiar la contraseña",
  "account.forgot.link": "¿Olvidó su contraseña?",
  "account.forgot.title": "Contraseña olvidada",
};

export default es;
