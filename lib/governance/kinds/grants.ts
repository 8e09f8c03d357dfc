import type { Prisma } from "../../generated/prisma/client";
import type { RobotPermission } from "../../core/payloads";
import type { Reader } from "./types";

/** The newest grant matching `where`, as policy and drafting read it. */
export async function grantFacts(db: Reader, where: Prisma.GrantWhereInput) {
  const g = await db.grant.findFirst({ where, orderBy: { createdAt: "desc" } });
  if (!g) return null;
  return {
    id: g.id,
    state: g.state,
    subjectType: g.subjectType,
    subjectName: g.subjectName,
    roleId: g.roleId,
    endsAt: g.endsAt,
    permissions: (g.permissions as RobotPermission[] | null) ?? null,
    projectName: g.projectName,
    harborRobotId: g.harborRobotId,
    harborRobotName: g.harborRobotName,
  };
}
