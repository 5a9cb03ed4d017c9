import { useSyncExternalStore } from "react";

/** Whether a CSS media query matches now; follows changes (rotation, resizing). False without matchMedia. */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      if (typeof window.matchMedia !== "function") return () => undefined;
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    () => typeof window.matchMedia === "function" && window.matchMedia(query).matches,
    () => false,
  );
}

/** A phone-width screen (< 640 px): lists become cards so the actions stay on screen. */
export const PHONE_QUERY = "(max-width: 639.98px)";
export const useIsPhone = () => useMediaQuery(PHONE_QUERY);
