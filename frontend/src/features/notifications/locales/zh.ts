import type { Messages } from "../../../i18n/types";
import type en from "./en";

// notifications: Chinese, complete (the type requires every key).
const zh: Messages<typeof en> = {
  "notifications.title": "通知",
  "notifications.intro": "您的对接、证明申请和法律咨询有了哪些新进展。",
  "notifications.bell": "通知",
  "notifications.unread": "{count} 条未读",
  "notifications.markRead": "标为已读",
  "notifications.markAllRead": "全部标为已读",
  "notifications.onlyUnread": "只看未读",
  "notifications.empty.title": "暂无通知",
  "notifications.empty.body": "对接、证明申请或咨询有变化时，会在这里通知您。",
  "notifications.open": "查看对接",
  "notifications.audience": "已登录用户",
};

export default zh;
