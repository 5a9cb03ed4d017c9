// account: English, the reference.
const en = {
  "account.title": "Account",
  "account.menu": "Account and password",
  "account.audience": "signed-in users",
  "account.change.title": "Change password",
  "account.change.old": "Current password",
  "account.change.new": "New password",
  "account.change.submit": "Change password",
  "account.change.done": "Your password has been changed.",
  "account.everywhere.title": "Sign out everywhere",
  "account.everywhere.intro": "Ends every session and API token of your account, on every device, including this one.",
  "account.everywhere.submit": "Sign out everywhere",
  "account.forgot.link": "Forgot your password?",
  "account.forgot.title": "Forgot your password",
  "account.forgot.intro":
    "Enter the e-mail address of your account and we will send you a link to choose a new password.",
  "account.forgot.email": "E-mail",
  "account.forgot.submit": "Send the link",
  "account.forgot.sent": "If an account uses this address, a link is on its way. It works once and expires.",
  "account.reset.title": "Choose a new password",
  "account.reset.new": "New password",
  "account.reset.submit": "Set the password",
  "account.reset.done": "Your password has been set. You can sign in with it now.",
  "account.reset.signIn": "Sign in",
  "account.reset.missing": "This link is incomplete. Ask for a new one.",
  "account.reset.again": "Ask for a new link",
} as const;

export default en;
