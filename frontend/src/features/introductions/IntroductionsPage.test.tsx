import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { introduction, page } from "../../test/fixtures";
import { jsonResponse, mockApi, renderApp, signedIn } from "../../test/render";

describe("Introductions", () => {
  it("asks anonymous visitors to sign in", async () => {
    mockApi({ "GET auth/me/": () => jsonResponse({ code: "not_authenticated", message: "" }, 403) });
    renderApp("/introductions");
    expect(await screen.findByTestId("sign-in-prompt")).toBeTruthy();
  });

  it("shows the status and the other party's contacts", async () => {
    mockApi({ "GET introductions/": page([introduction(1)]) });
    renderApp("/introductions", { auth: signedIn("buyer") });
    const card = await screen.findByTestId("introduction");
    expect(within(card).getByText("Awaiting reply")).toBeTruthy();
    const vendor = within(card).getByTestId("party-vendor");
    expect(within(vendor).getByText("Li Wei")).toBeTruthy();
    expect(within(vendor).getByRole("link", { name: "li.wei@vendor.example" }).getAttribute("href")).toBe(
      "mailto:li.wei@vendor.example",
    );
    expect(within(vendor).getByRole("link", { name: "+86 27 1234 5678" }).getAttribute("href")).toBe(
      "tel:+862712345678",
    );
    expect(within(vendor).getByText("liwei-sales")).toBeTruthy();
    // Their own organisation has no contacts in the answer: it is labelled, not left blank.
    expect(within(within(card).getByTestId("party-buyer")).getByText("Your organisation")).toBeTruthy();
  });

  it("records a deal with quantity, value and currency", async () => {
    document.cookie = "csrftoken=k";
    const calls = mockApi({
      "GET introductions/": page([introduction(1, { status: "negotiating" })]),
      "POST introductions/1/outcome/": introduction(1, {
        status: "deal",
        deal_quantity: 50000,
        deal_value: "4000.00",
        deal_currency: "EUR",
      }),
    });
    renderApp("/introductions", { auth: signedIn("buyer") });
    const card = await screen.findByTestId("introduction");
    fireEvent.click(within(card).getByTestId("outcome-open"));
    const form = within(card).getByTestId("outcome-form");
    // From negotiating, the next steps are deal or no deal.
    expect(
      within(form)
        .getAllByRole("radio")
        .map((r) => (r as HTMLInputElement).value),
    ).toEqual(["deal", "no_deal"]);
    fireEvent.change(within(form).getByLabelText(/Quantity agreed/), { target: { value: "50000" } });
    fireEvent.change(within(form).getByLabelText(/Total value/), { target: { value: "4000" } });
    fireEvent.change(within(form).getByLabelText(/^Currency/), { target: { value: "EUR" } });
    fireEvent.click(within(form).getByTestId("outcome-submit"));

    expect((await within(card).findByTestId("deal")).textContent).toBe("Deal: 50,000 units for €4,000.00.");
    const call = calls.find((c) => c.path === "introductions/1/outcome/");
    expect(call?.body).toEqual({
      status: "deal",
      reason: "",
      deal_quantity: 50000,
      deal_value: "4000",
      deal_currency: "EUR",
    });
    expect(call?.headers["X-CSRFToken"]).toBe("k");
    expect(within(card).queryByTestId("outcome-open")).toBeNull(); // a deal is final
  });

  it("asks why there was no deal and shows the API's field errors", async () => {
    const calls = mockApi({
      "GET introductions/": page([introduction(1)]),
      "POST introductions/1/outcome/": () =>
        jsonResponse(
          {
            code: "invalid",
            message: "The request has invalid fields.",
            fields: { reason: [{ code: "required", message: "Say why there was no deal." }] },
          },
          400,
        ),
    });
    renderApp("/introductions", { auth: signedIn("vendor") });
    const card = await screen.findByTestId("introduction");
    fireEvent.click(within(card).getByTestId("outcome-open"));
    const form = within(card).getByTestId("outcome-form");
    fireEvent.click(within(form).getByRole("radio", { name: "No deal" }));
    expect(within(form).queryByLabelText(/Quantity agreed/)).toBeNull();
    fireEvent.click(within(form).getByTestId("outcome-submit"));
    await waitFor(() =>
      expect(document.getElementById("outcome-1-reason-error")?.textContent).toBe("Say why there was no deal."),
    );
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({ status: "no_deal", reason: "", deal_currency: "" });
  });

  it("shows the empty state", async () => {
    mockApi({ "GET introductions/": page([]) });
    renderApp("/introductions", { auth: signedIn("vendor"), lang: "zh" });
    expect(await screen.findByText("暂无对接介绍")).toBeTruthy();
  });

  it("flags overdue introductions and filters on them through the URL", async () => {
    const calls = mockApi({
      "GET introductions/": page([introduction(1, { overdue: true }), introduction(2, { overdue: false })]),
    });
    renderApp("/introductions", { auth: signedIn("staff") });
    const cards = await screen.findAllByTestId("introduction");
    expect(within(cards[0] as HTMLElement).getByTestId("introduction-overdue").textContent).toBe("Overdue");
    expect(within(cards[1] as HTMLElement).queryByTestId("introduction-overdue")).toBeNull();

    fireEvent.click(screen.getByTestId("introduction-overdue-filter"));
    await waitFor(() => expect(screen.getByTestId("location").textContent).toBe("/introductions?overdue=true"));
    await waitFor(() =>
      expect(
        calls
          .filter((c) => c.path === "introductions/")
          .at(-1)
          ?.query.get("overdue"),
      ).toBe("true"),
    );
  });
});
