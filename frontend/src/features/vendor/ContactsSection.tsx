import { Fragment, useState } from "react";
import { useForm } from "react-hook-form";
import type { ApiError, ContactOutput } from "../../api";
import { ErrorNotice, Field, FormErrors, Loading } from "../../components/common";
import { applyApiErrors, fieldErrors } from "../../components/form";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n";
import { useContacts, useOrganizationActions } from "./hooks";

const CONTACT_FIELDS = ["name", "role", "email", "phone", "wechat", "whatsapp"] as const;
type ContactValues = Record<(typeof CONTACT_FIELDS)[number], string>;
const EMPTY: ContactValues = { name: "", role: "", email: "", phone: "", wechat: "", whatsapp: "" };
const LTR_FIELDS = new Set(["email", "phone", "wechat", "whatsapp"]);
const INPUT_TYPES: Partial<Record<keyof ContactValues, string>> = { email: "email", phone: "tel", whatsapp: "tel" };

function valuesOf(contact: ContactOutput | undefined): ContactValues {
  if (!contact) return { ...EMPTY };
  return Object.fromEntries(CONTACT_FIELDS.map((name) => [name, contact[name] ?? ""])) as ContactValues;
}

/** One contact's form (new when `contact` is undefined); the server's errors go next to each field. */
export function ContactForm({
  organizationId,
  contact,
  onDone,
}: {
  organizationId: number;
  contact?: ContactOutput;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { createContact, updateContact } = useOrganizationActions();
  const form = useForm<ContactValues>({ defaultValues: valuesOf(contact) });
  const [formError, setFormError] = useState<ApiError | null>(null);
  const prefix = `contact-${contact?.id ?? "new"}`;
  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    const body = Object.fromEntries(CONTACT_FIELDS.map((name) => [name, values[name].trim()])) as ContactValues;
    try {
      if (contact) {
        await updateContact.mutateAsync({
          params: { path: { organization_id: organizationId, contact_id: contact.id } },
          body,
        });
      } else {
        await createContact.mutateAsync({ params: { path: { organization_id: organizationId } }, body });
      }
      onDone();
    } catch (error) {
      setFormError(applyApiErrors(form, error, CONTACT_FIELDS));
    }
  });
  return (
    <form
      className="card stack contact-form"
      onSubmit={(event) => void submit(event)}
      noValidate
      data-testid="contact-form"
    >
      <FormErrors error={formError} shown={[...CONTACT_FIELDS]} />
      <div className="form-grid">
        {CONTACT_FIELDS.map((name) => (
          <Field
            key={name}
            id={`${prefix}-${name}`}
            label={t(`vendor.contact.${name}` as MessageKey)}
            errors={fieldErrors(form, name)}
            required={name === "name"}
          >
            {(describedBy, invalid) => (
              <input
                id={`${prefix}-${name}`}
                type={INPUT_TYPES[name] ?? "text"}
                dir={LTR_FIELDS.has(name) ? "ltr" : "auto"}
                aria-describedby={describedBy}
                aria-invalid={invalid}
                {...form.register(name)}
              />
            )}
          </Field>
        ))}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button--primary" data-testid="contact-save">
          {t("vendor.save")}
        </button>
        <button type="button" className="button button--ghost" onClick={onDone}>
          {t("vendor.cancel")}
        </button>
      </div>
    </form>
  );
}

/** The organisation's contacts (shown to a buyer only inside an approved introduction). */
export function ContactsSection({ organizationId }: { organizationId: number }) {
  const { t } = useI18n();
  const contacts = useContacts(organizationId);
  const { deleteContact } = useOrganizationActions();
  const [editing, setEditing] = useState<number | "new" | null>(null);
  const rows = contacts.data?.results ?? [];
  return (
    <section className="card stack" id="contacts" aria-labelledby="contacts-title" data-testid="contacts">
      <div className="section-head">
        <h2 id="contacts-title">{t("vendor.contacts.title")}</h2>
        {editing === null ? (
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setEditing("new")}
            data-testid="contact-add"
          >
            {t("vendor.contacts.add")}
          </button>
        ) : null}
      </div>
      <p className="muted small">{t("vendor.contacts.privacy")}</p>
      {contacts.isLoading ? <Loading /> : null}
      {contacts.error ? <ErrorNotice error={contacts.error} onRetry={() => void contacts.refetch()} /> : null}
      {editing === "new" ? <ContactForm organizationId={organizationId} onDone={() => setEditing(null)} /> : null}
      <ul className="contact-list">
        {rows.map((contact) =>
          editing === contact.id ? (
            <li key={contact.id}>
              <ContactForm organizationId={organizationId} contact={contact} onDone={() => setEditing(null)} />
            </li>
          ) : (
            <li key={contact.id} className="contact-item" data-testid="contact-item">
              <div>
                <strong dir="auto">{contact.name}</strong>
                {contact.role ? (
                  <span className="muted" dir="auto">
                    {" "}
                    · {contact.role}
                  </span>
                ) : null}
              </div>
              <dl className="facts facts--compact">
                {(["email", "phone", "wechat", "whatsapp"] as const)
                  .filter((name) => contact[name])
                  .map((name) => (
                    <Fragment key={name}>
                      <dt>{t(`vendor.contact.${name}`)}</dt>
                      <dd dir="ltr">{contact[name]}</dd>
                    </Fragment>
                  ))}
              </dl>
              <div className="contact-item__actions">
                <button type="button" className="button button--ghost" onClick={() => setEditing(contact.id)}>
                  {t("vendor.edit")}
                </button>
                <button
                  type="button"
                  className="button button--ghost"
                  disabled={rows.length <= 1}
                  onClick={() =>
                    deleteContact.mutate({
                      params: { path: { organization_id: organizationId, contact_id: contact.id } },
                    })
                  }
                >
                  {t("vendor.delete")}
                </button>
              </div>
            </li>
          ),
        )}
      </ul>
    </section>
  );
}
