import { Route, Routes } from "react-router";
import { NotFoundPage } from "../home/NotFoundPage";
import { RequestDetailPage } from "./RequestDetailPage";
import { RequestsPage } from "./RequestsPage";

/** Everything under /requests/ (one line in App.tsx). */
export function RequestRoutes() {
  return (
    <Routes>
      <Route index element={<RequestsPage />} />
      <Route path=":id" element={<RequestDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
