"use client";

import { Button } from "@/components/ui/button";

/** The browser's print dialog (save as PDF there); the page's print styles drop navigation and buttons. */
export function PrintButton() {
  return (
    <Button variant="secondary" onClick={() => window.print()}>
      Print or save as PDF
    </Button>
  );
}
