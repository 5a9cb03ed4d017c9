// One proposal of the review queue: a table row on wide screens, a card on a phone.
import { Fragment } from "react";
import type { ReactNode } from "react";
import type { BulkItem } from "../../api";
import { StatusPill, useEnumLabel } from "../../components/common";
import { ChevronIcon } from "../../components/Icons";
import { countryName, formatNumber } from "../../format";
import { useI18n } from "../../i18n";
import { buyerUnverified, Explanation, productName, RequestLine, ScoreBar, waitingFor } from "./ProposalParts";
import type { Proposal } from "./ProposalParts";
import type { PendingApproval } from "./useApproveWithUndo";

export function ProposalItem({
  layout,
  proposal,
  open,
  onToggle,
  selected,
  onSelect,
  result,
  pending,
  busy,
  verifyBuyer,
  onVerifyBuyer,
  onApprove,
  onUndo,
  onReject,
  rejectForm,
}: {
  layout: "row" | "card";
  proposal: Proposal;
  open: boolean;
  onToggle: () => void;
  selected: boolean;
  onSelect: () => void;
  result: BulkItem | undefined;
  pending: PendingApproval | undefined;
  busy: boolean;
  verifyBuyer: boolean;
  onVerifyBuyer: () => void;
  onApprove: () => void;
  onUndo: () => void;
  onReject: () => void;
  rejectForm: ReactNode;
}) {
  const { t, lang } = useI18n();
  const enumLabel = useEnumLabel();
  const name = productName(proposal, lang);
  const detailsId = `proposal-${proposal.id}-details`;
  const proposed = proposal.status === "proposed";

  const select = (
    <input
      type="checkbox"
      checked={selected}
      disabled={!proposed || pending !== undefined}
      onChange={onSelect}
      aria-label={t("proposals.select", { name })}
    />
  );
  const match = (
    <>
      <button
        type="button"
        className="expand-button"
        aria-expanded={open}
        aria-controls={detailsId}
        onClick={onToggle}
        data-testid="expand"
      >
        <span className="expand-button__chevron" aria-hidden="true">
          <ChevronIcon />
        </span>
        <span>
          <strong dir="auto">{name}</strong>
          <span className="muted">
            {" · "}
            <bdi>{proposal.vendor.name}</bdi> ({countryName(proposal.vendor.country, lang)})
          </span>
        </span>
      </button>
      <RequestLine proposal={proposal} />
    </>
  );
  const waiting = (
    <>
      {waitingFor(proposal.age_hours, lang)}
      {proposal.overdue && proposed ? (
        <span className="tag tag--warn" data-testid="overdue">
          {t("proposals.overdue")}
        </span>
      ) : null}
    </>
  );
  const status = (
    <>
      <StatusPill status={proposal.status} label={enumLabel("proposalStatus", proposal.status)} />
      {result ? (
        <div
          className={`item-result item-result--${result.ok ? "ok" : "error"}`}
          data-testid="item-result"
          role={result.ok ? "status" : "alert"}
        >
          {result.ok
            ? enumLabel("proposalResult", result.code)
            : result.message || enumLabel("proposalResult", result.code)}
        </div>
      ) : null}
    </>
  );
  const secondsLeft = pending ? Math.max(1, Math.ceil((pending.deadline - Date.now()) / 1000)) : 0;
  const actions = !proposed ? null : pending ? (
    <div className="undo-approval" role="status" data-testid="approving">
      <span>{t("proposals.approving", { seconds: formatNumber(secondsLeft, lang) })}</span>
      <button type="button" className="button button--ghost button--small" onClick={onUndo} data-testid="undo">
        {t("proposals.undo")}
      </button>
    </div>
  ) : (
    <>
      {buyerUnverified(proposal) ? (
        <label className="checkbox-field verify-buyer">
          <input type="checkbox" checked={verifyBuyer} onChange={onVerifyBuyer} data-testid="verify-buyer" />
          <span>{t("proposals.verifyBuyer")}</span>
        </label>
      ) : null}
      <button
        type="button"
        className="button button--primary button--small"
        disabled={busy}
        onClick={onApprove}
        data-testid="approve"
      >
        {t("proposals.approve")}
      </button>
      <button
        type="button"
        className="button button--ghost button--small"
        disabled={busy}
        onClick={onReject}
        data-testid="reject"
      >
        {t("proposals.reject")}
      </button>
    </>
  );
  const details = open ? (
    <>
      {rejectForm}
      <Explanation proposal={proposal} />
    </>
  ) : null;

  if (layout === "card") {
    return (
      <li className={`card proposal-card${open ? " is-open" : ""}`} data-testid="proposal-row" data-id={proposal.id}>
        <div className="proposal-card__head">
          {select}
          <ScoreBar score={proposal.score} />
          <div className="proposal-card__status">{status}</div>
        </div>
        <div className="proposal-card__match">{match}</div>
        <div className="proposal-card__waiting muted small">
          {t("proposals.col.waiting")}: {waiting}
        </div>
        {actions ? <div className="proposal-card__actions">{actions}</div> : null}
        {details ? (
          <div className="proposal-card__details" id={detailsId}>
            {details}
          </div>
        ) : null}
      </li>
    );
  }
  return (
    <Fragment>
      <tr className={`proposal-row${open ? " is-open" : ""}`} data-testid="proposal-row" data-id={proposal.id}>
        <td className="select-col">{select}</td>
        <td>
          <ScoreBar score={proposal.score} />
        </td>
        <td className="proposal-row__match">{match}</td>
        <td className="nowrap">{waiting}</td>
        <td>{status}</td>
        <td className="actions">{actions}</td>
      </tr>
      {details ? (
        <tr className="proposal-details" id={detailsId}>
          <td colSpan={6}>{details}</td>
        </tr>
      ) : null}
    </Fragment>
  );
}
