import { Route, Routes } from "react-router";
import { NotFoundPage } from "../home/NotFoundPage";
import { ApplicationDetailPage } from "./ApplicationDetailPage";
import { ApplicationsPage, NewApplicationPage } from "./ApplicationsPage";
import { ReviewQueuePage } from "./ReviewQueuePage";

/** Everything under /certificates/ (one line in App.tsx). */
export function CertificateRoutes() {
  return (
    <Routes>
      <Route index element={<ApplicationsPage />} />
      <Route path="new" element={<NewApplicationPage />} />
      <Route path="queue" element={<ReviewQueuePage />} />
      <Route path=":id" element={<ApplicationDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
