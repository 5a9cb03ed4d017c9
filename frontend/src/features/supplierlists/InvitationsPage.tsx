import { useState } from "react";
import { useSearchParams } from "react-router";
import type { ApiError, ListedOrganization } from "../../api";
import {
  ErrorNotice,
  FormErrors,
  Loading,
  PageHeader,
  Pagination,
  StatusPill,
  useEnumLabel,
} from "../../components/common";
import { EmptyState } from "../../components/EmptyState";
import { PeopleIcon } from "../../components/Icons";
import { RoleGate } from "../../components/RoleGate";
import { countryName, formatDate, formatNumber } from "../../format";
import { useI18n } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";
import { INVITATIONS_PAGE_SIZE, useInvitations, useSupplierListActions } from "./hooks";
import { SupplierListNav } from "./SupplierListNav";
import { ScrollRegion } from "./components";
import "./supplierlists.css";

/** Staff invite listed vendors to claim their profiles, one by one or in bulk, and follow each invitation. */
export function InvitationsPage() {
  const { t } = useI18n();
  useDocumentTitle(t("supplierLists.invitations.title"));
  return (
    <section>
      <PageHeader title={t("supplierLists.invitations.title")} intro={t("supplierLists.invitations.intro")} />
      <RoleGate allow={["staff", "admin"]} audience="staff.audience">
        {() => <Invitations />}
      </RoleGate>
    </section>
  );
}

/** Only a listed organisation nobody has claimed yet can be invited (the server says the same). */
function invitable(organization: ListedOrganization): boolean {
  return organization.listed && organization.invitation?.status !== "claimed";
}

function Invitations() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get("page")) || 1);
  const listId = Number(params.get("list")) || undefined;
  const { data, error, isLoading, refetch } = useInvitations(listId, page);
  const { invite } = useSupplierListActions();
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [emails, setEmails] = useState<Record<number, string>>({});
  const [formError, setFormError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const send = async (organizations: number[], email = "") => {
    setFormError(null);
    setDone(null);
    try {
      const answer = await invite.mutateAsync({ body: { organizations, email } });
      setSelected(new Set());
      setDone(
        t("supplierLists.invitations.sent", {
          count: formatNumber(answer.invitations.length, lang),
          refused: formatNumber(answer.refused.length, lang),
        }),
      );
    } catch (caught) {
      setFormError(caught as ApiError);
    }
  };

  if (isLoading) return <Loading />;
  if (error || !data) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  const rows = data.results;
  const choosable = rows.filter(invitable);
  return (
    <div className="stack">
      <SupplierListNav supplierList={listId} />
      {done ? (
        <p className="notice notice--ok" role="status" data-testid="invite-done">
          {done}
        </p>
      ) : null}
      <FormErrors error={formError} />
      {rows.length === 0 ? (
        <EmptyState
          icon={<PeopleIcon />}
          title={t("supplierLists.invitations.empty")}
          body={t("supplierLists.invitations.emptyBody")}
        />
      ) : (
        <div className="card stack">
          <div className="bulk-bar">
            <label className="checkbox-field">
              <input
                type="checkbox"
                checked={choosable.length > 0 && choosable.every((o) => selected.has(o.id))}
                disabled={choosable.length === 0}
                onChange={(event) =>
                  setSelected(event.target.checked ? new Set(choosable.map((o) => o.id)) : new Set())
                }
                data-testid="invite-select-all"
              />{" "}
              {t("supplierLists.review.selectAll")}
            </label>
            <button
              type="button"
              className="button button--primary"
              disabled={invite.isPending || selected.size === 0}
              onClick={() => void send([...selected])}
              data-testid="invite-selected"
            >
              {t("supplierLists.invitations.inviteSelected", { count: formatNumber(selected.size, lang) })}
            </button>
          </div>
          <ScrollRegion label={t("supplierLists.invitations.title")}>
            <table className="table" data-testid="invitation-table">
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">{t("supplierLists.invitations.select")}</span>
                  </th>
                  <th scope="col">{t("supplierLists.invitations.organization")}</th>
                  <th scope="col">{t("supplierLists.field.email")}</th>
                  <th scope="col">{t("supplierLists.invitations.status")}</th>
                  <th scope="col">{t("supplierLists.invitations.action")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((organization) => (
                  <InvitationRow
                    key={organization.id}
                    organization={organization}
                    checked={selected.has(organization.id)}
                    email={emails[organization.id] ?? organization.email}
                    busy={invite.isPending}
                    onCheck={(checked) =>
                      setSelected((current) => {
                        const next = new Set(current);
                        if (checked) next.add(organization.id);
                        else next.delete(organization.id);
                        return next;
                      })
                    }
                    onEmail={(value) => setEmails((current) => ({ ...current, [organization.id]: value }))}
                    onInvite={(email) => void send([organization.id], email === organization.email ? "" : email)}
                  />
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <Pagination
            page={page}
            pageCount={Math.ceil(data.count / INVITATIONS_PAGE_SIZE)}
            onPage={(next) => {
              const query = new URLSearchParams(params);
              query.set("page", String(next));
              setParams(query);
            }}
          />
        </div>
      )}
    </div>
  );
}

function InvitationRow({
  organization,
  checked,
  email,
  busy,
  onCheck,
  onEmail,
  onInvite,
}: {
  organization: ListedOrganization;
  checked: boolean;
  email: string;
  busy: boolean;
  onCheck: (checked: boolean) => void;
  onEmail: (value: string) => void;
  onInvite: (email: string) => void;
}) {
  const { t, lang } = useI18n();
  const label = useEnumLabel();
  const invitation = organization.invitation;
  const canInvite = invitable(organization);
  const status = invitation?.status ?? (organization.listed ? "none" : "claimed");
  return (
    <tr data-testid="invitation-row" data-organization={organization.id}>
      <td>
        <input
          type="checkbox"
          checked={checked}
          disabled={!canInvite}
          onChange={(event) => onCheck(event.target.checked)}
          aria-label={t("supplierLists.invitations.selectOne", { name: organization.name })}
        />
      </td>
      <td>
        <bdi dir="auto">{organization.name}</bdi>
        <br />
        <span className="muted small">
          {countryName(organization.country, lang)}
          {organization.city ? ` · ${organization.city}` : ""}
        </span>
      </td>
      <td>
        {canInvite ? (
          <input
            type="email"
            value={email}
            dir="ltr"
            onChange={(event) => onEmail(event.target.value)}
            aria-label={t("supplierLists.invitations.emailFor", { name: organization.name })}
            data-testid="invite-email"
          />
        ) : (
          <bdi>{invitation?.email ?? organization.email}</bdi>
        )}
      </td>
      <td>
        <StatusPill status={status} label={label("supplierLists.invitationStatus", status)} />
        {invitation?.sent_at ? (
          <span className="muted small block">
            {t("supplierLists.invitations.sentOn", { date: formatDate(invitation.sent_at, lang) })}
          </span>
        ) : null}
        {invitation?.status === "sent" && invitation.expires_at ? (
          <span className="muted small block">
            {t("supplierLists.invitations.expiresOn", { date: formatDate(invitation.expires_at, lang) })}
          </span>
        ) : null}
      </td>
      <td>
        {canInvite ? (
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={busy || !email}
            onClick={() => onInvite(email)}
            data-testid="invite-one"
          >
            {invitation ? t("supplierLists.invitations.reinvite") : t("supplierLists.invitations.invite")}
          </button>
        ) : null}
      </td>
    </tr>
  );
}
