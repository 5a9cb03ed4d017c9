/**
 * Who is signed in: `GET auth/me/` on start, session login and logout, and the user's
 * organisation (its name and verification status) for the header and the vendor area.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { apiCall, useApiQuery } from "./api";
import type { OrganizationDetailOutput, UserOutput, UserRoleEnum } from "./api";

export type Role = UserRoleEnum;
export type User = UserOutput;

export type AuthState = { status: "loading" } | { status: "anonymous" } | { status: "authenticated"; user: User };

export const isStaffRole = (role: Role): boolean => role === "staff" || role === "admin";

interface AuthValue {
  state: AuthState;
  user: User | null;
  signIn: (email: string, password: string) => Promise<User>;
  signOut: () => Promise<void>;
  /** Re-reads `auth/me/` (after registration, or when the session may have changed). */
  refresh: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children, initialState }: { children: ReactNode; initialState?: AuthState }) {
  const [state, setState] = useState<AuthState>(initialState ?? { status: "loading" });
  const queryClient = useQueryClient();

  const refresh = useCallback(async () => {
    try {
      const user = await apiCall("get", "/api/v1/auth/me/");
      // A proxy's or a stub's answer that is not a user counts as signed out.
      setState(typeof user?.id === "number" ? { status: "authenticated", user } : { status: "anonymous" });
    } catch {
      // 401/403 (not signed in) or the API is unreachable: either way, browse anonymously.
      setState({ status: "anonymous" });
    }
  }, []);

  useEffect(() => {
    if (!initialState) void refresh();
  }, [initialState, refresh]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const user = await apiCall("post", "/api/v1/auth/login/", { body: { email, password } });
      queryClient.clear(); // what an anonymous visitor saw is not what this user sees
      setState({ status: "authenticated", user });
      return user;
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await apiCall("post", "/api/v1/auth/logout/");
    } finally {
      queryClient.clear();
      setState({ status: "anonymous" });
    }
  }, [queryClient]);

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

/** The signed-in user's organisation (null for staff, or while it loads). */
export function useMyOrganization(): { organization: OrganizationDetailOutput | null; isLoading: boolean } {
  const { user } = useAuth();
  const id = user?.organization_id ?? null;
  const query = useApiQuery(
    "/api/v1/organizations/{organization_id}/",
    { params: { path: { organization_id: id ?? 0 } } },
    { enabled: id !== null },
  );
  return { organization: id !== null ? (query.data ?? null) : null, isLoading: id !== null && query.isLoading };
}
