import type { Messages } from "../../../i18n/types";
import type en from "./en";

// home: missing keys fall back to English.
const ar: Partial<Messages<typeof en>> = {
  "home.join.buyer": "التسجيل كمشترٍ",
  "home.join.vendor": "التسجيل كمورد",
  "home.join.buyer.body": "انشر احتياجاتك أو استورد جدول بيانات، واحصل على موردين موثَّقين.",
  "home.join.vendor.body": "اعرض منتجاتك وشهاداتك؛ بعد التوثيق يجدك المشترون بست لغات.",
  "home.join.buyer.title": "للمشترين",
  "home.join.vendor.title": "للموردين",
  "home.lead":
    "تربط MedMatch الموردين الموثَّقين للمستلزمات الطبية بالمشترين الذين يحتاجون إليها: السفارات والجهات الحكومية والمستشفيات والموزعين والمنظمات غير الحكومية.",
  "home.step1.title": "موردون موثَّقون",
  "home.step1.body": "يتحقق الموظفون من التراخيص والشهادات قبل ظهور المورد في الدليل أو في نتائج المطابقة.",
  "home.step2.title": "طلبات الشراء",
  "home.step2.body": "ينشر المشترون احتياجاتهم أو يستوردونها من جداول البيانات بأي من اللغات الست.",
  "home.step3.title": "مقترحات مشروحة",
  "home.step3.body": "يُرتَّب كل مرشح وفق الشهادات والطاقة الإنتاجية ومدة التوريد والسعر، مع عرض الأسباب.",
  "home.step4.title": "تعارف متابَع",
  "home.step4.body": "تكشف المطابقة المعتمدة بيانات الاتصال للطرفين، وتُتابَع النتيجة حتى إبرام الصفقة.",
  "home.cta.suppliers": "تصفح الموردين",
  "home.cta.requests": "عرض طلبات الشراء",
  "status.title": "حالة النظام",
  "status.loading": "جارٍ الفحص…",
  "status.refresh": "تحديث",
  "status.overall.ok": "جميع الأنظمة تعمل",
  "status.overall.degraded": "الخدمة متدهورة",
  "status.unavailable": "الحالة غير متاحة",
  "status.unavailableHint": "تعذّر الوصول إلى خدمة الحالة. حاول مرة أخرى بعد قليل.",
  "status.state.ok": "يعمل",
  "status.state.down": "متوقف",
  "status.state.unknown": "غير معروف",
  "status.component.database": "قاعدة البيانات",
  "status.component.search": "البحث",
  "status.component.broker": "وسيط الرسائل",
  "status.checkedAt": "تم الفحص في {time}",
};

export default ar;
