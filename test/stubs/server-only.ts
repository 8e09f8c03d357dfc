// Vitest runs server modules outside React's server environment: `server-only` (which guards client bundles) is empty here.
export {};
