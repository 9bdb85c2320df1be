import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { FUNCTIONS, type FunctionDefinition, type FunctionId, STREAM_CONSUMERS } from '#infra/catalog.ts';
import { HandlerLoadError } from '#shared/errors.ts';
import type { LoadedHandler, StreamHandler } from './handler-types.ts';
import type { HttpHandler } from './http-adapter.ts';

/**
 * Imports `functions/<id>.ts` and returns its exported `handler`: the very module CDK bundles for the
 * Lambda. Handlers read their configuration at import time, so the caller sets process.env first.
 *
 * @throws {HandlerLoadError} naming the file when it is missing, fails to load or exports no handler.
 */
export const loadHandler = async (id: FunctionId): Promise<LoadedHandler> => {
  const url = new URL(`../../functions/${id}.ts`, import.meta.url);
  const file = `functions/${id}.ts`;
  if (!existsSync(fileURLToPath(url))) {
    throw new HandlerLoadError(`${file} is missing: every function in infra/catalog.ts needs one`, file);
  }
  let module: unknown;
  try {
    module = await import(url.href);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new HandlerLoadError(`${file} failed to load: ${reason}`, file, { cause: error });
  }
  if (!hasHandler(module)) throw new HandlerLoadError(`${file} does not export a handler function`, file);
  return module.handler;
};

/**
 * The one untyped boundary (a dynamic import): that `handler` is a function is all JavaScript can tell.
 * Which event it expects is the catalog's promise, and each function's own tests hold it to that.
 */
const hasHandler = (module: unknown): module is { handler: LoadedHandler } =>
  typeof module === 'object' &&
  module !== null &&
  'handler' in module &&
  typeof module.handler === 'function';

/**
 * The functions of the catalog by role: behind the HTTP adapter, fed by a stream poller (one per stream
 * consumer of the catalog, `STREAM_CONSUMERS`), or scheduled.
 */
export interface FunctionHandlers {
  readonly http: ReadonlyMap<FunctionId, HttpHandler>;
  /** The stream consumers' handlers; a consumer missing here gets no poller. */
  readonly streams: ReadonlyMap<FunctionId, StreamHandler>;
  readonly scheduled?: ReadonlyMap<FunctionId, LoadedHandler>;
}

/** Loads every function of the catalog, so a broken one stops the start-up instead of its first request. */
export const loadAllHandlers = async (): Promise<FunctionHandlers> => {
  const loaded = await Promise.all(FUNCTIONS.map(async ({ id }) => [id, await loadHandler(id)] as const));
  const byId = new Map(loaded);
  const streams = new Map<FunctionId, StreamHandler>();
  for (const { id } of STREAM_CONSUMERS) {
    const handler = byId.get(id);
    if (handler === undefined) throw new HandlerLoadError(`${id} is not in the catalog`, id);
    streams.set(id, handler);
  }
  const catalog: readonly FunctionDefinition[] = FUNCTIONS;
  const withRoutes = new Set(catalog.filter((fn) => fn.routes.length > 0).map((fn) => fn.id));
  const scheduled = new Set(catalog.filter((fn) => fn.schedule !== undefined).map((fn) => fn.id));
  return {
    http: new Map(loaded.filter(([id]) => withRoutes.has(id))),
    streams,
    scheduled: new Map(loaded.filter(([id]) => scheduled.has(id))),
  };
};
