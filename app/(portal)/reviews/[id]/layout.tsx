import type { ReactNode } from "react";
import { loadCampaign } from "./load";

// Checked here, above the loading skeletons (kept out of this dynamic segment: a loading.tsx beside it would make
// Next stream, and answer 200), so a campaign the reader may not see answers with a real 404.
export default async function CampaignLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  await loadCampaign((await params).id);
  return children;
}
