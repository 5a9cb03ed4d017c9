// The bar that approves or rejects every selected proposal in one request, with its own
// choice of action, reason and "verify the buyers" box, and the message about how it went.
import { useState } from "react";
import type { FormEvent } from "react";
import { ApiError } from "../../api";
import type { BulkItem } from "../../api";
import { apiErrorMessage } from "../../components/common";
import { formatNumber } from "../../format";
import { useI18n } from "../../i18n";
import { useProposalDecisions } from "./hooks";
import { buyerUnverified } from "./ProposalParts";
import type { Proposal } from "./ProposalParts";

/** The per-item results of a refused bulk request (a 4xx body lists which items failed and why). */
export function parseBulkResults(body: unknown): BulkItem[] {
  const record = typeof body === "object" && body !== null ? (body as { results?: unknown }) : {};
  const list: unknown[] = Array.isArray(record.results) ? record.results : [];
  return list.filter(
    (item): item is BulkItem => typeof item === "object" && item !== null && typeof (item as BulkItem).id === "number",
  );
}

export function BulkBar({
  proposals,
  selected,
  busy,
  onBusy,
  onResults,
  onDecided,
}: {
  /** The list on screen, for which of the selected have an unverified buyer. */
  proposals: Proposal[];
  selected: Set<number>;
  /** A decision (one or bulk) is under way: confirming is disabled. */
  busy: boolean;
  onBusy: (busy: boolean) => void;
  /** The result of each item the server answered for, shown on its row. */
  onResults: (items: BulkItem[]) => void;
  /** The ids the server decided; the selection is the caller's to clear. */
  onDecided: (ids: number[], status: "approved" | "rejected") => void;
}) {
  const { t, lang } = useI18n();
  const { bulk: bulkDecide } = useProposalDecisions();
  const [bulk, setBulk] = useState<"none" | "approve" | "reject">("none");
  const [bulkReason, setBulkReason] = useState("");
  const [bulkVerify, setBulkVerify] = useState(false);
  const [bulkMessage, setBulkMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);

  const selectedUnverified = proposals.some((p) => selected.has(p.id) && buyerUnverified(p));

  const runBulk = async (event: FormEvent) => {
    event.preventDefault();
    if (bulk === "none") return;
    const ids = [...selected];
    onBusy(true);
    setBulkMessage(null);
    try {
      const body = await bulkDecide.mutateAsync({
        body: { action: bulk, ids, reason: bulkReason.trim(), verify_buyer: bulk === "approve" && bulkVerify },
      });
      const items = body.results;
      onResults(items);
      const done = items.filter((i) => i.ok);
      setBulkMessage({
        tone: "ok",
        text: t(bulk === "approve" ? "proposals.bulk.approved" : "proposals.bulk.rejected", {
          count: formatNumber(done.length, lang),
        }),
      });
      onDecided(
        done.map((item) => item.id),
        bulk === "approve" ? "approved" : "rejected",
      );
      setBulk("none");
      setBulkReason("");
      setBulkVerify(false);
    } catch (caught) {
      const items = caught instanceof ApiError ? parseBulkResults(caught.body) : [];
      onResults(items);
      const reasonMissing = caught instanceof ApiError && caught.fields.reason;
      const failed = items.filter((item) => !item.ok).length;
      setBulkMessage({
        tone: "error",
        text: reasonMissing
          ? t("proposals.reasonRequired")
          : failed
            ? t("proposals.bulk.failedItems", { count: formatNumber(failed, lang) })
            : `${t("proposals.bulk.failed")} ${apiErrorMessage(caught, t)}`,
      });
    } finally {
      onBusy(false);
    }
  };

  if (selected.size === 0 && !bulkMessage) return null;
  return (
    <form className="bulk-bar" onSubmit={runBulk} data-testid="bulk-bar" aria-live="polite">
      {selected.size > 0 ? (
        <>
          <strong>{t("proposals.bulk.selected", { count: formatNumber(selected.size, lang) })}</strong>
          {bulk === "none" ? (
            <>
              <button
                type="button"
                className="button button--primary button--small"
                onClick={() => setBulk("approve")}
                data-testid="bulk-approve"
              >
                {t("proposals.bulk.approve")}
              </button>
              <button
                type="button"
                className="button button--danger button--small"
                onClick={() => setBulk("reject")}
                data-testid="bulk-reject"
              >
                {t("proposals.bulk.reject")}
              </button>
            </>
          ) : (
            <>
              <input
                className="bulk-bar__reason"
                value={bulkReason}
                onChange={(e) => setBulkReason(e.target.value)}
                placeholder={bulk === "reject" ? t("proposals.reasonPlaceholder") : t("proposals.notePlaceholder")}
                aria-label={t("proposals.reason")}
                required={bulk === "reject"}
                maxLength={2000}
                dir="auto"
                data-testid="bulk-reason"
              />
              {bulk === "approve" && selectedUnverified ? (
                <label className="checkbox-field">
                  <input
                    type="checkbox"
                    checked={bulkVerify}
                    onChange={(e) => setBulkVerify(e.target.checked)}
                    data-testid="bulk-verify-buyer"
                  />
                  <span>{t("proposals.bulk.verifyBuyers")}</span>
                </label>
              ) : null}
              <button
                type="submit"
                className={`button button--small ${bulk === "approve" ? "button--primary" : "button--danger"}`}
                disabled={busy || (bulk === "reject" && !bulkReason.trim())}
                data-testid="bulk-confirm"
              >
                {t(bulk === "approve" ? "proposals.bulk.confirmApprove" : "proposals.bulk.confirmReject", {
                  count: formatNumber(selected.size, lang),
                })}
              </button>
              <button type="button" className="button button--ghost button--small" onClick={() => setBulk("none")}>
                {t("common.cancel")}
              </button>
            </>
          )}
        </>
      ) : null}
      {bulkMessage ? (
        <span
          className={`bulk-bar__message bulk-bar__message--${bulkMessage.tone}`}
          role={bulkMessage.tone === "error" ? "alert" : "status"}
          data-testid="bulk-message"
        >
          {bulkMessage.text}
        </span>
      ) : null}
    </form>
  );
}
