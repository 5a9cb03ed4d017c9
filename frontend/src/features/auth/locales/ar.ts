import type { Messages } from "../../../i18n/types";
import type en from "./en";

// auth: missing keys fall back to English.
const ar: Partial<Messages<typeof en>> = {
  "login.intro": "يسجّل الموردون والمشترون وموظفو MedMatch الدخول من هنا.",
  "login.busy": "جارٍ تسجيل الدخول…",
  "login.noAccount": "ليس لديك حساب بعد؟",
  "login.already": "أنت مسجّل الدخول باسم {email}.",
  "login.continue": "متابعة",
  "register.title": "إنشاء حساب",
  "register.intro": "سجّل مؤسستك. يظهر الموردون في الدليل بعد أن يتحقق الموظفون من مستنداتهم.",
  "register.kind": "أنا أمثّل",
  "register.kind.buyer": "جهة مشترية",
  "register.kind.buyer.hint": "سفارة أو جهة حكومية أو مستشفى أو موزّع أو منظمة غير حكومية.",
  "register.kind.vendor": "مورّدًا",
  "register.kind.vendor.hint": "مصنّع أو مصدّر للمستلزمات الطبية.",
  "register.organization": "المؤسسة",
  "register.buyerType": "نوع الجهة المشترية",
  "register.organizationName": "اسم المؤسسة",
  "register.country": "البلد",
  "register.city": "المدينة",
  "register.uscc": "رمز الائتمان الاجتماعي الموحد (USCC)",
  "register.uscc.hint": "الرمز المكوّن من 18 حرفًا في الرخصة التجارية الصينية.",
  "register.you": "بياناتك",
  "register.fullName": "الاسم الكامل",
  "register.phone": "الهاتف",
  "register.password.hint": "8 أحرف على الأقل.",
  "register.privacy": "لا تظهر بيانات اتصالك لمؤسسة أخرى إلا بعد أن يعتمد الموظفون التعارف.",
  "register.submit": "إنشاء الحساب",
  "register.busy": "جارٍ الإنشاء…",
  "register.checkEmail.title": "تحقّق من بريدك الإلكتروني",
  "register.checkEmail.body":
    "أرسلنا رابط تأكيد إلى {email}. افتحه، ثم سجّل الدخول بكلمة مرورك. إذا كان للعنوان حساب في MedMatch بالفعل، فلم يتغير شيء وقد راسلنا صاحبه.",
  "register.haveAccount": "لديك حساب بالفعل؟",
  "confirm.title": "تأكيد البريد الإلكتروني",
  "confirm.busy": "جارٍ تأكيد عنوانك…",
  "confirm.done": "تم تأكيد {email}. يمكنك تسجيل الدخول الآن.",
  "confirm.failed":
    "هذا الرابط غير صالح أو منتهي الصلاحية أو سبق استخدامه. إذا كنت قد أكّدت عنوانك، فسجّل الدخول؛ وإلا فسجّل من جديد لتتلقى رابطًا جديدًا.",
  "confirm.missing": "هذا الرابط ناقص: افتح الرابط كاملًا من الرسالة.",
  "confirm.register": "التسجيل من جديد",
};

export default ar;
