import { useEffect } from "react";
import { Route, Routes } from "react-router";
import { Layout } from "./components/Layout";
import { HomePage } from "./pages/HomePage";
import { IntroductionsPage } from "./pages/IntroductionsPage";
import { LoginPage } from "./pages/LoginPage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { ProposalsPage } from "./pages/ProposalsPage";
import { RegisterPage } from "./pages/RegisterPage";
import { RequestsPage } from "./pages/RequestsPage";
import { SuppliersPage } from "./pages/SuppliersPage";

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
        <Route path="requests" element={<RequestsPage />} />
        <Route path="proposals" element={<ProposalsPage />} />
        <Route path="introductions" element={<IntroductionsPage />} />
        <Route path="login" element={<LoginPage />} />
        <Route path="register" element={<RegisterPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
