import type { Messages } from "../../../i18n/types";
import type en from "./en";

// consultations: Chinese, complete (the type requires every key).
const zh: Messages<typeof en> = {
  "consultations.nav": "法律咨询",
  "consultations.title": "法律咨询",
  "consultations.intro":
    "就不可抗力、合同与仲裁、反倾销等贸易救济、出口信用与保险向顾问咨询。会员免费；仅贵单位、顾问和工作人员可查看对话。",
  "consultations.empty": "暂无咨询。",
  "consultations.ask.title": "提出问题",
  "consultations.ask.submit": "提交问题",
  "consultations.topic": "主题",
  "consultations.subject": "标题",
  "consultations.description": "您的问题",
  "consultations.attachments": "附件（PDF、PNG 或 JPEG）",
  "consultations.member": "会员",
  "consultations.adviser": "顾问",
  "consultations.status.label": "状态",
  "consultations.status.open": "等待分配顾问",
  "consultations.status.assigned": "顾问处理中",
  "consultations.status.closed": "已结束",
  "consultations.topic.force_majeure": "不可抗力",
  "consultations.topic.contracts_arbitration": "合同与仲裁",
  "consultations.topic.trade_remedies": "贸易救济（反倾销等）",
  "consultations.topic.export_credit_insurance": "出口信用与保险",
  "consultations.topic.other": "其他",
  "consultations.thread": "对话",
  "consultations.noMessages": "暂无消息。",
  "consultations.reply": "您的留言",
  "consultations.send": "发送",
  "consultations.assign.label": "分配给顾问",
  "consultations.assign.submit": "分配",
  "consultations.outcome": "结论",
  "consultations.close": "以此结论结束",
};

export default zh;
