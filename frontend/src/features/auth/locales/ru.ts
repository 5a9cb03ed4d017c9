import type { Messages } from "../../../i18n/types";
import type en from "./en";

// auth: missing keys fall back to English.
const ru: Partial<Messages<typeof en>> = {
  "login.intro": "Здесь входят поставщики, покупатели и сотрудники MedMatch.",
  "login.busy": "Вход…",
  "login.noAccount": "Ещё нет учётной записи?",
  "login.already": "Вы вошли как {email}.",
  "login.continue": "Продолжить",
  "register.title": "Создать учётную запись",
  "register.intro": "Зарегистрируйте организацию. Поставщики попадают в каталог после проверки документов.",
  "register.kind": "Я представляю",
  "register.kind.buyer": "Покупателя",
  "register.kind.buyer.hint": "Посольство, госведомство, больница, дистрибьютор или НКО.",
  "register.kind.vendor": "Поставщика",
  "register.kind.vendor.hint": "Производитель или экспортёр медицинских товаров.",
  "register.organization": "Организация",
  "register.buyerType": "Тип покупателя",
  "register.organizationName": "Название организации",
  "register.country": "Страна",
  "register.city": "Город",
  "register.uscc": "Единый код социального кредита (USCC)",
  "register.uscc.hint": "18-значный код из китайской бизнес-лицензии.",
  "register.you": "Вы",
  "register.fullName": "Полное имя",
  "register.phone": "Телефон",
  "register.password.hint": "Не менее 8 символов.",
  "register.privacy": "Ваши контакты видны другой организации только после одобрения представления сотрудниками.",
  "register.submit": "Создать",
  "register.busy": "Создание…",
  "register.checkEmail.title": "Проверьте почту",
  "register.checkEmail.body":
    "Если у {email} уже была учётная запись MedMatch, ничего не изменено, и мы написали её владельцу. Войдите с паролем этой учётной записи или задайте новый.",
  "register.haveAccount": "Уже зарегистрированы?",
};

export default ru;
