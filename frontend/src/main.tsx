import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { createQueryClient } from "./api";
import { App } from "./App";
import { AuthProvider } from "./auth";
import { detectLanguage, I18nProvider, loadLanguage } from "./i18n";
import "./styles.css";

const container = document.getElementById("root");
if (!container) throw new Error("index.html has no #root element");

// Browser tests wait for this selector: it appears only after React's first commit.
const markReady = () => container.setAttribute("data-testid", "app-ready");

const language = detectLanguage();
const queryClient = createQueryClient();

// The reader's dictionary first (a small chunk), so the first paint is already in their language;
// if it cannot be fetched, the app starts in English rather than not at all.
void loadLanguage(language)
  .catch(() => undefined)
  .then(() =>
    createRoot(container).render(
      <StrictMode>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <I18nProvider initialLanguage={language}>
              <AuthProvider>
                <App onReady={markReady} />
              </AuthProvider>
            </I18nProvider>
          </BrowserRouter>
        </QueryClientProvider>
      </StrictMode>,
    ),
  );
