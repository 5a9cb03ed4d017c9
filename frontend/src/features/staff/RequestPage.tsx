// A purchase request as staff read it from the review queue: its facts, its buyer and the
// proposals made for it. Read-only: buyers edit their own requests.
import { Fragment } from "react";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import type { ProposalOutput, PurchaseRequestOutput } from "../../api";
import { ErrorNotice, Loading, PageHeader, StatusPill, useEnumLabel } from "../../components/common";
import { RoleGate } from "../../components/RoleGate";
import { countryName, formatDate, formatMoney, formatNumber, localizedText } from "../../format";
import { useI18n } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";
import { useStaffRequest } from "./hooks";

function RequestFacts({ request }: { request: PurchaseRequestOutput }) {
  const { t, lang } = useI18n();
  const enumLabel = useEnumLabel();
  const price = request.target_unit_price === null ? null : Number(request.target_unit_price);
  const rows: (readonly [string, ReactNode])[] = [
    [
      t("staff.request.buyer"),
      <>
        <Link to={`/staff/organizations/${request.buyer.id}`} data-testid="request-buyer">
          <bdi>{request.buyer.name}</bdi>
        </Link>
        {` · ${countryName(request.buyer.country, lang)}`}
        {request.buyer.buyer_type ? ` · ${enumLabel("buyerType", request.buyer.buyer_type)}` : ""}
      </>,
    ],
    ...(request.end_user ? ([[t("staff.request.endUser"), <bdi key="u">{request.end_user}</bdi>]] as const) : []),
    [
      t("staff.request.category"),
      request.category ? localizedText(request.category.names, lang, request.category.slug) : t("staff.request.none"),
    ],
    [t("staff.request.quantity"), `${formatNumber(request.quantity, lang)} ${request.unit}`],
    [t("staff.request.destination"), countryName(request.destination_country, lang)],
    [t("staff.request.neededBy"), request.needed_by ? formatDate(request.needed_by, lang) : t("staff.request.none")],
    [
      t("staff.request.targetPrice"),
      price === null ? t("staff.request.none") : formatMoney(price, request.currency, lang),
    ],
    ...(request.incoterm ? ([[t("staff.request.incoterm"), request.incoterm]] as const) : []),
    [
      t("staff.request.standards"),
      request.required_standards.length ? <bdi>{request.required_standards.join(", ")}</bdi> : t("staff.request.none"),
    ],
    [t("staff.request.created"), formatDate(request.created_at, lang)],
  ];
  return (
    <section className="card" aria-labelledby="request-facts">
      <h2 id="request-facts">{t("staff.org.details")}</h2>
      <dl className="org-facts" data-testid="request-facts">
        {rows.map(([label, value]) => (
          <Fragment key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
      </dl>
      {request.description ? (
        <>
          <h3>{t("staff.request.description")}</h3>
          <p dir="auto" lang={request.language || undefined} className="request-description">
            {request.description}
          </p>
        </>
      ) : null}
    </section>
  );
}

function RequestProposals({ proposals }: { proposals: ProposalOutput[] }) {
  const { t, lang } = useI18n();
  const enumLabel = useEnumLabel();
  if (proposals.length === 0) return <p className="muted">{t("staff.request.noProposals")}</p>;
  return (
    <div className="table-scroll">
      <table className="table table--compact" data-testid="request-proposals">
        <thead>
          <tr>
            <th scope="col">{t("proposals.col.score")}</th>
            <th scope="col">{t("proposals.product")}</th>
            <th scope="col">{t("staff.request.supplier")}</th>
            <th scope="col">{t("proposals.col.status")}</th>
          </tr>
        </thead>
        <tbody>
          {proposals.map((proposal) => (
            <tr key={proposal.id}>
              <td className="num">{formatNumber(Math.round(proposal.score), lang)}</td>
              <td>
                <Link to={`/products/${proposal.product.id}`}>
                  <bdi>{localizedText(proposal.product.names, lang, proposal.product.model_number)}</bdi>
                </Link>
              </td>
              <td>
                <Link to={`/staff/organizations/${proposal.vendor.id}`}>
                  <bdi>{proposal.vendor.name}</bdi>
                </Link>{" "}
                ({countryName(proposal.vendor.country, lang)})
              </td>
              <td>
                <StatusPill status={proposal.status} label={enumLabel("proposalStatus", proposal.status)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function StaffRequest({ requestId }: { requestId: number }) {
  const { t } = useI18n();
  const enumLabel = useEnumLabel();
  const { request, proposals } = useStaffRequest(requestId);
  useDocumentTitle(request.data?.title ?? t("staff.request.title"));
  if (request.isLoading) return <Loading />;
  if (request.error || !request.data) {
    return <ErrorNotice error={request.error} onRetry={() => void request.refetch()} />;
  }
  const data = request.data;
  return (
    <>
      <PageHeader
        title={data.title}
        userContent
        actions={<StatusPill status={data.status} label={enumLabel("requestStatus", data.status)} />}
      />
      <div className="review-layout">
        <div className="review-layout__main">
          <RequestFacts request={data} />
        </div>
        <aside className="review-layout__side">
          <section className="card" aria-labelledby="request-proposals">
            <h2 id="request-proposals">{t("staff.request.proposals")}</h2>
            {proposals.data ? (
              <RequestProposals proposals={proposals.data.results} />
            ) : proposals.error ? (
              <ErrorNotice error={proposals.error} />
            ) : (
              <Loading />
            )}
          </section>
        </aside>
      </div>
    </>
  );
}

export function RequestPage() {
  const { t } = useI18n();
  const { requestId } = useParams();
  const id = Number(requestId);
  return (
    <section>
      <p>
        <Link to="/proposals">
          <span className="flip-rtl" aria-hidden="true">
            ←
          </span>{" "}
          {t("staff.request.back")}
        </Link>
      </p>
      <RoleGate allow={["staff", "admin"]} audience="staff.audience">
        {() => (Number.isInteger(id) && id > 0 ? <StaffRequest requestId={id} /> : null)}
      </RoleGate>
    </section>
  );
}
