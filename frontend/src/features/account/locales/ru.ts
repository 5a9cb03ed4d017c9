import type { Messages } from "../../../i18n/types";
import type en from "./en";

// account (English fills the gaps).
const ru: Partial<Messages<typeof en>> = {
  "account.title": "Учётная запись",
  "account.everywhere.title": "Выйти на всех устройствах",
  "account.everywhere.intro":
    "Завершает все сеансы и API-токены вашей учётной записи на всех устройствах, включая это.",
  "account.everywhere.submit": "Выйти на всех устройствах",
  "account.change.title": "Сменить пароль",
  "account.forgot.link": "Забыли пароль?",
  "account.forgot.title": "Восстановление пароля",
};

export default ru;
