/**
 * Server state through TanStack Query, on the generated client:
 *
 *   const products = useApiQuery("/api/v1/products/", { params: { query: { page: 2 } } });
 *   const save = useApiMutation("patch", "/api/v1/products/{product_id}/", { invalidates: ["/api/v1/products/"] });
 *   save.mutate({ params: { path: { product_id: 7 } }, body: { ... } });
 *
 * Query keys are `[path, params]`, so invalidating a path refetches every page and filter of it.
 * Errors are always `ApiError`.
 */
import { keepPreviousData, QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { UseMutationOptions, UseMutationResult, UseQueryOptions, UseQueryResult } from "@tanstack/react-query";
import type { FetchResponse, MaybeOptionalInit } from "openapi-fetch";
import type { HttpMethod, PathsWithMethod } from "openapi-typescript-helpers";
import { api, unwrap } from "./client";
import { ApiError } from "./errors";
import type { paths } from "./schema.gen";

export type GetPath = PathsWithMethod<paths, "get">;
type WriteMethod = Extract<HttpMethod, "post" | "put" | "patch" | "delete">;

/** The options (params, body) of calling `method` on `path`. */
export type ApiInit<P extends keyof paths, M extends HttpMethod> = NonNullable<MaybeOptionalInit<paths[P], M>>;

/** What a successful `method` on `path` answers. */
export type ApiData<P extends keyof paths, M extends HttpMethod = "get"> = NonNullable<
  FetchResponse<paths[P][M] & Record<string | number, unknown>, ApiInit<P, M>, `${string}/${string}`>["data"]
>;

/** A call of the client by method name, typed from the outside (the generics are too deep inside). */
function call(method: HttpMethod, path: string, init: object | undefined, signal?: AbortSignal): Promise<unknown> {
  const send = api.request as unknown as (
    method: HttpMethod,
    path: string,
    init: object,
  ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  return unwrap(send(method, path, { ...(init ?? {}), signal }), signal);
}

/** Calls the API once, outside React (for imperative flows such as sign-in). */
export function apiCall<P extends keyof paths, M extends HttpMethod>(
  method: M,
  path: P,
  init?: ApiInit<P, M>,
): Promise<ApiData<P, M>> {
  return call(method, path as string, init) as Promise<ApiData<P, M>>;
}

export function queryKeyOf(path: string, init?: { params?: unknown }): readonly unknown[] {
  return [path, init?.params ?? {}];
}

type QueryOptions<T> = Omit<UseQueryOptions<T, ApiError, T, readonly unknown[]>, "queryKey" | "queryFn"> & {
  /** Keep showing the previous page while the next one loads (paging, filtering). */
  keepPrevious?: boolean;
};

/** A GET as a query: loading, error (`ApiError`), data, refetch; cached per path and params. */
export function useApiQuery<P extends GetPath>(
  path: P,
  init?: ApiInit<P, "get">,
  options: QueryOptions<ApiData<P>> = {},
): UseQueryResult<ApiData<P>, ApiError> {
  const { keepPrevious, ...rest } = options;
  return useQuery<ApiData<P>, ApiError, ApiData<P>, readonly unknown[]>({
    queryKey: queryKeyOf(path, init as { params?: unknown } | undefined),
    queryFn: ({ signal }) => call("get", path, init, signal) as Promise<ApiData<P>>,
    placeholderData: keepPrevious ? keepPreviousData : undefined,
    ...rest,
  });
}

type MutationOptions<T, V> = Omit<UseMutationOptions<T, ApiError, V>, "mutationFn"> & {
  /** Paths whose queries are refetched after a success (every params of each). */
  invalidates?: GetPath[];
};

/** A write as a mutation; `mutate(init)` takes the call's params and body. */
export function useApiMutation<M extends WriteMethod, P extends PathsWithMethod<paths, M>>(
  method: M,
  path: P,
  options: MutationOptions<ApiData<P, M>, ApiInit<P, M>> = {},
): UseMutationResult<ApiData<P, M>, ApiError, ApiInit<P, M>> {
  const queryClient = useQueryClient();
  const { invalidates = [], onSuccess, ...rest } = options;
  return useMutation<ApiData<P, M>, ApiError, ApiInit<P, M>>({
    mutationFn: (init) => call(method, path, init) as Promise<ApiData<P, M>>,
    onSuccess: async (...args) => {
      await Promise.all(invalidates.map((key) => queryClient.invalidateQueries({ queryKey: [key] })));
      await onSuccess?.(...args);
    },
    ...rest,
  });
}

/** The app's query client: no retry of 4xx answers, one retry of network/5xx, no refetch on focus. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) =>
          failures < 1 && (!(error instanceof ApiError) || error.status === 0 || error.status >= 500),
      },
      mutations: { retry: false },
    },
  });
}
