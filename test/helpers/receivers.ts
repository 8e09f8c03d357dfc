import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

// Stand-ins for what notifications are sent to: an HTTP receiver (chat, webhooks, SIEM webhook) whose answers a test
// controls, an SMTP server that keeps what it receives, and a RELP syslog receiver that can cut the connection.

export interface ReceivedPost {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface HttpReceiver {
  url: string;
  received: ReceivedPost[];
  /** Decides the status of each request (default 200); called before it is counted as received. */
  respond: (req: ReceivedPost) => number | Promise<number>;
  /** Refuses connections (the receiver is down) until up() is called. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startHttpReceiver(options: { latencyMs?: number } = {}): Promise<HttpReceiver> {
  let server: http.Server;
  let port = 0;
  const receiver: HttpReceiver = {
    url: "",
    received: [],
    respond: () => 200,
    async down() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
    async up() {
      await listen();
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  const listen = () =>
    new Promise<void>((resolve) => {
      server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
          void (async () => {
            if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
            const post: ReceivedPost = { path: req.url ?? "/", headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: performance.timeOrigin + performance.now() };
            const status = await receiver.respond(post);
            if (status >= 200 && status < 300) receiver.received.push(post);
            res.writeHead(status, { "content-type": "text/plain" }).end(String(status));
          })();
        });
      });
      server.keepAliveTimeout = 5000;
      server.listen(port, "127.0.0.1", () => {
        port = (server.address() as AddressInfo).port;
        receiver.url = `http://127.0.0.1:${port}`;
        resolve();
      });
    });
  await listen();
  return receiver;
}

export interface SmtpCatcher {
  port: number;
  mails: ParsedMail[];
  close(): Promise<void>;
}

export async function startSmtpCatcher(): Promise<SmtpCatcher> {
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export interface RelpReceiver {
  port: number;
  /** The syslog messages acknowledged, in order of acknowledgement. */
  messages: string[];
  /** Cut the connection (without acknowledging) when this returns true for the next syslog frame. */
  cutWhen: (n: number) => boolean;
  connections: number;
  close(): Promise<void>;
}

/** A RELP receiver: acknowledges `open` and each `syslog` frame with 200, answers `close`. */
export async function startRelpReceiver(): Promise<RelpReceiver> {
  const sockets = new Set<net.Socket>();
  const receiver: RelpReceiver = { port: 0, messages: [], cutWhen: () => false, connections: 0, close: async () => {} };
  let frames = 0;
  const server = net.createServer((socket) => {
    receiver.connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    let buffer = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        const m = /^(\d+) (\w+) (\d+)/.exec(buffer.subarray(0, 40).toString("latin1"));
        if (!m) return;
        const len = Number(m[3]);
        const start = m[0].length + (len > 0 ? 1 : 0);
        if (buffer.length < start + len + 1) return;
        const data = buffer.subarray(start, start + len).toString("utf8");
        if (buffer[start + len] !== 0x0a) throw new Error("RELP frame without its trailer");
        buffer = buffer.subarray(start + len + 1);
        const [, txnr, command] = m;
        if (command === "open") socket.write(`${txnr} rsp ${"200 OK\nrelp_version=0\ncommands=syslog".length} 200 OK\nrelp_version=0\ncommands=syslog\n`);
        else if (command === "syslog") {
          if (receiver.cutWhen(++frames)) {
            socket.destroy();
            return;
          }
          receiver.messages.push(data);
          socket.write(`${txnr} rsp 6 200 OK\n`);
        } else if (command === "close") {
          socket.end(`${txnr} rsp 0\n`);
          return;
        }
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  receiver.port = (server.address() as AddressInfo).port;
  receiver.close = async () => {
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => server.close(() => r()));
  };
  return receiver;
}
