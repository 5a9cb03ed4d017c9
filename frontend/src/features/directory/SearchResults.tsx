// The directory's results: the list of cards and its pages, or why there is none (loading,
// nothing found, a bad link, the search engine away).
import { ApiError } from "../../api";
import { apiErrorMessage, Loading, Pagination, useErrorText } from "../../components/common";
import { EmptyState } from "../../components/EmptyState";
import { AlertIcon, BuildingIcon, SearchIcon } from "../../components/Icons";
import { useI18n } from "../../i18n";
import type { Category } from "../../reference";
import type { Load, Result } from "./hooks";
import { ProductCard, SupplierCard } from "./ResultCards";
import type { DirectoryState } from "./search";

export function SearchResults({
  load,
  result,
  state,
  filtered,
  pageCount,
  categories,
  onRetry,
  onClearFilters,
  onStartOver,
  onPage,
}: {
  load: Load;
  /** What to show: the result of this search, or while it loads the previous one of the same type. */
  result: Result | undefined;
  state: DirectoryState;
  filtered: boolean;
  pageCount: number;
  categories: Map<string, Category>;
  onRetry: () => void;
  onClearFilters: () => void;
  onStartOver: () => void;
  onPage: (page: number) => void;
}) {
  const { t } = useI18n();
  const errorText = useErrorText();
  if (load.kind === "error") {
    const unavailable = load.error instanceof ApiError && load.error.unavailable;
    // A 400 names the parameters at fault (a hand-edited link, say): show them and offer a way out.
    const invalid =
      load.error instanceof ApiError && load.error.status === 400 ? Object.values(load.error.fields).flat() : [];
    return (
      <div className="card notice-card" role="alert" data-testid={unavailable ? "search-unavailable" : "search-error"}>
        <div className="notice-card__icon" aria-hidden="true">
          <AlertIcon />
        </div>
        <div>
          <h2>{unavailable ? t("directory.unavailable.title") : t("directory.error.title")}</h2>
          {unavailable ? (
            <p className="muted">{t("directory.unavailable.body")}</p>
          ) : invalid.length ? (
            <ul className="muted">
              {invalid.map((error, index) => (
                <li key={index}>{errorText(error)}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">{apiErrorMessage(load.error, t)}</p>
          )}
          <div className="form-actions">
            <button type="button" className="button button--secondary" onClick={onRetry}>
              {t("common.retry")}
            </button>
            {invalid.length && (filtered || state.q) ? (
              <button type="button" className="button button--ghost" onClick={onStartOver}>
                {t("directory.startOver")}
              </button>
            ) : null}
          </div>
        </div>
      </div>
    );
  }
  if (!result) return <Loading label={t("directory.searching")} />;
  if (result.data.results.length === 0) {
    const nothingAtAll = !state.q && !filtered;
    return (
      <div className="card" data-testid="no-results">
        <EmptyState
          icon={nothingAtAll ? <BuildingIcon /> : <SearchIcon />}
          title={nothingAtAll ? t("suppliers.empty.title") : t("directory.noResults.title")}
          body={nothingAtAll ? t("suppliers.empty.body") : t("directory.noResults.body")}
        />
        {filtered ? (
          <p className="center">
            <button type="button" className="button button--secondary" onClick={onClearFilters}>
              {t("directory.clearFilters")}
            </button>
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <>
      {result.data.relaxed && state.q ? (
        <p className="notice notice--info" data-testid="relaxed">
          {t("directory.relaxed", { q: state.q })}
        </p>
      ) : null}
      <ol className="result-list" aria-busy={load.kind === "loading"} data-testid="results">
        {result.type === "products"
          ? result.data.results.map((hit) => (
              <li key={hit.id}>
                <ProductCard hit={hit} categories={categories} />
              </li>
            ))
          : result.data.results.map((hit) => (
              <li key={hit.id}>
                <SupplierCard hit={hit} categories={categories} />
              </li>
            ))}
      </ol>
      <Pagination page={state.page} pageCount={pageCount} onPage={onPage} />
    </>
  );
}
