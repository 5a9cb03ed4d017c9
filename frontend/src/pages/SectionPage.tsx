import type { ReactNode } from "react";
import { EmptyState } from "../components/EmptyState";
import { BuildingIcon, ClipboardIcon, PeopleIcon, ScaleIcon } from "../components/Icons";
import { useI18n } from "../i18n";
import type { MessageKey } from "../i18n";
import { useDocumentTitle } from "../useDocumentTitle";

interface SectionPageProps {
  title: MessageKey;
  intro: MessageKey;
  emptyTitle: MessageKey;
  emptyBody: MessageKey;
  icon: ReactNode;
  staffOnly?: boolean;
}

/** A section's frame: heading, one-line purpose, and (until the list exists) its empty state. */
function SectionPage({ title, intro, emptyTitle, emptyBody, icon, staffOnly }: SectionPageProps) {
  const { t } = useI18n();
  useDocumentTitle(t(title));
  return (
    <section className="section-page">
      <header className="page-header">
        <h1>
          {t(title)}
          {staffOnly ? <span className="badge badge--large">{t("staffOnly")}</span> : null}
        </h1>
        <p className="page-header__intro">{t(intro)}</p>
      </header>
      <div className="card">
        <EmptyState icon={icon} title={t(emptyTitle)} body={t(emptyBody)} />
      </div>
    </section>
  );
}

export const SuppliersPage = () => (
  <SectionPage
    title="suppliers.title"
    intro="suppliers.intro"
    emptyTitle="suppliers.empty.title"
    emptyBody="suppliers.empty.body"
    icon={<BuildingIcon />}
  />
);

export const RequestsPage = () => (
  <SectionPage
    title="requests.title"
    intro="requests.intro"
    emptyTitle="requests.empty.title"
    emptyBody="requests.empty.body"
    icon={<ClipboardIcon />}
  />
);

export const ProposalsPage = () => (
  <SectionPage
    title="proposals.title"
    intro="proposals.intro"
    emptyTitle="proposals.empty.title"
    emptyBody="proposals.empty.body"
    icon={<ScaleIcon />}
    staffOnly
  />
);

export const IntroductionsPage = () => (
  <SectionPage
    title="introductions.title"
    intro="introductions.intro"
    emptyTitle="introductions.empty.title"
    emptyBody="introductions.empty.body"
    icon={<PeopleIcon />}
  />
);
