import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { CATEGORIES, page, purchaseRequest, STANDARDS } from "../../test/fixtures";
import { jsonResponse, mockApi, renderApp, signedIn } from "../../test/render";
import { UNITS, unitChoices } from "../../format";

const reference = { "GET taxonomy/categories/": CATEGORIES, "GET reference/standards/": STANDARDS };

describe("Purchase requests", () => {
  it("asks anonymous visitors to sign in, and tells vendors the page is for buyers", async () => {
    mockApi({ "GET auth/me/": () => jsonResponse({ code: "not_authenticated", message: "" }, 403) });
    const { unmount } = renderApp("/requests");
    const prompt = await screen.findByTestId("sign-in-prompt");
    expect(within(prompt).getByRole("link", { name: "Sign in" }).getAttribute("href")).toBe("/login?next=%2Frequests");
    unmount();

    renderApp("/requests", { auth: signedIn("vendor") });
    expect(screen.getByTestId("role-denied").textContent).toContain("This page is for buyers and MedMatch staff.");
  });

  it("lists the buyer's requests with status and localized category, and filters by status", async () => {
    const calls = mockApi({
      ...reference,
      "GET requests/": (call) =>
        jsonResponse(
          call.query.get("status") === "open"
            ? page([])
            : page([
                purchaseRequest(),
                purchaseRequest({ id: 12, title: "Nitrile gloves", status: "open", category: null }),
              ]),
        ),
    });
    renderApp("/requests", { auth: signedIn("buyer"), lang: "zh" });
    const rows = await screen.findAllByTestId("request-row");
    expect(rows).toHaveLength(2);
    expect(within(rows[0] as HTMLElement).getByText("医用外科口罩", { exact: false })).toBeTruthy();
    expect(within(rows[0] as HTMLElement).getByText("草稿")).toBeTruthy();
    expect(within(rows[0] as HTMLElement).getByText("法国")).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText("开放")).toBeTruthy();
    expect(calls.find((c) => c.path === "requests/")?.query.get("ordering")).toBe("-created_at");

    fireEvent.change(screen.getByTestId("status-filter"), { target: { value: "open" } });
    expect(await screen.findByText("没有该状态的需求")).toBeTruthy();
  });

  it("publishes a draft from the list", async () => {
    const calls = mockApi({
      ...reference,
      "GET requests/": page([purchaseRequest()]),
      "POST requests/11/transition/": purchaseRequest({ status: "open" }),
    });
    renderApp("/requests", { auth: signedIn("buyer") });
    const row = await screen.findByTestId("request-row");
    fireEvent.click(within(row).getByRole("button", { name: "Publish" }));
    await waitFor(() => expect(calls.some((c) => c.path === "requests/11/transition/")).toBe(true));
    expect(calls.find((c) => c.path === "requests/11/transition/")?.body).toEqual({ status: "open", reason: "" });
  });

  it("asks once more before closing a request for good", async () => {
    const calls = mockApi({
      ...reference,
      "GET requests/": page([purchaseRequest({ status: "open" })]),
      "POST requests/11/transition/": purchaseRequest({ status: "closed" }),
    });
    renderApp("/requests", { auth: signedIn("buyer") });
    const row = await screen.findByTestId("request-row");
    fireEvent.click(within(row).getByRole("button", { name: "Close" }));
    expect(calls.some((c) => c.method === "POST")).toBe(false);
    fireEvent.click(within(row).getByRole("button", { name: "Close for good?" }));
    await waitFor(() => expect(calls.find((c) => c.method === "POST")?.body).toEqual({ status: "closed", reason: "" }));
  });

  it("creates a request and shows the API's per-field errors", async () => {
    let attempt = 0;
    const calls = mockApi({
      ...reference,
      "GET requests/": page([]),
      "POST requests/": () => {
        attempt += 1;
        return attempt === 1
          ? jsonResponse(
              {
                code: "invalid",
                message: "The request has invalid fields.",
                fields: {
                  quantity: [{ code: "min_value", message: "The quantity must be at least 1." }],
                  needed_by: [{ code: "past", message: "The date is in the past." }],
                },
              },
              400,
            )
          : jsonResponse(purchaseRequest({ status: "open" }), 201);
      },
    });
    renderApp("/requests", { auth: signedIn("buyer") });
    fireEvent.click(await screen.findByTestId("new-request"));
    const form = screen.getByTestId("request-form");

    // (A role query over the 250-country select is slow on a busy machine; the option itself is what matters.)
    await waitFor(() =>
      expect(form.querySelector('#request-category option[value="2"]')?.textContent).toContain("Surgical masks"),
    );
    fireEvent.change(within(form).getByLabelText(/What do you need/), {
      target: { value: "Surgical masks for clinics" },
    });
    fireEvent.change(within(form).getByLabelText("Category"), { target: { value: "2" } });
    fireEvent.change(within(form).getByLabelText(/Destination country/), { target: { value: "FR" } });
    fireEvent.change(within(form).getByLabelText(/Quantity/), { target: { value: "0" } });
    fireEvent.change(within(form).getByLabelText(/Target unit price/), { target: { value: "0.08" } });
    fireEvent.change(within(form).getByLabelText(/^Currency/), { target: { value: "EUR" } });
    fireEvent.change(within(form).getByLabelText("Unit"), { target: { value: "box" } });
    fireEvent.click(await within(form).findByRole("checkbox", { name: /EN 14683/ }));
    fireEvent.click(within(form).getByRole("button", { name: "Publish request" }));

    await waitFor(() =>
      expect(
        within(form)
          .getByLabelText(/Quantity/)
          .getAttribute("aria-invalid"),
      ).toBe("true"),
    );
    expect(document.getElementById("request-quantity-error")?.textContent).toBe("The quantity must be at least 1.");
    expect(document.getElementById("request-needed_by-error")?.textContent).toBe("The date is in the past.");
    expect(calls.find((c) => c.method === "POST")?.body).toMatchObject({
      title: "Surgical masks for clinics",
      category: 2,
      destination_country: "FR",
      quantity: 0,
      unit: "box",
      required_standards: ["EN 14683"],
      target_unit_price: "0.08",
      currency: "EUR",
      status: "open",
    });

    fireEvent.change(within(form).getByLabelText(/Quantity/), { target: { value: "100000" } });
    fireEvent.click(within(form).getByRole("button", { name: "Save as draft" }));
    const notice = await screen.findByTestId("request-notice");
    expect(notice.textContent).toContain("Request “Surgical masks for clinics” saved.");
    expect(within(notice).getByRole("link", { name: "Details" }).getAttribute("href")).toBe("/requests/11");
    expect(calls.filter((c) => c.method === "POST").at(-1)?.body).toMatchObject({ quantity: 100000, status: "draft" });
  });

  it("suggests the category the text points to while typing, and takes it on one click", async () => {
    const calls = mockApi({
      ...reference,
      "GET requests/": page([]),
      "GET taxonomy/categories/infer/": (call) =>
        jsonResponse({
          query: call.query.get("q"),
          categories: (call.query.get("q") ?? "").includes("mascarillas")
            ? [{ category: CATEGORIES.results[1], confidence: 1 }]
            : [],
        }),
    });
    renderApp("/requests", { auth: signedIn("buyer") });
    fireEvent.click(await screen.findByTestId("new-request"));
    const form = screen.getByTestId("request-form");
    fireEvent.change(within(form).getByLabelText(/What do you need/), {
      target: { value: "Necesitamos mascarillas quirúrgicas" },
    });

    const suggestion = await within(form).findByTestId("category-suggestion", {}, { timeout: 3000 });
    expect(suggestion.textContent).toContain("From your text this looks like Surgical masks (6307.90).");
    expect(calls.find((c) => c.path === "taxonomy/categories/infer/")?.query.get("q")).toBe(
      "Necesitamos mascarillas quirúrgicas",
    );
    fireEvent.click(within(suggestion).getByRole("button", { name: "Use this category" }));
    expect((within(form).getByLabelText("Category") as HTMLSelectElement).value).toBe("2");
    // A category is chosen: nothing more to suggest.
    await waitFor(() => expect(within(form).queryByTestId("category-suggestion")).toBeNull());
  });

  it("after posting without a category, offers the one the server inferred and saves it", async () => {
    const created = purchaseRequest({
      id: 21,
      title: "Нужны пульсоксиметры",
      category: null,
      status: "open",
      suggested_category: CATEGORIES.results[1],
      duplicates: [],
    });
    const calls = mockApi({
      ...reference,
      "GET requests/": page([]),
      "GET taxonomy/categories/infer/": { query: "", categories: [] },
      "POST requests/": () => jsonResponse(created, 201),
      "PATCH requests/21/": () =>
        jsonResponse({ ...created, category: CATEGORIES.results[1], suggested_category: null }),
    });
    renderApp("/requests", { auth: signedIn("buyer") });
    fireEvent.click(await screen.findByTestId("new-request"));
    const form = screen.getByTestId("request-form");
    fireEvent.change(within(form).getByLabelText(/What do you need/), { target: { value: "Нужны пульсоксиметры" } });
    fireEvent.change(within(form).getByLabelText(/Quantity/), { target: { value: "50" } });
    fireEvent.click(within(form).getByRole("button", { name: "Publish request" }));

    const notice = await screen.findByTestId("request-notice");
    const suggestion = within(notice).getByTestId("category-suggestion");
    expect(suggestion.textContent).toContain("No category was chosen; from the text this looks like Surgical masks");
    fireEvent.click(within(suggestion).getByRole("button", { name: "Use this category" }));
    await waitFor(() => expect(calls.find((c) => c.method === "PATCH")?.body).toEqual({ category: 2 }));
    expect(calls.find((c) => c.method === "POST")?.body).toMatchObject({
      category: null,
      quantity: 50,
      language: "en",
    });
  });

  it("offers the units in the reader's language and keeps a unit stored otherwise", async () => {
    mockApi({ ...reference, "GET requests/": page([]) });
    const { unmount } = renderApp("/requests", { auth: signedIn("buyer"), lang: "fr" });
    fireEvent.click(await screen.findByTestId("new-request"));
    const unit = within(screen.getByTestId("request-form")).getByLabelText("Unité") as HTMLSelectElement;
    expect(unit.value).toBe("piece");
    expect(unit.selectedOptions[0]?.textContent).toBe("pièces");
    expect(Array.from(unit.options, (option) => option.textContent)).toContain("boîtes");
    expect(Array.from(unit.options, (option) => option.textContent)).not.toContain("piece");
    unmount();
    // A unit imported or typed before the box offered choices stays one, shown as stored.
    expect(unitChoices("roll")).toEqual([...UNITS, "roll"]);
    expect(unitChoices("box")).toEqual(UNITS);
  });

  it("links each request to its page and labels the cells for the phone layout", async () => {
    mockApi({ ...reference, "GET requests/": page([purchaseRequest({ unit: "box" })]) });
    renderApp("/requests", { auth: signedIn("buyer"), lang: "fr" });
    const row = await screen.findByTestId("request-row");
    expect(within(row).getByTestId("request-link").getAttribute("href")).toBe("/requests/11");
    const quantity = row.querySelector('td[data-label="Quantité"]');
    expect(quantity?.textContent?.replace(/\s/g, " ")).toBe("100 000 boîtes");
    expect(screen.getByTestId("requests-table").classList.contains("table--cards")).toBe(true);
  });

  it("imports a spreadsheet and shows the per-row error report", async () => {
    const calls = mockApi({
      ...reference,
      "GET requests/": page([]),
      "POST requests/import/": () =>
        jsonResponse({ id: 7, status: "queued", status_url: "/api/v1/requests/import/7/" }, 202),
      "GET requests/import/7/": () =>
        jsonResponse({
          id: 7,
          status: "failed",
          progress: { rows_done: 2, rows_total: 2 },
          message: "2 row(s) have errors; nothing was imported.",
          created: [],
          duplicate_flags: [],
          errors: [
            { row: 3, errors: { quantity: [{ code: "min_value", message: "The quantity must be at least 1." }] } },
            {
              row: 2,
              errors: {
                destination_country: [{ code: "invalid_country", message: "XX is not an ISO 3166-1 country code." }],
                currency: [{ code: "invalid_currency", message: "DOLLARS is not an ISO 4217 currency code." }],
              },
            },
          ],
        }),
    });
    renderApp("/requests", { auth: signedIn("buyer") });
    fireEvent.click(await screen.findByTestId("import-requests"));
    const panel = screen.getByTestId("import-panel");
    expect(within(panel).getByTestId("template-csv").getAttribute("href")).toBe(
      "/api/v1/requests/import/template/?format=csv",
    );

    const file = new File(["title,quantity\nMasks,0\n"], "needs.csv", { type: "text/csv" });
    fireEvent.change(within(panel).getByTestId("import-file"), { target: { files: [file] } });
    fireEvent.submit(panel);

    const table = await screen.findByTestId("import-error-table");
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => [...r.querySelectorAll("td")].map((td) => td.textContent))).toEqual([
      ["2", "destination_country", "XX is not an ISO 3166-1 country code."],
      ["2", "currency", "DOLLARS is not an ISO 4217 currency code."],
      ["3", "quantity", "The quantity must be at least 1."],
    ]);
    expect(screen.getByTestId("import-errors").textContent).toContain("Nothing was imported: 2 rows need fixing.");
    const upload = calls.find((c) => c.path === "requests/import/");
    // (The form data comes back through the fetch Request, so it is Node's FormData class, not jsdom's.)
    expect(typeof (upload?.body as FormData).get).toBe("function");
    // The browser sends the file name; the Request round trip in Node keeps only the bytes.
    expect(((upload?.body as FormData).get("file") as File).size).toBeGreaterThan(0);
    expect((upload?.body as FormData).get("status")).toBe("open");
  });

  it("reports a successful import", async () => {
    mockApi({
      ...reference,
      "GET requests/": page([]),
      "POST requests/import/": () =>
        jsonResponse({ id: 8, status: "queued", status_url: "/api/v1/requests/import/8/" }, 202),
      "GET requests/import/8/": () =>
        jsonResponse({
          id: 8,
          status: "succeeded",
          import_batch: 4,
          created: [1, 2, 3],
          errors: [],
          duplicate_flags: [{ id: 1 }],
        }),
    });
    renderApp("/requests", { auth: signedIn("buyer") });
    fireEvent.click(await screen.findByTestId("import-requests"));
    const panel = screen.getByTestId("import-panel");
    fireEvent.change(within(panel).getByTestId("import-file"), {
      target: { files: [new File(["x"], "needs.xlsx")] },
    });
    fireEvent.submit(panel);
    expect((await screen.findByTestId("import-done")).textContent).toBe(
      "Imported 3 requests. 1 may duplicate an existing request; staff will review it.",
    );
  });
});
