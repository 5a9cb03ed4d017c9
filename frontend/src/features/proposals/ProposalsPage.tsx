import { ErrorNotice, Loading, PageHeader, Pagination } from "../../components/common";
import { EmptyState } from "../../components/EmptyState";
import { ScaleIcon } from "../../components/Icons";
import { RoleGate } from "../../components/RoleGate";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";
import { QUEUE_PAGE_SIZE, useProposalQueue } from "./hooks";
import { QueueFilters } from "./QueueFilters";
import { QueueList } from "./QueueList";
import { useQueueFilters } from "./useQueueFilters";

function ProposalsView() {
  const { t } = useI18n();
  const filters = useQueueFilters();
  const { page, setFilter, query } = filters;
  const queue = useProposalQueue(query);
  // No review queue on this server (yet): shown as empty rather than broken.
  const missing = queue.error?.status === 404;

  return (
    <>
      <QueueFilters filters={filters} total={queue.data?.count} />

      {queue.error && !missing ? (
        <ErrorNotice error={queue.error} onRetry={() => void queue.refetch()} />
      ) : !queue.data && !missing ? (
        <Loading />
      ) : !queue.data || queue.data.results.length === 0 ? (
        <div className="card">
          <EmptyState
            icon={<ScaleIcon />}
            title={filters.filtered ? t("proposals.emptyFiltered.title") : t("proposals.empty.title")}
            body={filters.filtered ? t("proposals.emptyFiltered.body") : t("proposals.empty.body")}
          />
          {missing ? <p className="center muted small">{t("proposals.unavailable")}</p> : null}
        </div>
      ) : (
        <>
          {/* Decisions, selections and messages belong to the list they were made on. */}
          <QueueList key={JSON.stringify(query)} data={queue.data} />
          <Pagination
            page={page}
            pageCount={Math.ceil(queue.data.count / QUEUE_PAGE_SIZE)}
            onPage={(p) => setFilter("page", p > 1 ? String(p) : "")}
          />
        </>
      )}
    </>
  );
}

export function ProposalsPage() {
  const { t } = useI18n();
  useDocumentTitle(t("proposals.title"));
  return (
    <section className="section-page">
      <PageHeader title={t("proposals.title")} intro={t("proposals.intro")} badge={t("staffOnly")} />
      <RoleGate allow={["staff", "admin"]} audience={"gate.audience.staff" satisfies MessageKey}>
        {() => <ProposalsView />}
      </RoleGate>
    </section>
  );
}
