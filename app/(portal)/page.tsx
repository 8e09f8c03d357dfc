import Link from "next/link";
import { redirect } from "next/navigation";
import { buttonClass } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { getPrincipal } from "@/lib/auth/principal";

export default async function HomePage() {
  const principal = await getPrincipal();
  if (!principal) redirect("/signin");
  const is = (role: string) => principal.roles.includes(role as never);
  return (
    <>
      <PageHeader
        title={`Hello, ${principal.name.split(" ")[0]}`}
        description="What needs you, and the state of your access."
        actions={is("requester") ? <Link href="/requests/new" className={buttonClass()}>New request</Link> : null}
      />
      <div className="grid gap-5 lg:grid-cols-2">
        {is("requester") ? (
          <Card data-testid="home-requester">
            <CardHeader title="Your requests" action={<Link href="/requests">All requests</Link>} />
            <CardBody className="text-sm text-slate-600">Ask for a project, group access or a robot account, and follow each request here.</CardBody>
          </Card>
        ) : null}
        {is("approver") ? (
          <Card data-testid="home-approver">
            <CardHeader title="Approval queue" action={<Link href="/approvals">Open queue</Link>} />
            <CardBody className="text-sm text-slate-600">Requests waiting for a decision, oldest first.</CardBody>
          </Card>
        ) : null}
        {is("auditor") ? (
          <Card data-testid="home-auditor">
            <CardHeader title="Evidence" action={<Link href="/audit">Open audit</Link>} />
            <CardBody className="text-sm text-slate-600">Who had access to what, when, and why.</CardBody>
          </Card>
        ) : null}
      </div>
    </>
  );
}
