import { NavLink } from "react-router";
import { useI18n } from "../../i18n";

/** Tabs between the supplier-list pages (imports, review queue, invitations). */
export function SupplierListNav({ supplierList }: { supplierList?: number }) {
  const { t } = useI18n();
  const query = supplierList ? `?list=${supplierList}` : "";
  const tabs = [
    { to: "/staff/supplier-lists", label: t("supplierLists.tab.imports"), end: true },
    { to: `/staff/supplier-lists/review${query}`, label: t("supplierLists.tab.review"), end: false },
    { to: `/staff/supplier-lists/invitations${query}`, label: t("supplierLists.tab.invitations"), end: false },
  ];
  return (
    <nav className="tabs" aria-label={t("supplierLists.tab.label")}>
      {tabs.map((tab) => (
        <NavLink
          key={tab.to}
          to={tab.to}
          end={tab.end}
          className={({ isActive }) => (isActive ? "tab is-active" : "tab")}
        >
          {tab.label}
        </NavLink>
      ))}
    </nav>
  );
}
