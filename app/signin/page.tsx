import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { getPrincipal } from "@/lib/authz/principal";
import { sameOriginPath } from "@/lib/auth/redirect";
import { env } from "@/lib/env";
import { SignInButton } from "./sign-in-button";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

const ERRORS: Record<string, string> = {
  SessionExpired: "Your session ended or your identity provider no longer confirms it. Sign in again.",
  IdpUnreachable: "Your identity provider could not be reached to confirm your groups, so you were signed out. Try again in a moment.",
  OAuthCallback: "Sign-in was interrupted or refused by the identity provider. Try again.",
  OAuthSignin: "Sign-in could not start. Check that the identity provider is reachable.",
  Callback: "Sign-in was interrupted. Try again.",
  AccessDenied: "The identity provider refused the sign-in.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = sameOriginPath(params.callbackUrl, env().NEXTAUTH_URL);
  if (await getPrincipal()) redirect(callbackUrl);
  const error = params.error ? (ERRORS[params.error] ?? "Sign-in failed. Try again.") : undefined;
  return (
    <main id="main" className="flex min-h-[80vh] items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-7 shadow-sm">
        <div className="mb-5 flex items-center gap-2">
          <svg aria-hidden="true" viewBox="0 0 32 32" className="h-8 w-8"><rect width="32" height="32" rx="7" fill="#1d4ed8" /><path d="M7 20h18l-3 5H10zM15 6h2v12h-2zM17 8l6 6h-6z" fill="#fff" /></svg>
          <h1 className="text-2xl font-semibold">Sign in to Berth</h1>
        </div>
        <p className="mb-5 text-sm text-slate-600">
          Request, approve and audit access to the Harbor registry. You sign in with your company account; your groups there decide what you can do here.
        </p>
        {params.state === "signed-out" ? <Alert tone="success" className="mb-4">You are signed out.</Alert> : null}
        {error ? <Alert tone="error" className="mb-4">{error}</Alert> : null}
        <SignInButton label={env().OIDC_DISPLAY_NAME} callbackUrl={callbackUrl} />
      </div>
    </main>
  );
}
