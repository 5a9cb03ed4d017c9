// The reason box that opens under a proposal when a reviewer rejects it one by one.
import { useI18n } from "../../i18n";

export function RejectForm({
  proposalId,
  reason,
  onReasonChange,
  busy,
  onSubmit,
  onCancel,
}: {
  proposalId: number;
  reason: string;
  onReasonChange: (reason: string) => void;
  busy: boolean;
  /** Called with the trimmed reason; never with an empty one. */
  onSubmit: (reason: string) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  return (
    <form
      className="reject-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim()) onSubmit(reason.trim());
      }}
      data-testid="reject-form"
    >
      <label htmlFor={`reject-${proposalId}`}>{t("proposals.rejectReason")}</label>
      <textarea
        id={`reject-${proposalId}`}
        rows={2}
        value={reason}
        onChange={(e) => onReasonChange(e.target.value)}
        required
        maxLength={2000}
        dir="auto"
        // The reason box opens on the reviewer's click: typing goes straight in.
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus
      />
      <div className="form-actions">
        <button
          type="submit"
          className="button button--danger button--small"
          disabled={busy || !reason.trim()}
          data-testid="confirm-reject"
        >
          {t("proposals.confirmReject")}
        </button>
        <button type="button" className="button button--ghost button--small" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
