import "server-only";
import type { MessageData } from "./kinds";

// One message, as each sink expects it: an email (text and HTML), a Slack, Microsoft Teams or Mattermost incoming
// webhook's JSON, a CloudEvent. Pure functions of the stored message: a retry renders the same thing.

export interface StoredMessage {
  id: string;
  key: string;
  kind: string;
  data: MessageData;
  createdAt: Date;
}

export const absolute = (baseUrl: string, path: string) => `${baseUrl.replace(/\/+$/, "")}${path.startsWith("/") ? path : `/${path}`}`;

const factLines = (data: MessageData) =>
  Object.entries(data.facts)
    .filter(([k, v]) => v !== null && v !== "" && !/Id$/.test(k))
    .map(([k, v]) => [k.replace(/([A-Z])/g, " $1").toLowerCase(), String(v)] as const);

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export const PREFERENCES_PATH = "/profile#notifications";

/**
 * The email of a message. An optional one ends with its one-click unsubscribe link (unsubscribe-token.ts) and the
 * profile's choices; a mandatory one says why it cannot be switched off.
 */
export function renderEmail(message: StoredMessage, baseUrl: string, optional: boolean, unsubscribeUrl: string | null = null): RenderedEmail {
  const { data } = message;
  const url = absolute(baseUrl, data.link);
  const prefs = absolute(baseUrl, PREFERENCES_PATH);
  const mandatory = "This message is sent to everyone in your role and cannot be switched off.";
  const footer = !optional
    ? [`Berth. ${mandatory}`]
    : unsubscribeUrl
      ? [`Berth. Unsubscribe from this kind of message: ${unsubscribeUrl}`, `Or choose what you get on your profile: ${prefs}`]
      : [`Berth. You can switch this kind of message off on your profile: ${prefs}`];
  const htmlFooter = !optional
    ? escapeHtml(mandatory)
    : unsubscribeUrl
      ? `<a href="${escapeHtml(unsubscribeUrl)}">Unsubscribe from this kind of message</a>, or choose what you get on <a href="${escapeHtml(prefs)}">your profile</a>.`
      : `You can switch this kind of message off on <a href="${escapeHtml(prefs)}">your profile</a>.`;
  const text = [...data.lines, "", `${data.linkLabel}: ${url}`, "", "-- ", ...footer].join("\n");
  const html = `<!doctype html><html lang="en"><body style="font-family:system-ui,sans-serif;color:#0f172a;line-height:1.5">
<h1 style="font-size:18px">${escapeHtml(data.title)}</h1>
${data.lines.map((l) => `<p>${escapeHtml(l)}</p>`).join("\n")}
<p><a href="${escapeHtml(url)}" style="display:inline-block;background:#1d4ed8;color:#fff;padding:8px 14px;border-radius:6px;text-decoration:none">${escapeHtml(data.linkLabel)}</a></p>
<p style="font-size:12px;color:#475569">Berth. ${htmlFooter}</p>
</body></html>`;
  return { subject: data.title, text, html };
}

const slackEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Slack incoming webhook: a fallback `text` and Block Kit blocks. */
export function renderSlack(message: StoredMessage, baseUrl: string) {
  const { data } = message;
  const url = absolute(baseUrl, data.link);
  const facts = factLines(data);
  return {
    text: `${data.title} ${url}`,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `*<${url}|${slackEscape(data.title)}>*\n${data.lines.map(slackEscape).join("\n")}` } },
      ...(facts.length ? [{ type: "context", elements: [{ type: "mrkdwn", text: facts.map(([k, v]) => `${k}: ${slackEscape(v)}`).join(" · ") }] }] : []),
      { type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: data.linkLabel }, url }] },
    ],
  };
}

/** Microsoft Teams (Workflows or connector webhook): a message with one Adaptive Card. */
export function renderTeams(message: StoredMessage, baseUrl: string) {
  const { data } = message;
  const url = absolute(baseUrl, data.link);
  const facts = factLines(data);
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body: [
            { type: "TextBlock", text: data.title, weight: "Bolder", size: "Medium", wrap: true },
            ...data.lines.map((l) => ({ type: "TextBlock", text: l, wrap: true })),
            ...(facts.length ? [{ type: "FactSet", facts: facts.map(([title, value]) => ({ title, value })) }] : []),
          ],
          actions: [{ type: "Action.OpenUrl", title: data.linkLabel, url }],
        },
      },
    ],
  };
}

const markdownEscape = (s: string) => s.replace(/([\\`*_[\]<>|#])/g, "\\$1");

/** Mattermost incoming webhook: Markdown `text`. */
export function renderMattermost(message: StoredMessage, baseUrl: string) {
  const { data } = message;
  const url = absolute(baseUrl, data.link);
  const facts = factLines(data);
  return {
    text: [`#### ${markdownEscape(data.title)}`, ...data.lines.map(markdownEscape), ...(facts.length ? [facts.map(([k, v]) => `${k}: ${markdownEscape(v)}`).join(" · ")] : []), `[${markdownEscape(data.linkLabel)}](${url})`].join("\n"),
  };
}

export const CLOUDEVENT_TYPE_PREFIX = "berth.";

/** CloudEvents 1.0, structured mode (application/cloudevents+json). The id is the message's: the same event to every subscriber and on every retry. */
export function renderCloudEvent(message: StoredMessage, baseUrl: string) {
  const { data } = message;
  return {
    specversion: "1.0",
    id: message.id,
    source: baseUrl,
    type: `${CLOUDEVENT_TYPE_PREFIX}${message.kind}`,
    subject: data.link,
    time: message.createdAt.toISOString(),
    datacontenttype: "application/json",
    data: { title: data.title, link: absolute(baseUrl, data.link), ...data.facts },
  };
}
