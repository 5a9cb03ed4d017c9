import { useEffect } from "react";

/** Sets the tab title to "<page> · MedMatch" (or just "MedMatch" on the home page). */
export function useDocumentTitle(pageTitle?: string): void {
  useEffect(() => {
    document.title = pageTitle ? `${pageTitle} · MedMatch` : "MedMatch";
  }, [pageTitle]);
}
