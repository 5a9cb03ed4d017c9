import type { Messages } from "../../../i18n/types";
import type en from "./en";

// consultations: Russian, complete (the type requires every key).
const ru: Messages<typeof en> = {
  "consultations.nav": "Юридическая помощь",
  "consultations.title": "Юридические консультации",
  "consultations.intro":
    "Спросите консультанта о форс-мажоре, договорах и арбитраже, антидемпинге и других мерах защиты торговли или об экспортном кредите и страховании. Бесплатно для участников; переписку видят только ваша организация, консультант и сотрудники.",
  "consultations.empty": "Консультаций пока нет.",
  "consultations.ask.title": "Задать вопрос",
  "consultations.ask.submit": "Отправить вопрос",
  "consultations.topic": "Тема",
  "consultations.subject": "Заголовок",
  "consultations.description": "Ваш вопрос",
  "consultations.attachments": "Вложения (PDF, PNG или JPEG)",
  "consultations.member": "Участник",
  "consultations.adviser": "Консультант",
  "consultations.status.label": "Статус",
  "consultations.status.open": "Ожидает консультанта",
  "consultations.status.assigned": "У консультанта",
  "consultations.status.closed": "Закрыта",
  "consultations.topic.force_majeure": "Форс-мажор",
  "consultations.topic.contracts_arbitration": "Договоры и арбитраж",
  "consultations.topic.trade_remedies": "Защитные меры (антидемпинг и др.)",
  "consultations.topic.export_credit_insurance": "Экспортный кредит и страхование",
  "consultations.topic.other": "Другое",
  "consultations.thread": "Сообщения",
  "consultations.noMessages": "Сообщений пока нет.",
  "consultations.reply": "Ваше сообщение",
  "consultations.send": "Отправить",
  "consultations.assign.label": "Назначить консультанту",
  "consultations.assign.submit": "Назначить",
  "consultations.outcome": "Итог",
  "consultations.close": "Закрыть с этим итогом",
};

export default ru;
