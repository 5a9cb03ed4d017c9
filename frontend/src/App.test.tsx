import { fireEvent, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { jsonResponse, renderApp, signedIn } from "./test/render";

describe("App routing", () => {
  beforeEach(() => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => jsonResponse({ status: "ok", components: {} })),
    );
  });

  it("calls onReady once mounted and shows staff the home page with the system status", () => {
    const onReady = vi.fn();
    renderApp("/", { onReady, auth: signedIn("staff") });
    expect(onReady).toHaveBeenCalled();
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("MedMatch");
    expect(screen.getByTestId("status-card")).toBeTruthy();
    expect(screen.queryByTestId("join")).toBeNull();
  });

  it("invites anonymous visitors to register as buyer or supplier instead of showing infrastructure", () => {
    renderApp("/", { auth: { status: "anonymous" } });
    expect(screen.queryByTestId("status-card")).toBeNull();
    const join = screen.getByTestId("join");
    expect(screen.getByRole("link", { name: "Register as a buyer" }).getAttribute("href")).toBe("/register?kind=buyer");
    fireEvent.click(screen.getByRole("link", { name: "Register as a supplier" }));
    expect(join.isConnected).toBe(false);
    expect(
      (screen.getByLabelText(/supplier|vendor/i, { selector: "input[type=radio]" }) as HTMLInputElement).checked,
    ).toBe(true);
  });

  it.each([
    ["/suppliers", "Suppliers directory"],
    ["/requests", "Purchase requests"],
    ["/proposals", "Proposals"],
    ["/introductions", "Introductions"],
  ])("renders %s with its heading, title and active nav link", (path, heading) => {
    renderApp(path, { auth: signedIn("staff") });
    expect(screen.getByRole("heading", { level: 1 }).textContent).toContain(heading);
    expect(document.title).toBe(`${heading} · MedMatch`);
    const active = screen.getByRole("navigation").querySelector(".is-active");
    expect(active?.getAttribute("href")).toBe(path);
  });

  it.each(["/requests", "/proposals", "/introductions"])("asks anonymous visitors to sign in on %s", async (path) => {
    renderApp(path);
    expect(await screen.findByTestId("sign-in-prompt")).toBeTruthy();
  });

  it("serves the sign-in and sign-up pages", () => {
    renderApp("/login");
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Sign in");
    fireEvent.click(screen.getByRole("link", { name: "Create an account" }));
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Create an account");
  });

  it("shows a 404 page for unknown routes with a way home", () => {
    renderApp("/no/such/page");
    expect(screen.getByTestId("not-found")).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Page not found" })).toBeTruthy();
    fireEvent.click(screen.getByRole("link", { name: "Back to home" }));
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("MedMatch");
  });

  it("navigates between sections from the header", async () => {
    renderApp("/", { auth: signedIn("buyer") });
    fireEvent.click(screen.getByRole("link", { name: "Introductions" }));
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Introductions");
  });

  it.each([
    ["anonymous", ["/suppliers"]],
    [
      "vendor",
      ["/suppliers", "/vendor/profile", "/vendor/products", "/introductions", "/certificates", "/consultations"],
    ],
    ["buyer", ["/suppliers", "/requests", "/introductions", "/certificates", "/consultations"]],
    [
      "staff",
      [
        "/suppliers",
        "/requests",
        "/proposals",
        "/introductions",
        "/certificates",
        "/consultations",
        "/staff/verification",
        "/staff/duplicates",
        "/staff/supplier-lists",
        "/staff/dashboard",
      ],
    ],
  ] as const)("shows %s only the sections it can open", (role, links) => {
    renderApp("/suppliers", { auth: role === "anonymous" ? { status: "anonymous" } : signedIn(role) });
    const hrefs = [...screen.getByRole("navigation").querySelectorAll("a")].map((a) => a.getAttribute("href"));
    expect(hrefs).toEqual(links);
  });

  it("shows the deployed version from the runtime config", () => {
    window.__MEDMATCH_CONFIG__ = { version: "2.0.1" };
    renderApp("/suppliers");
    expect(screen.getByTestId("app-version").textContent).toBe("Version 2.0.1");
  });
});
