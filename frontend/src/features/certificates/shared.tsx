// Small pieces the certificate pages share.
import { StatusPill, useEnumLabel } from "../../components/common";
import { useI18n } from "../../i18n";
import { timeLeftParts } from "./hooks";

export function ApplicationStatus({ status }: { status: string }) {
  const label = useEnumLabel();
  return <StatusPill status={status} label={label("certificates.status", status)} />;
}

/** Time left against the review target; paused while more information is awaited. */
export function TimeLeft({ seconds, paused }: { seconds: number | null; paused: boolean }) {
  const { t } = useI18n();
  if (seconds === null) return <span className="muted">—</span>;
  const { overdue, hours, minutes } = timeLeftParts(seconds);
  const text = t(overdue ? "certificates.timeLeft.overdue" : "certificates.timeLeft.left", { hours, minutes });
  return (
    <span data-testid="time-left" className={overdue ? "field__error" : undefined}>
      {text}
      {paused ? ` (${t("certificates.timeLeft.paused")})` : ""}
    </span>
  );
}
