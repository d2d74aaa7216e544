/**
 * Follows the organisation's live changes (GET /api/v1/stream, server-sent events) the way a browser can: each
 * connection opens with a stream ticket (POST /api/v1/stream/tickets, single use, 60 s), so the token never goes into
 * a URL; when the connection ends — the network, a redeploy, the token's expiry — it reconnects with a new ticket and
 * the id of the last event seen, and receives what it missed. Works wherever fetch streams bodies (browsers, Node 20+).
 */
import type { Client } from "openapi-fetch";

import type { components, paths } from "./schema.js";

/** One event's data: what changed (`type`, e.g. dev.okr.kpi.measured), about what (`subject`), when, and its new state. */
export type StreamMessage = components["schemas"]["StreamMessage"];

export interface StreamEvent {
  /** Its id: resume after it with lastEventId. */
  id: string;
  /** objective, kpi, rollup, alignment, org-unit, cycle (and reset, expired, which followStream handles itself). */
  name: components["schemas"]["StreamEventName"];
  message: StreamMessage;
}

export interface FollowOptions {
  /** Only events about these objectives, KPIs (ids or keys) or units; all of the organisation's without any. */
  objectiveId?: string[];
  kpiId?: string[];
  unitId?: string[];
  /** Resume after this event. */
  lastEventId?: string;
  /** Ends the stream. */
  signal?: AbortSignal;
  /** Called for every event, in order. */
  onEvent: (event: StreamEvent) => void;
  /** Called when the last event seen is too old to resume from: reload what is shown, then events continue. */
  onReset?: () => void;
  /** Called when a connection fails (it is retried); the stream ends only through the signal. */
  onError?: (error: unknown) => void;
  /** The pause before reconnecting, in ms (the server's retry: line overrides it), doubled after each failure up to 30 s. */
  retryMs?: number;
  fetch?: typeof globalThis.fetch;
}

/** A refusal that retrying cannot change (a filter the gateway refuses, a caller who may not follow the stream). */
export class StreamRefused extends Error {
  constructor(readonly status: number, detail: string) {
    super(`the stream was refused (${status}): ${detail}`);
  }
}

/**
 * Follows the stream until options.signal aborts (it then resolves). `baseUrl` is the gateway's, as given to the client.
 * It rejects with StreamRefused on a 400 or 403, which no retry would change; any other failure is retried, waiting
 * longer each time (up to 30 s) until a connection holds again.
 */
export async function followStream(client: Client<paths>, baseUrl: string, options: FollowOptions): Promise<void> {
  let lastEventId = options.lastEventId;
  let retryMs = options.retryMs ?? 1000;
  let failures = 0;
  const fetcher = options.fetch ?? globalThis.fetch;
  while (!options.signal?.aborted) {
    try {
      const { data, error, response: refused } = await client.POST("/api/v1/stream/tickets", options.signal ? { signal: options.signal } : {});
      if (error !== undefined) {
        if (refused.status === 400 || refused.status === 403) {
          throw new StreamRefused(refused.status, error.detail ?? error.title);
        }
        throw new Error(`no stream ticket: ${refused.status} ${error.detail ?? error.title}`);
      }
      const query = new URLSearchParams({ ticket: data.ticket });
      for (const [name, ids] of [["objectiveId", options.objectiveId], ["kpiId", options.kpiId], ["unitId", options.unitId]] as const) {
        if (ids !== undefined && ids.length > 0) {
          query.set(name, ids.join(","));
        }
      }
      if (lastEventId !== undefined) {
        query.set("lastEventId", lastEventId);
      }
      const response = await fetcher(`${baseUrl.replace(/\/$/, "")}/api/v1/stream?${query}`, {
        headers: { Accept: "text/event-stream" },
        ...(options.signal ? { signal: options.signal } : {}),
      });
      if (!response.ok || response.body === null) {
        const detail = await response.text().catch(() => "");
        if (response.status === 400 || response.status === 403) {
          throw new StreamRefused(response.status, detail);
        }
        throw new Error(`the stream answered ${response.status} ${detail}`);
      }
      for await (const frame of frames(response.body, (retry) => { retryMs = retry; })) {
        failures = 0;
        if (frame.event === "reset") {
          // the events after lastEventId are gone: reload; lastEventId stays until a new event replaces it, so a
          // connection lost before then is told to reset again rather than silently resuming without them
          options.onReset?.();
        } else if (frame.event === "expired") {
          break; // the token behind the ticket expired: a new ticket (with the current token) continues
        } else if (frame.data !== undefined && frame.event !== undefined) {
          const message: StreamMessage = JSON.parse(frame.data);
          options.onEvent({ id: frame.id ?? "", name: toName(frame.event), message });
        }
        // the id is taken once the event was handled: a failure before resumes with it again
        if (frame.id !== undefined && frame.event !== "reset" && frame.event !== "expired") {
          lastEventId = frame.id;
        }
      }
    } catch (error) {
      if (options.signal?.aborted) {
        return;
      }
      if (error instanceof StreamRefused) {
        throw error;
      }
      failures++;
      options.onError?.(error);
    }
    await pause(Math.min(30_000, retryMs * 2 ** Math.min(failures, 5)), options.signal);
  }
}


function toName(event: string): StreamEvent["name"] {
  for (const name of ["objective", "kpi", "rollup", "alignment", "org-unit", "cycle", "kpi-attachment", "reset", "expired"] as const) {
    if (name === event) {
      return name;
    }
  }
  return "change";
}

interface Frame {
  id?: string;
  event?: string;
  data?: string;
}

/**
 * The frames of a text/event-stream, as the HTML standard reads them: comments and unknown fields skipped, `retry:`
 * applied as soon as it is read, lines ended by CR, LF or CRLF even across chunks. The body is cancelled when the
 * reading stops, whatever stops it.
 */
async function* frames(body: ReadableStream<Uint8Array>, onRetry: (ms: number) => void): AsyncGenerator<Frame> {
  const decoder = new TextDecoder();
  let buffered = "";
  let frame: Frame = {};
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        return;
      }
      buffered += decoder.decode(value, { stream: true });
      let newline: number;
      while ((newline = buffered.search(/\r\n|\r|\n/)) >= 0) {
        if (buffered[newline] === "\r" && newline === buffered.length - 1) {
          break; // a CR at the end of a chunk may be the first half of a CRLF
        }
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + (buffered.startsWith("\r\n", newline) ? 2 : 1));
        if (line === "") {
          if (frame.data !== undefined || frame.event !== undefined || frame.id !== undefined) {
            yield frame;
          }
          frame = {};
          continue;
        }
        if (line.startsWith(":")) {
          continue;
        }
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "id") {
          frame.id = value;
        } else if (field === "event") {
          frame.event = value;
        } else if (field === "data") {
          frame.data = frame.data === undefined ? value : `${frame.data}\n${value}`;
        } else if (field === "retry" && /^\d+$/.test(value)) {
          onRetry(Number(value));
        }
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
