import { Route, Routes } from "react-router";
import { NotFoundPage } from "../home/NotFoundPage";
import { ConsultationDetailPage } from "./ConsultationDetailPage";
import { ConsultationsPage } from "./ConsultationsPage";

/** Everything under /consultations/ (one line in App.tsx). */
export function ConsultationRoutes() {
  return (
    <Routes>
      <Route index element={<ConsultationsPage />} />
      <Route path=":id" element={<ConsultationDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
