import type { Messages } from "../../../i18n/types";
import type en from "./en";

// catalog: missing keys fall back to English.
const ar: Partial<Messages<typeof en>> = {
  "catalog.breadcrumb": "مسار التنقل",
  "catalog.backToDirectory": "العودة إلى دليل الموردين",
  "catalog.loading": "جارٍ التحميل…",
  "catalog.noProducts": "لا توجد منتجات منشورة أخرى.",
  "catalog.category": "الفئة",
  "catalog.hsCode": "رمز النظام المنسق",
  "catalog.model": "الطراز",
  "catalog.price": "سعر الوحدة",
  "catalog.moq": "الحد الأدنى للطلب",
  "catalog.capacity": "الطاقة الإنتاجية",
  "catalog.perDay": "{count} {unit} يوميًا",
  "catalog.leadTime": "مدة التوريد",
  "catalog.days": "{count} يومًا",
  "catalog.incoterms": "شروط التجارة الدولية",
  "catalog.origin": "بلد المنشأ",
  "catalog.standards": "المعايير",
  "catalog.unit.other": "{unit}",
  "catalog.product.title": "المنتج",
  "catalog.product.missing": "هذا المنتج غير موجود في الدليل",
  "catalog.product.facts": "المواصفات والشروط",
  "catalog.product.others": "منتجات أخرى لهذا المورد",
  "catalog.supplier.title": "المورد",
  "catalog.supplier.missing": "هذا المورد غير موجود في الدليل",
  "catalog.supplier.verified": "موثَّق",
  "catalog.supplier.products": "المنتجات",
  "catalog.certificates.title": "الشهادات",
  "catalog.certificates.none": "لا توجد شهادات مسجلة.",
  "catalog.certificates.noNumber": "شهادة",
  "catalog.certificates.issuer": "الجهة المصدرة",
  "catalog.certificates.markets": "صالحة لـ",
  "catalog.certificates.standards": "المعايير",
  "catalog.certificates.validity": "الصلاحية",
  "catalog.certificates.range": "{from} – {until}",
  "catalog.certificates.valid": "سارية",
  "catalog.certificates.expired": "منتهية الصلاحية",
};

export default ar;
