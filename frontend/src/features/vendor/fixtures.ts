// API answers of the vendor area, typed from the generated schema (test only).
import type { ContactOutput, DocumentOutput, OrganizationDetailOutput, ProductOutput } from "../../api";

export function organization(overrides: Partial<OrganizationDetailOutput> = {}): OrganizationDetailOutput {
  return {
    id: 3,
    kind: "vendor",
    name: "Wuhan Xinhua Medical",
    legal_names: { zh: "武汉新华医疗器械有限公司" },
    country: "CN",
    city: "Wuhan",
    address: "88 Jiefang Avenue",
    website: "",
    description: "",
    registration_id: "91420100MA4KX1234Y",
    buyer_type: "",
    verification_status: "unverified",
    verification_note: "",
    verified_at: null,
    created_at: "2026-12-01T08:00:00Z",
    updated_at: "2026-12-01T08:00:00Z",
    contacts: [],
    ...overrides,
  };
}

export function contact(id: number, overrides: Partial<ContactOutput> = {}): ContactOutput {
  return {
    id,
    name: "Li Wei",
    role: "Sales",
    email: "li.wei@example.cn",
    phone: "+86 27 1234 5678",
    wechat: "liwei-wh",
    whatsapp: "",
    created_at: "2026-12-01T08:00:00Z",
    updated_at: "2026-12-01T08:00:00Z",
    ...overrides,
  };
}

export function document(id: number, overrides: Partial<DocumentOutput> = {}): DocumentOutput {
  return {
    id,
    organization_id: 3,
    document_type: "certificate",
    original_name: "ce.pdf",
    content_type: "application/pdf",
    size: 1024,
    sha256: "ab".repeat(32),
    number: "CE-2020-001",
    issuer: "TÜV SÜD",
    valid_from: "2020-03-01",
    valid_until: "2027-03-01",
    review_status: "pending",
    review_note: "",
    standards: ["EN 14683"],
    markets: ["EU"],
    products: [],
    download_url: `/api/v1/organizations/3/documents/${id}/file/`,
    created_at: "2026-12-01T08:00:00Z",
    updated_at: "2026-12-01T08:00:00Z",
    ...overrides,
  };
}

export function product(id: number, overrides: Partial<ProductOutput> = {}): ProductOutput {
  return {
    id,
    vendor: { id: 3, name: "Wuhan Xinhua Medical", country: "CN", verification_status: "verified" },
    category: {
      id: 2,
      slug: "surgical-masks",
      hs_code: "6307.90",
      names: { en: "Surgical masks", zh: "医用外科口罩" },
    },
    names: { zh: "医用外科口罩" },
    descriptions: {},
    model_number: "",
    standards: ["EN 14683"],
    min_order_quantity: 10000,
    capacity_per_day: 200000,
    stock: 0,
    unit: "piece",
    lead_time_days: 7,
    price_min: "0.0500",
    price_max: "0.0800",
    currency: "USD",
    incoterms: ["FOB"],
    origin_country: "CN",
    ports: ["Wuhan"],
    status: "draft",
    certificates: [],
    created_at: "2026-12-01T08:00:00Z",
    updated_at: "2026-12-01T08:00:00Z",
    ...overrides,
  };
}
