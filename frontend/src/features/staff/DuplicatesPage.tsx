import { useState } from "react";
import { useSearchParams } from "react-router";
import type { ApiError } from "../../api";
import { ErrorNotice, FormErrors, Loading, PageHeader, Pagination } from "../../components/common";
import { EmptyState } from "../../components/EmptyState";
import { CheckIcon } from "../../components/Icons";
import { RoleGate } from "../../components/RoleGate";
import { useI18n } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";
import { DuplicateComparison } from "./DuplicateComparison";
import { useDuplicates } from "./hooks";

function Duplicates() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const { flags, merge, dismiss } = useDuplicates(page);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const act = async (flagId: number, action: "merge" | "dismiss") => {
    setError(null);
    setDone(null);
    const init = { params: { path: { flag_id: flagId } } };
    try {
      if (action === "merge") await merge.mutateAsync(init);
      else await dismiss.mutateAsync({ ...init, body: { reason: "" } });
      setDone(action === "merge" ? t("staff.duplicates.merged") : t("staff.duplicates.dismissed"));
    } catch (caught) {
      setError(caught as ApiError);
    }
  };

  return (
    <>
      {done ? (
        <p className="notice notice--ok" role="status" data-testid="duplicate-done">
          {done}
        </p>
      ) : null}
      <FormErrors error={error} />
      {flags.isLoading ? <Loading /> : null}
      {flags.error ? <ErrorNotice error={flags.error} onRetry={() => void flags.refetch()} /> : null}
      {flags.data && flags.data.results.length === 0 ? (
        <EmptyState
          icon={<CheckIcon />}
          title={t("staff.duplicates.empty.title")}
          body={t("staff.duplicates.empty.body")}
        />
      ) : null}
      {flags.data?.results.map((flag) => (
        <article key={flag.id} className="card duplicate-pair" data-testid="duplicate-pair">
          {flag.reason ? (
            <p className="muted">
              <strong>{t("staff.duplicates.reason")}:</strong> {flag.reason}
            </p>
          ) : null}
          <div className="table-scroll">
            <DuplicateComparison flag={flag} />
          </div>
          <div className="duplicate-pair__actions">
            <button
              type="button"
              className="button button--primary"
              disabled={merge.isPending || dismiss.isPending}
              onClick={() => void act(flag.id, "merge")}
              data-testid="duplicate-merge"
            >
              {t("staff.duplicates.merge")}
            </button>
            <button
              type="button"
              className="button button--secondary"
              disabled={merge.isPending || dismiss.isPending}
              onClick={() => void act(flag.id, "dismiss")}
              data-testid="duplicate-dismiss"
            >
              {t("staff.duplicates.dismiss")}
            </button>
          </div>
        </article>
      ))}
      {flags.data ? (
        <Pagination
          page={page}
          pageCount={Math.ceil(flags.data.count / 10)}
          onPage={(next) => setParams(new URLSearchParams({ page: String(next) }))}
        />
      ) : null}
    </>
  );
}

export function DuplicatesPage() {
  const { t } = useI18n();
  useDocumentTitle(t("staff.duplicates.title"));
  return (
    <section>
      <PageHeader title={t("staff.duplicates.title")} intro={t("staff.duplicates.intro")} />
      <RoleGate allow={["staff", "admin"]} audience="staff.audience">
        {() => <Duplicates />}
      </RoleGate>
    </section>
  );
}
