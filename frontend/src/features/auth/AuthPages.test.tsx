import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { page } from "../../test/fixtures";
import { jsonResponse, mockApi, renderApp } from "../../test/render";

const location = () => screen.getByTestId("location").textContent ?? "";
const STAFF = {
  id: 1,
  email: "staff@medmatch.example",
  full_name: "Sam Staff",
  role: "staff",
  organization_id: null,
  language: "en",
};
const BUYER = {
  id: 2,
  email: "buyer@embassy.example",
  full_name: "Bea Buyer",
  role: "buyer",
  organization_id: 9,
  language: "en",
};

describe("sign in", () => {
  it("signs in with the CSRF token, shows the role in the header and goes to ?next", async () => {
    document.cookie = "csrftoken=csrf-1";
    let signedIn = false;
    const calls = mockApi({
      "GET auth/me/": () =>
        signedIn ? jsonResponse(STAFF) : jsonResponse({ code: "not_authenticated", message: "No." }, 403),
      "POST auth/login/": () => {
        signedIn = true;
        return jsonResponse(STAFF);
      },
      "GET proposals/": page([]),
      "GET taxonomy/categories/": page([]),
    });
    renderApp("/login?next=%2Fproposals");
    expect(await screen.findByTestId("sign-in-link")).toBeTruthy();

    fireEvent.change(screen.getByLabelText(/E-mail/), { target: { value: " staff@medmatch.example " } });
    fireEvent.change(screen.getByLabelText(/Password/), { target: { value: "correct horse battery staple" } });
    fireEvent.click(within(screen.getByTestId("login-form")).getByRole("button", { name: "Sign in" }));

    await waitFor(() => expect(location()).toBe("/proposals"));
    const login = calls.find((c) => c.method === "POST" && c.path === "auth/login/");
    expect(login?.body).toEqual({ email: "staff@medmatch.example", password: "correct horse battery staple" });
    expect(login?.headers["X-CSRFToken"]).toBe("csrf-1");
    expect(screen.getByTestId("user-role").textContent).toBe("Staff");
    expect(await screen.findByText("No proposals to review")).toBeTruthy();
  });

  it("shows the wrong-password message in the reader's language", async () => {
    mockApi({
      "POST auth/login/": () =>
        jsonResponse(
          {
            code: "invalid",
            message: "The request has invalid fields.",
            fields: {
              non_field_errors: [{ code: "invalid_credentials", message: "The e-mail or password is wrong." }],
            },
          },
          400,
        ),
    });
    renderApp("/login", { lang: "zh" });
    fireEvent.change(screen.getByLabelText(/电子邮箱/), { target: { value: "x@y.z" } });
    fireEvent.change(screen.getByLabelText(/密码/), { target: { value: "nope" } });
    fireEvent.submit(screen.getByTestId("login-form"));
    expect((await screen.findByTestId("form-errors")).textContent).toBe("电子邮箱或密码错误。");
  });

  it("shows the organisation and role in the user menu and signs out", async () => {
    document.cookie = "csrftoken=csrf-2";
    const calls = mockApi({
      "GET auth/me/": BUYER,
      "GET organizations/9/": { id: 9, kind: "buyer", name: "Embassy of France", verification_status: "verified" },
      "POST auth/logout/": () => new Response(null, { status: 204 }),
      "GET health/": { status: "ok", components: {} },
    });
    renderApp("/");
    const menu = await screen.findByTestId("user-menu");
    expect(within(menu).getByText("Bea Buyer")).toBeTruthy();
    expect(within(menu).getByTestId("user-role").textContent).toBe("Buyer");
    fireEvent.click(menu);
    expect(await screen.findByText("Embassy of France")).toBeTruthy();
    expect(screen.getByText("Verified")).toBeTruthy();

    fireEvent.click(screen.getByTestId("sign-out"));
    expect(await screen.findByTestId("sign-in-link")).toBeTruthy();
    const logout = calls.find((c) => c.path === "auth/logout/");
    expect(logout?.method).toBe("POST");
    expect(logout?.headers["X-CSRFToken"]).toBe("csrf-2");
  });
});

describe("sign up", () => {
  it("asks for the buyer type for buyers and the USCC for Chinese vendors", async () => {
    mockApi({});
    renderApp("/register");
    expect(await screen.findByLabelText(/Type of buyer/)).toBeTruthy();
    expect(screen.queryByLabelText(/Unified Social Credit Code/)).toBeNull();

    fireEvent.click(screen.getByRole("radio", { name: /A supplier/ }));
    expect(screen.queryByLabelText(/Type of buyer/)).toBeNull();
    fireEvent.change(screen.getByLabelText(/Country/), { target: { value: "CN" } });
    expect(screen.getByLabelText(/Unified Social Credit Code/)).toBeTruthy();
  });

  it("shows each field's errors from the API's fields map", async () => {
    const calls = mockApi({
      "POST auth/register/": () =>
        jsonResponse(
          {
            code: "invalid",
            message: "The request has invalid fields.",
            fields: {
              registration_id: [{ code: "invalid_checksum", message: "The check character of this USCC is wrong." }],
              email: [{ code: "unique", message: "An account with this e-mail already exists." }],
              non_field_errors: [{ code: "password_too_common", message: "This password is too common." }],
            },
          },
          400,
        ),
    });
    renderApp("/register");
    fireEvent.click(await screen.findByRole("radio", { name: /A supplier/ }));
    fireEvent.change(screen.getByLabelText(/Organisation name/), { target: { value: "Wuhan Masks Co." } });
    fireEvent.change(screen.getByLabelText(/Country/), { target: { value: "CN" } });
    fireEvent.change(screen.getByLabelText(/Unified Social Credit Code/), { target: { value: "91420100mA4K000000" } });
    fireEvent.change(screen.getByLabelText(/Full name/), { target: { value: "Li Wei" } });
    fireEvent.change(screen.getByLabelText(/E-mail/), { target: { value: "li@wuhan.example" } });
    fireEvent.change(screen.getByLabelText(/Password/), { target: { value: "password" } });
    fireEvent.submit(screen.getByTestId("register-form"));

    const uscc = screen.getByLabelText(/Unified Social Credit Code/);
    await waitFor(() => expect(uscc.getAttribute("aria-invalid")).toBe("true"));
    expect(document.getElementById("register-registration_id-error")?.textContent).toBe(
      "The check character of this USCC is wrong.",
    );
    expect(document.getElementById("register-email-error")?.textContent).toBe(
      "An account with this e-mail already exists.",
    );
    // Django's password validators answer under non_field_errors; the form shows them at the password.
    expect(document.getElementById("register-password-error")?.textContent).toBe("This password is too common.");
    expect(screen.queryByTestId("form-errors")).toBeNull();

    const body = calls.find((c) => c.path === "auth/register/")?.body as Record<string, unknown>;
    expect(body).toMatchObject({
      kind: "vendor",
      country: "CN",
      registration_id: "91420100MA4K000000",
      language: "en",
    });
    expect(body.buyer_type).toBeUndefined();
  });

  it("registers a buyer and asks it to confirm the address by e-mail before signing in", async () => {
    const calls = mockApi({
      "GET auth/me/": () => jsonResponse({ code: "not_authenticated", message: "" }, 401),
      "POST auth/register/": () => jsonResponse({ email: "buyer@embassy.example", message: "Registered." }, 202),
    });
    renderApp("/register");
    fireEvent.change(await screen.findByLabelText(/Type of buyer/), { target: { value: "hospital" } });
    fireEvent.change(screen.getByLabelText(/Organisation name/), { target: { value: "Hôpital Édouard Herriot" } });
    fireEvent.change(screen.getByLabelText(/Country/), { target: { value: "FR" } });
    fireEvent.change(screen.getByLabelText(/Full name/), { target: { value: "Bea Buyer" } });
    fireEvent.change(screen.getByLabelText(/E-mail/), { target: { value: "buyer@embassy.example" } });
    fireEvent.change(screen.getByLabelText(/Password/), { target: { value: "a long passphrase" } });
    fireEvent.submit(screen.getByTestId("register-form"));

    // The same notice whether the address was free or taken (the API answers both alike).
    const notice = await screen.findByTestId("register-check-email");
    expect(notice.textContent).toContain("We have e-mailed a confirmation link to \u2068buyer@embassy.example\u2069");
    expect(notice.textContent).toContain("nothing was changed");
    expect(location()).toBe("/register");
    expect(calls.find((c) => c.path === "auth/register/")?.body).toMatchObject({
      kind: "buyer",
      buyer_type: "hospital",
      country: "FR",
    });
    // No sign-in is tried: it would fail until the address is confirmed.
    expect(calls.some((c) => c.path === "auth/login/")).toBe(false);
    expect(screen.getByRole("link", { name: /Forgot/ }).getAttribute("href")).toBe("/forgot-password");
  });

  it("confirms the address from the e-mailed link once and offers to sign in with it filled in", async () => {
    const calls = mockApi({
      "GET auth/me/": () => jsonResponse({ code: "not_authenticated", message: "" }, 401),
      "POST auth/email/confirm/": () => jsonResponse({ email: "li@wuhan.example", role: "vendor" }),
    });
    renderApp("/confirm-email?uid=MTI&token=abc-123", { lang: "zh" });

    const done = await screen.findByTestId("confirm-done");
    expect(done.textContent).toContain("\u2068li@wuhan.example\u2069 已确认");
    expect(calls.filter((c) => c.path === "auth/email/confirm/").map((c) => c.body)).toEqual([
      { uid: "MTI", token: "abc-123" },
    ]);
    expect(document.title).toContain("确认电子邮件");
    fireEvent.click(screen.getByTestId("confirm-sign-in"));
    await waitFor(() => expect(location()).toBe("/login?email=li%40wuhan.example&next=%2Fvendor%2Fprofile"));
    expect((screen.getByLabelText(/电子邮箱/) as HTMLInputElement).value).toBe("li@wuhan.example");
  });

  it("says plainly when the confirmation link is spent or incomplete", async () => {
    mockApi({
      "GET auth/me/": () => jsonResponse({ code: "not_authenticated", message: "" }, 401),
      "POST auth/email/confirm/": () =>
        jsonResponse(
          {
            code: "invalid",
            message: "The request has invalid fields.",
            fields: { token: [{ code: "invalid_token", message: "This confirmation link is invalid." }] },
          },
          400,
        ),
    });
    renderApp("/confirm-email?uid=MTI&token=spent");
    expect((await screen.findByTestId("confirm-failed")).textContent).toContain("already used");
    expect(screen.getByRole("link", { name: "Register again" }).getAttribute("href")).toBe("/register");
  });

  it("marks only the required fields, asks for the buyer type and sends again after the USCC is fixed", async () => {
    let attempts = 0;
    const calls = mockApi({
      "GET auth/me/": () => jsonResponse({ code: "not_authenticated", message: "" }, 401),
      "POST auth/register/": () => {
        attempts += 1;
        return attempts === 1
          ? jsonResponse(
              {
                code: "invalid",
                message: "The request has invalid fields.",
                fields: {
                  registration_id: [
                    { code: "invalid_checksum", message: "The check character of this USCC is wrong." },
                  ],
                },
              },
              400,
            )
          : jsonResponse({ email: "li@wuhan.example", message: "Registered." }, 202);
      },
      "POST auth/login/": () =>
        jsonResponse(
          {
            code: "invalid",
            message: "",
            fields: { non_field_errors: [{ code: "invalid_credentials", message: "" }] },
          },
          400,
        ),
    });
    renderApp("/register");
    const required = (label: RegExp) =>
      Boolean(screen.getByText(label, { selector: "label" }).querySelector(".field__required"));
    await screen.findByLabelText(/Type of buyer/);
    expect(required(/Type of buyer/)).toBe(true);
    expect(required(/Organisation name/)).toBe(true);
    expect(required(/^City/)).toBe(false);
    expect(required(/^Phone/)).toBe(false);

    fireEvent.click(screen.getByRole("radio", { name: /A supplier/ }));
    fireEvent.change(screen.getByLabelText(/Organisation name/), { target: { value: "Wuhan Masks Co." } });
    fireEvent.change(screen.getByLabelText(/Country/), { target: { value: "CN" } });
    expect(required(/Unified Social Credit Code/)).toBe(true);
    fireEvent.change(screen.getByLabelText(/Unified Social Credit Code/), { target: { value: "91420100MA4K000000" } });
    fireEvent.change(screen.getByLabelText(/Full name/), { target: { value: "Li Wei" } });
    fireEvent.change(screen.getByLabelText(/E-mail/), { target: { value: "li@wuhan.example" } });
    fireEvent.change(screen.getByLabelText(/Password/), { target: { value: "a long passphrase" } });
    fireEvent.submit(screen.getByTestId("register-form"));

    // The first answer's USCC error is on the field at once (not after a second submit).
    expect((await screen.findByText("The check character of this USCC is wrong.")).id).toBe(
      "register-registration_id-error",
    );
    expect(screen.getByLabelText(/Unified Social Credit Code/).getAttribute("aria-invalid")).toBe("true");
    fireEvent.change(screen.getByLabelText(/Unified Social Credit Code/), { target: { value: "91420100MA4K00000X" } });
    fireEvent.submit(screen.getByTestId("register-form"));
    expect(await screen.findByTestId("register-check-email")).toBeTruthy();
    const sent = calls
      .filter((c) => c.path === "auth/register/")
      .map((c) => (c.body as Record<string, unknown>).registration_id);
    expect(sent).toEqual(["91420100MA4K000000", "91420100MA4K00000X"]);
  });

  it("says how long the server asks to wait when sign-ups are throttled", async () => {
    mockApi({
      "POST auth/register/": () =>
        new Response(JSON.stringify({ code: "throttled", message: "Request was throttled." }), {
          status: 429,
          headers: { "Content-Type": "application/json", "Retry-After": "2400" },
        }),
    });
    renderApp("/register", { lang: "fr" });
    fireEvent.change(await screen.findByLabelText(/Type d/), { target: { value: "hospital" } });
    fireEvent.submit(screen.getByTestId("register-form"));
    expect((await screen.findByTestId("form-errors")).textContent).toContain("40");
  });
});
