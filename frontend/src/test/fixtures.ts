// API answers shaped like the real ones (see backend/*/apis.py), for the unit tests.

export const CATEGORIES = {
  count: 3,
  next: null,
  previous: null,
  results: [
    { id: 1, slug: "masks-respirators", hs_code: "6307.90", parent: null, names: { en: "Masks and respirators", zh: "口罩及呼吸防护用品" } },
    { id: 2, slug: "surgical-masks", hs_code: "6307.90", parent: 1, names: { en: "Surgical masks", zh: "医用外科口罩", ar: "كمامات جراحية" } },
    { id: 8, slug: "nitrile-examination-gloves", hs_code: "4015.19", parent: null, names: { en: "Nitrile examination gloves", zh: "丁腈检查手套" } },
  ],
};

export const STANDARDS = {
  count: 2,
  next: null,
  previous: null,
  results: [
    { id: 1, code: "EN 14683", title: "Medical face masks", kind: "technical", region: "EU" },
    { id: 2, code: "CE MDR", title: "EU Medical Devices Regulation", kind: "approval", region: "EU" },
  ],
};

export const PRODUCT_SEARCH = {
  count: 42,
  next_cursor: "abc",
  facets: {
    category: [
      { key: "surgical-masks", count: 30, names: { en: "Surgical masks", zh: "医用外科口罩" }, hs_code: "6307.90" },
      { key: "masks-respirators", count: 12, names: { en: "Masks and respirators", zh: "口罩及呼吸防护用品" }, hs_code: "6307.90" },
    ],
    country: [
      { key: "CN", count: 35 },
      { key: "DE", count: 7 },
    ],
    market: [
      { key: "EU", count: 20 },
      { key: "US", count: 9 },
    ],
    standard: [{ key: "EN 14683", count: 18 }],
    currency: [{ key: "USD", count: 40 }],
    hs_heading: [{ key: "6307", count: 42 }],
    price: { min: 0.05, max: 2, avg: 0.4, count: 42 },
    capacity: { min: 1000, max: 1000000, avg: 5000, count: 42 },
  },
  results: [
    {
      id: 239,
      names: { en: "Surgical masks Care-629", zh: "医用外科口罩 Care-629" },
      descriptions: { en: "Three-ply surgical masks <b>BFE</b> 98%." },
      model_number: "Care-629",
      vendor: { id: 22, name: "Suzhou Guangyi Medical", country: "CN", city: "Suzhou" },
      category: { id: 2, slug: "surgical-masks", hs_code: "6307.90" },
      standards: ["EN 14683", "CE MDR"],
      certificate_markets: ["EU", "US"],
      min_order_quantity: 500,
      capacity_per_day: 50000,
      stock: 1000,
      lead_time_days: 5,
      price_min: 1.2,
      price_max: 1.68,
      currency: "USD",
      incoterms: ["FOB"],
      origin_country: "CN",
      highlight: {
        name_en: ["Surgical <mark>masks</mark> Care-629"],
        name_zh: ["医用外科<mark>口罩</mark> Care-629"],
        description_en: ["Three-ply surgical <mark>masks</mark> <b>BFE</b> 98%. <script>alert(1)</script>"],
      },
      score: 12.5,
    },
  ],
};

export const SUPPLIER_SEARCH = {
  count: 1,
  next_cursor: null,
  facets: { category: [{ key: "surgical-masks", count: 1, names: { en: "Surgical masks" } }], country: [{ key: "CN", count: 1 }], market: [], standard: [] },
  results: [
    {
      id: 25,
      name: "厦门安信卫生用品有限公司",
      legal_names: { en: "Xiamen Anxin Hygiene Products Co., Ltd.", zh: "厦门安信卫生用品有限公司" },
      country: "CN",
      city: "Xiamen",
      description: "Manufacturer of medical supplies in Xiamen.",
      category_slugs: ["surgical-masks"],
      standards: ["EN 14683"],
      certificate_markets: ["EU"],
      product_count: 12,
      capacity_per_day_max: 1000000,
      highlight: { "legal_name_en": ["Xiamen <mark>Anxin</mark> Hygiene Products Co., Ltd."] },
      score: 5.5,
    },
  ],
};

export const SUGGESTIONS = {
  categories: [{ id: 2, slug: "surgical-masks", hs_code: "6307.90", names: { en: "Surgical masks", zh: "医用外科口罩" } }],
  products: [{ id: 239, label: "Surgical masks Care-629" }],
  suppliers: [{ id: 25, label: "Xiamen Anxin Hygiene" }],
};

export function purchaseRequest(overrides: Record<string, unknown> = {}) {
  return {
    id: 11,
    buyer: { id: 3, name: "Embassy of France", country: "FR", buyer_type: "embassy" },
    title: "Surgical masks for clinics",
    description: "",
    language: "en",
    category: { id: 2, slug: "surgical-masks", hs_code: "6307.90", hs_version: "HS2017", names: { en: "Surgical masks", zh: "医用外科口罩" } },
    end_user: "",
    quantity: 100000,
    unit: "piece",
    required_standards: ["EN 14683"],
    destination_country: "FR",
    target_unit_price: "0.0800",
    currency: "EUR",
    needed_by: "2027-01-15",
    incoterm: "",
    status: "draft",
    import_batch: null,
    has_duplicates: false,
    created_at: "2026-11-20T10:00:00Z",
    updated_at: "2026-11-20T10:00:00Z",
    ...overrides,
  };
}

export function proposal(id: number, overrides: Record<string, unknown> = {}) {
  return {
    id,
    status: "proposed",
    score: 87.5,
    score_parts: { category: 25, standards: 20, capacity: 15, lead_time: 10, price: 7.5, text: 6, market: 4 },
    criteria: [
      { criterion: "vendor_verified", status: "met", detail: "vendor verified", expected: true, actual: true },
      { criterion: "standards", status: "met", detail: "EN 14683 met", expected: ["EN 14683"], actual: ["EN 14683"] },
      { criterion: "capacity", status: "partial", detail: "capacity 40% of quantity by the date", expected: 100000, actual: 40000 },
      { criterion: "price", status: "not_met", detail: "price 0.12 USD is 50% above the target 0.08", expected: 0.08, actual: 0.12 },
    ],
    source: "forward",
    request: {
      id: 11,
      title: `Surgical masks for clinics ${id}`,
      buyer: { id: 3, name: "Embassy of France", country: "FR", buyer_type: "embassy" },
      category: { id: 2, slug: "surgical-masks", hs_code: "6307.90", hs_version: "HS2017", names: { en: "Surgical masks" } },
      quantity: 100000,
      unit: "piece",
      destination_country: "FR",
      needed_by: "2027-01-15",
      target_unit_price: "0.0800",
      currency: "EUR",
      required_standards: ["EN 14683"],
      status: "open",
    },
    product: {
      id: 100 + id,
      names: { en: `Surgical mask model ${id}`, zh: `医用外科口罩 ${id}` },
      model_number: `MM-${id}`,
      category: { id: 2, slug: "surgical-masks", hs_code: "6307.90", hs_version: "HS2017", names: { en: "Surgical masks" } },
      standards: ["EN 14683"],
      min_order_quantity: 10000,
      capacity_per_day: 500000,
      stock: 0,
      unit: "piece",
      lead_time_days: 7,
      price_min: "0.0500",
      price_max: "0.0800",
      currency: "USD",
      status: "published",
    },
    vendor: { id: 5, name: "Wuhan Vendor Co.", country: "CN", city: "Wuhan", verification_status: "verified" },
    overdue: id === 2,
    age_hours: 30,
    proposed_at: "2026-11-26T00:00:00Z",
    computed_at: "2026-11-26T00:00:00Z",
    created_at: "2026-11-26T00:00:00Z",
    decision_reason: "",
    decided_by: null,
    decided_at: null,
    ...overrides,
  };
}

export function page<T>(results: T[], count = results.length) {
  return { count, next: null, previous: null, results };
}

export function introduction(id: number, overrides: Record<string, unknown> = {}) {
  return {
    id,
    status: "awaiting_reply",
    proposal: 40 + id,
    score: 80,
    request: {
      id: 11,
      title: "Surgical masks for clinics",
      description: "",
      language: "en",
      category: null,
      end_user: "",
      quantity: 100000,
      unit: "piece",
      required_standards: [],
      destination_country: "FR",
      target_unit_price: null,
      currency: "",
      needed_by: null,
      incoterm: "",
      status: "open",
    },
    product: {
      id: 7,
      names: { en: "Surgical mask Type IIR", zh: "医用外科口罩" },
      model_number: "MM-1",
      category: { id: 2, slug: "surgical-masks", hs_code: "6307.90", hs_version: "HS2017", names: { en: "Surgical masks" } },
      min_order_quantity: 1000,
      capacity_per_day: 5000,
      lead_time_days: 7,
      unit: "piece",
      price_min: "0.0500",
      price_max: "0.0800",
      currency: "USD",
      incoterms: ["FOB"],
      origin_country: "CN",
    },
    vendor: {
      id: 5,
      kind: "vendor",
      buyer_type: "",
      name: "Wuhan Vendor Co.",
      legal_names: {},
      country: "CN",
      city: "Wuhan",
      website: "",
      contacts: [
        { id: 1, name: "Li Wei", role: "Sales", email: "li.wei@vendor.example", phone: "+86 27 1234 5678", wechat: "liwei-sales", whatsapp: "", created_at: "", updated_at: "" },
      ],
    },
    buyer: { id: 3, kind: "buyer", buyer_type: "embassy", name: "Embassy of France", legal_names: {}, country: "FR", city: "Beijing", website: "", contacts: null },
    replied_at: null,
    deal_quantity: null,
    deal_value: null,
    deal_currency: "",
    no_deal_reason: "",
    reminders_sent: 0,
    last_reminded_at: null,
    closed_at: null,
    created_at: "2026-11-25T08:00:00Z",
    updated_at: "2026-11-25T08:00:00Z",
    ...overrides,
  };
}
