import "server-only";
import { appendAuditEvent } from "../audit/append";
import type { AuditContext } from "../audit/types";
import type { Principal } from "../authz/principal";
import type { Db } from "../db";
import { openSecret } from "../provisioning/secrets";
import { DomainError, notFound } from "../core/errors";
import { subjectKey } from "../core/names";

export interface RevealedSecret {
  robotName: string;
  secret: string;
  registryHost: string;
  dockerLogin: string;
  /** For pull-only robots: an imagePullSecret for Kubernetes. */
  kubectl: string | null;
}

interface LockedSecret {
  id: string;
  robotName: string;
  ciphertext: Buffer | null;
  iv: Buffer | null;
  authTag: Buffer | null;
  expiresAt: Date;
  revealedAt: Date | null;
  wipedAt: Date | null;
  requesterId: string;
  projectName: string;
  grantId: string;
  subjectName: string;
  pullOnly: boolean;
}

/** Single-quoted for POSIX shells: `$` in robot names must not expand (Harbor #7464). */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * Shows a robot's secret exactly once, to the person who asked for it. The ciphertext is erased in the same
 * transaction that reads it, so a second reveal finds nothing.
 */
export async function revealSecret(db: Db, principal: Principal, requestId: string, deps: { key: Buffer; harborUrl: string; now: Date }, audit: AuditContext): Promise<RevealedSecret> {
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<LockedSecret[]>`
      SELECT s.id, s."robotName", s.ciphertext, s.iv, s."authTag", s."expiresAt", s."revealedAt", s."wipedAt", r."requesterId", r."projectName", s."grantId", g."subjectName",
             (g.permissions = '[{"action": "pull", "resource": "repository"}]'::jsonb) AS "pullOnly"
      FROM "RobotSecret" s JOIN "Request" r ON r.id = s."requestId" JOIN "Grant" g ON g.id = s."grantId"
      WHERE s."requestId" = ${requestId}::uuid ORDER BY s."createdAt" DESC LIMIT 1 FOR UPDATE OF s`;
    if (!row || row.requesterId !== principal.id) throw notFound("A secret for this request");
    if (row.revealedAt) throw new DomainError("CONFLICT", `This secret was already revealed (${row.revealedAt.toISOString()}) and is gone. Ask for a rotation to get a new one.`);
    if (row.wipedAt || !row.ciphertext || !row.iv || !row.authTag || row.expiresAt <= deps.now) {
      throw new DomainError("CONFLICT", "This secret was not revealed within its window and has been wiped. Ask for a rotation to get a new one.");
    }
    const secret = openSecret({ ciphertext: row.ciphertext, iv: row.iv, authTag: row.authTag }, deps.key, row.id);
    await tx.robotSecret.update({ where: { id: row.id }, data: { ciphertext: null, iv: null, authTag: null, revealedAt: deps.now } });
    await appendAuditEvent(tx, audit, {
      action: "robot.secret.revealed",
      objectType: "secret",
      objectId: row.id,
      requestId,
      projectName: row.projectName,
      subject: subjectKey("ROBOT", row.subjectName),
      after: { robotName: row.robotName, revealedAt: deps.now.toISOString(), revealedBy: { id: principal.id, name: principal.name } },
    });
    const registryHost = new URL(deps.harborUrl).host;
    const user = shellQuote(row.robotName);
    const pullName = `${row.projectName}-pull`;
    return {
      robotName: row.robotName,
      secret,
      registryHost,
      dockerLogin: `echo ${shellQuote(secret)} | docker login ${registryHost} --username ${user} --password-stdin`,
      kubectl: row.pullOnly ? `kubectl create secret docker-registry ${pullName} --docker-server=${registryHost} --docker-username=${user} --docker-password=${shellQuote(secret)}` : null,
    };
  });
}
