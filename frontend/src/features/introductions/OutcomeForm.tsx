// Recording how an introduction went: negotiating, a deal (quantity, value, currency) or no deal (why).
import { useState } from "react";
import type { FormEvent } from "react";
import { ApiError } from "../../api";
import type { ApiInit, IntroductionOutput } from "../../api";
import { Field, FormErrors, useEnumLabel } from "../../components/common";
import { COMMON_CURRENCIES } from "../../format";
import { useI18n } from "../../i18n";
import { useIntroductionOutcome } from "./hooks";

// Mirrors INTRODUCTION_TRANSITIONS on the server; the server has the last word.
const NEXT: Record<string, string[]> = { awaiting_reply: ["negotiating", "no_deal"], negotiating: ["deal", "no_deal"] };

export function OutcomeForm({
  introduction,
  onSaved,
}: {
  introduction: IntroductionOutput;
  onSaved: (updated: IntroductionOutput) => void;
}) {
  const { t } = useI18n();
  const enumLabel = useEnumLabel();
  const options = NEXT[introduction.status] ?? [];
  const [status, setStatus] = useState(options[0] ?? "");
  const [quantity, setQuantity] = useState("");
  const [value, setValue] = useState("");
  const [currency, setCurrency] = useState(introduction.product?.currency || "USD");
  const [reason, setReason] = useState("");
  const outcome = useIntroductionOutcome();
  const error = outcome.error;
  const busy = outcome.isPending;
  const [open, setOpen] = useState(false);
  if (options.length === 0) return null;
  const id = `outcome-${introduction.id}`;
  if (!open) {
    return (
      <div className="outcome-form">
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={() => setOpen(true)}
          data-testid="outcome-open"
        >
          {t("introductions.outcome.title")}
        </button>
      </div>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body: ApiInit<"/api/v1/introductions/{introduction_id}/outcome/", "post">["body"] = {
      status,
      reason: reason.trim(),
      deal_currency: "",
      ...(status === "deal"
        ? {
            deal_quantity: quantity === "" ? null : Number(quantity),
            deal_value: value === "" ? null : value,
            deal_currency: currency,
          }
        : {}),
    };
    outcome.mutate({ params: { path: { introduction_id: introduction.id } }, body }, { onSuccess: onSaved });
  };

  return (
    <form className="outcome-form" onSubmit={onSubmit} noValidate data-testid="outcome-form">
      <h4>{t("introductions.outcome.title")}</h4>
      <FormErrors error={error} shown={["status", "deal_quantity", "deal_value", "deal_currency", "reason"]} />
      <fieldset className="choice-row">
        <legend className="visually-hidden">{t("introductions.outcome.title")}</legend>
        {options.map((option) => (
          <label key={option} className={`choice-pill${status === option ? " is-selected" : ""}`}>
            <input
              type="radio"
              name={`${id}-status`}
              value={option}
              checked={status === option}
              onChange={() => setStatus(option)}
            />
            {enumLabel("introductionOutcome", option)}
          </label>
        ))}
      </fieldset>
      {error?.fields.status ? (
        <FormErrors error={new ApiError(400, "invalid", "", { status: error.fields.status })} />
      ) : null}
      {status === "deal" ? (
        <div className="form-grid form-grid--three">
          <Field
            id={`${id}-quantity`}
            label={t("introductions.outcome.quantity")}
            errors={error?.fields.deal_quantity}
            required
          >
            {(d, invalid) => (
              <input
                id={`${id}-quantity`}
                type="number"
                min={1}
                step={1}
                value={quantity}
                onChange={(e) => setQuantity(e.target.value)}
                aria-describedby={d}
                aria-invalid={invalid}
                dir="ltr"
              />
            )}
          </Field>
          <Field id={`${id}-value`} label={t("introductions.outcome.value")} errors={error?.fields.deal_value} required>
            {(d, invalid) => (
              <input
                id={`${id}-value`}
                type="number"
                min={0}
                step="0.01"
                value={value}
                onChange={(e) => setValue(e.target.value)}
                aria-describedby={d}
                aria-invalid={invalid}
                dir="ltr"
              />
            )}
          </Field>
          <Field
            id={`${id}-currency`}
            label={t("introductions.outcome.currency")}
            errors={error?.fields.deal_currency}
            required
          >
            {(d, invalid) => (
              <select
                id={`${id}-currency`}
                value={currency}
                onChange={(e) => setCurrency(e.target.value)}
                aria-describedby={d}
                aria-invalid={invalid}
              >
                {[...new Set([currency, ...COMMON_CURRENCIES])].map((code) => (
                  <option key={code} value={code}>
                    {code}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      ) : null}
      <Field
        id={`${id}-reason`}
        label={status === "no_deal" ? t("introductions.outcome.reason") : t("introductions.outcome.note")}
        errors={error?.fields.reason}
        required={status === "no_deal"}
      >
        {(d, invalid) => (
          <textarea
            id={`${id}-reason`}
            rows={2}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-describedby={d}
            aria-invalid={invalid}
            maxLength={2000}
            dir="auto"
          />
        )}
      </Field>
      <div className="form-actions">
        <button
          type="submit"
          className="button button--primary button--small"
          disabled={busy}
          data-testid="outcome-submit"
        >
          {t("introductions.outcome.save")}
        </button>
        <button type="button" className="button button--ghost button--small" onClick={() => setOpen(false)}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
