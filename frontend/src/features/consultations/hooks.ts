// Data of the consultation pages (server state through the generated client).
import { consultationTopicEnumValues, useApiMutation, useApiQuery } from "../../api";

/** The topics the API accepts (from the schema), in its order. */
export const CONSULTATION_TOPICS = consultationTopicEnumValues;

const PATHS = [
  "/api/v1/consultations/",
  "/api/v1/consultations/{consultation_id}/",
  "/api/v1/consultations/{consultation_id}/messages/",
] as const;

export function useConsultations(page: number) {
  return useApiQuery("/api/v1/consultations/", { params: { query: { page } } }, { keepPrevious: true });
}

export function useConsultation(consultationId: number) {
  return useApiQuery("/api/v1/consultations/{consultation_id}/", {
    params: { path: { consultation_id: consultationId } },
  });
}

export function useThread(consultationId: number) {
  return useApiQuery("/api/v1/consultations/{consultation_id}/messages/", {
    params: { path: { consultation_id: consultationId }, query: { page_size: 100 } },
  });
}

export function useAdvisers(enabled: boolean) {
  return useApiQuery("/api/v1/consultations/advisers/", {}, { enabled });
}

export function useConsultationActions() {
  const invalidates = [...PATHS];
  return {
    create: useApiMutation("post", "/api/v1/consultations/", { invalidates }),
    reply: useApiMutation("post", "/api/v1/consultations/{consultation_id}/messages/", { invalidates }),
    assign: useApiMutation("post", "/api/v1/consultations/{consultation_id}/assign/", { invalidates }),
    close: useApiMutation("post", "/api/v1/consultations/{consultation_id}/close/", { invalidates }),
  };
}
