// Data of the force-majeure certificate pages (server state through the generated client).
import { useApiMutation, useApiQuery } from "../../api";

/** The public answer for certificate `number` (no sign-in); disabled while the number is empty. */
export function useVerification(number: string) {
  return useApiQuery(
    "/api/v1/certificates/verify/{number}/",
    { params: { path: { number } } },
    { enabled: number.trim() !== "", retry: false },
  );
}

export function useMyApplications(page: number) {
  return useApiQuery("/api/v1/certificates/applications/", { params: { query: { page } } }, { keepPrevious: true });
}

export function useApplication(applicationId: number) {
  return useApiQuery("/api/v1/certificates/applications/{application_id}/", {
    params: { path: { application_id: applicationId } },
  });
}

export function useCertificate(certificateId: number | null) {
  return useApiQuery(
    "/api/v1/certificates/{certificate_id}/",
    { params: { path: { certificate_id: certificateId ?? 0 } } },
    {
      enabled: certificateId !== null,
      // The signed PDF is made by a worker after approval: look again until it is there.
      refetchInterval: (query) => (query.state.data && !query.state.data.pdf_url ? 2000 : false),
    },
  );
}

export function useReviewQueue(page: number) {
  return useApiQuery("/api/v1/certificates/queue/", { params: { query: { page } } }, { keepPrevious: true });
}

const APPLICATION_PATHS = [
  "/api/v1/certificates/applications/",
  "/api/v1/certificates/applications/{application_id}/",
  "/api/v1/certificates/queue/",
  "/api/v1/certificates/",
  "/api/v1/certificates/{certificate_id}/",
] as const;

export function useApplicationActions() {
  const invalidates = [...APPLICATION_PATHS];
  return {
    create: useApiMutation("post", "/api/v1/certificates/applications/", { invalidates }),
    update: useApiMutation("patch", "/api/v1/certificates/applications/{application_id}/", { invalidates }),
    submit: useApiMutation("post", "/api/v1/certificates/applications/{application_id}/submit/", { invalidates }),
    approve: useApiMutation("post", "/api/v1/certificates/applications/{application_id}/approve/", { invalidates }),
    reject: useApiMutation("post", "/api/v1/certificates/applications/{application_id}/reject/", { invalidates }),
    requestInfo: useApiMutation("post", "/api/v1/certificates/applications/{application_id}/request-info/", {
      invalidates,
    }),
    revoke: useApiMutation("post", "/api/v1/certificates/{certificate_id}/revoke/", { invalidates }),
    removeEvidence: useApiMutation(
      "delete",
      "/api/v1/certificates/applications/{application_id}/evidence/{evidence_id}/",
      { invalidates },
    ),
  };
}

/** "3 h 20 min" style parts of a review clock: hours and minutes left (negative: overdue). */
export function timeLeftParts(seconds: number): { overdue: boolean; hours: number; minutes: number } {
  const overdue = seconds < 0;
  const abs = Math.abs(seconds);
  return { overdue, hours: Math.floor(abs / 3600), minutes: Math.floor((abs % 3600) / 60) };
}

/** Staff dashboard figures of the trade services (certificates and consultations). */
export function useTradeServicesStats() {
  return useApiQuery("/api/v1/stats/trade-services/");
}
