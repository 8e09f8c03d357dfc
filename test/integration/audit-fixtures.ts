import { roleLabel } from "@/lib/core/roles";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { appendAuditEvents } from "@/lib/audit/append";
import type { AuditContext } from "@/lib/audit/types";

// Grants with their requests, approvals and trail, written the way the workflow does (docs/audit.md vocabulary).

export const alice: AuditContext = { actor: { type: "user", id: "u-alice", name: "Alice", groups: ["team-leads", "finance-devs"] }, sourceIp: "10.1.1.1", userAgent: "test" };
export const bob = { id: "u-bob", name: "Bob" };
export const erin = { id: "u-erin", name: "Erin" };
export const expiry: AuditContext = { actor: { type: "system", id: "expiry" } };
export const worker: AuditContext = { actor: { type: "system", id: "worker" } };

export async function createProject(prisma: PrismaClient, name: string) {
  return prisma.project.create({ data: { name, ownerGroup: `${name}-owners`, template: "standard", quotaGiB: 10, state: "ACTIVE" } });
}

export async function createRequest(
  prisma: PrismaClient,
  opts: { projectName: string; subjectKey: string; approvers?: { id: string; name: string }[]; requester?: { id: string; name: string }; at: Date },
) {
  const requester = opts.requester ?? { id: "u-alice", name: "Alice" };
  const request = await prisma.request.create({
    data: {
      kind: opts.subjectKey.startsWith("robot:") ? "ROBOT_ACCOUNT" : "GROUP_ACCESS",
      payload: { subject: opts.subjectKey },
      justification: "needed for the audit scenario",
      requesterId: requester.id,
      requesterName: requester.name,
      requesterGroups: ["team-leads"],
      projectName: opts.projectName,
      subjectKey: opts.subjectKey,
      policyChecks: [],
      state: "ACTIVE",
      createdAt: opts.at,
    },
  });
  for (const [i, approver] of (opts.approvers ?? [bob]).entries()) {
    await prisma.approval.create({ data: { requestId: request.id, approverId: approver.id, approverName: approver.name, decision: "APPROVE", createdAt: new Date(opts.at.getTime() + 60_000 * (i + 1)) } });
  }
  return request;
}

export interface ActivateOptions {
  project: { id: string; name: string };
  subjectType: "GROUP" | "ROBOT";
  subjectName: string;
  roleId?: number;
  permissions?: { resource: string; action: string }[];
  at: Date;
  endsAt?: Date | null;
  approvers?: { id: string; name: string }[];
  requester?: { id: string; name: string };
  supersedes?: { id: string };
}

const subjectKey = (type: "GROUP" | "ROBOT", name: string) => `${type === "GROUP" ? "group" : "robot"}:${name}`;

/** A request, its approvals, the grant, and the grant.activated event (plus grant.superseded for a role change). */
export async function activateGrant(prisma: PrismaClient, o: ActivateOptions) {
  const key = subjectKey(o.subjectType, o.subjectName);
  const approvers = o.approvers ?? [bob];
  const request = await createRequest(prisma, { projectName: o.project.name, subjectKey: key, approvers, requester: o.requester, at: new Date(o.at.getTime() - 3_600_000) });
  return prisma.$transaction(async (tx) => {
    if (o.supersedes) {
      await tx.grant.update({ where: { id: o.supersedes.id }, data: { state: "SUPERSEDED", endedAt: o.at, endReason: "role changed", endedBy: "u-bob" } });
    }
    const grant = await tx.grant.create({
      data: {
        projectId: o.project.id,
        projectName: o.project.name,
        subjectType: o.subjectType,
        subjectName: o.subjectName,
        roleId: o.roleId ?? null,
        permissions: o.permissions ?? undefined,
        state: "ACTIVE",
        startsAt: o.at,
        endsAt: o.endsAt ?? null,
        requestId: request.id,
        supersedesId: o.supersedes?.id ?? null,
      },
    });
    const common = { objectType: "grant" as const, projectName: o.project.name, subject: key, at: o.at };
    await appendAuditEvents(tx, worker, [
      ...(o.supersedes ? [{ ...common, action: "grant.superseded", objectId: o.supersedes.id, requestId: null, after: { endedAt: o.at.toISOString(), supersededBy: grant.id } }] : []),
      {
        ...common,
        action: "grant.activated",
        objectId: grant.id,
        requestId: request.id,
        after: {
          projectName: o.project.name,
          subjectType: o.subjectType,
          subjectName: o.subjectName,
          roleId: o.roleId ?? null,
          roleName: o.roleId ? roleLabel(o.roleId) : null,
          permissions: o.permissions ?? null,
          startsAt: o.at.toISOString(),
          endsAt: o.endsAt ? o.endsAt.toISOString() : null,
          requestId: request.id,
          approvers,
        },
      },
    ]);
    return { grant, request };
  });
}

export async function endGrant(prisma: PrismaClient, grant: { id: string; projectName: string; subjectType: "GROUP" | "ROBOT"; subjectName: string; requestId: string }, how: "grant.expired" | "grant.revoked", at: Date) {
  await prisma.$transaction(async (tx) => {
    await tx.grant.update({ where: { id: grant.id }, data: { state: how === "grant.expired" ? "EXPIRED" : "REVOKED", endedAt: at, endReason: how === "grant.expired" ? "end date reached" : "no longer needed", endedBy: how === "grant.expired" ? "expiry" : "u-bob" } });
    await appendAuditEvents(tx, how === "grant.expired" ? expiry : { actor: { type: "user", id: "u-bob", name: "Bob", groups: ["registry-admins"] } }, [
      {
        action: how,
        objectType: "grant",
        objectId: grant.id,
        projectName: grant.projectName,
        subject: subjectKey(grant.subjectType, grant.subjectName),
        requestId: grant.requestId,
        at,
        after: { endedAt: at.toISOString(), endedBy: how === "grant.expired" ? "expiry" : "u-bob", reason: how === "grant.expired" ? "end date reached" : "no longer needed" },
      },
    ]);
  });
}

export async function extendGrant(prisma: PrismaClient, grant: { id: string; projectName: string; subjectType: "GROUP" | "ROBOT"; subjectName: string; requestId: string; endsAt: Date | null }, at: Date, endsAt: Date) {
  await prisma.$transaction(async (tx) => {
    await tx.grant.update({ where: { id: grant.id }, data: { endsAt } });
    await appendAuditEvents(tx, alice, [
      {
        action: "grant.extended",
        objectType: "grant",
        objectId: grant.id,
        projectName: grant.projectName,
        subject: subjectKey(grant.subjectType, grant.subjectName),
        requestId: grant.requestId,
        at,
        before: { endsAt: grant.endsAt ? grant.endsAt.toISOString() : null },
        after: { endsAt: endsAt.toISOString() },
      },
    ]);
  });
}
