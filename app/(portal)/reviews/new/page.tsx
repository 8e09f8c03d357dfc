import type { Metadata } from "next";
import Link from "next/link";
import { ReviewForm } from "@/components/reviews/review-form";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePrincipal } from "@/lib/authz/guards";
import { reviewFormData } from "@/lib/reviews/pages";

export const metadata: Metadata = { title: "New access review" };

export default async function NewReviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePagePrincipal("review:define");
  const project = (await searchParams).project;
  const { projects, defaults } = await reviewFormData();
  return (
    <>
      <PageHeader eyebrow={<Link href="/reviews">Access reviews</Link>} title="New access review" description="Which access, reviewed by whom, for how long and how often, and what the deadline does to what nobody decided. Policy defaults are filled in." />
      <Card className="max-w-3xl">
        <CardBody>
          <ReviewForm projects={projects} defaults={defaults} initialProject={typeof project === "string" && projects.includes(project) ? project : undefined} />
        </CardBody>
      </Card>
    </>
  );
}
