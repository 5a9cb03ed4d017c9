import type { Messages } from "../../../i18n/types";
import type en from "./en";

// catalog: missing keys fall back to English.
const ru: Partial<Messages<typeof en>> = {
  "catalog.breadcrumb": "Навигация",
  "catalog.backToDirectory": "Назад к каталогу поставщиков",
  "catalog.loading": "Загрузка…",
  "catalog.noProducts": "Других опубликованных товаров нет.",
  "catalog.category": "Категория",
  "catalog.hsCode": "Код ТН ВЭД",
  "catalog.model": "Модель",
  "catalog.price": "Цена за единицу",
  "catalog.moq": "Минимальный заказ",
  "catalog.capacity": "Мощность",
  "catalog.perDay": "{count} {unit} в день",
  "catalog.leadTime": "Срок поставки",
  "catalog.days": "{count} дн.",
  "catalog.incoterms": "Инкотермс",
  "catalog.origin": "Происхождение",
  "catalog.standards": "Стандарты",
  "catalog.unit.other": "{unit}",
  "catalog.product.title": "Товар",
  "catalog.product.missing": "Этого товара нет в каталоге",
  "catalog.product.facts": "Характеристики и условия",
  "catalog.product.others": "Другие товары поставщика",
  "catalog.supplier.title": "Поставщик",
  "catalog.supplier.missing": "Этого поставщика нет в каталоге",
  "catalog.supplier.verified": "Проверен",
  "catalog.supplier.products": "Товары",
  "catalog.certificates.title": "Сертификаты",
  "catalog.certificates.none": "Сертификатов нет.",
  "catalog.certificates.noNumber": "Сертификат",
  "catalog.certificates.issuer": "Выдан",
  "catalog.certificates.markets": "Действует для",
  "catalog.certificates.standards": "Стандарты",
  "catalog.certificates.validity": "Срок действия",
  "catalog.certificates.range": "{from} – {until}",
  "catalog.certificates.valid": "Действует",
  "catalog.certificates.expired": "Истёк",
};

export default ru;
