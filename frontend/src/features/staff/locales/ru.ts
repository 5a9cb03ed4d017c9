import type { Messages } from "../../../i18n/types";
import type en from "./en";

// staff back office: Russian (English fills the gaps).
const ru: Partial<Messages<typeof en>> = {
  "staff.nav.verification": "Проверка",
  "staff.nav.duplicates": "Дубликаты",
  "staff.nav.dashboard": "Сводка",
  "staff.verification.title": "Очередь проверки",
  "staff.org.verify": "Подтвердить",
  "staff.org.reject": "Отклонить",
  "staff.org.documents": "Документы",
  "staff.org.audit": "Журнал",
  "staff.duplicates.title": "Повторяющиеся заявки",
  "staff.duplicates.merge": "Объединить с более ранней",
  "staff.duplicates.dismiss": "Не дубликат",
  "staff.dashboard.title": "Сводка",
  "staff.dashboard.pendingVerifications": "Ожидают проверки",
  "staff.dashboard.proposalsToReview": "Предложения на рассмотрение",
  "staff.dashboard.overdueIntroductions": "Просроченные знакомства",
};

export default ru;
