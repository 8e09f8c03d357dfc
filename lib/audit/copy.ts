import { StringDecoder } from "node:string_decoder";
import type pg from "pg";

// COPY … TO STDOUT through node-postgres: PostgreSQL formats the rows in C and node only passes
// text on, which is what makes exports fast. Backpressure pauses the socket, so a slow reader
// holds the server back instead of filling memory.

interface CopyConnection {
  query(text: string): void;
  stream: { pause(): void; resume(): void };
}

class CopyOut {
  private pieces: Buffer[] = [];
  // rows are copied into one block at a time: one allocation per block instead of per row
  private block: Buffer;
  private used = 0;
  private buffered = 0;
  private finished = false;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;
  private connection: CopyConnection | null = null;
  private paused = false;

  constructor(
    private readonly text: string,
    private readonly highWaterMark: number,
    private readonly minChunk: number,
  ) {
    this.block = Buffer.allocUnsafe(minChunk);
  }

  submit(connection: CopyConnection) {
    this.connection = connection;
    connection.query(this.text);
  }

  handleCopyData(msg: { chunk: Buffer }) {
    // the chunk is a view into the protocol parser's buffer, which is reused for later messages: copy it now
    const chunk = msg.chunk;
    if (this.used + chunk.length > this.block.length) this.seal(chunk.length);
    chunk.copy(this.block, this.used);
    this.used += chunk.length;
    this.buffered += chunk.length;
    if (this.buffered >= this.highWaterMark && !this.paused) {
      this.paused = true;
      this.connection?.stream.pause();
    }
    if (this.buffered >= this.minChunk) this.notify();
  }

  private seal(next = 0) {
    if (this.used > 0) this.pieces.push(this.block.subarray(0, this.used));
    this.block = Buffer.allocUnsafe(Math.max(this.minChunk, next));
    this.used = 0;
  }

  handleError(error: Error) {
    this.failure ??= error;
    this.notify();
  }

  handleReadyForQuery() {
    this.finished = true;
    this.notify();
  }

  handleCommandComplete() {}
  handleRowDescription() {}
  handleDataRow() {}
  handleEmptyQuery() {}
  handlePortalSuspended() {}
  handleCopyInResponse() {
    this.handleError(new Error("copyOut runs COPY … TO STDOUT only"));
  }

  private notify() {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  /** Buffers as they arrive, in order, in pieces of at least minChunk bytes; throws the server's error. */
  async *read(): AsyncGenerator<Buffer> {
    for (;;) {
      if (this.buffered > 0 && (this.buffered >= this.minChunk || this.finished || this.failure)) {
        this.seal();
        const out = this.pieces.length === 1 ? this.pieces[0]! : Buffer.concat(this.pieces, this.buffered);
        this.pieces = [];
        this.buffered = 0;
        if (this.paused) {
          this.paused = false;
          this.connection?.stream.resume();
        }
        yield out;
        continue;
      }
      if (this.failure) throw this.failure;
      if (this.finished) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}

/**
 * Runs `COPY (query) TO STDOUT …` on `client` and yields the output as text, cut at line ends.
 * Stopping early leaves the COPY running: the caller must then discard the connection.
 */
export async function* copyOut(client: pg.ClientBase, text: string, options: { highWaterMark?: number; transform?: (lines: string) => string } = {}): AsyncGenerator<string> {
  const highWaterMark = options.highWaterMark ?? 1 << 20;
  const copy = new CopyOut(text, highWaterMark, Math.min(256 * 1024, highWaterMark));
  (client as unknown as { query(q: CopyOut): CopyOut }).query(copy);
  const decoder = new StringDecoder("utf8");
  let rest = "";
  let whole = true;
  for await (const buffer of copy.read()) {
    // PostgreSQL sends one message per row, so a piece normally ends at a line end: decode it whole
    // (once a piece does not, the decoder may hold part of a character, so stay with it)
    if (whole && buffer[buffer.length - 1] === 0x0a) {
      const text = buffer.toString("utf8");
      yield options.transform ? options.transform(text) : text;
      continue;
    }
    whole = false;
    const text = rest + decoder.write(buffer);
    const end = text.lastIndexOf("\n") + 1;
    rest = text.slice(end);
    if (end > 0) yield options.transform ? options.transform(text.slice(0, end)) : text.slice(0, end);
  }
  rest += decoder.end();
  if (rest) yield options.transform ? options.transform(rest) : rest;
}

/**
 * COPY takes no bind parameters, so values travel as transaction-local settings and the SQL reads
 * them with current_setting(): never spliced into the SQL text.
 */
export async function bindAsSettings(client: pg.ClientBase, sql: string, values: unknown[]): Promise<string> {
  if (values.length > 0) {
    const calls = values.map((_, i) => `set_config('berth.export_${i + 1}', $${i + 1}, true)`).join(", ");
    await client.query(`SELECT ${calls}`, values.map((v) => (v instanceof Date ? v.toISOString() : String(v))));
  }
  return sql.replace(/\$(\d+)/g, (_, n: string) => `current_setting('berth.export_${n}')`);
}
