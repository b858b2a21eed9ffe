import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';

/**
 * Structured JSON logs. Personal data (names, emails, phone numbers, tokens) never goes into a log line:
 * callers log ids only, and the formatter masks the few keys that could carry it by mistake.
 */
export type Logger = Pick<PowertoolsLogger, 'info' | 'warn' | 'error' | 'debug' | 'appendKeys' | 'removeKeys'>;

const SENSITIVE = /^(email|name|phone|token|statusToken|authorization|contact|to|cc)$/i;

export function createLogger(serviceName = 'pic'): PowertoolsLogger {
  return new PowertoolsLogger({
    serviceName,
    logLevel: (process.env.PIC_LOG_LEVEL as 'INFO' | undefined) ?? (process.env.VITEST ? 'SILENT' : 'INFO'),
    jsonReplacerFn: (key: string, value: unknown) => (SENSITIVE.test(key) ? '[redacted]' : value),
  });
}
