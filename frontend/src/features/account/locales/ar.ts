import type { Messages } from "../../../i18n/types";
import type en from "./en";

// account: Arabic.
const ar: Partial<Messages<typeof en>> = {
  "account.title": "الحساب",
  "account.everywhere.title": "تسجيل الخروج من كل مكان",
  "account.everywhere.intro": "ينهي جميع جلسات حسابك ورموز واجهة البرمجة على جميع الأجهزة، بما فيها هذا الجهاز.",
  "account.everywhere.submit": "تسجيل الخروج من كل مكان",
  "account.menu": "الحساب وكلمة المرور",
  "account.audience": "المستخدمين المسجلين",
  "account.change.title": "تغيير كلمة المرور",
  "account.change.old": "كلمة المرور الحالية",
  "account.change.new": "كلمة المرور الجديدة",
  "account.change.submit": "تغيير كلمة المرور",
  "account.change.done": "تم تغيير كلمة المرور.",
  "account.forgot.link": "هل نسيت كلمة المرور؟",
  "account.forgot.title": "نسيت كلمة المرور",
  "account.forgot.intro": "أدخل البريد الإلكتروني لحسابك وسنرسل إليك رابطًا لاختيار كلمة مرور جديدة.",
  "account.forgot.email": "البريد الإلكتروني",
  "account.forgot.submit": "إرسال الرابط",
  "account.forgot.sent": "إذا كان هناك حساب بهذا العنوان، فالرابط في الطريق. يعمل مرة واحدة وتنتهي صلاحيته.",
  "account.reset.title": "اختر كلمة مرور جديدة",
  "account.reset.new": "كلمة المرور الجديدة",
  "account.reset.submit": "تعيين كلمة المرور",
  "account.reset.done": "تم تعيين كلمة المرور. يمكنك تسجيل الدخول بها الآن.",
  "account.reset.signIn": "تسجيل الدخول",
  "account.reset.missing": "هذا الرابط غير مكتمل. اطلب رابطًا جديدًا.",
  "account.reset.again": "طلب رابط جديد",
};

export default ar;
