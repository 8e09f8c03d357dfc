import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { can } from "@/lib/authz/permissions";
import { getPrincipal } from "@/lib/authz/principal";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "No access" };
export const dynamic = "force-dynamic";

// A signed-in user whose groups map to no Berth role: say so plainly, with the facts an admin needs.
export default async function NoAccessPage() {
  const principal = await getPrincipal();
  if (!principal) redirect("/signin?callbackUrl=/no-access");
  if (can(principal, "portal:use")) redirect("/");
  const config = env();
  return (
    <main id="main" className="flex min-h-[80vh] items-center justify-center px-4">
      <div className="w-full max-w-lg rounded-xl border border-slate-200 bg-white p-7 shadow-sm">
        <h1 className="text-2xl font-semibold">No access to Berth</h1>
        <p className="mt-3 text-slate-700">
          You are signed in as <strong data-testid="no-access-name">{principal.name}</strong> ({principal.username}), but none of your groups gives you a role in Berth.
        </p>
        <h2 className="mt-5 text-sm font-semibold uppercase tracking-wide text-slate-500">Your groups</h2>
        {principal.groups.length ? (
          <ul className="mt-2 flex flex-wrap gap-2" data-testid="no-access-groups">
            {principal.groups.map((g) => (
              <li key={g} className="rounded-full bg-slate-100 px-2.5 py-0.5 font-mono text-sm text-slate-800">{g}</li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-slate-700" data-testid="no-access-groups">Your identity provider sent no groups.</p>
        )}
        <h2 className="mt-5 text-sm font-semibold uppercase tracking-wide text-slate-500">Groups that give access</h2>
        <ul className="mt-2 space-y-1 text-sm text-slate-700">
          <li>Requester: {config.BERTH_REQUESTER_GROUPS.join(", ") || "every signed-in user"}</li>
          <li>Approver: {config.BERTH_ADMIN_GROUPS.join(", ") || "none configured"}</li>
          <li>Auditor: {config.BERTH_AUDITOR_GROUPS.join(", ") || "none configured"}</li>
        </ul>
        <p className="mt-5 text-sm text-slate-600">Ask your identity team to add you to one of these groups, then sign in again. Access to Harbor projects granted to your groups is not affected.</p>
        <form action="/api/signout" method="post" className="mt-6">
          <button type="submit" className="rounded-md border border-slate-300 px-3 py-2 text-sm font-medium hover:bg-slate-100">Sign out</button>
        </form>
      </div>
    </main>
  );
}
