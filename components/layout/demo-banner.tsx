const LABELS = { postgres: "embedded PostgreSQL", idp: "demo identity provider", harbor: "Harbor emulator", mail: "mail catcher" } as const;

// Shown above everything whenever a built-in stand-in replaces a real system.
export function DemoBanner({ standIns }: { standIns: (keyof typeof LABELS)[] }) {
  if (standIns.length === 0) return null;
  return (
    <div role="note" aria-label="Demo mode" className="bg-amber-300 px-4 py-1.5 text-center text-sm font-medium text-amber-950">
      <strong>Demo mode</strong> — running with the built-in {standIns.map((s) => LABELS[s]).join(", ")}. Nothing here touches a real registry.
    </div>
  );
}
