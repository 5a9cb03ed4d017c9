import { Route, Routes } from "react-router";
import { NotFoundPage } from "../home/NotFoundPage";
import { InvitationsPage } from "./InvitationsPage";
import { ReviewQueuePage } from "./ReviewQueuePage";
import { SupplierListPage } from "./SupplierListPage";
import { SupplierListsPage } from "./SupplierListsPage";

/** Everything under /staff/supplier-lists/ (one line in App.tsx). */
export function SupplierListRoutes() {
  return (
    <Routes>
      <Route index element={<SupplierListsPage />} />
      <Route path="review" element={<ReviewQueuePage />} />
      <Route path="invitations" element={<InvitationsPage />} />
      <Route path=":supplierListId" element={<SupplierListPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
