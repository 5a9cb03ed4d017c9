import { useEffect } from "react";
import { Route, Routes } from "react-router";
import { Layout } from "./components/Layout";
import { HomePage } from "./pages/HomePage";
import { NotFoundPage } from "./pages/NotFoundPage";
import { IntroductionsPage, ProposalsPage, RequestsPage, SuppliersPage } from "./pages/SectionPage";

/** Routes of the app. The router and i18n providers are supplied by main.tsx (or a test). */
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
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
