import type { ResponseProblem, ResponseProblemCode } from '@dermis/core';

/** The first problem for a field path (e.g. "medication/dose"), as its i18n key, or null. */
export function problemKey(
  problems: readonly ResponseProblem[],
  path: string,
): `response.problems.${ResponseProblemCode}` | null {
  const problem = problems.find((p) => p.path === path);
  return problem ? `response.problems.${problem.code}` : null;
}
