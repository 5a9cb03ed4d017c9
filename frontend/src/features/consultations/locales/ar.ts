import type { Messages } from "../../../i18n/types";
import type en from "./en";

// consultations: Arabic, complete (the type requires every key).
const ar: Messages<typeof en> = {
  "consultations.nav": "الاستشارات القانونية",
  "consultations.title": "الاستشارات القانونية",
  "consultations.intro":
    "اسأل مستشارًا عن القوة القاهرة والعقود والتحكيم، ومكافحة الإغراق وغيرها من تدابير الحماية التجارية، أو ائتمان وتأمين الصادرات. مجانًا للأعضاء؛ لا يطّلع على المحادثة إلا منظمتك والمستشار والموظفون.",
  "consultations.empty": "لا توجد استشارات بعد.",
  "consultations.ask.title": "اطرح سؤالًا",
  "consultations.ask.submit": "إرسال السؤال",
  "consultations.topic": "الموضوع",
  "consultations.subject": "العنوان",
  "consultations.description": "سؤالك",
  "consultations.attachments": "المرفقات (PDF أو PNG أو JPEG)",
  "consultations.member": "العضو",
  "consultations.adviser": "المستشار",
  "consultations.status.label": "الحالة",
  "consultations.status.open": "بانتظار مستشار",
  "consultations.status.assigned": "لدى مستشار",
  "consultations.status.closed": "مغلقة",
  "consultations.topic.force_majeure": "القوة القاهرة",
  "consultations.topic.contracts_arbitration": "العقود والتحكيم",
  "consultations.topic.trade_remedies": "الدفاع التجاري (مكافحة الإغراق وغيرها)",
  "consultations.topic.export_credit_insurance": "ائتمان وتأمين الصادرات",
  "consultations.topic.other": "أخرى",
  "consultations.thread": "الرسائل",
  "consultations.noMessages": "لا توجد رسائل بعد.",
  "consultations.reply": "رسالتك",
  "consultations.send": "إرسال",
  "consultations.assign.label": "إسناد إلى مستشار",
  "consultations.assign.submit": "إسناد",
  "consultations.outcome": "النتيجة",
  "consultations.close": "إغلاق بهذه النتيجة",
};

export default ar;
