import { createRoot } from "react-dom/client";
import { App, createAppServices } from "./app/app";
import "./styles/tokens.css";
import "./styles/base.css";
import "./styles/layout.css";
import "./styles/components.css";
import "./styles/compliance.css";
import "./styles/clusters.css";
import "./styles/falco.css";

const container = document.getElementById("root");
if (!container) throw new Error("The page has no #root element");

createRoot(container).render(<App services={createAppServices()} />);
