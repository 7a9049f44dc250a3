import type { DestinationStream, LoggerOptions } from 'pino';

/**
 * Structured JSON logs with no secrets and no PHI: requests are logged as method, route pattern,
 * status and timing only (no query string, no body, no headers). pino writes JSON, so CR/LF and
 * ANSI escapes inside values are escaped and cannot forge a log line.
 */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    base: { service: 'dermis' },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    redact: {
      paths: [
        'password',
        '*.password',
        'token',
        '*.token',
        'code',
        '*.code',
        'email',
        '*.email',
        'req.headers',
        'headers.cookie',
        'headers.authorization',
        '*.headers.cookie',
        '*.headers.authorization',
        'res.headers["set-cookie"]',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { method: string; routeOptions?: { url?: string }; id: string }) => ({
        id: req.id,
        method: req.method,
        // The route pattern (/api/admin/users/:id), never the concrete URL: no ids or query strings.
        route: req.routeOptions?.url ?? 'unmatched',
      }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
      // Messages can echo input (SQL errors quote values), so only the type, the SQLSTATE or our code,
      // the constraint name and the stack frames are logged, never the message.
      err: (err: Error & { code?: string; constraint?: string }) => ({
        type: err.name,
        code: err.code,
        constraint: err.constraint,
        frames: err.stack?.split('\n').slice(1, 8).join('\n'),
      }),
    },
  };
}

export type LogDestination = DestinationStream;
