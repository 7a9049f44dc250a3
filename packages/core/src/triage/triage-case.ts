import type { QuestionnaireResponse } from 'fhir/r4.js';
import { readTriageAnswers } from './triage-answers.ts';
import { TRIAGE_RULES, type TriageContext, type TriagePriority, type TriageRuleId } from './triage-rules.ts';

export interface TriageResult {
  priority: TriagePriority;
  /** Fired rule ids, in rule-table order. */
  firedRules: TriageRuleId[];
}

/** The case's priority: the highest of its fired rules, routine when none fires. */
export function triageCase(response: QuestionnaireResponse, context: TriageContext): TriageResult {
  const answers = readTriageAnswers(response);
  const fired = TRIAGE_RULES.filter((rule) => rule.isFired(answers, context));
  const priority: TriagePriority = fired.some((r) => r.priority === 'urgent')
    ? 'urgent'
    : fired.length > 0
      ? 'soon'
      : 'routine';
  return { priority, firedRules: fired.map((rule) => rule.id) };
}
