import type { Messages } from "../../../i18n/types";
import type en from "./en";

// account: Chinese, complete.
const zh: Messages<typeof en> = {
  "account.title": "账户",
  "account.menu": "账户与密码",
  "account.audience": "已登录用户",
  "account.change.title": "修改密码",
  "account.change.old": "当前密码",
  "account.change.new": "新密码",
  "account.change.submit": "修改密码",
  "account.change.done": "您的密码已修改。",
  "account.everywhere.title": "退出所有设备",
  "account.everywhere.intro": "结束您账户在所有设备上的全部会话和 API 令牌，包括当前设备。",
  "account.everywhere.submit": "退出所有设备",
  "account.forgot.link": "忘记密码？",
  "account.forgot.title": "忘记密码",
  "account.forgot.intro": "请输入您账户的电子邮箱，我们会发送一个设置新密码的链接。",
  "account.forgot.email": "电子邮箱",
  "account.forgot.submit": "发送链接",
  "account.forgot.sent": "如果有账户使用此邮箱，链接已经发出。链接只能使用一次，并会过期。",
  "account.reset.title": "设置新密码",
  "account.reset.new": "新密码",
  "account.reset.submit": "设置密码",
  "account.reset.done": "密码已设置，现在可以用它登录。",
  "account.reset.signIn": "登录",
  "account.reset.missing": "此链接不完整，请重新申请。",
  "account.reset.again": "重新申请链接",
};

export default zh;
