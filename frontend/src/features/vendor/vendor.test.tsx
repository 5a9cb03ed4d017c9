import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CATEGORIES, STANDARDS, page } from "../../test/fixtures";
import { jsonResponse, mockApi, renderApp, signedIn } from "../../test/render";
import { contact, document, organization, product } from "./fixtures";
import { expiryOf, verificationChecklist } from "./verification";

const VENDOR = { auth: signedIn("vendor") };
const MARKETS = page([
  { id: 1, code: "EU", name: "European Union", countries: ["FR"], kind: "import", requirements: [] },
  { id: 2, code: "US", name: "United States", countries: ["US"], kind: "import", requirements: [] },
]);
const REFERENCE = {
  "GET taxonomy/categories/": CATEGORIES,
  "GET reference/standards/": STANDARDS,
  "GET reference/markets/": MARKETS,
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("verification checklist", () => {
  it("requires the business licence and, in China, the USCC; the rest is recommended", () => {
    const items = verificationChecklist(organization({ registration_id: "" }), [], [document(1)]);
    const byKey = Object.fromEntries(items.map((item) => [item.key, item]));
    expect(byKey.businessLicence).toMatchObject({ done: false, required: true });
    expect(byKey.registrationId).toMatchObject({ done: false, required: true });
    expect(byKey.certificate).toMatchObject({ done: true, required: false });
    expect(byKey.contact?.done).toBe(false);
    // Outside China there is no USCC to give.
    const french = verificationChecklist(organization({ country: "FR", registration_id: "" }), [], []);
    expect(french.map((item) => item.key)).not.toContain("registrationId");
  });

  it("warns of a certificate that expires within 60 days and marks an expired one", () => {
    expect(expiryOf({ valid_until: "2026-12-20" }, "2026-12-02")).toBe("soon");
    expect(expiryOf({ valid_until: "2026-12-01" }, "2026-12-02")).toBe("expired");
    expect(expiryOf({ valid_until: "2027-06-01" }, "2026-12-02")).toBe("valid");
    expect(expiryOf({ valid_until: null }, "2026-12-02")).toBe("none");
  });

  it("keeps the request disabled until a licence is on file, then sends it", async () => {
    const calls = mockApi({
      "GET organizations/3/": organization(),
      "GET organizations/3/contacts/": page([contact(1)]),
      "GET organizations/3/documents/": page([document(1)]),
    });
    renderApp("/vendor/verification", VENDOR);
    const missing = await screen.findAllByTestId("checklist-item");
    expect(missing.find((item) => item.dataset.key === "businessLicence")?.dataset.done).toBe("false");
    expect((screen.getByTestId("request-verification") as HTMLButtonElement).disabled).toBe(true);
    expect(calls.some((call) => call.method === "POST")).toBe(false);
  });

  it("shows the rejection reason and asks again once nothing required is missing", async () => {
    const calls = mockApi({
      "GET organizations/3/": organization({
        verification_status: "rejected",
        verification_note: "Licence unreadable.",
      }),
      "GET organizations/3/contacts/": page([contact(1)]),
      "GET organizations/3/documents/": page([document(1, { document_type: "business_licence" })]),
      "POST organizations/3/request-verification/": organization({ verification_status: "pending" }),
    });
    renderApp("/vendor/verification", VENDOR);
    expect((await screen.findByTestId("rejection-reason")).textContent).toContain("Licence unreadable.");
    const button = screen.getByTestId("request-verification") as HTMLButtonElement;
    expect(button.disabled).toBe(false);
    fireEvent.click(button);
    await waitFor(() => expect(calls.some((call) => call.path === "organizations/3/request-verification/")).toBe(true));
  });
});

describe("company profile and contacts", () => {
  it("is where a newly registered vendor lands once it signs in from the confirmation page", async () => {
    const vendor = {
      id: 9,
      email: "li@wuhan.example",
      full_name: "Li Wei",
      role: "vendor",
      organization_id: 3,
      language: "en",
    };
    let signedIn = false;
    mockApi({
      "GET auth/me/": () =>
        signedIn ? jsonResponse(vendor) : jsonResponse({ code: "not_authenticated", message: "" }, 401),
      "POST auth/login/": () => {
        signedIn = true;
        return jsonResponse(vendor);
      },
      "GET organizations/3/": organization({ country: "FR", registration_id: "" }),
      "GET organizations/3/contacts/": page([contact(1)]),
    });
    // The link of ConfirmEmailPage for a vendor.
    renderApp("/login?email=li%40wuhan.example&next=%2Fvendor%2Fprofile");
    expect(((await screen.findByLabelText(/E-mail/)) as HTMLInputElement).value).toBe("li@wuhan.example");
    fireEvent.change(screen.getByLabelText(/Password/), { target: { value: "a long passphrase" } });
    fireEvent.submit(screen.getByTestId("login-form"));
    expect(await screen.findByTestId("profile-form")).toBeTruthy();
    expect(screen.getByTestId("location").textContent).toBe("/vendor/profile");
  });

  it("saves legal names in several languages and puts the server's errors on their fields", async () => {
    let attempt = 0;
    const calls = mockApi({
      "GET organizations/3/": organization(),
      "GET organizations/3/contacts/": page([contact(1)]),
      "PATCH organizations/3/": () => {
        attempt += 1;
        return attempt === 1
          ? jsonResponse(
              {
                code: "invalid",
                message: "The request has invalid fields.",
                fields: { registration_id: [{ code: "uscc_checksum", message: "The check character is wrong." }] },
              },
              400,
            )
          : jsonResponse(organization({ legal_names: { zh: "武汉新华医疗器械有限公司", en: "Wuhan Xinhua" } }));
      },
    });
    renderApp("/vendor/profile", VENDOR);
    const form = await screen.findByTestId("profile-form");
    fireEvent.change(within(form).getByLabelText("English"), { target: { value: " Wuhan Xinhua " } });
    fireEvent.click(within(form).getByRole("button", { name: "Save" }));
    const uscc = await within(form).findByLabelText(/Registration number/);
    await waitFor(() => expect(uscc.getAttribute("aria-invalid")).toBe("true"));
    expect(within(form).getByText("The check character is wrong.")).toBeTruthy();
    const body = calls.find((call) => call.method === "PATCH")?.body as { legal_names: Record<string, string> };
    expect(body.legal_names).toEqual({ zh: "武汉新华医疗器械有限公司", en: "Wuhan Xinhua" });

    fireEvent.click(within(form).getByRole("button", { name: "Save" }));
    expect(await screen.findByTestId("profile-saved")).toBeTruthy();
  });

  it("adds a contact with WeChat and WhatsApp", async () => {
    const calls = mockApi({
      "GET organizations/3/": organization(),
      "GET organizations/3/contacts/": page([contact(1)]),
      "POST organizations/3/contacts/": contact(2, { name: "Zhang Min" }),
    });
    renderApp("/vendor/profile", VENDOR);
    fireEvent.click(await screen.findByTestId("contact-add"));
    const form = screen.getByTestId("contact-form");
    fireEvent.change(within(form).getByLabelText(/Name/), { target: { value: "Zhang Min" } });
    fireEvent.change(within(form).getByLabelText("WeChat"), { target: { value: "zm-wh" } });
    fireEvent.change(within(form).getByLabelText("WhatsApp"), { target: { value: "+86 139 0000 0000" } });
    fireEvent.click(within(form).getByTestId("contact-save"));
    await waitFor(() => expect(screen.queryByTestId("contact-form")).toBeNull());
    const body = calls.find((call) => call.method === "POST")?.body as Record<string, string>;
    expect(body).toMatchObject({ name: "Zhang Min", wechat: "zm-wh", whatsapp: "+86 139 0000 0000" });
  });
});

/** An XMLHttpRequest that reports progress, then answers with `status` and `body`. */
function fakeXhr(status: number, body: unknown, sent: FormData[]) {
  return class {
    status = 0;
    statusText = "";
    responseText = "";
    upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    withCredentials = false;
    open() {}
    setRequestHeader() {}
    getResponseHeader() {
      return null;
    }
    send(data: FormData) {
      sent.push(data);
      this.upload.onprogress?.({ lengthComputable: true, loaded: 50, total: 100 } as ProgressEvent);
      setTimeout(() => {
        this.status = status;
        this.responseText = JSON.stringify(body);
        this.onload?.();
      }, 20);
    }
  };
}

describe("documents", () => {
  it("uploads a certificate with its markets, shows progress, and the server's file error on the file", async () => {
    const sent: FormData[] = [];
    vi.stubGlobal(
      "XMLHttpRequest",
      fakeXhr(
        400,
        {
          code: "invalid",
          message: "The request has invalid fields.",
          fields: { file: [{ code: "unsupported_type", message: "Only PDF, PNG or JPEG files are accepted." }] },
        },
        sent,
      ),
    );
    mockApi({ ...REFERENCE, "GET organizations/3/documents/": page([]) });
    renderApp("/vendor/documents", VENDOR);
    const form = await screen.findByTestId("document-form");
    const file = new File(["%PDF-1.4"], "ce.pdf", { type: "application/pdf" });
    fireEvent.change(within(form).getByTestId("document-file"), { target: { files: [file] } });
    fireEvent.change(within(form).getByLabelText(/Type/), { target: { value: "certificate" } });
    fireEvent.change(within(form).getByLabelText("Certificate number"), { target: { value: "CE-2020-001" } });
    fireEvent.change(within(form).getByLabelText("Valid until"), { target: { value: "2027-03-01" } });
    fireEvent.click(await within(form).findByLabelText("European Union / EEA"));
    fireEvent.click(within(form).getByLabelText("EN 14683"));
    fireEvent.click(within(form).getByTestId("document-submit"));
    expect(await screen.findByTestId("upload-progress")).toBeTruthy();
    expect(await within(form).findByText("Only PDF, PNG or JPEG files are accepted.")).toBeTruthy();
    expect(within(form).getByTestId("document-file").getAttribute("aria-invalid")).toBe("true");
    const body = sent[0];
    expect(body?.get("document_type")).toBe("certificate");
    expect(body?.getAll("markets")).toEqual(["EU"]);
    expect(body?.getAll("standards")).toEqual(["EN 14683"]);
    expect(body?.get("valid_until")).toBe("2027-03-01");
    expect((body?.get("file") as File).name).toBe("ce.pdf");
  });

  it("lists documents with their expiry warning and deletes after a confirmation", async () => {
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const calls = mockApi({
      ...REFERENCE,
      "GET organizations/3/documents/": page([
        document(1, { valid_until: soon }),
        document(2, { valid_until: "2020-01-01" }),
      ]),
      "DELETE organizations/3/documents/2/": () => new Response(null, { status: 204 }),
    });
    renderApp("/vendor/documents", VENDOR);
    const items = await screen.findAllByTestId("document-item");
    expect(items.map((item) => item.dataset.expiry)).toEqual(["soon", "expired"]);
    expect(within(items[0]!).getByTestId("document-expiry").textContent).toMatch(/Expires in (9|10) days/);
    fireEvent.click(within(items[1]!).getByTestId("document-delete"));
    fireEvent.click(within(items[1]!).getByTestId("document-delete-confirm"));
    await waitFor(() => expect(calls.some((call) => call.method === "DELETE")).toBe(true));
  });
});

describe("my products", () => {
  it("creates a product named in Chinese and shows the server's errors next to the fields", async () => {
    const calls = mockApi({
      ...REFERENCE,
      "GET organizations/3/": organization(),
      "GET organizations/3/documents/": page([document(5)]),
      "POST products/": () =>
        jsonResponse(
          {
            code: "invalid",
            message: "The request has invalid fields.",
            fields: { price_max: [{ code: "price_range", message: "The highest price is below the lowest." }] },
          },
          400,
        ),
    });
    renderApp("/vendor/products/new", VENDOR);
    const form = await screen.findByTestId("product-form");
    fireEvent.change(within(form).getByLabelText("Name · 中文"), { target: { value: "医用外科口罩" } });
    await within(form).findByRole("option", { name: /Surgical masks/ });
    fireEvent.change(within(form).getByLabelText(/Category/), { target: { value: "2" } });
    fireEvent.change(within(form).getByLabelText(/Minimum order quantity/), { target: { value: "10000" } });
    fireEvent.change(within(form).getByLabelText(/Capacity per day/), { target: { value: "200000" } });
    fireEvent.change(within(form).getByLabelText(/Lead time/), { target: { value: "7" } });
    // The unit box names the units in the reader's language and holds the unit's code.
    const unit = within(form).getByLabelText("Unit") as HTMLSelectElement;
    expect([unit.value, unit.selectedOptions[0]?.textContent]).toEqual(["piece", "pieces"]);
    fireEvent.change(within(form).getByLabelText(/Lowest unit price/), { target: { value: "0.08" } });
    fireEvent.change(within(form).getByLabelText(/Highest unit price/), { target: { value: "0.05" } });
    fireEvent.click(within(form).getByLabelText("CE-2020-001 (EU)"));
    fireEvent.click(within(form).getByTestId("product-save"));
    expect(await within(form).findByText("The highest price is below the lowest.")).toBeTruthy();
    expect(
      within(form)
        .getByLabelText(/Highest unit price/)
        .getAttribute("aria-invalid"),
    ).toBe("true");
    const body = calls.find((call) => call.method === "POST")?.body as Record<string, unknown>;
    expect(body).toMatchObject({
      names: { zh: "医用外科口罩" },
      category: 2,
      min_order_quantity: 10000,
      origin_country: "CN",
      certificates: [5],
      status: "draft",
    });
  });

  it("groups the product form into titled sections and opens a folded language the server faults", async () => {
    mockApi({
      ...REFERENCE,
      "GET organizations/3/": organization(),
      "GET organizations/3/documents/": page([]),
      "POST products/": () =>
        jsonResponse(
          {
            code: "invalid",
            message: "The request has invalid fields.",
            fields: {
              names: { ru: [{ code: "max_length", message: "Ensure this field has no more than 200 characters." }] },
            },
          },
          400,
        ),
    });
    renderApp("/vendor/products/new", { ...VENDOR, lang: "fr" });
    const form = await screen.findByTestId("product-form");
    expect(
      within(form)
        .getAllByRole("heading", { level: 2 })
        .map((h) => h.textContent),
    ).toEqual(["Noms et descriptions", "Produit", "Quantités et délai", "Prix et livraison"]);
    // The reader's language and English are open; the other four are folded.
    const open = (code: string) => (screen.getByTestId(`product-language-${code}`) as HTMLDetailsElement).open;
    expect(["en", "zh", "fr", "es", "ru", "ar"].filter(open)).toEqual(["en", "fr"]);
    // Each field sits in its section.
    const supply = within(form).getByRole("region", { name: "Quantités et délai" });
    expect(within(supply).getByLabelText(/Délai/)).toBeTruthy();
    fireEvent.click(within(form).getByTestId("product-save"));
    const error = await within(form).findByText("Ensure this field has no more than 200 characters.");
    expect(error.id).toBe("product-name-ru-error");
    expect(open("ru")).toBe(true);
  });

  it("edits a product and links a certificate to it from the certificate's side", async () => {
    const calls = mockApi({
      ...REFERENCE,
      "GET organizations/3/": organization(),
      "GET organizations/3/documents/": page([document(5), document(6, { number: "FDA-510K-9", markets: ["US"] })]),
      "GET products/1/": product(1),
      "PATCH products/1/": product(1, { model_number: "XH-4P" }),
      "PATCH organizations/3/documents/6/": document(6, { products: [1] }),
      "GET products/": page([product(1)]),
    });
    renderApp("/vendor/products/1", VENDOR);
    const form = await screen.findByTestId("product-form");
    fireEvent.change(within(form).getByLabelText("Model"), { target: { value: "XH-4P" } });
    fireEvent.click(await within(form).findByLabelText("FDA-510K-9 (US)"));
    fireEvent.click(within(form).getByTestId("product-save"));
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/vendor/products?saved=1"));
    const patches = calls.filter((call) => call.method === "PATCH");
    expect(patches.map((call) => call.path)).toEqual(["products/1/", "organizations/3/documents/6/"]);
    expect(patches[0]?.body).toMatchObject({ model_number: "XH-4P" });
    expect(patches[0]?.body).not.toHaveProperty("certificates");
    expect(patches[1]?.body).toEqual({ products: [1] });
  });

  it("publishes a draft and archives a published product from the list", async () => {
    const calls = mockApi({
      "GET products/": page([product(1), product(2, { status: "published" })]),
      "PATCH products/1/": product(1, { status: "published" }),
      "PATCH products/2/": product(2, { status: "archived" }),
    });
    renderApp("/vendor/products", VENDOR);
    const rows = await screen.findAllByTestId("my-product");
    expect(rows.map((row) => row.dataset.status)).toEqual(["draft", "published"]);
    expect(within(rows[1]!).getByRole("link", { name: "Public page" }).getAttribute("href")).toBe("/products/2");
    fireEvent.click(within(rows[0]!).getByTestId("product-published"));
    fireEvent.click(within(rows[1]!).getByTestId("product-archived"));
    await waitFor(() => expect(calls.filter((call) => call.method === "PATCH")).toHaveLength(2));
    const patches = calls.filter((call) => call.method === "PATCH").map((call) => [call.path, call.body]);
    expect(patches).toEqual([
      ["products/1/", { status: "published" }],
      ["products/2/", { status: "archived" }],
    ]);
    const list = calls.find((call) => call.path === "products/" && call.method === "GET");
    expect(list?.query.get("vendor")).toBe("3");
  });

  it("is translated and right to left in Arabic", async () => {
    mockApi({ "GET products/": page([product(1)]) });
    renderApp("/vendor/products", { ...VENDOR, lang: "ar" });
    expect(await screen.findByRole("heading", { level: 1, name: "منتجاتي" })).toBeTruthy();
    await waitFor(() => expect(document_dir()).toBe("rtl"));
  });
});

function document_dir(): string {
  return window.document.documentElement.dir;
}
