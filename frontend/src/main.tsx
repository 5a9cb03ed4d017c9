import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { App } from "./App";
import { I18nProvider } from "./i18n";
import "./styles.css";

const container = document.getElementById("root");
if (!container) throw new Error("index.html has no #root element");

// Browser tests wait for this selector: it appears only after React's first commit.
const markReady = () => container.setAttribute("data-testid", "app-ready");

createRoot(container).render(
  <StrictMode>
    <BrowserRouter>
      <I18nProvider>
        <App onReady={markReady} />
      </I18nProvider>
    </BrowserRouter>
  </StrictMode>,
);
