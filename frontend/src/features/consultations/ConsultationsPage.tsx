import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link, useNavigate, useSearchParams } from "react-router";
import type { ApiError } from "../../api";
import { isStaffRole } from "../../auth";
import type { User } from "../../auth";
import {
  ErrorNotice,
  Field,
  FormErrors,
  Loading,
  PageHeader,
  Pagination,
  StatusPill,
  useEnumLabel,
} from "../../components/common";
import { EmptyState } from "../../components/EmptyState";
import { ScaleIcon } from "../../components/Icons";
import { applyApiErrors, fieldErrors } from "../../components/form";
import { RoleGate } from "../../components/RoleGate";
import { formatDate } from "../../format";
import { useI18n } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";
import { CONSULTATION_TOPICS, useConsultationActions, useConsultations } from "./hooks";
import { uploadAttachment } from "./upload";
import "../certificates/certificates.css";

/** Members ask a lawyer; advisers and staff see every consultation. */
export function ConsultationsPage() {
  const { t } = useI18n();
  useDocumentTitle(t("consultations.title"));
  return (
    <section className="container page">
      <PageHeader title={t("consultations.title")} intro={t("consultations.intro")} />
      <RoleGate allow={["vendor", "buyer", "staff", "admin"]} audience="gate.audience.members">
        {(user) => (
          <div className="stack">
            {isStaffRole(user.role) ? null : <AskForm />}
            <ConsultationList user={user} />
          </div>
        )}
      </RoleGate>
    </section>
  );
}

const FIELDS = ["topic", "subject", "description"] as const;
type Values = { topic: string; subject: string; description: string; files: FileList | null };

function AskForm() {
  const { t } = useI18n();
  const label = useEnumLabel();
  const navigate = useNavigate();
  const { create } = useConsultationActions();
  const form = useForm<Values>({
    defaultValues: { topic: "force_majeure", subject: "", description: "", files: null },
  });
  const [formError, setFormError] = useState<ApiError | null>(null);
  const submit = form.handleSubmit(async ({ files, ...body }) => {
    setFormError(null);
    try {
      const created = await create.mutateAsync({
        body: { ...body, topic: body.topic as (typeof CONSULTATION_TOPICS)[number] },
      });
      for (const file of Array.from(files ?? [])) await uploadAttachment(created.id, file);
      void navigate(`/consultations/${created.id}`);
    } catch (error) {
      setFormError(applyApiErrors(form, error, FIELDS));
    }
  });
  return (
    <form className="card stack" onSubmit={(event) => void submit(event)} data-testid="ask-form" noValidate>
      <h2>{t("consultations.ask.title")}</h2>
      <Field id="c-topic" label={t("consultations.topic")} errors={fieldErrors(form, "topic")}>
        {(describedBy) => (
          <select id="c-topic" aria-describedby={describedBy} {...form.register("topic")}>
            {CONSULTATION_TOPICS.map((topic) => (
              <option key={topic} value={topic}>
                {label("consultations.topic", topic)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="c-subject" label={t("consultations.subject")} errors={fieldErrors(form, "subject")} required>
        {(describedBy, invalid) => (
          <input
            id="c-subject"
            maxLength={255}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            {...form.register("subject")}
          />
        )}
      </Field>
      <Field
        id="c-description"
        label={t("consultations.description")}
        errors={fieldErrors(form, "description")}
        required
      >
        {(describedBy, invalid) => (
          <textarea
            id="c-description"
            rows={5}
            maxLength={10000}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            {...form.register("description")}
          />
        )}
      </Field>
      <label>
        {t("consultations.attachments")}{" "}
        <input type="file" multiple accept="application/pdf,image/png,image/jpeg" {...form.register("files")} />
      </label>
      <FormErrors error={formError} shown={[...FIELDS]} />
      <button
        type="submit"
        className="button button--primary"
        disabled={form.formState.isSubmitting}
        data-testid="ask-submit"
      >
        {t("consultations.ask.submit")}
      </button>
    </form>
  );
}

function ConsultationList({ user }: { user: User }) {
  const { t, lang } = useI18n();
  const label = useEnumLabel();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const { data, error, isLoading, refetch } = useConsultations(page);
  if (isLoading) return <Loading />;
  if (error) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (!data || data.results.length === 0)
    return <EmptyState icon={<ScaleIcon />} title={t("consultations.empty")} body="" />;
  return (
    <>
      {/* Scrolls sideways inside its card on a phone, not the page. */}
      <div className="table-wrap card card--flush">
        <table className="table" data-testid="consultations">
          <thead>
            <tr>
              <th>{t("consultations.subject")}</th>
              <th>{t("consultations.topic")}</th>
              {isStaffRole(user.role) ? <th>{t("consultations.member")}</th> : null}
              <th>{t("consultations.adviser")}</th>
              <th>{t("consultations.status.label")}</th>
            </tr>
          </thead>
          <tbody>
            {data.results.map((c) => (
              <tr key={c.id} data-testid="consultation-row">
                <td>
                  <Link to={`/consultations/${c.id}`} dir="auto">
                    {c.subject}
                  </Link>
                  <div className="muted">{formatDate(c.created_at, lang)}</div>
                </td>
                <td>{label("consultations.topic", c.topic)}</td>
                {isStaffRole(user.role) ? (
                  <td>
                    <bdi>{c.organization_name}</bdi>
                  </td>
                ) : null}
                <td>
                  <bdi>{c.adviser?.name ?? "—"}</bdi>
                </td>
                <td>
                  <StatusPill status={c.status} label={label("consultations.status", c.status)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination
        page={page}
        pageCount={Math.ceil(data.count / 20)}
        onPage={(next) => setParams((p) => (p.set("page", String(next)), p))}
      />
    </>
  );
}
