import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

const PROBLEM_KEYS = new Set(['type', 'title', 'status', 'code', 'detail', 'errors', 'retryAfterSeconds']);
// What a leaked stack frame or database error looks like in a response body.
const STACK_OR_SQL =
  /\bat [\w.<>]+ \(|\.ts:\d+|\.js:\d+|node_modules|\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b|syntax error at|violates|relation "/;

/** An RFC 9457 problem with this status and code, and nothing else: no data, no stack, no SQL. */
export function expectProblem(response: LightMyRequestResponse, status: number, code: string) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toContain('application/problem+json');
  const body = response.json() as Record<string, unknown>;
  expect(body.code).toBe(code);
  expect(Object.keys(body).filter((k) => !PROBLEM_KEYS.has(k))).toEqual([]);
  expect(response.body).not.toMatch(STACK_OR_SQL);
  return body;
}

/** A FHIR error: an OperationOutcome carrying the same stable code (modules/fhir), no stack, no SQL. */
export function expectOperationOutcome(response: LightMyRequestResponse, status: number, code: string) {
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toContain('application/fhir+json');
  const body = response.json() as { resourceType?: string; issue?: { details?: { coding?: { code?: string }[] } }[] };
  expect(body.resourceType).toBe('OperationOutcome');
  expect(body.issue?.[0]?.details?.coding?.[0]?.code).toBe(code);
  expect(response.body).not.toMatch(STACK_OR_SQL);
  return body;
}

/** The refusal in the form the route speaks: OperationOutcome on the FHIR API, a problem everywhere else. */
export function expectRefusal(url: string, response: LightMyRequestResponse, status: number, code: string) {
  return url.startsWith('/fhir/')
    ? expectOperationOutcome(response, status, code)
    : expectProblem(response, status, code);
}

/** The parts of a response a client (or an attacker) can compare between two requests. */
export function observable(response: LightMyRequestResponse) {
  return {
    status: response.statusCode,
    contentType: response.headers['content-type'],
    retryAfter: response.headers['retry-after'],
    setsCookie: response.headers['set-cookie'] !== undefined,
    body: response.json() as unknown,
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
