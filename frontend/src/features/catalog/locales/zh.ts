import type { Messages } from "../../../i18n/types";
import type en from "./en";

// catalog: complete.
const zh: Messages<typeof en> = {
  "catalog.breadcrumb": "导航路径",
  "catalog.backToDirectory": "返回供应商名录",
  "catalog.loading": "加载中…",
  "catalog.noProducts": "没有其他已发布的产品。",
  "catalog.category": "类别",
  "catalog.hsCode": "HS 编码",
  "catalog.model": "型号",
  "catalog.price": "单价",
  "catalog.moq": "最小起订量",
  "catalog.capacity": "产能",
  "catalog.perDay": "每天 {count} {unit}",
  "catalog.leadTime": "交货期",
  "catalog.days": "{count} 天",
  "catalog.incoterms": "贸易术语",
  "catalog.origin": "原产地",
  "catalog.standards": "标准",
  "catalog.unit.other": "{unit}",
  "catalog.product.title": "产品",
  "catalog.product.missing": "该产品不在名录中",
  "catalog.product.facts": "规格与条款",
  "catalog.product.others": "该供应商的其他产品",
  "catalog.supplier.title": "供应商",
  "catalog.supplier.missing": "该供应商不在名录中",
  "catalog.supplier.verified": "已核验",
  "catalog.supplier.products": "产品",
  "catalog.certificates.title": "认证证书",
  "catalog.certificates.none": "暂无证书。",
  "catalog.certificates.noNumber": "证书",
  "catalog.certificates.issuer": "颁发机构",
  "catalog.certificates.markets": "适用市场",
  "catalog.certificates.standards": "标准",
  "catalog.certificates.validity": "有效期",
  "catalog.certificates.range": "{from} – {until}",
  "catalog.certificates.valid": "有效",
  "catalog.certificates.expired": "已过期",
};

export default zh;
