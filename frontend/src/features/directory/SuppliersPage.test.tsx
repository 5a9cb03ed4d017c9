import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { CATEGORIES, PRODUCT_SEARCH, SUGGESTIONS, SUPPLIER_SEARCH } from "../../test/fixtures";
import { jsonResponse, mockApi, renderApp } from "../../test/render";

const location = () => screen.getByTestId("location").textContent ?? "";

function mockDirectory(overrides: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    "GET taxonomy/categories/": CATEGORIES,
    "GET search/products/": PRODUCT_SEARCH,
    "GET search/suppliers/": SUPPLIER_SEARCH,
    "GET search/suggest/": SUGGESTIONS,
    ...overrides,
  });
}

describe("Suppliers directory", () => {
  it("shows product cards with highlights, badges and numbers, and facet counts", async () => {
    const calls = mockDirectory();
    renderApp("/suppliers?q=masks");

    const card = await screen.findByTestId("product-card");
    const title = within(card).getByRole("heading", { level: 3 });
    expect(title.querySelector("mark")?.textContent).toBe("masks");
    expect(title.textContent).toBe("Surgical masks Care-629");
    // Only <mark> is markup: the <b> and <script> in the indexed text stay text.
    const description = card.querySelector(".result-card__description");
    expect(description?.querySelector("script, b")).toBeNull();
    expect(description?.textContent).toContain("<script>alert(1)</script>");
    expect(within(card).getByText("Suzhou Guangyi Medical")).toBeTruthy();
    expect(within(card).getByText("European Union / EEA")).toBeTruthy();
    expect(within(card).getByText("EN 14683")).toBeTruthy();
    expect(within(card).getByText("500 pcs")).toBeTruthy();
    expect(within(card).getByText("50,000 pcs")).toBeTruthy();
    expect(within(card).getByText("5 days")).toBeTruthy();
    expect(within(card).getByTestId("price").textContent).toContain("$1.20 – $1.68");
    expect(screen.getByTestId("result-count").textContent).toBe("1–1 of 42");

    const category = screen.getByTestId("facet-category");
    const surgical = within(category).getByText("Surgical masks").closest("label") as HTMLElement;
    expect(within(surgical).getByTestId("facet-count").textContent).toBe("30");
    const country = screen.getByTestId("facet-country");
    expect(within(country).getByText("China")).toBeTruthy();
    expect(within(screen.getByTestId("facet-market")).getByText("European Union / EEA")).toBeTruthy();

    const search = calls.find((c) => c.path === "search/products/");
    expect(search?.query.get("q")).toBe("masks");
    expect(search?.query.get("page_size")).toBe("20");
  });

  it("shows the product name in the UI language with its own highlight", async () => {
    mockDirectory();
    renderApp("/suppliers?q=口罩", { lang: "zh" });
    const card = await screen.findByTestId("product-card");
    const title = within(card).getByRole("heading", { level: 3 });
    expect(title.textContent).toBe("医用外科口罩 Care-629");
    expect(title.getAttribute("lang")).toBe("zh");
    expect(title.querySelector("mark")?.textContent).toBe("口罩");
    expect(within(screen.getByTestId("facet-category")).getByText("医用外科口罩")).toBeTruthy();
  });

  it("puts filters, ranges, sort and page in the URL and sends them to the API", async () => {
    const calls = mockDirectory();
    renderApp("/suppliers?q=masks");
    await screen.findByTestId("product-card");

    fireEvent.click(within(screen.getByTestId("facet-country")).getByText("China"));
    await waitFor(() => expect(location()).toBe("/suppliers?q=masks&country=CN"));
    await waitFor(() =>
      expect(
        calls
          .filter((c) => c.path === "search/products/")
          .at(-1)
          ?.query.get("country"),
      ).toBe("CN"),
    );

    const ranges = screen.getByTestId("range-filters");
    fireEvent.change(within(ranges).getByRole("spinbutton", { name: /Capacity at least/ }), {
      target: { value: "10000" },
    });
    fireEvent.change(within(ranges).getByRole("spinbutton", { name: /Unit price at most/ }), {
      target: { value: "0.5" },
    });
    fireEvent.change(within(ranges).getByRole("combobox", { name: "Currency" }), { target: { value: "USD" } });
    fireEvent.click(within(ranges).getByRole("button", { name: "Apply" }));
    await waitFor(() =>
      expect(location()).toBe("/suppliers?q=masks&country=CN&capacity_min=10000&price_max=0.5&currency=USD"),
    );

    fireEvent.change(screen.getByTestId("sort"), { target: { value: "lead_time" } });
    await waitFor(() => expect(location()).toContain("sort=lead_time"));
    const last = calls.filter((c) => c.path === "search/products/").at(-1);
    expect(last?.query.get("capacity_min")).toBe("10000");
    expect(last?.query.get("price_max")).toBe("0.5");
    expect(last?.query.get("currency")).toBe("USD");
    expect(last?.query.get("sort")).toBe("lead_time");

    fireEvent.click(screen.getByRole("button", { name: "Page 2" }));
    await waitFor(() => expect(location()).toContain("page=2"));

    // A chip removes its filter; "Clear all" removes every filter but keeps the query.
    fireEvent.click(screen.getByRole("button", { name: "Remove filter China" }));
    await waitFor(() => expect(location()).not.toContain("country="));
    fireEvent.click(screen.getAllByRole("button", { name: "Clear all filters" })[0] as HTMLElement);
    await waitFor(() => expect(location()).toBe("/suppliers?q=masks&sort=lead_time"));
  });

  it("suggests as you type; arrow keys and Enter pick a suggestion", async () => {
    const calls = mockDirectory();
    renderApp("/suppliers");
    await screen.findByTestId("product-card");
    const input = screen.getByTestId("search-input");

    fireEvent.change(input, { target: { value: "mas" } });
    const list = screen.getByTestId("suggestions");
    await waitFor(() => expect(list.hidden).toBe(false));
    expect(calls.filter((c) => c.path === "search/suggest/")).toHaveLength(1); // debounced: one call
    expect(calls.find((c) => c.path === "search/suggest/")?.query.get("q")).toBe("mas");
    const options = within(list).getAllByRole("option");
    expect(options.map((o) => o.textContent)).toEqual([
      "Surgical masks",
      "Surgical masks Care-629",
      "Xiamen Anxin Hygiene",
    ]);
    expect(input.getAttribute("aria-expanded")).toBe("true");

    fireEvent.keyDown(input, { key: "ArrowDown" });
    fireEvent.keyDown(input, { key: "ArrowDown" });
    expect(input.getAttribute("aria-activedescendant")).toBe(options[1]?.id);
    expect(options[1]?.getAttribute("aria-selected")).toBe("true");
    fireEvent.keyDown(input, { key: "Enter" });
    await waitFor(() => expect(location()).toBe("/suppliers?q=Surgical+masks+Care-629"));
    expect(list.hidden).toBe(true);

    // A category suggestion becomes a category filter.
    fireEvent.change(input, { target: { value: "surg" } });
    await waitFor(() => expect(screen.getByTestId("suggestions").hidden).toBe(false));
    fireEvent.keyDown(input, { key: "ArrowDown" });
    fireEvent.keyDown(input, { key: "Enter" });
    await waitFor(() => expect(location()).toBe("/suppliers?category=surgical-masks"));

    // Escape closes the list; Enter then submits the typed text.
    fireEvent.change(input, { target: { value: "nitrile" } });
    await waitFor(() => expect(screen.getByTestId("suggestions").hidden).toBe(false));
    fireEvent.keyDown(input, { key: "Escape" });
    expect(screen.getByTestId("suggestions").hidden).toBe(true);
    fireEvent.submit(screen.getByTestId("search-form"));
    await waitFor(() => expect(location()).toBe("/suppliers?q=nitrile&category=surgical-masks"));
  });

  it("switches to supplier search", async () => {
    const calls = mockDirectory();
    renderApp("/suppliers?q=anxin&moq_max=50");
    await screen.findByTestId("product-card");
    fireEvent.click(screen.getByTestId("type-suppliers"));
    const card = await screen.findByTestId("supplier-card");
    expect(location()).toBe("/suppliers?type=suppliers&q=anxin&moq_max=50");
    expect(within(card).getByRole("heading", { level: 3 }).textContent).toBe("厦门安信卫生用品有限公司");
    expect(card.querySelector(".result-card__legal mark")?.textContent).toBe("Anxin");
    expect(within(card).getByText("12")).toBeTruthy(); // products
    const supplierCall = calls.find((c) => c.path === "search/suppliers/");
    expect(supplierCall?.query.get("q")).toBe("anxin");
    expect(supplierCall?.query.has("moq_max")).toBe(false);
    // The MOQ range does not apply to suppliers, so it is neither shown nor sent.
    expect(screen.queryByRole("spinbutton", { name: /Minimum order at most/ })).toBeNull();
  });

  it("says clearly when search is unavailable (503) and retries", async () => {
    let answer = 503;
    mockDirectory({
      "GET search/products/": () =>
        answer === 503
          ? jsonResponse({ code: "search_unavailable", message: "Search is temporarily unavailable." }, 503)
          : jsonResponse(PRODUCT_SEARCH),
    });
    renderApp("/suppliers?q=mask");
    const notice = await screen.findByTestId("search-unavailable");
    expect(within(notice).getByText("Search is temporarily unavailable")).toBeTruthy();
    answer = 200;
    fireEvent.click(within(notice).getByRole("button", { name: "Try again" }));
    expect(await screen.findByTestId("product-card")).toBeTruthy();
  });

  it("has a useful empty state that can clear the filters", async () => {
    mockDirectory({ "GET search/products/": { count: 0, next_cursor: null, facets: {}, results: [] } });
    renderApp("/suppliers?q=zzz&country=FR");
    const empty = await screen.findByTestId("no-results");
    expect(within(empty).getByText("No matches")).toBeTruthy();
    fireEvent.click(within(empty).getByRole("button", { name: "Clear all filters" }));
    await waitFor(() => expect(location()).toBe("/suppliers?q=zzz"));
  });

  it("lays out right to left in Arabic with translated labels", async () => {
    mockDirectory();
    renderApp("/suppliers?q=mask", { lang: "ar" });
    await screen.findByTestId("product-card");
    expect(document.documentElement.dir).toBe("rtl");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("دليل الموردين");
    expect(within(screen.getByTestId("facet-country")).getByText("الصين")).toBeTruthy();
  });

  it("says when the results are close matches rather than exact ones", async () => {
    mockDirectory({ "GET search/products/": { ...PRODUCT_SEARCH, relaxed: true } });
    renderApp("/suppliers?q=maks");
    expect((await screen.findByTestId("relaxed")).textContent).toBe(
      "Nothing matched “maks” exactly; these are close matches.",
    );
  });

  it("shows which parameters a bad link got wrong, and starts over", async () => {
    mockDirectory({
      "GET search/products/": (call) =>
        call.query.has("country")
          ? jsonResponse(
              {
                code: "invalid",
                message: "The request has invalid fields.",
                fields: { country: [{ code: "unknown", message: "Unknown country code: XX." }] },
              },
              400,
            )
          : jsonResponse(PRODUCT_SEARCH),
    });
    renderApp("/suppliers?q=mask&country=XX");
    const error = await screen.findByTestId("search-error");
    expect(within(error).getByText("Unknown country code: XX.")).toBeTruthy();
    fireEvent.click(within(error).getByRole("button", { name: "Start a new search" }));
    expect(await screen.findByTestId("product-card")).toBeTruthy();
    expect(location()).toBe("/suppliers");
  });
});

describe("Suppliers directory paging", () => {
  it("lands on the last page when the link asks for a page past it", async () => {
    const calls = mockDirectory({
      "GET search/products/": (call) =>
        jsonResponse(call.query.get("page") === "3" ? PRODUCT_SEARCH : { ...PRODUCT_SEARCH, results: [] }),
    });
    renderApp("/suppliers?q=masks&page=999");

    await waitFor(() => expect(location()).toBe("/suppliers?q=masks&page=3"));
    expect(await screen.findByTestId("product-card")).toBeTruthy();
    expect(screen.getByTestId("result-count").textContent).toBe("41–41 of 42");
    expect(screen.getByTestId("result-count").textContent).not.toContain("9,981");
    expect(calls.some((call) => call.path === "search/products/" && call.query.get("page") === "3")).toBe(true);
  });
});
