import type { Messages } from "../../../i18n/types";
import type en from "./en";

// auth: Chinese, complete (the type requires every key).
const zh: Messages<typeof en> = {
  "login.intro": "供应商、采购方和 MedMatch 工作人员在此登录。",
  "login.busy": "正在登录…",
  "login.noAccount": "还没有账户？",
  "login.already": "您已作为 {email} 登录。",
  "login.continue": "继续",
  "register.title": "注册账户",
  "register.intro": "注册您的机构。供应商的资料经工作人员核验后才会列入名录。",
  "register.kind": "我代表",
  "register.kind.buyer": "采购方",
  "register.kind.buyer.hint": "寻找物资的使馆、政府机构、医院、经销商或非政府组织。",
  "register.kind.vendor": "供应商",
  "register.kind.vendor.hint": "医疗物资生产商或出口商。",
  "register.organization": "机构信息",
  "register.buyerType": "采购方类型",
  "register.organizationName": "机构名称",
  "register.country": "国家或地区",
  "register.city": "城市",
  "register.uscc": "统一社会信用代码",
  "register.uscc.hint": "营业执照上的 18 位代码。",
  "register.you": "联系人",
  "register.fullName": "姓名",
  "register.phone": "电话",
  "register.password.hint": "至少 8 个字符。",
  "register.privacy": "只有在工作人员批准对接后，您的联系方式才会向另一方机构显示。",
  "register.submit": "创建账户",
  "register.busy": "正在创建…",
  "register.checkEmail.title": "请查收电子邮件",
  "register.checkEmail.body":
    "我们已向 {email} 发送确认链接。请打开链接，然后用您的密码登录。如果该地址已有 MedMatch 账户，账户未做任何更改，我们已给账户所有者发送邮件。",
  "register.haveAccount": "已有账户？",
  "confirm.title": "确认电子邮件",
  "confirm.busy": "正在确认您的地址…",
  "confirm.done": "{email} 已确认。现在可以登录了。",
  "confirm.failed": "此链接无效、已过期或已被使用。如果您已确认过地址，请直接登录；否则请重新注册以获取新链接。",
  "confirm.missing": "此链接不完整：请打开邮件中的完整链接。",
  "confirm.register": "重新注册",
};

export default zh;
