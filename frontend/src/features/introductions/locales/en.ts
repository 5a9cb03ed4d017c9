// introductions: English, the reference. Every key this part of the app uses is defined here.
const en = {
  "introductions.title": "Introductions",
  "introductions.intro": "Approved matches between a buyer and a supplier, followed through to their outcome.",
  "introductions.empty.title": "No introductions yet",
  "introductions.empty.body":
    "When staff approve a proposal, both parties are introduced here and can see each other's contacts.",
  "introductions.supplier": "Supplier",
  "introductions.buyer": "Buyer",
  "introductions.yourOrganization": "Your organisation",
  "introductions.noContacts": "No contacts recorded.",
  "introductions.forRequest": "For",
  "introductions.since": "Introduced {date}",
  "introductions.productGone": "Product no longer listed",
  "introductions.dealSummary": "Deal: {quantity} units for {value}.",
  "introductions.noDealReason": "No deal:",
  "introductions.outcome.title": "Record the outcome",
  "introductions.outcome.quantity": "Quantity agreed",
  "introductions.outcome.value": "Total value",
  "introductions.outcome.currency": "Currency",
  "introductions.outcome.reason": "Why was there no deal?",
  "introductions.outcome.note": "Note (optional)",
  "introductions.outcome.save": "Save outcome",
  "introductions.overdue": "Overdue",
  "introductions.overdueHint": "Still awaiting a reply after the reply window",
  "introductions.filter.overdue": "Overdue only",
  "introductions.emptyOverdue.title": "Nothing overdue",
  "introductions.emptyOverdue.body": "Every introduction awaiting a reply is still within its reply window.",
} as const;

export default en;
