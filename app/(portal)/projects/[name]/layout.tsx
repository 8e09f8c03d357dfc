import type { ReactNode } from "react";
import { loadProject } from "./load";

// Checked here, above the loading skeleton, so a project the principal may not see answers with a real 404.
export default async function ProjectLayout({ children, params }: { children: ReactNode; params: Promise<{ name: string }> }) {
  await loadProject((await params).name);
  return children;
}
