import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { config } from "zod";
import { tr } from "zod/locales";
import { App } from "./App";
import { SessionProvider } from "./session";
import "./styles.css";

// Shared core schemas validate forms in the browser too: Turkish messages there as well.
config(tr());

const root = document.getElementById("root");
if (!root) throw new Error("#root missing from index.html");
createRoot(root).render(
  <StrictMode>
    <SessionProvider>
      <App />
    </SessionProvider>
  </StrictMode>,
);
