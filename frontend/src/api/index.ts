// The API layer: the generated client and types, errors, and the TanStack Query hooks.
export { api, unwrap } from "./client";
export { ApiError, apiErrorFrom, buildQuery, csrfToken, isRecord, parseFieldErrors } from "./errors";
export type { FieldError, FieldErrors, QueryValue } from "./errors";
// The enums' values, for the pages that list them (never copied by hand).
export {
  buyerTypeEnumValues,
  consultationTopicEnumValues,
  evidenceKindEnumValues,
  introductionStatusEnumValues,
  proposalStatusEnumValues,
  requestStatusEnumValues,
} from "./schema.gen";
export { apiCall, createQueryClient, queryKeyOf, useApiMutation, useApiQuery } from "./query";
export type { ApiData, ApiInit, GetPath } from "./query";
export type * from "./schema.gen";
