/**
 * A typed client of the OKR and KPI platform: every path, parameter, body and answer of the gateway's OpenAPI
 * document, as TypeScript types generated from it (src/schema.d.ts), called with openapi-fetch.
 *
 *   const okr = createPlatformClient({ baseUrl: "http://localhost:8080", token: () => session.accessToken });
 *   const { data, error } = await okr.GET("/api/v1/objectives/{id}", { params: { path: { id } } });
 *
 * An answer is either `data` (typed by the document) or `error` (a Problem: type, title, status, detail, errors).
 */
import createClient, { type Client, type Middleware } from "openapi-fetch";

import type { components, operations, paths } from "./schema.js";

export type { components, operations, paths };
export type Schemas = components["schemas"];
export type Problem = Schemas["Problem"];
export type PlatformClient = Client<paths>;

export { followStream, StreamRefused, type StreamEvent, type StreamMessage, type FollowOptions } from "./stream.js";

export interface PlatformOptions {
  /** The gateway's URL, e.g. http://localhost:8080 */
  baseUrl: string;
  /** The caller's JWT, or a function that gives the current one (called before every request). */
  token: string | (() => string | Promise<string>);
  /** Another fetch (tests, proxies); the global one by default. */
  fetch?: typeof globalThis.fetch;
}

/** A client that calls the API as a person (or service) with a JWT. */
export function createPlatformClient(options: PlatformOptions): PlatformClient {
  const client = createClient<paths>({ baseUrl: options.baseUrl, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const bearer: Middleware = {
    async onRequest({ request }) {
      const token = typeof options.token === "function" ? await options.token() : options.token;
      request.headers.set("Authorization", `Bearer ${token}`);
      return request;
    },
  };
  client.use(bearer);
  return client;
}

/**
 * A client for an integration that pushes measurements with its API key (POST /api/v1/integrations shows it once):
 * the key opens the ingestion operations only.
 */
export function createIntegrationClient(options: { baseUrl: string; apiKey: string; fetch?: typeof globalThis.fetch }): PlatformClient {
  return createClient<paths>({
    baseUrl: options.baseUrl,
    headers: { "X-Api-Key": options.apiKey },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

/** The entity tag of an answer (send it back as If-Match to change what was read). */
export function etagOf(response: Response): string {
  const etag = response.headers.get("ETag");
  if (etag === null) {
    throw new Error(`${response.url} answered without an ETag`);
  }
  return etag;
}
