import { startEmbeddedPostgres } from "./dev/postgres";
async function main() {
  const db = await startEmbeddedPostgres({ dataDir: "/tmp/pg-exp-data", ephemeral: true, quiet: true, port: 45999 });
  console.log(db.url);
  process.on("SIGTERM", () => void db.stop().then(() => process.exit(0)));
  setInterval(() => {}, 1 << 30);
}
void main();
