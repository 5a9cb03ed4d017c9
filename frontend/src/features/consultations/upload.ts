import { apiCall } from "../../api";

/** Attaches one file (multipart) to a consultation; the server checks its content and size. */
export function uploadAttachment(consultationId: number, file: File) {
  const form = new FormData();
  form.append("file", file);
  return apiCall("post", "/api/v1/consultations/{consultation_id}/attachments/", {
    params: { path: { consultation_id: consultationId } },
    body: form as never,
    bodySerializer: (value: unknown) => value as FormData,
  });
}
