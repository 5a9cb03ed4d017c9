import type { Messages } from "../../../i18n/types";
import type en from "./en";

// home: missing keys fall back to English.
const ru: Partial<Messages<typeof en>> = {
  "home.join.buyer": "Зарегистрироваться как покупатель",
  "home.join.vendor": "Зарегистрироваться как поставщик",
  "home.join.buyer.body": "Опубликуйте потребность или загрузите таблицу и получите проверенных поставщиков.",
  "home.join.vendor.body": "Разместите товары и сертификаты; после проверки покупатели найдут вас на шести языках.",
  "home.join.buyer.title": "Покупателям",
  "home.join.vendor.title": "Поставщикам",
  "home.lead":
    "MedMatch связывает проверенных поставщиков медицинских товаров с покупателями, которым они нужны: посольствами, государственными ведомствами, больницами, дистрибьюторами и НКО.",
  "home.step1.title": "Проверенные поставщики",
  "home.step1.body":
    "Сотрудники проверяют лицензии и сертификаты, прежде чем поставщик появится в каталоге или в подборе.",
  "home.step2.title": "Заявки на закупку",
  "home.step2.body": "Покупатели публикуют потребности или импортируют их из таблиц на любом из шести языков.",
  "home.step3.title": "Объяснимые предложения",
  "home.step3.body":
    "Каждый кандидат ранжируется по сертификатам, мощности, срокам поставки и цене с указанием причин.",
  "home.step4.title": "Отслеживаемые представления",
  "home.step4.body": "Одобренное совпадение открывает контакты обеим сторонам, а результат отслеживается до сделки.",
  "home.cta.suppliers": "Смотреть поставщиков",
  "home.cta.requests": "Смотреть заявки",
  "status.title": "Состояние системы",
  "status.loading": "Проверка…",
  "status.refresh": "Обновить",
  "status.overall.ok": "Все системы работают",
  "status.overall.degraded": "Работа нарушена",
  "status.unavailable": "Состояние недоступно",
  "status.unavailableHint": "Не удалось связаться со службой состояния. Повторите попытку чуть позже.",
  "status.state.ok": "Работает",
  "status.state.down": "Не работает",
  "status.state.unknown": "Неизвестно",
  "status.component.database": "База данных",
  "status.component.search": "Поиск",
  "status.component.broker": "Брокер сообщений",
  "status.checkedAt": "Проверено в {time}",
};

export default ru;
