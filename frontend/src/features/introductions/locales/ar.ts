import type { Messages } from "../../../i18n/types";
import type en from "./en";

// introductions: missing keys fall back to English.
const ar: Partial<Messages<typeof en>> = {
  "introductions.title": "التعارف",
  "introductions.intro": "مطابقات معتمدة بين مشترٍ ومورد، تُتابَع حتى نتيجتها.",
  "introductions.empty.title": "لا يوجد تعارف بعد",
  "introductions.empty.body":
    "عندما يعتمد الموظفون مقترحًا، يُعرَّف الطرفان ببعضهما هنا ويمكن لكل منهما رؤية بيانات اتصال الآخر.",
  "introductions.supplier": "المورد",
  "introductions.buyer": "المشتري",
  "introductions.yourOrganization": "مؤسستك",
  "introductions.noContacts": "لا توجد جهات اتصال مسجّلة.",
  "introductions.forRequest": "بخصوص",
  "introductions.since": "تم التعارف في {date}",
  "introductions.productGone": "المنتج لم يعد معروضًا",
  "introductions.dealSummary": "صفقة: {quantity} وحدة بقيمة {value}.",
  "introductions.noDealReason": "لا صفقة:",
  "introductions.outcome.title": "تسجيل النتيجة",
  "introductions.outcome.quantity": "الكمية المتفق عليها",
  "introductions.outcome.value": "القيمة الإجمالية",
  "introductions.outcome.currency": "العملة",
  "introductions.outcome.reason": "لماذا لم تُبرم صفقة؟",
  "introductions.outcome.note": "ملاحظة (اختيارية)",
  "introductions.outcome.save": "حفظ النتيجة",
  "introductions.overdue": "متأخر",
  "introductions.overdueHint": "لا يزال بانتظار الرد بعد انقضاء مهلة الرد",
  "introductions.filter.overdue": "المتأخرة فقط",
  "introductions.emptyOverdue.title": "لا يوجد شيء متأخر",
  "introductions.emptyOverdue.body": "كل تعارف بانتظار الرد لا يزال ضمن مهلة الرد.",
};

export default ar;
