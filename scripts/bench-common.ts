// What every benchmark script shares: its numeric options, a seeded random source (the same data on every run),
// percentiles, and how figures and progress are printed.

/** `--name N` from the command line: a positive whole number, or the fallback. */
export function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number`);
  return value;
}

/** xorshift32 with a fixed seed: every run seeds the same data. */
export function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

export interface Stat {
  p50: number;
  p95: number;
}

/** The p-th percentile (0-100) by the nearest-rank method; NaN for no samples. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function stats(samples: number[]): Stat {
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

export const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

/** A progress line with the seconds since `started`. */
export const progress = (started: number) => (msg: string) => console.log(`[${((performance.now() - started) / 1000).toFixed(1).padStart(6)} s] ${msg}`);
