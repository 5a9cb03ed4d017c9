import type { Messages } from "../../../i18n/types";
import type en from "./en";

// account (English fills the gaps).
const ru: Partial<Messages<typeof en>> = {
  "account.title": "Учётная запись",
  "account.change.title": "Сменить пароль",
  "account.forgot.link": "Забыли пароль?",
  "account.forgot.title": "Восстановление пароля",
};

export default ru;
