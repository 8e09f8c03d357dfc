import "server-only";
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
  // rows are copied into blocks of blockSize bytes: one allocation per block, not per row, and each
  // block small enough to stay out of V8's large-object space (which only a full GC frees)
  private blocks: Buffer[] = [];
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
    private readonly blockSize: number,
  ) {
    this.block = Buffer.allocUnsafe(blockSize);
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
      // hand over the open block too, or a paused stream could wait on a reader that waits on it
      this.seal();
    }
    if (this.blocks.length > 0) this.notify();
  }

  /** Closes the current block (it ends at a message, i.e. row, boundary) and starts a new one. */
  private seal(next = 0) {
    if (this.used > 0) this.blocks.push(this.block.subarray(0, this.used));
    this.block = Buffer.allocUnsafe(Math.max(this.blockSize, next));
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

  private resume() {
    this.paused = false;
    this.connection?.stream.resume();
  }

  private notify() {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  /** Blocks of whole rows as they arrive, in order; throws the server's error. */
  async *read(): AsyncGenerator<Buffer> {
    for (;;) {
      // rows still arrive after a pause (the rest of the packet being parsed): hand those over too
      if (this.blocks.length === 0 && this.used > 0 && (this.finished || this.failure || this.paused)) this.seal();
      const next = this.blocks.shift();
      if (next) {
        this.buffered -= next.length;
        if (this.paused && this.buffered < this.highWaterMark / 2) this.resume();
        yield next;
        continue;
      }
      if (this.failure) throw this.failure;
      if (this.finished) return;
      // everything received was read: never wait on a paused stream
      if (this.paused) this.resume();
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
  const copy = new CopyOut(text, highWaterMark, Math.min(64 * 1024, highWaterMark));
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
