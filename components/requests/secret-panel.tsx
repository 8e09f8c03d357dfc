"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyField } from "@/components/ui/copy-field";
import { RelativeTime } from "@/components/ui/relative-time";
import { revealSecret } from "@/lib/actions/reveal-secret";
import type { RequestView } from "@/lib/governance/views";

type Revealed = { robotName: string; secret: string; dockerLogin: string; kubectl: string | null; registryHost: string };

// The reveal-once robot secret: behind a warning, shown in copyable fields, then gone for good.
export function SecretPanel({ view }: { view: RequestView }) {
  const router = useRouter();
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const secret = view.secret;
  if (!secret && !revealed) return null;
  return (
    <section aria-labelledby="secret-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="secret-heading" className="text-base font-semibold">Robot secret</h2>
      {revealed ? (
        <div className="mt-3 space-y-3" data-testid="revealed-secret">
          <Alert tone="warning">Copy it now. This is the only time Berth shows it; leaving or reloading this page hides it for good.</Alert>
          <CopyField id="robot-username" label="Username" value={revealed.robotName} />
          <CopyField id="robot-secret" label="Secret" value={revealed.secret} />
          <CopyField id="docker-login" label="docker login (the username is quoted: shells expand $)" value={revealed.dockerLogin} multiline />
          {revealed.kubectl ? <CopyField id="kubectl-secret" label="Kubernetes image pull secret" value={revealed.kubectl} multiline /> : null}
        </div>
      ) : secret?.state === "waiting" && view.can.reveal ? (
        <div className="mt-2 space-y-3">
          <p className="text-sm text-slate-700">
            The secret of <code className="font-mono">{secret.robotName}</code> is sealed and waits for you. It can be revealed <strong>once</strong>, until <RelativeTime value={secret.expiresAt} mode="absolute" />; after that Berth wipes it.
          </p>
          <ConfirmDialog
            trigger={<Button>Reveal secret</Button>}
            title="Reveal the robot secret now?"
            description="You will see it once. Berth erases its copy as it shows it to you, so have your CI settings or secret store open."
            confirmLabel="Reveal once"
            variant="primary"
            onConfirm={async () => {
              const res = await revealSecret({ requestId: view.id });
              if (!res.ok) {
                router.refresh();
                return res.error;
              }
              setRevealed(res.data);
            }}
          />
        </div>
      ) : (
        <p className="mt-2 text-sm text-slate-700" data-testid="secret-gone">
          {secret?.state === "revealed" ? (
            <>
              The secret was revealed <RelativeTime value={secret.revealedAt} /> and is no longer stored. Lost it? Ask for a rotation to get a new one.
            </>
          ) : secret?.state === "wiped" ? (
            "The secret was not revealed in time and has been wiped. Ask for a rotation to get a new one."
          ) : (
            "Only the person who asked for this robot can reveal its secret."
          )}
        </p>
      )}
    </section>
  );
}
