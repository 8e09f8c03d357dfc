const GiB = 1024 ** 3;

/** Bytes as Harbor's UI shows them: binary units, one decimal below 100. */
export function formatBytes(bytes: number): string {
  if (bytes < 0) return "unlimited";
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits).replace(/\.0$/, "")} ${units[unit]}`;
}

export interface QuotaUse {
  /** 0–100, or null when Harbor has no limit (-1). */
  pct: number | null;
  level: "ok" | "high" | "full";
}

/** How full a quota is; "high" from 80 %, "full" from 95 %. */
export function quotaUse(usedBytes: number, hardBytes: number): QuotaUse {
  if (hardBytes < 0) return { pct: null, level: "ok" };
  const pct = hardBytes === 0 ? (usedBytes > 0 ? 100 : 0) : Math.min(100, (usedBytes / hardBytes) * 100);
  return { pct, level: pct >= 95 ? "full" : pct >= 80 ? "high" : "ok" };
}

export const gibToBytes = (gib: number) => gib * GiB;
