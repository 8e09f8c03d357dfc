import type { Metadata } from "next";
import { NotificationForm } from "@/components/notify/notification-form";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePrincipal } from "@/lib/authz/guards";
import { can } from "@/lib/authz/permissions";
import { ROLES } from "@/lib/authz/roles";
import { database } from "@/lib/db";
import { env } from "@/lib/env";
import { notificationSettings } from "@/lib/notify/queries";

export const metadata: Metadata = { title: "Profile" };

const ROLE_TEXT = {
  requester: "Ask for projects, group access and robot accounts; follow your requests; reveal robot secrets once.",
  approver: "Approve or reject requests (never your own), revoke grants, retry failed provisioning.",
  auditor: "Read the full history of requests, decisions and grants; export evidence; verify the trail.",
} as const;

export default async function ProfilePage() {
  const principal = await requirePagePrincipal("portal:use", { otherwise: "no-access" });
  const harborUrl = env().HARBOR_URL;
  const notifications = await notificationSettings(database().pool, principal.id, principal.roles);
  return (
    <>
      <PageHeader title="Profile" description="Who Berth thinks you are, and why. Your roles are worked out from your identity provider's groups on every request." />
      <div className="grid gap-5 lg:grid-cols-2">
        <Card>
          <CardHeader title="Identity" />
          <CardBody>
            <dl className="grid grid-cols-[8rem_1fr] gap-y-2 text-sm">
              <dt className="text-slate-500">Name</dt>
              <dd data-testid="profile-name">{principal.name}</dd>
              <dt className="text-slate-500">User name</dt>
              <dd className="font-mono">{principal.username}</dd>
              <dt className="text-slate-500">Email</dt>
              <dd>{principal.email ?? "—"}</dd>
              <dt className="text-slate-500">Subject</dt>
              <dd className="break-all font-mono text-xs">{principal.id}</dd>
            </dl>
          </CardBody>
        </Card>
        <Card aria-labelledby="groups-heading">
          <CardHeader id="groups-heading" title="Groups and roles" description="From the groups claim of your identity provider." />
          <CardBody>
            <ul className="mb-4 flex flex-wrap gap-2" data-testid="profile-groups">
              {principal.groups.length ? (
                principal.groups.map((g) => (
                  <li key={g} className="rounded-full bg-slate-100 px-2.5 py-0.5 font-mono text-sm">{g}</li>
                ))
              ) : (
                <li className="text-sm text-slate-600">No groups.</li>
              )}
            </ul>
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="border-b border-slate-200 text-slate-500">
                  <th scope="col" className="py-1.5 pr-3 font-medium">Role</th>
                  <th scope="col" className="py-1.5 pr-3 font-medium">Granted by</th>
                  <th scope="col" className="py-1.5 font-medium">Lets you</th>
                </tr>
              </thead>
              <tbody>
                {ROLES.map((role) => (
                  <tr key={role} className="border-b border-slate-100 align-top" data-testid={`role-${role}`}>
                    <th scope="row" className="py-2 pr-3 font-medium capitalize">{role}</th>
                    <td className="py-2 pr-3 font-mono text-xs">{principal.via[role].length ? principal.via[role].join(", ") : <span className="font-sans text-slate-500">not yours</span>}</td>
                    <td className="py-2 text-slate-600">{ROLE_TEXT[role]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </CardBody>
        </Card>
        <Card className="lg:col-span-2" aria-labelledby="notifications" data-testid="profile-notifications">
          <CardHeader id="notifications" title="Notifications" description="What Berth tells you by email. Chat channels and webhooks are set up by the operators." />
          <CardBody>
            {can(principal, "notify:choose-own") ? (
              <NotificationForm settings={notifications} />
            ) : (
              <p className="text-sm text-slate-700">
                {notifications.email ? `Email goes to ${notifications.email}.` : "Berth has no email address for you from your identity provider."}{" "}
                {notifications.mandatory.length ? `Your role always gets: ${notifications.mandatory.join("; ")}.` : "Your roles get no email from Berth."}
              </p>
            )}
          </CardBody>
        </Card>
        <Card className="lg:col-span-2">
          <CardHeader title="Your own docker login" />
          <CardBody className="space-y-2 text-sm text-slate-700">
            <p>The Docker CLI cannot sign in through your identity provider. For your own pushes and pulls, Harbor gives each OIDC user a <strong>CLI secret</strong>: open Harbor, click your name at the top right, choose <em>User Profile</em>, and copy the CLI secret. It works only while Harbor can still refresh your sign-in.</p>
            <p>
              <a href={harborUrl} rel="noreferrer" target="_blank">Open Harbor</a> · For pipelines and clusters, ask for a <strong>robot account</strong> in Berth instead: robots expire, are least-privilege, and every one is on the record.
            </p>
          </CardBody>
        </Card>
      </div>
    </>
  );
}
