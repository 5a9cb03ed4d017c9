import type { Messages } from "../../../i18n/types";
import type en from "./en";

// introductions: Chinese, complete (the type requires every key).
const zh: Messages<typeof en> = {
  "introductions.title": "对接介绍",
  "introductions.intro": "采购方与供应商之间已获批准的对接，并跟踪至最终结果。",
  "introductions.empty.title": "暂无对接介绍",
  "introductions.empty.body": "工作人员批准匹配建议后，双方将在这里相互介绍，并可查看对方的联系方式。",
  "introductions.supplier": "供应商",
  "introductions.buyer": "采购方",
  "introductions.yourOrganization": "您的机构",
  "introductions.noContacts": "暂无联系人。",
  "introductions.forRequest": "需求：",
  "introductions.since": "对接于 {date}",
  "introductions.productGone": "产品已下架",
  "introductions.dealSummary": "成交：{quantity} 件，金额 {value}。",
  "introductions.noDealReason": "未成交原因：",
  "introductions.outcome.title": "记录结果",
  "introductions.outcome.quantity": "成交数量",
  "introductions.outcome.value": "成交总额",
  "introductions.outcome.currency": "货币",
  "introductions.outcome.reason": "未成交的原因？",
  "introductions.outcome.note": "备注（可选）",
  "introductions.outcome.save": "保存结果",
  "introductions.overdue": "已逾期",
  "introductions.overdueHint": "超过答复期限仍在等待答复",
  "introductions.filter.overdue": "仅显示逾期",
  "introductions.emptyOverdue.title": "没有逾期的对接",
  "introductions.emptyOverdue.body": "所有等待答复的对接都还在答复期限内。",
};

export default zh;
