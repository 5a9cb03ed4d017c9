import { fireEvent, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { jsonResponse, mockApi, renderApp, signedIn } from "../../test/render";

describe("Account", () => {
  it("changes the password, with the server's per-field errors on the fields", async () => {
    document.cookie = "csrftoken=k";
    let attempts = 0;
    const calls = mockApi({
      "POST auth/password/change/": () => {
        attempts += 1;
        if (attempts === 1) {
          return jsonResponse(
            {
              code: "invalid",
              message: "Invalid input.",
              fields: { old_password: [{ code: "invalid_password", message: "The current password is wrong." }] },
            },
            400,
          );
        }
        return new Response(null, { status: 204 });
      },
    });
    renderApp("/account", { auth: signedIn("buyer") });
    fireEvent.change(await screen.findByTestId("old-password"), { target: { value: "wrong one" } });
    fireEvent.change(screen.getByTestId("new-password"), { target: { value: "violet tractor ninety" } });
    fireEvent.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText("The current password is wrong.")).toBeTruthy();
    expect(screen.getByTestId("old-password").getAttribute("aria-invalid")).toBe("true");

    fireEvent.change(screen.getByTestId("old-password"), { target: { value: "right one" } });
    fireEvent.change(screen.getByTestId("new-password"), { target: { value: "violet tractor ninety" } });
    fireEvent.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByTestId("password-changed")).toBeTruthy();
    expect(calls.filter((c) => c.path === "auth/password/change/").at(-1)?.body).toEqual({
      old_password: "right one",
      new_password: "violet tractor ninety",
    });
  });

  it("signs out everywhere, then shows the sign-in form", async () => {
    document.cookie = "csrftoken=k";
    let signedOut = false;
    const calls = mockApi({
      "POST auth/logout/everywhere/": () => {
        signedOut = true;
        return new Response(null, { status: 204 });
      },
      "GET auth/me/": () =>
        signedOut
          ? jsonResponse({ code: "not_authenticated", message: "" }, 401)
          : jsonResponse({ code: "unexpected", message: "me asked before signing out" }, 500),
    });
    renderApp("/account", { auth: signedIn("vendor") });
    fireEvent.click(await screen.findByRole("button", { name: "Sign out everywhere" }));
    expect(await screen.findByTestId("login-form")).toBeTruthy();
    expect(calls.filter((c) => c.path === "auth/logout/everywhere/")).toHaveLength(1);
  });

  it("asks for a reset link from the sign-in page", async () => {
    document.cookie = "csrftoken=k";
    const calls = mockApi({
      "GET auth/me/": () => jsonResponse({ code: "not_authenticated", message: "" }, 403),
      "POST auth/password/reset/": () => new Response(null, { status: 204 }),
    });
    renderApp("/login");
    fireEvent.click(await screen.findByTestId("forgot-password-link"));
    fireEvent.change(await screen.findByTestId("forgot-email"), { target: { value: " li@example.org " } });
    fireEvent.click(screen.getByRole("button", { name: "Send the link" }));
    expect(await screen.findByTestId("reset-sent")).toBeTruthy();
    expect(calls.find((c) => c.path === "auth/password/reset/")?.body).toEqual({ email: "li@example.org" });
  });

  it("sets a new password from the e-mailed link, and says when the link is bad", async () => {
    document.cookie = "csrftoken=k";
    let attempts = 0;
    const calls = mockApi({
      "GET auth/me/": () => jsonResponse({ code: "not_authenticated", message: "" }, 403),
      "POST auth/password/reset/confirm/": () => {
        attempts += 1;
        if (attempts === 1) {
          return jsonResponse(
            {
              code: "invalid",
              message: "Invalid input.",
              fields: { new_password: [{ code: "password_too_common", message: "This password is too common." }] },
            },
            400,
          );
        }
        return new Response(null, { status: 204 });
      },
    });
    renderApp("/reset-password?uid=MTI&token=abc-123");
    fireEvent.change(await screen.findByTestId("reset-new-password"), { target: { value: "password" } });
    fireEvent.click(screen.getByRole("button", { name: "Set the password" }));
    expect(await screen.findByText("This password is too common.")).toBeTruthy();
    fireEvent.change(screen.getByTestId("reset-new-password"), { target: { value: "violet tractor ninety" } });
    fireEvent.click(screen.getByRole("button", { name: "Set the password" }));
    expect(await screen.findByTestId("reset-done")).toBeTruthy();
    expect(calls.at(-1)?.body).toEqual({ uid: "MTI", token: "abc-123", new_password: "violet tractor ninety" });
  });

  it("a link without its token says so", async () => {
    mockApi({ "GET auth/me/": () => jsonResponse({ code: "not_authenticated", message: "" }, 403) });
    renderApp("/reset-password");
    expect(await screen.findByText(/This link is incomplete/)).toBeTruthy();
  });
});
