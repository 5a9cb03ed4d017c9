import type { Messages } from "../../../i18n/types";
import type en from "./en";

// home: Chinese, complete (the type requires every key).
const zh: Messages<typeof en> = {
  "home.join.buyer": "注册为采购方",
  "home.join.vendor": "注册为供应商",
  "home.join.buyer.body": "发布需求或导入电子表格，获得经核验供应商的推荐。",
  "home.join.vendor.body": "发布产品和证书；通过核验后，采购方可用六种语言找到您。",
  "home.join.buyer.title": "采购方",
  "home.join.vendor.title": "供应商",
  "home.lead":
    "MedMatch 将经过核验的医疗物资供应商与有需求的采购方对接，包括使馆、政府机构、医院、经销商和非政府组织。",
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
};

export default zh;
