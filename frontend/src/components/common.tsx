// Small building blocks shared by the pages.
import type { ReactNode } from "react";
import { ApiError } from "../api";
import type { FieldError, FieldErrors } from "../api";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n";

export function PageHeader({
  title,
  intro,
  badge,
  actions,
  userContent = false,
}: {
  title: string;
  intro?: string;
  badge?: string;
  actions?: ReactNode;
  /** The title and intro are what a user typed: laid out in their own direction (dir="auto"). */
  userContent?: boolean;
}) {
  const dir = userContent ? "auto" : undefined;
  return (
    <header className="page-header">
      <div className="page-header__row">
        <h1 dir={dir}>
          {title}
          {badge ? <span className="badge badge--large">{badge}</span> : null}
        </h1>
        {actions ? <div className="page-header__actions">{actions}</div> : null}
      </div>
      {intro ? (
        <p className="page-header__intro" dir={dir}>
          {intro}
        </p>
      ) : null}
    </header>
  );
}

// Error codes the UI words itself (the API's messages are English).
const CODE_MESSAGES: Record<string, MessageKey> = {
  required: "error.required",
  blank: "error.required",
  null: "error.required",
  invalid_credentials: "error.invalidCredentials",
  unique: "error.emailTaken",
  password_too_short: "error.passwordTooShort",
  password_too_common: "error.passwordTooCommon",
  password_entirely_numeric: "error.passwordNumeric",
  password_too_similar: "error.passwordSimilar",
  min_length: "error.tooShort",
  invalid_country: "error.country",
  invalid_currency: "error.currency",
};

export function useErrorText(): (error: FieldError) => string {
  const { t, lang } = useI18n();
  return (error) => {
    const key = CODE_MESSAGES[error.code];
    // English readers get the API's own (more specific) wording, others a translation when we have one.
    if (key && (lang !== "en" || !error.message)) return t(key);
    return error.message || (key ? t(key) : error.code);
  };
}

export function FieldErrorText({ id, errors }: { id?: string; errors: FieldError[] | undefined }) {
  const text = useErrorText();
  if (!errors || errors.length === 0) return null;
  return (
    <span className="field__error" id={id} role="alert">
      {errors.map((error) => text(error)).join(" ")}
    </span>
  );
}

/** A labelled form control with its hint and API errors (wired with aria-describedby). */
export function Field({
  id,
  label,
  hint,
  errors,
  required,
  children,
  className,
}: {
  id: string;
  label: string;
  hint?: string;
  errors?: FieldError[];
  required?: boolean;
  children: (describedBy: string | undefined, invalid: boolean) => ReactNode;
  className?: string;
}) {
  const { t } = useI18n();
  const invalid = Boolean(errors && errors.length);
  const describedBy = [hint ? `${id}-hint` : "", invalid ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${invalid ? " field--invalid" : ""}${className ? ` ${className}` : ""}`}>
      <label htmlFor={id} className="field__label">
        {label}
        {required ? (
          <span className="field__required" title={t("form.required")}>
            {" *"}
          </span>
        ) : null}
      </label>
      {children(describedBy, invalid)}
      {hint ? (
        <span className="field__hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      <FieldErrorText id={`${id}-error`} errors={errors} />
    </div>
  );
}

/** Errors not tied to a visible field (non_field_errors, detail, unknown fields). */
export function FormErrors({ error, shown = [] }: { error: ApiError | null; shown?: string[] }) {
  const { t } = useI18n();
  const text = useErrorText();
  if (!error) return null;
  const rest = Object.entries(error.fields).filter(([name]) => !shown.includes(name));
  const messages: string[] = rest.flatMap(([name, errors]) =>
    errors.map((e) => (name === "non_field_errors" ? text(e) : `${name}: ${text(e)}`)),
  );
  if (messages.length === 0 && Object.keys(error.fields).length === 0) messages.push(apiErrorMessage(error, t));
  if (messages.length === 0) return null;
  return (
    <div className="notice notice--error" role="alert" data-testid="form-errors">
      {messages.length === 1 ? (
        messages[0]
      ) : (
        <ul>
          {messages.map((m, i) => (
            <li key={i}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** A sentence for an error that is not about a field. */
export function apiErrorMessage(
  error: unknown,
  t: (key: MessageKey, vars?: Record<string, string | number>) => string,
): string {
  if (!(error instanceof ApiError)) return t("error.generic");
  if (error.network) return t("error.network");
  if (error.status === 429) {
    // The server's Retry-After (e.g. 40 minutes for sign-ups), not a guess.
    const seconds = error.retryAfterSeconds;
    return seconds !== null
      ? t("error.throttledFor", { minutes: Math.max(1, Math.ceil(seconds / 60)) })
      : t("error.throttled");
  }
  if (error.status === 401 || error.status === 403) return t("error.forbidden");
  if (error.status === 404) return t("error.notFound");
  if (error.status === 409) return error.message || t("error.conflict");
  if (error.unavailable) return t("error.unavailable");
  if (error.status >= 500) return t("error.server");
  return error.message || t("error.generic");
}

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="notice notice--error" role="alert" data-testid="error-notice">
      <span>{apiErrorMessage(error, t)}</span>
      {onRetry ? (
        <button type="button" className="button button--ghost" onClick={onRetry}>
          {t("common.retry")}
        </button>
      ) : null}
    </div>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <p className="loading" role="status" data-testid="loading">
      <span className="spinner" aria-hidden="true" />
      {label ?? t("common.loading")}
    </p>
  );
}

export function Pagination({
  page,
  pageCount,
  onPage,
}: {
  page: number;
  pageCount: number;
  onPage: (page: number) => void;
}) {
  const { t } = useI18n();
  if (pageCount <= 1) return null;
  // First, last, and two either side of the current page.
  const pages = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pageCount])]
    .filter((p) => p >= 1 && p <= pageCount)
    .sort((a, b) => a - b);
  const items: (number | "gap")[] = [];
  pages.forEach((p, i) => {
    const previous = pages[i - 1];
    if (previous !== undefined && p - previous > 1) items.push("gap");
    items.push(p);
  });
  return (
    <nav className="pagination" aria-label={t("pagination.label")}>
      <button type="button" className="button button--ghost" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        <span aria-hidden="true" className="flip-rtl">
          ‹
        </span>{" "}
        {t("pagination.previous")}
      </button>
      <ul>
        {items.map((item, i) =>
          item === "gap" ? (
            <li key={`gap-${i}`} className="pagination__gap" aria-hidden="true">
              …
            </li>
          ) : (
            <li key={item}>
              <button
                type="button"
                className={`pagination__page${item === page ? " is-current" : ""}`}
                aria-current={item === page ? "page" : undefined}
                aria-label={t("pagination.page", { page: item })}
                onClick={() => onPage(item)}
              >
                {item}
              </button>
            </li>
          ),
        )}
      </ul>
      <button
        type="button"
        className="button button--ghost"
        disabled={page >= pageCount}
        onClick={() => onPage(page + 1)}
      >
        {t("pagination.next")}{" "}
        <span aria-hidden="true" className="flip-rtl">
          ›
        </span>
      </button>
    </nav>
  );
}

const STATUS_TONES: Record<string, string> = {
  open: "ok",
  verified: "ok",
  approved: "ok",
  deal: "ok",
  met: "ok",
  matched: "info",
  negotiating: "info",
  proposed: "pending",
  pending: "pending",
  awaiting_reply: "pending",
  draft: "unknown",
  partial: "pending",
  closed: "unknown",
  expired: "unknown",
  rejected: "down",
  no_deal: "down",
  not_met: "down",
};

export function StatusPill({ status, label }: { status: string; label: string }) {
  return (
    <span className={`pill pill--${STATUS_TONES[status] ?? "unknown"}`} data-status={status}>
      {label}
    </span>
  );
}

/** Translates `prefix.value` when the dictionary has it, else shows the raw value. */
export function useEnumLabel(): (prefix: string, value: string) => string {
  const { t, has } = useI18n();
  return (prefix, value) => {
    const key = `${prefix}.${value}`;
    return has(key) ? t(key) : value.replace(/_/g, " ");
  };
}

/** "→" that points the reading direction (Unicode arrows are not mirrored in right-to-left text). */
export function Arrow() {
  return (
    <span className="flip-rtl" aria-hidden="true">
      →
    </span>
  );
}

export type { FieldErrors };
