import { useState } from "react";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import type { PurchaseRequestDetailOutput, RequestAuditEvent } from "../../api";
import { ErrorNotice, Loading, PageHeader, StatusPill, useEnumLabel } from "../../components/common";
import { RoleGate } from "../../components/RoleGate";
import { countryName, formatDate, formatMoney, localizedText } from "../../format";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";
import { EDITABLE_STATUSES, useRequest, useRequestActions, useRequestHistory, useRequestIntroductions } from "./hooks";
import { CategorySuggestion, RequestForm } from "./RequestForm";
import { RequestActions, useQuantityText } from "./RequestsPage";

function Fact({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={`fact${wide ? " fact--wide" : ""}`}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function RequestFacts({ request }: { request: PurchaseRequestDetailOutput }) {
  const { t, lang } = useI18n();
  const { update } = useRequestActions();
  const quantityText = useQuantityText();
  return (
    <section className="card stack" aria-labelledby="request-facts">
      <h2 id="request-facts">{t("requests.detail.fields")}</h2>
      <dl className="facts" data-testid="request-facts">
        <Fact label={t("requests.detail.category")}>
          {request.category
            ? `${localizedText(request.category.names, lang, request.category.slug)} (${request.category.hs_code})`
            : t("requests.noCategory")}
        </Fact>
        <Fact label={t("requests.detail.quantity")}>{quantityText(request.quantity, request.unit)}</Fact>
        <Fact label={t("requests.detail.destination")}>{countryName(request.destination_country, lang)}</Fact>
        <Fact label={t("requests.detail.neededBy")}>{formatDate(request.needed_by, lang) || "—"}</Fact>
        <Fact label={t("requests.detail.target")}>
          <span dir="ltr">
            {request.target_unit_price !== null
              ? formatMoney(Number(request.target_unit_price), request.currency, lang)
              : "—"}
          </span>
        </Fact>
        <Fact label={t("requests.detail.incoterm")}>{request.incoterm || "—"}</Fact>
        <Fact label={t("requests.detail.standards")}>
          {request.required_standards.length ? <bdi>{request.required_standards.join(", ")}</bdi> : "—"}
        </Fact>
        <Fact label={t("requests.detail.endUser")}>
          <span dir="auto">{request.end_user || "—"}</span>
        </Fact>
        <Fact label={t("requests.detail.buyer")}>
          <span dir="auto">{request.buyer.name}</span> · {countryName(request.buyer.country, lang)}
        </Fact>
        <Fact label={t("requests.detail.created")}>
          {formatDate(request.created_at, lang)}
          {request.import_batch !== null ? ` · ${t("requests.detail.imported")}` : ""}
        </Fact>
        {request.description ? (
          <Fact label={t("requests.detail.description")} wide>
            <span dir="auto" className="pre-line">
              {request.description}
            </span>
          </Fact>
        ) : null}
      </dl>
      {request.suggested_category && !request.category ? (
        <CategorySuggestion
          category={request.suggested_category}
          message="requests.suggest.saved"
          busy={update.isPending}
          onUse={() =>
            update.mutate({
              params: { path: { request_id: request.id } },
              body: { category: request.suggested_category?.id ?? null },
            })
          }
        />
      ) : null}
    </section>
  );
}

function Duplicates({ request }: { request: PurchaseRequestDetailOutput }) {
  const { t } = useI18n();
  const enumLabel = useEnumLabel();
  if (!request.duplicates.length) return null;
  return (
    <section className="card stack" aria-labelledby="request-duplicates" data-testid="request-duplicates">
      <h2 id="request-duplicates">{t("requests.duplicates.title")}</h2>
      <p className="muted">{t("requests.duplicates.intro")}</p>
      <ul className="plain-list">
        {request.duplicates.map((flag) => (
          <li key={flag.id} className="duplicate" data-testid="duplicate-flag">
            <p>
              <strong>{flag.reason}</strong>{" "}
              <StatusPill
                status={flag.status === "open" ? "pending" : "closed"}
                label={enumLabel("requests.duplicateStatus", flag.status)}
              />
            </p>
            <p className="muted small">
              {flag.newer ? t("requests.duplicates.newer") : t("requests.duplicates.older")}{" "}
              {flag.other_request !== null ? (
                <Link to={`/requests/${flag.other_request}`} dir="auto">
                  {flag.other_title}
                </Link>
              ) : (
                t("requests.duplicates.hidden")
              )}{" "}
              ({enumLabel("requestStatus", flag.other_status)})
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

// The request's fields by the words the page uses for them (an edit's history lists them).
const FIELD_LABELS: Record<string, MessageKey> = {
  title: "requests.col.request",
  description: "requests.detail.description",
  category: "requests.detail.category",
  end_user: "requests.detail.endUser",
  quantity: "requests.detail.quantity",
  unit: "requests.form.unit",
  destination_country: "requests.detail.destination",
  needed_by: "requests.detail.neededBy",
  required_standards: "requests.detail.standards",
  target_unit_price: "requests.detail.target",
  currency: "requests.form.currency",
  incoterm: "requests.detail.incoterm",
};

function historyText(
  event: RequestAuditEvent,
  t: (key: MessageKey, vars?: Record<string, string | number>) => string,
  enumLabel: (prefix: string, value: string) => string,
  has: (key: string) => boolean,
): string {
  const key = `requests.history.${event.action}`;
  const fields = Array.isArray(event.details.fields)
    ? (event.details.fields as string[])
        .filter((name) => name !== "language")
        .map((name) => (FIELD_LABELS[name] ? t(FIELD_LABELS[name]) : name))
        .join(", ")
    : "";
  const vars = {
    from: event.from_state ? enumLabel("requestStatus", event.from_state) : "",
    to: event.to_state ? enumLabel("requestStatus", event.to_state) : "",
    fields,
  };
  return has(key) ? t(key as MessageKey, vars) : event.action;
}

function History({ requestId }: { requestId: number }) {
  const { t, lang, has } = useI18n();
  const enumLabel = useEnumLabel();
  const history = useRequestHistory(requestId);
  return (
    <section className="card stack" aria-labelledby="request-history">
      <h2 id="request-history">{t("requests.history.title")}</h2>
      {history.isError ? (
        <ErrorNotice error={history.error} onRetry={() => void history.refetch()} />
      ) : !history.data ? (
        <Loading />
      ) : history.data.results.length === 0 ? (
        <p className="muted">{t("requests.history.empty")}</p>
      ) : (
        <ol className="timeline" data-testid="request-history">
          {history.data.results.map((event) => (
            <li key={event.id} data-testid="history-event" data-action={event.action}>
              <time dateTime={event.created_at} className="muted small">
                {formatDate(event.created_at, lang)}
              </time>{" "}
              <span>{historyText(event, t, enumLabel, has)}</span>{" "}
              <span className="muted small">
                {has(`requests.history.by.${event.actor_role}`)
                  ? t(`requests.history.by.${event.actor_role}` as MessageKey)
                  : event.actor_role}
              </span>
              {event.reason ? (
                <div className="muted small" dir="auto">
                  {event.reason}
                </div>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function Introductions({ requestId }: { requestId: number }) {
  const { t, lang } = useI18n();
  const enumLabel = useEnumLabel();
  const introductions = useRequestIntroductions(requestId);
  return (
    <section className="card stack" aria-labelledby="request-introductions">
      <h2 id="request-introductions">{t("requests.introductions.title")}</h2>
      {introductions.isError ? (
        <ErrorNotice error={introductions.error} onRetry={() => void introductions.refetch()} />
      ) : !introductions.data ? (
        <Loading />
      ) : introductions.data.results.length === 0 ? (
        <p className="muted" data-testid="no-introductions">
          {t("requests.introductions.empty")}
        </p>
      ) : (
        <>
          <ul className="plain-list" data-testid="request-introductions">
            {introductions.data.results.map((intro) => (
              <li key={intro.id} className="intro-line" data-testid="request-introduction">
                <div>
                  <strong dir="auto">{intro.vendor.name}</strong>
                  <span className="muted small"> · {countryName(intro.vendor.country, lang)}</span>
                </div>
                <div className="muted small" dir="auto">
                  {intro.product ? localizedText(intro.product.names, lang, intro.product.model_number) : "—"}
                </div>
                <div>
                  <StatusPill status={intro.status} label={enumLabel("introductionStatus", intro.status)} />{" "}
                  <span className="muted small">
                    {t("requests.introductions.since")} {formatDate(intro.created_at, lang)}
                  </span>
                </div>
              </li>
            ))}
          </ul>
          <p>
            <Link to="/introductions">{t("requests.introductions.open")}</Link>
          </p>
        </>
      )}
    </section>
  );
}

function RequestDetail({ requestId }: { requestId: number }) {
  const { t } = useI18n();
  const enumLabel = useEnumLabel();
  const request = useRequest(requestId);
  const [editing, setEditing] = useState(false);
  const [savedNotice, setSavedNotice] = useState(false);
  useDocumentTitle(request.data?.title ?? t("requests.title"));

  if (request.isError) {
    return (
      <>
        <PageHeader title={t("requests.title")} />
        {request.error.status === 404 ? (
          <p className="notice notice--error" data-testid="request-not-found">
            {t("requests.detail.notFound")}
          </p>
        ) : (
          <ErrorNotice error={request.error} onRetry={() => void request.refetch()} />
        )}
      </>
    );
  }
  if (!request.data) return <Loading />;
  const data = request.data;
  const editable = EDITABLE_STATUSES.includes(data.status);
  return (
    <>
      <PageHeader title={data.title} />
      <div className="toolbar detail-toolbar">
        <StatusPill status={data.status} label={enumLabel("requestStatus", data.status)} />
        {data.has_duplicates ? <span className="tag tag--warn">{t("requests.duplicate")}</span> : null}
        <div className="toolbar__end">
          {editable && !editing ? (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setSavedNotice(false);
                setEditing(true);
              }}
              data-testid="edit-request"
            >
              {t("requests.detail.edit")}
            </button>
          ) : null}
          <RequestActions request={data} />
        </div>
      </div>
      {!editable ? <p className="muted small">{t("requests.detail.editLocked")}</p> : null}
      {savedNotice ? (
        <p className="notice notice--ok" role="status" data-testid="request-saved">
          {t("requests.detail.saved")}
        </p>
      ) : null}
      {editing ? (
        <RequestForm
          request={data}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            setSavedNotice(true);
          }}
        />
      ) : (
        <RequestFacts request={data} />
      )}
      <Duplicates request={data} />
      <Introductions requestId={requestId} />
      <History requestId={requestId} />
    </>
  );
}

export function RequestDetailPage() {
  const { t } = useI18n();
  const { id = "" } = useParams();
  const requestId = /^\d+$/.test(id) ? Number(id) : null;
  return (
    <section className="section-page request-detail">
      <p className="breadcrumb">
        <Link to="/requests">{t("requests.detail.back")}</Link>
      </p>
      <RoleGate allow={["buyer", "staff", "admin"]} audience="gate.audience.buyers">
        {() =>
          requestId === null ? (
            <>
              <PageHeader title={t("requests.title")} />
              <p className="notice notice--error" data-testid="request-not-found">
                {t("requests.detail.notFound")}
              </p>
            </>
          ) : (
            <RequestDetail requestId={requestId} />
          )
        }
      </RoleGate>
    </section>
  );
}
