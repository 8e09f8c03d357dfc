import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { isOwnerMembership, revokeEffect, subjectLabel, type GrantSubject } from "./format";
import { RevokeGrantButton } from "./revoke-grant-button";

export interface ActionableGrant extends GrantSubject {
  id: string;
  state: string;
  roleLabel: string;
}

/** Extend, rotate and revoke for someone who manages the project; the server checks each again. */
export function GrantActions({ grant, canManage, ownerGroup }: { grant: ActionableGrant; canManage: boolean; ownerGroup: string }) {
  if (!canManage || grant.state !== "ACTIVE") return <span className="text-slate-500">—</span>;
  const subject = subjectLabel(grant);
  const owner = isOwnerMembership(grant, ownerGroup);
  return (
    // relative: keeps the visually hidden labels inside the table's scroll container on narrow screens
    <div className="relative flex flex-wrap items-center gap-1.5">
      <Link href={`/requests/new?kind=GRANT_EXTENSION&grant=${grant.id}`} className={buttonClass("secondary", "sm")}>
        Extend<span className="sr-only"> {subject}</span>
      </Link>
      {grant.subjectType === "ROBOT" ? (
        <Link href={`/requests/new?kind=ROBOT_ROTATION&grant=${grant.id}`} className={buttonClass("secondary", "sm")}>
          Rotate secret<span className="sr-only"> of {subject}</span>
        </Link>
      ) : null}
      {owner ? (
        <span className="text-xs text-slate-600">Owner group: ends with the project</span>
      ) : (
        <RevokeGrantButton grantId={grant.id} subject={subject} projectName={grant.projectName} effect={revokeEffect(grant)} />
      )}
    </div>
  );
}
