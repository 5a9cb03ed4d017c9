import { ErrorNotice, Loading, PageHeader } from "../../components/common";
import { useI18n } from "../../i18n";
import { useDocumentTitle } from "../../useDocumentTitle";
import { ContactsSection } from "./ContactsSection";
import { useOrganization, useOrganizationId } from "./hooks";
import { ProfileForm } from "./ProfileForm";

export function ProfilePage() {
  const { t } = useI18n();
  useDocumentTitle(t("vendor.profile.title"));
  const organizationId = useOrganizationId();
  const organization = useOrganization(organizationId);
  return (
    <div className="stack" data-testid="vendor-profile">
      <PageHeader title={t("vendor.profile.title")} intro={t("vendor.profile.intro")} />
      {organization.isLoading ? <Loading /> : null}
      {organization.error ? (
        <ErrorNotice error={organization.error} onRetry={() => void organization.refetch()} />
      ) : null}
      {organization.data ? <ProfileForm key={organization.data.id} organization={organization.data} /> : null}
      <ContactsSection organizationId={organizationId} />
    </div>
  );
}
