import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useParams } from "react-router";
import type { ConsultationOutput } from "../../api";
import { isStaffRole } from "../../auth";
import type { User } from "../../auth";
import { ErrorNotice, FormErrors, Loading, PageHeader, StatusPill, useEnumLabel } from "../../components/common";
import { RoleGate } from "../../components/RoleGate";
import { formatDate, isolate } from "../../format";
import { useI18n } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";
import { useAdvisers, useConsultation, useConsultationActions, useThread } from "./hooks";
import { uploadAttachment } from "./upload";
import "../certificates/certificates.css";

/** One consultation: the question, its attachments and the thread with the adviser. */
export function ConsultationDetailPage() {
  const { t } = useI18n();
  const { id = "" } = useParams();
  useDocumentTitle(t("consultations.title"));
  const consultationId = Number(id);
  return (
    <section className="container page">
      <RoleGate allow={["vendor", "buyer", "staff", "admin"]} audience="gate.audience.members">
        {(user) =>
          Number.isInteger(consultationId) && consultationId > 0 ? (
            <ConsultationView consultationId={consultationId} user={user} />
          ) : (
            <ErrorNotice error={new Error("not found")} />
          )
        }
      </RoleGate>
    </section>
  );
}

function ConsultationView({ consultationId, user }: { consultationId: number; user: User }) {
  const { t, lang } = useI18n();
  const label = useEnumLabel();
  const { data, error, isLoading, refetch } = useConsultation(consultationId);
  if (isLoading) return <Loading />;
  if (error || !data) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  const staff = isStaffRole(user.role);
  const adviser = staff || data.adviser?.id === user.id;
  const open = data.status !== "closed";
  return (
    <div className="stack" data-testid="consultation" data-status={data.status}>
      <PageHeader
        title={data.subject}
        userContent
        intro={`${label("consultations.topic", data.topic)} · ${isolate(data.organization_name)} · ${formatDate(data.created_at, lang)}`}
        actions={<StatusPill status={data.status} label={label("consultations.status", data.status)} />}
      />
      <div className="card">
        <p style={{ whiteSpace: "pre-wrap" }} dir="auto">
          {data.description}
        </p>
        <p>
          {t("consultations.adviser")}: <bdi data-testid="adviser">{data.adviser?.name ?? "—"}</bdi>
        </p>
        {data.attachments.length ? (
          <ul>
            {data.attachments.map((a) => (
              <li key={a.id}>
                <a href={a.file_url} target="_blank" rel="noreferrer" dir="auto">
                  {a.original_name}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
        {data.outcome ? (
          <p data-testid="outcome">
            <strong>{t("consultations.outcome")}:</strong> <bdi>{data.outcome}</bdi>
          </p>
        ) : null}
      </div>
      {staff && open ? <AssignForm consultation={data} /> : null}
      <Thread consultationId={data.id} />
      {open ? <ReplyForm consultationId={data.id} /> : null}
      {adviser && open ? <CloseForm consultationId={data.id} /> : null}
    </div>
  );
}

function Thread({ consultationId }: { consultationId: number }) {
  const { t, lang } = useI18n();
  const { data } = useThread(consultationId);
  if (!data) return null;
  return (
    <div className="card" data-testid="thread">
      <h2>{t("consultations.thread")}</h2>
      {data.results.length === 0 ? <p className="muted">{t("consultations.noMessages")}</p> : null}
      {data.results.map((m) => (
        <div
          key={m.id}
          className={`thread__message${m.from_adviser ? " thread__message--adviser" : ""}`}
          data-testid="message"
        >
          <div className="muted">
            <bdi>{m.author_name}</bdi>
            {m.from_adviser ? ` (${t("consultations.adviser")})` : ""} · {formatDate(m.created_at, lang)}
          </div>
          <div dir="auto">{m.body}</div>
        </div>
      ))}
    </div>
  );
}

function ReplyForm({ consultationId }: { consultationId: number }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const { reply } = useConsultationActions();
  const [body, setBody] = useState("");
  const [file, setFile] = useState<File | null>(null);
  return (
    <form
      className="card stack"
      data-testid="reply-form"
      onSubmit={(event) => {
        event.preventDefault();
        void (async () => {
          if (body.trim())
            await reply.mutateAsync({
              params: { path: { consultation_id: consultationId } },
              body: { body: body.trim() },
            });
          if (file) {
            await uploadAttachment(consultationId, file);
            await queryClient.invalidateQueries({ queryKey: ["/api/v1/consultations/{consultation_id}/"] });
          }
          setBody("");
          setFile(null);
        })().catch(() => undefined);
      }}
    >
      <label>
        {t("consultations.reply")}
        <textarea
          rows={4}
          maxLength={10000}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          data-testid="reply-body"
        />
      </label>
      <label>
        {t("consultations.attachments")}{" "}
        <input
          type="file"
          accept="application/pdf,image/png,image/jpeg"
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
      </label>
      <FormErrors error={reply.error} />
      <button
        type="submit"
        className="button button--primary"
        disabled={reply.isPending || (!body.trim() && !file)}
        data-testid="reply-submit"
      >
        {t("consultations.send")}
      </button>
    </form>
  );
}

function AssignForm({ consultation }: { consultation: ConsultationOutput }) {
  const { t } = useI18n();
  const advisers = useAdvisers(true);
  const { assign } = useConsultationActions();
  const [adviser, setAdviser] = useState(String(consultation.adviser?.id ?? ""));
  return (
    <form
      className="card form-inline"
      data-testid="assign-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (adviser)
          assign.mutate({ params: { path: { consultation_id: consultation.id } }, body: { adviser: Number(adviser) } });
      }}
    >
      <label htmlFor="c-adviser">{t("consultations.assign.label")}</label>
      <select id="c-adviser" value={adviser} onChange={(event) => setAdviser(event.target.value)}>
        <option value="">—</option>
        {(advisers.data ?? []).map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
      <button type="submit" className="button" disabled={!adviser || assign.isPending} data-testid="assign-submit">
        {t("consultations.assign.submit")}
      </button>
      <FormErrors error={assign.error} />
    </form>
  );
}

function CloseForm({ consultationId }: { consultationId: number }) {
  const { t } = useI18n();
  const { close } = useConsultationActions();
  const [outcome, setOutcome] = useState("");
  return (
    <form
      className="card stack"
      data-testid="close-form"
      onSubmit={(event) => {
        event.preventDefault();
        close.mutate({ params: { path: { consultation_id: consultationId } }, body: { outcome: outcome.trim() } });
      }}
    >
      <label>
        {t("consultations.outcome")}
        <textarea
          rows={3}
          maxLength={10000}
          value={outcome}
          onChange={(event) => setOutcome(event.target.value)}
          data-testid="close-outcome"
        />
      </label>
      <FormErrors error={close.error} />
      <button type="submit" className="button" disabled={!outcome.trim() || close.isPending} data-testid="close-submit">
        {t("consultations.close")}
      </button>
    </form>
  );
}
