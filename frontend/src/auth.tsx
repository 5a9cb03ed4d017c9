/**
 * Who is signed in: `GET auth/me/` on start, session login and logout, and the user's
 * organisation (its name and verification status) for the header.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";
import { ApiError, apiRequest, isRecord, num, str } from "./api";

export type Role = "vendor" | "buyer" | "staff" | "admin" | "none";

export interface User {
  id: number;
  email: string;
  fullName: string;
  role: Role;
  organizationId: number | null;
  language: string;
}

export interface OrganizationSummary {
  id: number;
  name: string;
  kind: string;
  verificationStatus: string;
}

export type AuthState =
  | { status: "loading" }
  | { status: "anonymous" }
  | { status: "authenticated"; user: User; organization: OrganizationSummary | null };

const ROLES: readonly Role[] = ["vendor", "buyer", "staff", "admin", "none"];

export function parseUser(raw: unknown): User | null {
  if (!isRecord(raw) || typeof raw.id !== "number" || typeof raw.email !== "string") return null;
  const role = ROLES.includes(raw.role as Role) ? (raw.role as Role) : "none";
  return {
    id: raw.id,
    email: raw.email,
    fullName: str(raw.full_name),
    role,
    organizationId: num(raw.organization_id),
    language: str(raw.language, "en"),
  };
}

function parseOrganization(raw: unknown): OrganizationSummary | null {
  if (!isRecord(raw) || typeof raw.id !== "number") return null;
  return { id: raw.id, name: str(raw.name), kind: str(raw.kind), verificationStatus: str(raw.verification_status) };
}

export const isStaffRole = (role: Role): boolean => role === "staff" || role === "admin";

interface AuthValue {
  state: AuthState;
  user: User | null;
  signIn: (email: string, password: string) => Promise<User>;
  signOut: () => Promise<void>;
  /** After registration (the API does not sign in): the caller signs in next. */
  refresh: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

async function loadOrganization(user: User): Promise<OrganizationSummary | null> {
  if (user.organizationId === null) return null;
  try {
    return parseOrganization(await apiRequest(`organizations/${user.organizationId}/`));
  } catch {
    return null; // the header can do without the name
  }
}

export function AuthProvider({ children, initialState }: { children: ReactNode; initialState?: AuthState }) {
  const [state, setState] = useState<AuthState>(initialState ?? { status: "loading" });

  const establish = useCallback(async (user: User) => {
    setState({ status: "authenticated", user, organization: null });
    const organization = await loadOrganization(user);
    if (organization) {
      setState((current) =>
        current.status === "authenticated" && current.user.id === user.id ? { ...current, organization } : current,
      );
    }
  }, []);

  const refresh = useCallback(async () => {
    try {
      const user = parseUser(await apiRequest("auth/me/"));
      if (user) await establish(user);
      else setState({ status: "anonymous" });
    } catch {
      // 401/403 (not signed in) or the API is unreachable: either way, browse anonymously.
      setState({ status: "anonymous" });
    }
  }, [establish]);

  useEffect(() => {
    if (!initialState) void refresh();
  }, [initialState, refresh]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const user = parseUser(await apiRequest("auth/login/", { method: "POST", json: { email, password } }));
      if (!user) throw new ApiError(500, "bad_response", "The sign-in answer was not understood.");
      await establish(user);
      return user;
    },
    [establish],
  );

  const signOut = useCallback(async () => {
    try {
      await apiRequest("auth/logout/", { method: "POST" });
    } finally {
      setState({ status: "anonymous" });
    }
  }, []);

  const value = useMemo<AuthValue>(
    () => ({ state, user: state.status === "authenticated" ? state.user : null, signIn, signOut, refresh }),
    [state, signIn, signOut, refresh],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error("useAuth must be used inside <AuthProvider>");
  return value;
}
