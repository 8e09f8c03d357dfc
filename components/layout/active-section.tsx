"use client";

import { createContext, useContext, useEffect, useState, type ReactNode } from "react";

// Which navigation entry a page belongs to when its address alone does not say: a request is under "Requests" for
// the person who asked, under "Approvals" for the approver deciding it.
const ActiveSectionContext = createContext<{ section: string | null; setSection: (href: string | null) => void }>({ section: null, setSection: () => {} });

export function ActiveSectionProvider({ children }: { children: ReactNode }) {
  const [section, setSection] = useState<string | null>(null);
  return <ActiveSectionContext.Provider value={{ section, setSection }}>{children}</ActiveSectionContext.Provider>;
}

export const useActiveSection = () => useContext(ActiveSectionContext).section;

/** Rendered by a page: highlights `href` in the navigation while the page is shown. */
export function ActiveSection({ href }: { href: string }) {
  const { setSection } = useContext(ActiveSectionContext);
  useEffect(() => {
    setSection(href);
    return () => setSection(null);
  }, [href, setSection]);
  return null;
}
