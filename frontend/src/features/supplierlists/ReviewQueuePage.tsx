import { useState } from "react";
import { useSearchParams } from "react-router";
import type { ApiError } from "../../api";
import { ErrorNotice, FormErrors, Loading, PageHeader, Pagination } from "../../components/common";
import { EmptyState } from "../../components/EmptyState";
import { CheckIcon } from "../../components/Icons";
import { RoleGate } from "../../components/RoleGate";
import { formatNumber } from "../../format";
import { useI18n } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";
import { CandidateComparison, ReasonList, ScrollRegion } from "./components";
import { useReviewQueue, useSupplierListActions } from "./hooks";
import { SupplierListNav } from "./SupplierListNav";
import "./supplierlists.css";

const PAGE_SIZE = 20;

/** Rows that may be a known organisation, side by side with it, best score first: merge or keep apart. */
export function ReviewQueuePage() {
  const { t } = useI18n();
  useDocumentTitle(t("supplierLists.review.title"));
  return (
    <section>
      <PageHeader title={t("supplierLists.review.title")} intro={t("supplierLists.review.intro")} />
      <RoleGate allow={["staff", "admin"]} audience="staff.audience">
        {() => <ReviewQueue />}
      </RoleGate>
    </section>
  );
}

type Action = "merge" | "keep_apart";

function ReviewQueue() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const listId = Number(params.get("list")) || undefined;
  const queue = useReviewQueue(listId, page);
  const { merge, keepApart, bulk } = useSupplierListActions();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const busy = merge.isPending || keepApart.isPending || bulk.isPending;

  const decided = (action: Action, count: number) =>
    setDone(
      t(action === "merge" ? "supplierLists.review.merged" : "supplierLists.review.keptApart", {
        count: formatNumber(count, lang),
      }),
    );

  const decideOne = async (candidateId: number, action: Action) => {
    setError(null);
    setDone(null);
    const init = { params: { path: { candidate_id: candidateId } } };
    try {
      if (action === "merge") await merge.mutateAsync(init);
      else await keepApart.mutateAsync(init);
      setSelected((current) => new Set([...current].filter((id) => id !== candidateId)));
      decided(action, 1);
    } catch (caught) {
      setError(caught as ApiError);
    }
  };

  const decideSelected = async (action: Action) => {
    setError(null);
    setDone(null);
    try {
      const answer = await bulk.mutateAsync({ body: { action, ids: [...selected] } });
      setSelected(new Set());
      decided(action, answer.count);
    } catch (caught) {
      setError(caught as ApiError);
    }
  };

  const toggle = (candidateId: number) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(candidateId)) next.delete(candidateId);
      else next.add(candidateId);
      return next;
    });

  const results = queue.data?.results ?? [];
  return (
    <div className="stack">
      <SupplierListNav supplierList={listId} />
      {done ? (
        <p className="notice notice--ok" role="status" data-testid="review-done">
          {done}
        </p>
      ) : null}
      <FormErrors error={error} />
      {queue.isLoading ? <Loading /> : null}
      {queue.error ? <ErrorNotice error={queue.error} onRetry={() => void queue.refetch()} /> : null}
      {queue.data && results.length === 0 ? (
        <EmptyState
          icon={<CheckIcon />}
          title={t("supplierLists.review.empty")}
          body={t("supplierLists.review.emptyBody")}
        />
      ) : null}
      {results.length > 0 ? (
        <div className="card bulk-bar" data-testid="review-bulk">
          <label className="checkbox-field">
            <input
              type="checkbox"
              checked={results.every((c) => selected.has(c.id))}
              onChange={(event) => setSelected(event.target.checked ? new Set(results.map((c) => c.id)) : new Set())}
              data-testid="review-select-all"
            />{" "}
            {t("supplierLists.review.selectAll")}
          </label>
          <span>{t("supplierLists.review.selected", { count: formatNumber(selected.size, lang) })}</span>
          <button
            type="button"
            className="button button--primary"
            disabled={busy || selected.size === 0}
            onClick={() => void decideSelected("merge")}
            data-testid="review-bulk-merge"
          >
            {t("supplierLists.review.mergeSelected")}
          </button>
          <button
            type="button"
            className="button button--secondary"
            disabled={busy || selected.size === 0}
            onClick={() => void decideSelected("keep_apart")}
            data-testid="review-bulk-keep"
          >
            {t("supplierLists.review.keepSelected")}
          </button>
        </div>
      ) : null}
      {results.map((candidate) => (
        <article key={candidate.id} className="card candidate" data-testid="review-pair" data-candidate={candidate.id}>
          <header className="candidate__head">
            <label className="checkbox-field">
              <input
                type="checkbox"
                checked={selected.has(candidate.id)}
                onChange={() => toggle(candidate.id)}
                data-testid="review-select"
              />{" "}
              <span>
                {t("supplierLists.review.pair", {
                  row: candidate.row.number,
                  organization: candidate.organization.name,
                })}
              </span>
            </label>
            <span className="score" data-testid="review-score">
              {t("supplierLists.review.score", {
                score: new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 }).format(
                  candidate.score,
                ),
              })}
            </span>
          </header>
          <ReasonList reasons={candidate.reasons} />
          <ScrollRegion
            label={t("supplierLists.review.pair", {
              row: candidate.row.number,
              organization: candidate.organization.name,
            })}
          >
            <CandidateComparison candidate={candidate} />
          </ScrollRegion>
          <div className="actions-row">
            <button
              type="button"
              className="button button--primary"
              disabled={busy}
              onClick={() => void decideOne(candidate.id, "merge")}
              data-testid="review-merge"
            >
              {t("supplierLists.review.merge")}
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={busy}
              onClick={() => void decideOne(candidate.id, "keep_apart")}
              data-testid="review-keep"
            >
              {t("supplierLists.review.keepApart")}
            </button>
          </div>
        </article>
      ))}
      {queue.data ? (
        <Pagination
          page={page}
          pageCount={Math.ceil(queue.data.count / PAGE_SIZE)}
          onPage={(next) => {
            const query = new URLSearchParams(params);
            query.set("page", String(next));
            setParams(query);
          }}
        />
      ) : null}
    </div>
  );
}
