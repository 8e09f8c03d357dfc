"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";
import { Button } from "@/components/ui/button";

// Shows no error text: a server error arrives here as a generic message and a digest, and the digest is all a person needs to report it.
export default function PortalError({ error, retry }: { error: unknown; retry: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const digest = error instanceof Error && "digest" in error && typeof error.digest === "string" ? error.digest : null;
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="mx-auto max-w-lg rounded-lg border border-slate-200 bg-white px-6 py-10 text-center" role="alert">
      <h1 ref={heading} tabIndex={-1} className="text-xl font-semibold text-slate-900">
        Something went wrong
      </h1>
      <p className="mt-2 text-sm text-slate-600">This page could not be loaded. Nothing was changed. Try again in a moment; if it keeps happening, tell the registry team.</p>
      {digest ? <p className="mt-2 text-xs text-slate-500">Reference: <span className="font-mono">{digest}</span></p> : null}
      <div className="mt-5 flex justify-center gap-2">
        <Button onClick={() => retry()}>Try again</Button>
        <Link href="/" className="inline-flex items-center px-3 py-2 text-sm">Go home</Link>
      </div>
    </div>
  );
}
