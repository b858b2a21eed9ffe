/**
 * What every handler does around its use case, HTTP, stream or schedule alike: one request id on every log line
 * the invocation writes, and dependencies passed in (`makeHandler(getDeps)`) so a test hands over its own.
 * No import beyond types: the job functions' bundles stay small.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { Logger } from './logger.ts';
import type { Deps } from './ports.ts';

type Extra = Parameters<Logger['info']> extends [unknown, ...infer X] ? X : never;

/** Where a handler takes its dependencies from: the process's own (shared/wiring.ts) or a test's. */
export type DepsSource = () => Promise<Deps>;

/**
 * A logger that adds `keys` to every line. A child per invocation rather than `appendKeys` on the shared one:
 * on this machine several invocations run at once in one process, and their ids must not cross.
 */
export function withKeys(log: Logger, keys: Record<string, unknown>): Logger {
  // Powertools merges every object it is given into the line, after an Error or a string as much as alone.
  const tagged = (extra: Extra) => [...extra, keys] as Extra;
  return {
    info: (input, ...extra) => log.info(input, ...tagged(extra)),
    warn: (input, ...extra) => log.warn(input, ...tagged(extra)),
    error: (input, ...extra) => log.error(input, ...tagged(extra)),
    debug: (input, ...extra) => log.debug(input, ...tagged(extra)),
    appendKeys: (attributes) => log.appendKeys(attributes),
    removeKeys: (names) => log.removeKeys(names),
  };
}

/** Lambda's id for this invocation; one of our own where nothing gives one (the local scheduler, a test). */
export const requestIdOf = (context?: Partial<Context>) => context?.awsRequestId ?? randomUUID();

/** The dependencies of one invocation: the same adapters, a logger that names the invocation on every line. */
export const forInvocation = (deps: Deps, requestId: string): Deps => ({
  ...deps,
  log: withKeys(deps.log, { requestId }),
});

/**
 * A stream or schedule handler around `run`: its dependencies from `source`, the request id on every line, and a
 * fault logged with that id before it goes back to Lambda (which retries, or sets the event aside).
 */
export function makeInvocationHandler<E, R>(
  name: string,
  run: (deps: Deps, event: E) => Promise<R>,
  source: DepsSource,
): (event?: E, context?: Partial<Context>) => Promise<R> {
  return async (event, context) => {
    const deps = forInvocation(await source(), requestIdOf(context));
    try {
      return await run(deps, event as E);
    } catch (error) {
      deps.log.error('invocation fault', {
        function: name,
        error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : 'unknown',
      });
      throw error;
    }
  };
}
