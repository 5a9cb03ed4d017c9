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
    "Мы отправили ссылку подтверждения на {email}. Откройте её, затем войдите со своим паролем. Если у этого адреса уже была учётная запись MedMatch, ничего не изменено, и мы написали её владельцу.",
  "register.haveAccount": "Уже зарегистрированы?",
  "confirm.title": "Подтверждение адреса",
  "confirm.busy": "Подтверждаем ваш адрес…",
  "confirm.done": "Адрес {email} подтверждён. Теперь можно войти.",
  "confirm.failed":
    "Эта ссылка недействительна, устарела или уже использована. Если вы уже подтвердили адрес, войдите; иначе зарегистрируйтесь снова, чтобы получить новую ссылку.",
  "confirm.missing": "Ссылка неполная: откройте ссылку из письма целиком.",
  "confirm.register": "Зарегистрироваться снова",
};

export default ru;
