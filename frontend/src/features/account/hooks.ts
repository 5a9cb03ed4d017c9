// Password change (signed in) and the forgotten-password flow (e-mailed link).
import { useApiMutation } from "../../api";

export const useChangePassword = () => useApiMutation("post", "/api/v1/auth/password/change/");
export const useRequestPasswordReset = () => useApiMutation("post", "/api/v1/auth/password/reset/");
export const useConfirmPasswordReset = () => useApiMutation("post", "/api/v1/auth/password/reset/confirm/");
export const useSignOutEverywhere = () => useApiMutation("post", "/api/v1/auth/logout/everywhere/");
