import { useEffect } from "react";
import { Route, Routes } from "react-router";
import { Layout } from "./components/Layout";
import { ProductPage } from "./features/catalog/ProductPage";
import { SupplierPage } from "./features/catalog/SupplierPage";
import { HomePage } from "./features/home/HomePage";
import { IntroductionsPage } from "./features/introductions/IntroductionsPage";
import { LoginPage } from "./features/auth/LoginPage";
import { NotFoundPage } from "./features/home/NotFoundPage";
import { ProposalsPage } from "./features/proposals/ProposalsPage";
import { ConfirmEmailPage } from "./features/auth/ConfirmEmailPage";
import { RegisterPage } from "./features/auth/RegisterPage";
import { RequestRoutes } from "./features/requests/routes";
import { SuppliersPage } from "./features/directory/SuppliersPage";
import { AccountPage } from "./features/account/AccountPage";
import { ForgotPasswordPage, ResetPasswordPage } from "./features/account/PasswordResetPages";
import { NotificationsPage } from "./features/notifications/NotificationsPage";
import { DashboardPage } from "./features/staff/DashboardPage";
import { DuplicatesPage } from "./features/staff/DuplicatesPage";
import { OrganizationReviewPage } from "./features/staff/OrganizationReviewPage";
import { RequestPage } from "./features/staff/RequestPage";
import { VerificationQueuePage } from "./features/staff/VerificationQueuePage";
import { CertificateRoutes } from "./features/certificates/routes";
import { ConsultationRoutes } from "./features/consultations/routes";
import { VerifyPage } from "./features/certificates/VerifyPage";
import { VendorRoutes } from "./features/vendor/routes";
import { ClaimPage } from "./features/supplierlists/ClaimPage";
import { SupplierListRoutes } from "./features/supplierlists/routes";

/** Routes of the app. The router, i18n and auth providers are supplied by main.tsx (or a test). */
export function App({ onReady }: { onReady?: () => void }) {
  useEffect(() => {
    onReady?.();
  }, [onReady]);

  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<HomePage />} />
        <Route path="suppliers" element={<SuppliersPage />} />
        <Route path="suppliers/:id" element={<SupplierPage />} />
        <Route path="products/:id" element={<ProductPage />} />
        <Route path="requests/*" element={<RequestRoutes />} />
        <Route path="proposals" element={<ProposalsPage />} />
        <Route path="introductions" element={<IntroductionsPage />} />
        <Route path="certificates/*" element={<CertificateRoutes />} />
        <Route path="consultations/*" element={<ConsultationRoutes />} />
        <Route path="vendor/*" element={<VendorRoutes />} />
        <Route path="verify/:number?" element={<VerifyPage />} />
        <Route path="login" element={<LoginPage />} />
        <Route path="register" element={<RegisterPage />} />
        <Route path="confirm-email" element={<ConfirmEmailPage />} />
        <Route path="staff/verification" element={<VerificationQueuePage />} />
        <Route path="staff/organizations/:organizationId" element={<OrganizationReviewPage />} />
        <Route path="staff/requests/:requestId" element={<RequestPage />} />
        <Route path="staff/duplicates" element={<DuplicatesPage />} />
        <Route path="staff/dashboard" element={<DashboardPage />} />
        <Route path="staff/supplier-lists/*" element={<SupplierListRoutes />} />
        <Route path="claim" element={<ClaimPage />} />
        <Route path="notifications" element={<NotificationsPage />} />
        <Route path="account" element={<AccountPage />} />
        <Route path="forgot-password" element={<ForgotPasswordPage />} />
        <Route path="reset-password" element={<ResetPasswordPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
