import { Navigate, NavLink, Outlet, Route, Routes } from "react-router";
import { RoleGate } from "../../components/RoleGate";
import { useI18n } from "../../i18n";
import type { MessageKey } from "../../i18n";
import { NotFoundPage } from "../home/NotFoundPage";
import { DocumentsPage } from "./DocumentsPage";
import { ProductEditPage } from "./ProductEditPage";
import { ProductsPage } from "./ProductsPage";
import { ProfilePage } from "./ProfilePage";
import { VerificationPage } from "./VerificationPage";
import "./vendor.css";

const TABS: { to: string; label: MessageKey }[] = [
  { to: "/vendor/profile", label: "vendor.tab.profile" },
  { to: "/vendor/documents", label: "vendor.tab.documents" },
  { to: "/vendor/verification", label: "vendor.tab.verification" },
  { to: "/vendor/products", label: "vendor.tab.products" },
];

/** The vendor area's own tabs above each of its pages; vendors only. */
function VendorLayout() {
  const { t } = useI18n();
  return (
    <RoleGate allow={["vendor"]} audience="vendor.audience">
      {(user) => (
        <div className="vendor-area" data-organization={user.organization_id ?? ""}>
          <nav className="vendor-tabs" aria-label={t("vendor.tabs.label")}>
            <ul>
              {TABS.map((tab) => (
                <li key={tab.to}>
                  <NavLink to={tab.to} className={({ isActive }) => (isActive ? "vendor-tab is-active" : "vendor-tab")}>
                    {t(tab.label)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <Outlet />
        </div>
      )}
    </RoleGate>
  );
}

/** Everything under /vendor/ (one line in App.tsx). */
export function VendorRoutes() {
  return (
    <Routes>
      <Route element={<VendorLayout />}>
        <Route index element={<Navigate to="/vendor/profile" replace />} />
        <Route path="profile" element={<ProfilePage />} />
        <Route path="documents" element={<DocumentsPage />} />
        <Route path="verification" element={<VerificationPage />} />
        <Route path="products" element={<ProductsPage />} />
        <Route path="products/new" element={<ProductEditPage />} />
        <Route path="products/:id" element={<ProductEditPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
