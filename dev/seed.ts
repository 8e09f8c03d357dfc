export interface SeedOptions {
  databaseUrl: string;
  env: NodeJS.ProcessEnv;
  log: (msg: string) => void;
}

// Demo data for a fresh embedded database. Filled in with the governance workflow.
export async function seedDemo(_options: SeedOptions): Promise<void> {}
