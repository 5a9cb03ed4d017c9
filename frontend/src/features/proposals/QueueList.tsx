// One page of the review queue with the decisions taken on it: selection, one-by-one approve
// (with undo) and reject, the bulk bar, and the table (or, on a phone, the cards).
import { useState } from "react";
import { ApiError } from "../../api";
import type { ApiData, BulkItem } from "../../api";
import { useIsPhone } from "../../components/useMediaQuery";
import { useI18n } from "../../i18n";
import { BulkBar } from "./BulkBar";
import { useProposalDecisions } from "./hooks";
import { buyerUnverified } from "./ProposalParts";
import type { Proposal } from "./ProposalParts";
import { ProposalItem } from "./ProposalItem";
import { RejectForm } from "./RejectForm";
import { useApproveWithUndo } from "./useApproveWithUndo";

type QueuePage = ApiData<"/api/v1/proposals/">;

const toggle = (set: Set<number>, id: number) => {
  const next = new Set(set);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
};

export function QueueList({ data }: { data: QueuePage }) {
  const { t } = useI18n();
  const phone = useIsPhone();
  const { approve, reject } = useProposalDecisions();
  const approvals = useApproveWithUndo();
  const { pending } = approvals;
  const [decided, setDecided] = useState<Map<number, Proposal>>(new Map());
  const [results, setResults] = useState<Map<number, BulkItem>>(new Map());
  const [expanded, setExpanded] = useState<Set<number>>(new Set());
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [verifyBuyer, setVerifyBuyer] = useState<Set<number>>(new Set());
  const [rejecting, setRejecting] = useState<number | null>(null);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);

  const proposals = data.results.map((p) => decided.get(p.id) ?? p);

  const setResult = (id: number, result: BulkItem) => setResults((current) => new Map(current).set(id, result));

  const decide = async (proposal: Proposal, action: "approve" | "reject", why = "", verify = false) => {
    setBusy(true);
    try {
      const path = { proposal_id: proposal.id };
      const updated =
        action === "approve"
          ? // An unverified buyer is refused (409 buyer_not_verified) unless staff verify it in the same step.
            await approve.mutateAsync({ params: { path }, body: { reason: why, verify_buyer: verify } })
          : await reject.mutateAsync({ params: { path }, body: { reason: why } });
      setDecided((current) => new Map(current).set(updated.id, updated));
      setResult(proposal.id, {
        id: proposal.id,
        ok: true,
        code: action === "approve" ? "approved" : "rejected",
        message: "",
      });
      setRejecting(null);
      setReason("");
      setSelected((current) => {
        const next = new Set(current);
        next.delete(proposal.id);
        return next;
      });
    } catch (caught) {
      setResult(proposal.id, {
        id: proposal.id,
        ok: false,
        code: caught instanceof ApiError ? caught.code : "error",
        message: caught instanceof ApiError ? caught.message : t("error.generic"),
      });
    } finally {
      setBusy(false);
    }
  };

  const approveWithUndo = (proposal: Proposal) => {
    const verify = buyerUnverified(proposal) && verifyBuyer.has(proposal.id);
    approvals.schedule(proposal.id, verify, () => void decide(proposal, "approve", "", verify));
    setResults((current) => {
      const next = new Map(current);
      next.delete(proposal.id);
      return next;
    });
  };

  const showResults = (items: BulkItem[]) =>
    setResults((current) => {
      const next = new Map(current);
      for (const item of items) next.set(item.id, item);
      return next;
    });

  const markDecided = (ids: number[], status: "approved" | "rejected") => {
    setDecided((current) => {
      const next = new Map(current);
      for (const proposal of proposals) {
        if (ids.includes(proposal.id)) next.set(proposal.id, { ...proposal, status });
      }
      return next;
    });
    setSelected(new Set());
  };

  const selectable = proposals.filter((p) => p.status === "proposed" && !pending.has(p.id));
  const allSelected = selectable.length > 0 && selectable.every((p) => selected.has(p.id));

  const items = proposals.map((proposal) => (
    <ProposalItem
      key={proposal.id}
      layout={phone ? "card" : "row"}
      proposal={proposal}
      open={expanded.has(proposal.id)}
      onToggle={() => setExpanded((s) => toggle(s, proposal.id))}
      selected={selected.has(proposal.id)}
      onSelect={() => setSelected((s) => toggle(s, proposal.id))}
      result={results.get(proposal.id)}
      pending={pending.get(proposal.id)}
      busy={busy}
      verifyBuyer={verifyBuyer.has(proposal.id)}
      onVerifyBuyer={() => setVerifyBuyer((s) => toggle(s, proposal.id))}
      onApprove={() => approveWithUndo(proposal)}
      onUndo={() => approvals.undo(proposal.id)}
      onReject={() => {
        setRejecting(proposal.id);
        setReason("");
        setExpanded((s) => new Set(s).add(proposal.id));
      }}
      rejectForm={
        rejecting === proposal.id ? (
          <RejectForm
            proposalId={proposal.id}
            reason={reason}
            onReasonChange={setReason}
            busy={busy}
            onSubmit={(why) => void decide(proposal, "reject", why)}
            onCancel={() => setRejecting(null)}
          />
        ) : null
      }
    />
  ));

  return (
    <>
      <BulkBar
        proposals={proposals}
        selected={selected}
        busy={busy}
        onBusy={setBusy}
        onResults={showResults}
        onDecided={markDecided}
      />

      {phone ? (
        <>
          {selectable.length > 0 ? (
            <label className="checkbox-field proposal-cards__select-all">
              <input
                type="checkbox"
                checked={allSelected}
                onChange={() => setSelected(allSelected ? new Set() : new Set(selectable.map((p) => p.id)))}
                data-testid="select-all"
              />
              <span>{t("proposals.selectAll")}</span>
            </label>
          ) : null}
          <ul className="proposal-cards" data-testid="proposal-cards">
            {items}
          </ul>
        </>
      ) : (
        <div className="table-wrap card card--flush">
          <table className="table proposals-table" data-testid="proposals-table">
            <thead>
              <tr>
                <th scope="col" className="select-col">
                  <input
                    type="checkbox"
                    checked={allSelected}
                    disabled={selectable.length === 0}
                    onChange={() => setSelected(allSelected ? new Set() : new Set(selectable.map((p) => p.id)))}
                    aria-label={t("proposals.selectAll")}
                    data-testid="select-all"
                  />
                </th>
                <th scope="col">{t("proposals.col.score")}</th>
                <th scope="col">{t("proposals.col.match")}</th>
                <th scope="col">{t("proposals.col.waiting")}</th>
                <th scope="col">{t("proposals.col.status")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("proposals.col.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>{items}</tbody>
          </table>
        </div>
      )}
    </>
  );
}
