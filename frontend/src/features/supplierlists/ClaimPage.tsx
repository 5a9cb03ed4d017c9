import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link, useSearchParams } from "react-router";
import type { ApiError, OrganizationDetailOutput } from "../../api";
import { useAuth, useMyOrganization } from "../../auth";
import { ErrorNotice, Field, FormErrors, Loading, PageHeader, StatusPill, useEnumLabel } from "../../components/common";
import { applyApiErrors, fieldErrors } from "../../components/form";
import { countryName, formatDate } from "../../format";
import { useI18n } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";
import { PasswordInput } from "../account/PasswordInput";
import { uploadBusinessLicence, useClaimActions, useClaimInvitation } from "./hooks";
import "./supplierlists.css";

/**
 * The page an invitation e-mail links to (/claim?token=…): set a password, check the data the
 * trade body holds, upload the business licence and ask for verification.
 */
export function ClaimPage() {
  const { t } = useI18n();
  useDocumentTitle(t("claim.title"));
  const [params] = useSearchParams();
  const token = params.get("token") ?? "";
  const { user } = useAuth();
  const [claimed, setClaimed] = useState(false);
  return (
    <section className="claim">
      <PageHeader title={t("claim.title")} intro={t("claim.intro")} />
      <ol className="steps" aria-label={t("claim.steps")}>
        <li className={claimed || user ? "steps__done" : "steps__current"}>{t("claim.step.password")}</li>
        <li className={claimed || user ? "steps__current" : ""}>{t("claim.step.check")}</li>
        <li className={claimed || user ? "steps__current" : ""}>{t("claim.step.documents")}</li>
      </ol>
      {claimed || (user && !token) ? (
        <ClaimedOrganization />
      ) : (
        <SetPassword token={token} onClaimed={() => setClaimed(true)} />
      )}
    </section>
  );
}

const FIELDS = ["token", "full_name", "password", "email"] as const;
type Values = { full_name: string; password: string };

function SetPassword({ token, onClaimed }: { token: string; onClaimed: () => void }) {
  const { t, lang } = useI18n();
  const { signIn } = useAuth();
  const invitation = useClaimInvitation(token);
  const { claim } = useClaimActions();
  const form = useForm<Values>({ defaultValues: { full_name: "", password: "" } });
  const [formError, setFormError] = useState<ApiError | null>(null);
  if (!token) return <p className="notice notice--error">{t("claim.noToken")}</p>;
  if (invitation.isLoading) return <Loading />;
  if (invitation.error || !invitation.data) return <ErrorNotice error={invitation.error} />;
  const data = invitation.data;
  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await claim.mutateAsync({ body: { token, ...values } });
      await signIn(data.email, values.password);
      onClaimed();
    } catch (error) {
      setFormError(applyApiErrors(form, error, FIELDS));
    }
  });
  return (
    <form className="card stack" onSubmit={(event) => void submit(event)} data-testid="claim-form" noValidate>
      <h2>{t("claim.step.password")}</h2>
      <p>
        {t("claim.for")}{" "}
        <strong>
          <bdi dir="auto">{data.organization}</bdi>
        </strong>{" "}
        ({countryName(data.country, lang)})
      </p>
      <p className="muted small">
        {t("claim.account")} <bdi dir="ltr">{data.email}</bdi> ·{" "}
        {t("claim.expires", { date: formatDate(data.expires_at, lang) })}
      </p>
      <Field id="claim-name" label={t("claim.fullName")} errors={fieldErrors(form, "full_name")} required>
        {(describedBy, invalid) => (
          <input
            id="claim-name"
            autoComplete="name"
            maxLength={150}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            {...form.register("full_name", { required: true })}
          />
        )}
      </Field>
      <PasswordInput
        id="claim-password"
        label={t("claim.password")}
        errors={fieldErrors(form, "password")}
        autoComplete="new-password"
        registration={form.register("password", { required: true })}
      />
      <FormErrors error={formError} shown={["full_name", "password"]} />
      <button
        type="submit"
        className="button button--primary"
        disabled={form.formState.isSubmitting}
        data-testid="claim-submit"
      >
        {t("claim.submit")}
      </button>
    </form>
  );
}

/** Signed in as the organisation's first member: check its data, upload the licence, ask for verification. */
function ClaimedOrganization() {
  const { t } = useI18n();
  const label = useEnumLabel();
  const { organization, isLoading } = useMyOrganization();
  const { requestVerification } = useClaimActions();
  const [file, setFile] = useState<File | null>(null);
  const [uploaded, setUploaded] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  if (isLoading) return <Loading />;
  if (!organization) return <p className="notice notice--error">{t("claim.noOrganization")}</p>;
  const pending = organization.verification_status === "pending" || organization.verification_status === "verified";
  const send = async () => {
    setError(null);
    try {
      if (file && !uploaded) {
        await uploadBusinessLicence(organization.id, file);
        setUploaded(true);
      }
      await requestVerification.mutateAsync({ params: { path: { organization_id: organization.id } } });
    } catch (caught) {
      setError(caught as ApiError);
    }
  };
  return (
    <div className="stack">
      <CheckData organization={organization} />
      <div className="card stack" data-testid="claim-documents">
        <h2>{t("claim.step.documents")}</h2>
        <p>
          {t("claim.status")}{" "}
          <StatusPill
            status={organization.verification_status}
            label={label("verification", organization.verification_status)}
          />
        </p>
        {pending ? (
          <p className="notice notice--ok" role="status" data-testid="claim-pending">
            {t("claim.pending")}
          </p>
        ) : (
          <>
            <label className="field__label" htmlFor="claim-licence">
              {t("claim.licence")}
            </label>
            <input
              id="claim-licence"
              type="file"
              accept="application/pdf,image/png,image/jpeg"
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setUploaded(false);
              }}
              data-testid="claim-licence"
            />
            <FormErrors error={error} />
            <button
              type="button"
              className="button button--primary"
              disabled={requestVerification.isPending || (!file && !uploaded)}
              onClick={() => void send()}
              data-testid="claim-request-verification"
            >
              {t("claim.requestVerification")}
            </button>
          </>
        )}
        <p className="small">
          <Link to="/vendor/documents">{t("claim.vendorArea")}</Link>
        </p>
      </div>
    </div>
  );
}

const CHECKED = ["city", "address", "registration_id", "website"] as const;
type CheckValues = Record<(typeof CHECKED)[number], string>;

/** What the list said, with the fields a claimant may correct (e.g. the registration id a list lacked). */
function CheckData({ organization }: { organization: OrganizationDetailOutput }) {
  const { t, lang } = useI18n();
  const { correct } = useClaimActions();
  const form = useForm<CheckValues>({
    defaultValues: {
      city: organization.city,
      address: organization.address ?? "",
      registration_id: organization.registration_id ?? "",
      website: organization.website,
    },
  });
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState(false);
  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    setSaved(false);
    try {
      await correct.mutateAsync({ params: { path: { organization_id: organization.id } }, body: values });
      setSaved(true);
    } catch (error) {
      setFormError(applyApiErrors(form, error, CHECKED));
    }
  });
  return (
    <form className="card stack" onSubmit={(event) => void submit(event)} data-testid="claim-check" noValidate>
      <h2>{t("claim.step.check")}</h2>
      <p className="muted">{t("claim.checkIntro")}</p>
      <dl className="facts">
        <div className="facts__row">
          <dt>{t("supplierLists.field.name")}</dt>
          <dd>
            <bdi dir="auto">{organization.name}</bdi>
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t("supplierLists.compare.legalNames")}</dt>
          <dd>
            <bdi dir="auto">{Object.values(organization.legal_names).join(" / ") || "–"}</bdi>
          </dd>
        </div>
        <div className="facts__row">
          <dt>{t("supplierLists.field.country")}</dt>
          <dd>{countryName(organization.country, lang)}</dd>
        </div>
      </dl>
      <div className="form-grid">
        {CHECKED.map((name) => (
          <Field
            key={name}
            id={`claim-${name}`}
            label={t(`supplierLists.field.${name}`)}
            errors={fieldErrors(form, name)}
          >
            {(describedBy, invalid) => (
              <input
                id={`claim-${name}`}
                dir="auto"
                aria-describedby={describedBy}
                aria-invalid={invalid}
                {...form.register(name)}
              />
            )}
          </Field>
        ))}
      </div>
      <p className="small muted">{t("claim.wrongData")}</p>
      <FormErrors error={formError} shown={[...CHECKED]} />
      {saved ? (
        <p className="notice notice--ok" role="status" data-testid="claim-saved">
          {t("claim.saved")}
        </p>
      ) : null}
      <button
        type="submit"
        className="button button--secondary"
        disabled={form.formState.isSubmitting}
        data-testid="claim-save"
      >
        {t("claim.save")}
      </button>
    </form>
  );
}
