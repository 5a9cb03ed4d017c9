// What a vendor still has to give before asking for verification (the server has the last word).
import type { ContactOutput, DocumentOutput, OrganizationDetailOutput } from "../../api";

export type ChecklistItem = {
  key: "legalNames" | "address" | "registrationId" | "contact" | "businessLicence" | "certificate";
  done: boolean;
  /** Needed before the request is accepted (else it only helps buyers and reviewers). */
  required: boolean;
  /** Where in the vendor area the item is filled in. */
  to: string;
};

/** Today as YYYY-MM-DD (local time), the form certificate dates are compared in. */
export function todayIso(now = new Date()): string {
  const month = String(now.getMonth() + 1).padStart(2, "0");
  const day = String(now.getDate()).padStart(2, "0");
  return `${now.getFullYear()}-${month}-${day}`;
}

/** Days from `today` to `until` (both YYYY-MM-DD); negative once it has passed. */
export function daysUntil(until: string, today: string): number {
  return Math.round((Date.parse(`${until}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

export type Expiry = "expired" | "soon" | "valid" | "none";

/** A document's validity as the list shows it: expired, ending within 60 days, valid, or undated. */
export function expiryOf(document: Pick<DocumentOutput, "valid_until">, today: string): Expiry {
  if (!document.valid_until) return "none";
  const days = daysUntil(document.valid_until, today);
  if (days < 0) return "expired";
  return days <= 60 ? "soon" : "valid";
}

export function verificationChecklist(
  organization: OrganizationDetailOutput,
  contacts: ContactOutput[],
  documents: DocumentOutput[],
): ChecklistItem[] {
  const chinese = organization.country === "CN";
  const items: ChecklistItem[] = [
    {
      key: "legalNames",
      done: Object.values(organization.legal_names ?? {}).some((name) => name.trim() !== ""),
      required: false,
      to: "/vendor/profile",
    },
    {
      key: "address",
      done: Boolean(organization.city?.trim() && organization.address?.trim()),
      required: false,
      to: "/vendor/profile",
    },
    {
      key: "contact",
      done: contacts.some((contact) => Boolean(contact.email || contact.phone)),
      required: false,
      to: "/vendor/profile#contacts",
    },
    {
      key: "businessLicence",
      done: documents.some((document) => document.document_type === "business_licence"),
      required: true,
      to: "/vendor/documents",
    },
    {
      key: "certificate",
      done: documents.some((document) => document.document_type === "certificate"),
      required: false,
      to: "/vendor/documents",
    },
  ];
  if (chinese) {
    items.splice(1, 0, {
      key: "registrationId",
      done: Boolean(organization.registration_id?.trim()),
      required: true,
      to: "/vendor/profile",
    });
  }
  return items;
}

/** Whether the vendor may ask now: its status allows it and nothing required is missing. */
export function canRequestVerification(organization: OrganizationDetailOutput, items: ChecklistItem[]): boolean {
  const status = organization.verification_status;
  return (status === "unverified" || status === "rejected") && items.every((item) => item.done || !item.required);
}
