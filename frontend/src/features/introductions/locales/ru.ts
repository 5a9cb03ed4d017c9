import type { Messages } from "../../../i18n/types";
import type en from "./en";

// introductions: missing keys fall back to English.
const ru: Partial<Messages<typeof en>> = {
  "introductions.title": "Представления",
  "introductions.intro": "Одобренные совпадения между покупателем и поставщиком с отслеживанием результата.",
  "introductions.empty.title": "Представлений пока нет",
  "introductions.empty.body":
    "Когда сотрудники одобряют предложение, стороны представляются друг другу здесь и видят контакты друг друга.",
  "introductions.supplier": "Поставщик",
  "introductions.buyer": "Покупатель",
  "introductions.yourOrganization": "Ваша организация",
  "introductions.noContacts": "Контакты не указаны.",
  "introductions.forRequest": "По заявке",
  "introductions.since": "Представлены {date}",
  "introductions.productGone": "Товар снят с продажи",
  "introductions.dealSummary": "Сделка: {quantity} ед. на сумму {value}.",
  "introductions.noDealReason": "Без сделки:",
  "introductions.outcome.title": "Отметить результат",
  "introductions.outcome.quantity": "Согласованное количество",
  "introductions.outcome.value": "Общая сумма",
  "introductions.outcome.currency": "Валюта",
  "introductions.outcome.reason": "Почему сделки не было?",
  "introductions.outcome.note": "Примечание (необязательно)",
  "introductions.outcome.save": "Сохранить",
  "introductions.overdue": "Просрочено",
  "introductions.overdueHint": "Ответа всё ещё нет после срока ответа",
  "introductions.filter.overdue": "Только просроченные",
  "introductions.emptyOverdue.title": "Просроченных нет",
  "introductions.emptyOverdue.body": "Все знакомства, ожидающие ответа, ещё в пределах срока ответа.",
};

export default ru;
