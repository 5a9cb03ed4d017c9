// Answers shaped like the real API's, typed by the generated schema (tests only).
import type { ApiData } from "../../api";

type Application = ApiData<"/api/v1/certificates/applications/{application_id}/">;
type CertificateOut = ApiData<"/api/v1/certificates/{certificate_id}/">;
type Verification = ApiData<"/api/v1/certificates/verify/{number}/">;

export function application(id: number, overrides: Partial<Application> = {}): Application {
  return {
    id,
    reference: `FMA-${String(id).padStart(6, "0")}`,
    organization: 3,
    organization_name: "Wuhan Medical Export Co.",
    status: "draft",
    counterparty_name: "Hôpital Central",
    counterparty_country: "FR",
    counterparty_language: "fr",
    contract_number: "C-2020-17",
    contract_date: "2020-01-10",
    goods: "Masks",
    contract_value: "120000.00",
    currency: "EUR",
    obligation: "Deliver by 1 March",
    obligation_due_date: "2020-03-01",
    event_description: "Lockdown order closed the factory.",
    event_location: "Wuhan",
    event_start: "2020-01-23",
    event_end: "2020-04-08",
    evidence: [],
    submitted_at: null,
    last_submitted_at: null,
    info_request: "",
    member_reply: "",
    decided_at: null,
    rejection_reason: "",
    review_seconds_left: null,
    clock_paused: false,
    certificate: null,
    created_at: "2026-12-01T08:00:00Z",
    updated_at: "2026-12-01T08:00:00Z",
    ...overrides,
  };
}

export function certificate(id: number, overrides: Partial<CertificateOut> = {}): CertificateOut {
  return {
    id,
    number: "FM-2026-000001",
    status: "issued",
    application: 1,
    organization: 3,
    issued_at: "2026-12-01T10:00:00Z",
    holder_name: "Wuhan Medical Export Co.",
    holder_country: "CN",
    counterparty_country: "FR",
    languages: ["zh", "en", "fr"],
    facts: {},
    pdf_sha256: "ab".repeat(32),
    pdf_generated_at: "2026-12-01T10:00:02Z",
    pdf_url: "/api/v1/certificates/1/pdf/",
    verification_url: "http://testserver/verify/FM-2026-000001",
    revoked_at: null,
    revocation_reason: "",
    ...overrides,
  };
}

export function verification(overrides: Partial<Verification> = {}): Verification {
  return {
    number: "FM-2026-000001",
    status: "valid",
    holder: "Wuhan Medical Export Co.",
    holder_legal_names: { zh: "武汉医疗出口有限公司" },
    holder_country: "CN",
    counterparty_country: "FR",
    issued_at: "2026-12-01T10:00:00Z",
    event_start: "2020-01-23",
    event_end: "2020-04-08",
    revoked_at: null,
    revocation_reason: "",
    pdf_sha256: "ab".repeat(32),
    ...overrides,
  };
}
