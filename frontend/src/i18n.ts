/**
 * A tiny i18n module: one dictionary per language, `t(key, vars)` with `{name}`
 * interpolation, and a React context for the current language. English and Chinese are
 * complete (enforced by their types); the others fall back to English key by key.
 */
import { createContext, createElement, useCallback, useContext, useLayoutEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";

export const LANGUAGES = [
  { code: "en", name: "English", dir: "ltr" },
  { code: "zh", name: "中文", dir: "ltr" },
  { code: "fr", name: "Français", dir: "ltr" },
  { code: "es", name: "Español", dir: "ltr" },
  { code: "ru", name: "Русский", dir: "ltr" },
  { code: "ar", name: "العربية", dir: "rtl" },
] as const;

export type Language = (typeof LANGUAGES)[number]["code"];
export const DEFAULT_LANGUAGE: Language = "en";
const STORAGE_KEY = "medmatch.lang";

const en = {
  "brand.tagline": "Medical supplies matchmaking",
  "nav.label": "Main navigation",
  "nav.suppliers": "Suppliers directory",
  "nav.requests": "Purchase requests",
  "nav.proposals": "Proposals",
  "nav.staffBadge": "staff",
  "nav.introductions": "Introductions",
  "lang.label": "Language",
  "home.lead":
    "MedMatch connects verified suppliers of medical supplies with the buyers who need them: embassies, government agencies, hospitals, distributors and NGOs.",
  "home.step1.title": "Verified suppliers",
  "home.step1.body":
    "Staff check business licences and certificates before a supplier appears in the directory or in matching.",
  "home.step2.title": "Purchase requests",
  "home.step2.body": "Buyers post needs or import them from spreadsheets, in any of six languages.",
  "home.step3.title": "Explained proposals",
  "home.step3.body":
    "Each candidate is ranked on certificates, capacity, lead time and price, with the reasons shown.",
  "home.step4.title": "Tracked introductions",
  "home.step4.body": "Approved matches reveal contacts to both sides, and the outcome is followed through to a deal.",
  "home.cta.suppliers": "Browse suppliers",
  "home.cta.requests": "View purchase requests",
  "status.title": "System status",
  "status.loading": "Checking…",
  "status.refresh": "Refresh",
  "status.overall.ok": "All systems operational",
  "status.overall.degraded": "Degraded service",
  "status.unavailable": "Status unavailable",
  "status.unavailableHint": "The status service could not be reached. Try again in a moment.",
  "status.state.ok": "OK",
  "status.state.down": "Down",
  "status.state.unknown": "Unknown",
  "status.component.database": "Database",
  "status.component.search": "Search",
  "status.component.broker": "Message broker",
  "status.checkedAt": "Checked at {time}",
  "suppliers.title": "Suppliers directory",
  "suppliers.intro": "Verified manufacturers and exporters of medical supplies, with their products and certificates.",
  "suppliers.empty.title": "No suppliers yet",
  "suppliers.empty.body": "Suppliers appear here once staff have verified their documents.",
  "requests.title": "Purchase requests",
  "requests.intro": "Needs posted or imported by buyers, with category, destination and required certificates.",
  "requests.empty.title": "No purchase requests yet",
  "requests.empty.body": "Buyers can post a request or import a CSV or XLSX file.",
  "proposals.title": "Proposals",
  "proposals.intro": "Candidate matches awaiting staff review, ranked by score, each with its explanation.",
  "proposals.empty.title": "No proposals to review",
  "proposals.empty.body": "Matching proposes candidates as soon as a request is opened or a product changes.",
  "introductions.title": "Introductions",
  "introductions.intro": "Approved matches between a buyer and a supplier, followed through to their outcome.",
  "introductions.empty.title": "No introductions yet",
  "introductions.empty.body":
    "When staff approve a proposal, both parties are introduced here and can see each other's contacts.",
  "notFound.title": "Page not found",
  "notFound.body": "The page you are looking for does not exist or has moved.",
  "notFound.back": "Back to home",
  "footer.version": "Version {version}",
  "staffOnly": "Staff only",
} as const;

export type MessageKey = keyof typeof en;
type Dictionary = Record<MessageKey, string>;

const zh: Dictionary = {
  "brand.tagline": "医疗物资供需对接",
  "nav.label": "主导航",
  "nav.suppliers": "供应商名录",
  "nav.requests": "采购需求",
  "nav.proposals": "匹配建议",
  "nav.staffBadge": "工作人员",
  "nav.introductions": "对接介绍",
  "lang.label": "语言",
  "home.lead": "MedMatch 将经过核验的医疗物资供应商与有需求的采购方对接，包括使馆、政府机构、医院、经销商和非政府组织。",
  "home.step1.title": "经核验的供应商",
  "home.step1.body": "供应商须经工作人员审核营业执照和认证证书后，才会出现在名录和匹配结果中。",
  "home.step2.title": "采购需求",
  "home.step2.body": "采购方可以发布需求，或从电子表格导入，支持六种语言。",
  "home.step3.title": "可解释的匹配建议",
  "home.step3.body": "每个候选方案都按认证、产能、交货期和价格排序，并说明理由。",
  "home.step4.title": "全程跟踪的对接",
  "home.step4.body": "匹配获批后，双方可互见联系方式，结果一直跟踪到成交。",
  "home.cta.suppliers": "浏览供应商",
  "home.cta.requests": "查看采购需求",
  "status.title": "系统状态",
  "status.loading": "正在检查…",
  "status.refresh": "刷新",
  "status.overall.ok": "所有系统运行正常",
  "status.overall.degraded": "部分服务降级",
  "status.unavailable": "状态不可用",
  "status.unavailableHint": "无法连接状态服务，请稍后再试。",
  "status.state.ok": "正常",
  "status.state.down": "故障",
  "status.state.unknown": "未知",
  "status.component.database": "数据库",
  "status.component.search": "搜索",
  "status.component.broker": "消息队列",
  "status.checkedAt": "检查时间 {time}",
  "suppliers.title": "供应商名录",
  "suppliers.intro": "经核验的医疗物资生产商和出口商，及其产品和证书。",
  "suppliers.empty.title": "暂无供应商",
  "suppliers.empty.body": "供应商的资料经工作人员核验后将显示在这里。",
  "requests.title": "采购需求",
  "requests.intro": "采购方发布或导入的需求，包含类别、目的国和所需认证。",
  "requests.empty.title": "暂无采购需求",
  "requests.empty.body": "采购方可以发布需求，或导入 CSV、XLSX 文件。",
  "proposals.title": "匹配建议",
  "proposals.intro": "等待工作人员审核的候选匹配，按得分排序，并附有说明。",
  "proposals.empty.title": "暂无待审核的匹配建议",
  "proposals.empty.body": "需求开放或产品变更后，系统会立即提出候选匹配。",
  "introductions.title": "对接介绍",
  "introductions.intro": "采购方与供应商之间已获批准的对接，并跟踪至最终结果。",
  "introductions.empty.title": "暂无对接介绍",
  "introductions.empty.body": "工作人员批准匹配建议后，双方将在这里相互介绍，并可查看对方的联系方式。",
  "notFound.title": "页面未找到",
  "notFound.body": "您要找的页面不存在或已被移动。",
  "notFound.back": "返回首页",
  "footer.version": "版本 {version}",
  "staffOnly": "仅限工作人员",
};

const fr: Partial<Dictionary> = {
  "brand.tagline": "Mise en relation pour fournitures médicales",
  "nav.label": "Navigation principale",
  "nav.suppliers": "Annuaire des fournisseurs",
  "nav.requests": "Demandes d'achat",
  "nav.proposals": "Propositions",
  "nav.staffBadge": "équipe",
  "nav.introductions": "Mises en relation",
  "lang.label": "Langue",
  "home.lead":
    "MedMatch met en relation des fournisseurs vérifiés de fournitures médicales avec les acheteurs qui en ont besoin : ambassades, agences gouvernementales, hôpitaux, distributeurs et ONG.",
  "home.step1.title": "Fournisseurs vérifiés",
  "home.step1.body":
    "L'équipe contrôle licences et certificats avant qu'un fournisseur n'apparaisse dans l'annuaire ou les rapprochements.",
  "home.step2.title": "Demandes d'achat",
  "home.step2.body": "Les acheteurs publient leurs besoins ou les importent depuis un tableur, dans six langues.",
  "home.step3.title": "Propositions expliquées",
  "home.step3.body":
    "Chaque candidat est classé selon les certificats, la capacité, le délai et le prix, avec les raisons affichées.",
  "home.step4.title": "Mises en relation suivies",
  "home.step4.body":
    "Un rapprochement approuvé révèle les contacts aux deux parties, et le résultat est suivi jusqu'à l'accord.",
  "home.cta.suppliers": "Parcourir les fournisseurs",
  "home.cta.requests": "Voir les demandes d'achat",
  "status.title": "État du système",
  "status.loading": "Vérification…",
  "status.refresh": "Actualiser",
  "status.overall.ok": "Tous les systèmes sont opérationnels",
  "status.overall.degraded": "Service dégradé",
  "status.unavailable": "État indisponible",
  "status.unavailableHint": "Le service d'état est injoignable. Réessayez dans un instant.",
  "status.state.ok": "OK",
  "status.state.down": "En panne",
  "status.state.unknown": "Inconnu",
  "status.component.database": "Base de données",
  "status.component.search": "Recherche",
  "status.component.broker": "Courtier de messages",
  "status.checkedAt": "Vérifié à {time}",
  "suppliers.title": "Annuaire des fournisseurs",
  "suppliers.intro": "Fabricants et exportateurs vérifiés de fournitures médicales, avec leurs produits et certificats.",
  "suppliers.empty.title": "Aucun fournisseur pour l'instant",
  "suppliers.empty.body": "Les fournisseurs apparaissent ici une fois leurs documents vérifiés par l'équipe.",
  "requests.title": "Demandes d'achat",
  "requests.intro": "Besoins publiés ou importés par les acheteurs, avec catégorie, destination et certificats requis.",
  "requests.empty.title": "Aucune demande d'achat pour l'instant",
  "requests.empty.body": "Les acheteurs peuvent publier une demande ou importer un fichier CSV ou XLSX.",
  "proposals.title": "Propositions",
  "proposals.intro": "Rapprochements candidats en attente de revue par l'équipe, classés par score et expliqués.",
  "proposals.empty.title": "Aucune proposition à examiner",
  "proposals.empty.body": "Le rapprochement propose des candidats dès qu'une demande est ouverte ou qu'un produit change.",
  "introductions.title": "Mises en relation",
  "introductions.intro": "Rapprochements approuvés entre un acheteur et un fournisseur, suivis jusqu'à leur issue.",
  "introductions.empty.title": "Aucune mise en relation pour l'instant",
  "introductions.empty.body":
    "Lorsque l'équipe approuve une proposition, les deux parties sont présentées ici et voient leurs coordonnées respectives.",
  "notFound.title": "Page introuvable",
  "notFound.body": "La page demandée n'existe pas ou a été déplacée.",
  "notFound.back": "Retour à l'accueil",
  "footer.version": "Version {version}",
  "staffOnly": "Réservé à l'équipe",
};

const es: Partial<Dictionary> = {
  "brand.tagline": "Conexión de suministros médicos",
  "nav.label": "Navegación principal",
  "nav.suppliers": "Directorio de proveedores",
  "nav.requests": "Solicitudes de compra",
  "nav.proposals": "Propuestas",
  "nav.staffBadge": "personal",
  "nav.introductions": "Presentaciones",
  "lang.label": "Idioma",
  "home.lead":
    "MedMatch conecta a proveedores verificados de suministros médicos con los compradores que los necesitan: embajadas, organismos gubernamentales, hospitales, distribuidores y ONG.",
  "home.step1.title": "Proveedores verificados",
  "home.step1.body":
    "El personal revisa licencias y certificados antes de que un proveedor aparezca en el directorio o en las coincidencias.",
  "home.step2.title": "Solicitudes de compra",
  "home.step2.body": "Los compradores publican necesidades o las importan desde hojas de cálculo, en seis idiomas.",
  "home.step3.title": "Propuestas explicadas",
  "home.step3.body":
    "Cada candidato se clasifica según certificados, capacidad, plazo de entrega y precio, con los motivos a la vista.",
  "home.step4.title": "Presentaciones con seguimiento",
  "home.step4.body":
    "Una coincidencia aprobada revela los contactos a ambas partes y el resultado se sigue hasta el acuerdo.",
  "home.cta.suppliers": "Ver proveedores",
  "home.cta.requests": "Ver solicitudes de compra",
  "status.title": "Estado del sistema",
  "status.loading": "Comprobando…",
  "status.refresh": "Actualizar",
  "status.overall.ok": "Todos los sistemas operativos",
  "status.overall.degraded": "Servicio degradado",
  "status.unavailable": "Estado no disponible",
  "status.unavailableHint": "No se pudo contactar con el servicio de estado. Inténtelo de nuevo en un momento.",
  "status.state.ok": "OK",
  "status.state.down": "Caído",
  "status.state.unknown": "Desconocido",
  "status.component.database": "Base de datos",
  "status.component.search": "Búsqueda",
  "status.component.broker": "Intermediario de mensajes",
  "status.checkedAt": "Comprobado a las {time}",
  "suppliers.title": "Directorio de proveedores",
  "suppliers.intro": "Fabricantes y exportadores verificados de suministros médicos, con sus productos y certificados.",
  "suppliers.empty.title": "Aún no hay proveedores",
  "suppliers.empty.body": "Los proveedores aparecen aquí cuando el personal ha verificado sus documentos.",
  "requests.title": "Solicitudes de compra",
  "requests.intro": "Necesidades publicadas o importadas por los compradores, con categoría, destino y certificados exigidos.",
  "requests.empty.title": "Aún no hay solicitudes de compra",
  "requests.empty.body": "Los compradores pueden publicar una solicitud o importar un archivo CSV o XLSX.",
  "proposals.title": "Propuestas",
  "proposals.intro": "Coincidencias candidatas pendientes de revisión, ordenadas por puntuación y explicadas.",
  "proposals.empty.title": "No hay propuestas por revisar",
  "proposals.empty.body": "El emparejamiento propone candidatos en cuanto se abre una solicitud o cambia un producto.",
  "introductions.title": "Presentaciones",
  "introductions.intro": "Coincidencias aprobadas entre un comprador y un proveedor, con seguimiento hasta su resultado.",
  "introductions.empty.title": "Aún no hay presentaciones",
  "introductions.empty.body":
    "Cuando el personal aprueba una propuesta, ambas partes se presentan aquí y pueden ver los contactos de la otra.",
  "notFound.title": "Página no encontrada",
  "notFound.body": "La página que busca no existe o se ha movido.",
  "notFound.back": "Volver al inicio",
  "footer.version": "Versión {version}",
  "staffOnly": "Solo personal",
};

const ru: Partial<Dictionary> = {
  "brand.tagline": "Подбор поставщиков медицинских товаров",
  "nav.label": "Основная навигация",
  "nav.suppliers": "Каталог поставщиков",
  "nav.requests": "Заявки на закупку",
  "nav.proposals": "Предложения",
  "nav.staffBadge": "персонал",
  "nav.introductions": "Представления",
  "lang.label": "Язык",
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
  "suppliers.title": "Каталог поставщиков",
  "suppliers.intro": "Проверенные производители и экспортёры медицинских товаров, их продукция и сертификаты.",
  "suppliers.empty.title": "Поставщиков пока нет",
  "suppliers.empty.body": "Поставщики появятся здесь после проверки их документов сотрудниками.",
  "requests.title": "Заявки на закупку",
  "requests.intro": "Потребности, опубликованные или импортированные покупателями: категория, страна назначения, сертификаты.",
  "requests.empty.title": "Заявок пока нет",
  "requests.empty.body": "Покупатели могут опубликовать заявку или импортировать файл CSV или XLSX.",
  "proposals.title": "Предложения",
  "proposals.intro": "Кандидаты, ожидающие проверки сотрудниками, упорядоченные по оценке и с пояснениями.",
  "proposals.empty.title": "Нет предложений для проверки",
  "proposals.empty.body": "Подбор предлагает кандидатов сразу после открытия заявки или изменения товара.",
  "introductions.title": "Представления",
  "introductions.intro": "Одобренные совпадения между покупателем и поставщиком с отслеживанием результата.",
  "introductions.empty.title": "Представлений пока нет",
  "introductions.empty.body":
    "Когда сотрудники одобряют предложение, стороны представляются друг другу здесь и видят контакты друг друга.",
  "notFound.title": "Страница не найдена",
  "notFound.body": "Запрошенная страница не существует или была перемещена.",
  "notFound.back": "На главную",
  "footer.version": "Версия {version}",
  "staffOnly": "Только для сотрудников",
};

const ar: Partial<Dictionary> = {
  "brand.tagline": "منصة مطابقة المستلزمات الطبية",
  "nav.label": "التنقل الرئيسي",
  "nav.suppliers": "دليل الموردين",
  "nav.requests": "طلبات الشراء",
  "nav.proposals": "المقترحات",
  "nav.staffBadge": "الموظفون",
  "nav.introductions": "التعارف",
  "lang.label": "اللغة",
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
  "suppliers.title": "دليل الموردين",
  "suppliers.intro": "مصنّعون ومصدّرون موثَّقون للمستلزمات الطبية، مع منتجاتهم وشهاداتهم.",
  "suppliers.empty.title": "لا يوجد موردون بعد",
  "suppliers.empty.body": "يظهر الموردون هنا بعد أن يتحقق الموظفون من مستنداتهم.",
  "requests.title": "طلبات الشراء",
  "requests.intro": "احتياجات نشرها المشترون أو استوردوها، مع الفئة وبلد الوجهة والشهادات المطلوبة.",
  "requests.empty.title": "لا توجد طلبات شراء بعد",
  "requests.empty.body": "يمكن للمشترين نشر طلب أو استيراد ملف CSV أو XLSX.",
  "proposals.title": "المقترحات",
  "proposals.intro": "مطابقات مرشحة بانتظار مراجعة الموظفين، مرتبة حسب الدرجة ومشروحة.",
  "proposals.empty.title": "لا توجد مقترحات للمراجعة",
  "proposals.empty.body": "تقترح المطابقة مرشحين فور فتح طلب أو تغيير منتج.",
  "introductions.title": "التعارف",
  "introductions.intro": "مطابقات معتمدة بين مشترٍ ومورد، تُتابَع حتى نتيجتها.",
  "introductions.empty.title": "لا يوجد تعارف بعد",
  "introductions.empty.body":
    "عندما يعتمد الموظفون مقترحًا، يُعرَّف الطرفان ببعضهما هنا ويمكن لكل منهما رؤية بيانات اتصال الآخر.",
  "notFound.title": "الصفحة غير موجودة",
  "notFound.body": "الصفحة التي تبحث عنها غير موجودة أو نُقلت.",
  "notFound.back": "العودة إلى الرئيسية",
  "footer.version": "الإصدار {version}",
  "staffOnly": "للموظفين فقط",
};

export const DICTIONARIES: Record<Language, Partial<Dictionary>> = { en, zh, fr, es, ru, ar };

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.some((lang) => lang.code === value);
}

export function directionOf(lang: Language): "ltr" | "rtl" {
  return LANGUAGES.find((l) => l.code === lang)?.dir ?? "ltr";
}

/** Translates `key` into `lang`, falling back to English, and fills `{name}` placeholders. */
export function translate(lang: Language, key: MessageKey, vars?: Record<string, string | number>): string {
  const template = DICTIONARIES[lang][key] ?? en[key];
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : match,
  );
}

/** Sets `lang` and `dir` on <html>, so the whole document (including native controls) flips for RTL. */
export function applyDocumentLanguage(lang: Language): void {
  const root = document.documentElement;
  root.lang = lang;
  root.dir = directionOf(lang);
}

function storedLanguage(): Language | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null; // storage disabled (private mode, sandboxed iframe): not worth failing over
  }
}

function queryLanguage(): Language | null {
  if (typeof window === "undefined") return null;
  const value = new URLSearchParams(window.location.search).get("lang");
  return isLanguage(value) ? value : null;
}

/**
 * `?lang=xx` in the URL (links in e-mails), else the saved choice, else the browser's
 * preferred language if supported, else English.
 */
export function detectLanguage(): Language {
  const fromQuery = queryLanguage();
  if (fromQuery) return fromQuery;
  const saved = storedLanguage();
  if (saved) return saved;
  const preferred = typeof navigator !== "undefined" ? (navigator.languages ?? [navigator.language]) : [];
  for (const tag of preferred) {
    const base = tag?.toLowerCase().split("-")[0];
    if (isLanguage(base)) return base;
  }
  return DEFAULT_LANGUAGE;
}

interface I18nValue {
  lang: Language;
  dir: "ltr" | "rtl";
  setLang: (lang: Language) => void;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ initialLanguage, children }: { initialLanguage?: Language; children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(() => initialLanguage ?? detectLanguage());

  // Layout effect: flip `dir` before the browser paints, so RTL never flashes as LTR.
  useLayoutEffect(() => {
    applyDocumentLanguage(lang);
  }, [lang]);

  const setLang = useCallback((next: Language) => {
    setLangState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // storage disabled: the choice lasts for this page only
    }
  }, []);

  const value = useMemo<I18nValue>(
    () => ({
      lang,
      dir: directionOf(lang),
      setLang,
      t: (key, vars) => translate(lang, key, vars),
    }),
    [lang, setLang],
  );

  return createElement(I18nContext.Provider, { value }, children);
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n must be used inside <I18nProvider>");
  return value;
}
