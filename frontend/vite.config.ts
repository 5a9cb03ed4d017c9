import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// Django serves the built assets from /static/ through whitenoise; index.html itself is
// rendered by a catch-all view that replaces <!--MEDMATCH_CONFIG--> with runtime config.
export default defineConfig({
  base: "/static/",
  plugins: [react()],
  build: {
    outDir: "dist",
    assetsDir: "assets",
    emptyOutDir: true,
  },
  server: {
    // `npm run dev` next to `manage.py runserver`: API calls go to Django.
    proxy: { "/api": "http://127.0.0.1:8000" },
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    testTimeout: 20_000,
  },
});
