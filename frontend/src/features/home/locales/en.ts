// home: English, the reference. Every key this part of the app uses is defined here.
const en = {
  "home.join.buyer": "Register as a buyer",
  "home.join.vendor": "Register as a supplier",
  "home.join.buyer.body": "Post what you need, or import a spreadsheet, and get verified suppliers proposed.",
  "home.join.vendor.body": "List your products and certificates; after verification buyers find you in six languages.",
  "home.join.buyer.title": "Buyers",
  "home.join.vendor.title": "Suppliers",
  "home.lead":
    "MedMatch connects verified suppliers of medical supplies with the buyers who need them: embassies, government agencies, hospitals, distributors and NGOs.",
  "home.step1.title": "Verified suppliers",
  "home.step1.body":
    "Staff check business licences and certificates before a supplier appears in the directory or in matching.",
  "home.step2.title": "Purchase requests",
  "home.step2.body": "Buyers post needs or import them from spreadsheets, in any of six languages.",
  "home.step3.title": "Explained proposals",
  "home.step3.body": "Each candidate is ranked on certificates, capacity, lead time and price, with the reasons shown.",
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
} as const;

export default en;
